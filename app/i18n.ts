// Shared by server and browser. Vietnamese is the default; English is the second language.
import { z } from 'zod';

export const SUPPORTED_LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
export const LOCALE_COOKIE = 'lng';
/** The language of what the agency publishes (titles, summaries, answers), whatever the interface's language. */
export const CONTENT_LANG: Locale = DEFAULT_LOCALE;

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

/**
 * A link for a reader of `lang` who may have no language stored (an e-mail opened on another device): the default
 * language needs nothing, another is named in the address (`?lng=en`), which the page answers in and remembers.
 */
export function linkInLanguage(url: string, lang: Locale): string {
  if (lang === DEFAULT_LOCALE) return url;
  return `${url}${url.includes('?') ? '&' : '?'}${LOCALE_COOKIE}=${lang}`;
}

/** The language a link names (`?lng=en`, see linkInLanguage), if any. */
export function linkLanguage(url: URL): Locale | null {
  const asked = url.searchParams.get(LOCALE_COOKIE);
  return isLocale(asked) ? asked : null;
}

/**
 * The language switch in the page header: the language wanted and the page to go back to. It never
 * fails: an unknown language changes nothing, and the page is checked by safeRedirect.
 */
export const languageSwitchSchema = z.object({
  lng: z.enum(SUPPORTED_LOCALES).optional().catch(undefined),
  redirectTo: z.string().optional(),
});

export const i18nOptions = {
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...SUPPORTED_LOCALES],
  defaultNS: 'translation',
  interpolation: { escapeValue: false }, // React escapes
  // keys are paths ('staff.queue.title') in one namespace: said outright, i18next skips the guess it makes on
  // every call (is this key a path or a sentence, does it name a namespace?): about a tenth of its time
  keySeparator: '.',
  nsSeparator: false,
  initImmediate: false,
  returnNull: false,
} as const;
