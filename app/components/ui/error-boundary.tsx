import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { errorTitleKey } from '~/utils/error-meta';

/** One error page for every route: a translated title, the server's message when it sent one, a way home. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error)) {
    const message =
      typeof error.data === 'string' ? error.data : (error.data as { message?: string } | null)?.message;
    return (
      <div className="error-page">
        <h1>{t(errorTitleKey(error))}</h1>
        <p>{message ?? (error.status === 404 ? t('errorPage.notFoundBody') : t('errorPage.serverBody'))}</p>
        <p>
          <a href="/">{t('errorPage.home')}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="error-page">
      <h1>{t('errorPage.serverTitle')}</h1>
      <p>{t('errorPage.serverBody')}</p>
      <p>
        <a href="/">{t('errorPage.home')}</a>
      </p>
    </div>
  );
}
