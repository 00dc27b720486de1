// Per-request locale and a translator for loaders, actions and e-mails.
import i18next, { createInstance, type TFunction, type i18n as I18n } from 'i18next';
import { DEFAULT_LOCALE, i18nOptions, isLocale, LOCALE_COOKIE, type Locale } from '~/i18n';
import en from '~/locales/en';
import vi from '~/locales/vi';

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

export function getLocale(request: Request): Locale {
  const cookie = request.headers.get('Cookie') ?? '';
  const match = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([a-z]{2})`).exec(cookie);
  return match && isLocale(match[1]) ? match[1] : DEFAULT_LOCALE;
}
