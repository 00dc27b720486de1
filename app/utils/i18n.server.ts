// Per-request locale and a translator for loaders, actions and e-mails.
import { parse, serialize } from 'cookie';
import i18next, { createInstance, type i18n as I18n, type TFunction } from 'i18next';

import { DEFAULT_LOCALE, i18nOptions, isLocale, linkLanguage, type Locale, LOCALE_COOKIE } from '~/i18n';
import en from '~/locales/en';
import vi from '~/locales/vi';

import { getEnv } from './env.server';

export const resources = { vi: { translation: vi }, en: { translation: en } };

const instances = new Map<Locale, I18n>();

// meta functions use the global instance (see app/utils/error-meta.ts); on the server it holds both languages
if (!i18next.isInitialized) void i18next.init({ ...i18nOptions, lng: 'vi', resources });

export function getI18n(locale: Locale): I18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createInstance();
    void instance.init({ ...i18nOptions, lng: locale, resources });
    instances.set(locale, instance);
  }
  return instance;
}

export function getT(locale: Locale): TFunction {
  return getI18n(locale).t;
}

/**
 * The language a link names (`?lng=en`, from an English e-mail), else the one chosen with the switcher (the `lng`
 * cookie), else Vietnamese. Read with the `cookie` package Remix's createCookie is built on: createCookie parses
 * asynchronously, and every loader, action and e-mail asks for the locale synchronously.
 */
export function getLocale(request: Request): Locale {
  return linkLanguage(new URL(request.url)) ?? chosenLocale(request) ?? DEFAULT_LOCALE;
}

/** The language the reader chose with the switcher, if any. */
export function chosenLocale(request: Request): Locale | null {
  const value = parse(request.headers.get('Cookie') ?? '')[LOCALE_COOKIE];
  return isLocale(value) ? value : null;
}

/**
 * The Set-Cookie that remembers the language a link named (see getLocale), when it is not the one stored: the
 * pages the reader opens next from there stay in it. Null when there is nothing to remember.
 */
export function linkLanguageCookie(request: Request): string | null {
  const asked = linkLanguage(new URL(request.url));
  return asked && asked !== chosenLocale(request) ? localeCookie(asked) : null;
}

/** The Set-Cookie header that remembers a language for a year. */
export function localeCookie(locale: Locale): string {
  return serialize(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().NODE_ENV === 'production',
  });
}
