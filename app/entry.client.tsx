import { RemixBrowser } from '@remix-run/react';
import i18next from 'i18next';
import { startTransition, StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';

import { DEFAULT_LOCALE, i18nOptions, isLocale } from './i18n';

async function hydrate() {
  const lang = document.documentElement.lang;
  const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
  // only the page's language is downloaded
  const messages =
    locale === 'en' ? (await import('./locales/en')).default : (await import('./locales/vi')).default;
  await i18next
    .use(initReactI18next)
    .init({ ...i18nOptions, lng: locale, resources: { [locale]: { translation: messages } } });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
