// Shared by server and browser. Vietnamese is the default; English is the second language.
export const SUPPORTED_LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';
export const LOCALE_COOKIE = 'lng';

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

export const i18nOptions = {
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...SUPPORTED_LOCALES],
  defaultNS: 'translation',
  interpolation: { escapeValue: false }, // React escapes
  initImmediate: false,
  returnNull: false,
} as const;
