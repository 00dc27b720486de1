// A translated <title> for error pages (WCAG 2.4.2), from whichever i18next instance this side has:
// the browser's (one language, initialised before hydration) or the server's (both languages).
import { isRouteErrorResponse } from '@remix-run/react';
import i18next from 'i18next';

const TITLES: Record<number, string> = {
  400: 'errorPage.badRequestTitle',
  403: 'errorPage.forbiddenTitle',
  404: 'errorPage.notFoundTitle',
  409: 'errorPage.conflictTitle',
  410: 'errorPage.goneTitle',
  413: 'errorPage.badRequestTitle',
  415: 'errorPage.badRequestTitle',
  429: 'errorPage.tooManyTitle',
  503: 'errorPage.unavailableTitle',
};

export function errorTitleKey(error: unknown): string {
  return (isRouteErrorResponse(error) && TITLES[error.status]) || 'errorPage.serverTitle';
}

export function errorMeta(error: unknown, locale: string | undefined) {
  const t = i18next.getFixedT(locale ?? 'vi');
  return [{ title: `${t(errorTitleKey(error))} – ${t('app.shortName')}` }];
}

/** The language the root loader chose (its `locale`), for the meta of an error page below it. */
export function rootLocale(matches: ReadonlyArray<{ data: unknown }>): string | undefined {
  const root = matches[0]?.data;
  return root && typeof root === 'object' && 'locale' in root && typeof root.locale === 'string'
    ? root.locale
    : undefined;
}
