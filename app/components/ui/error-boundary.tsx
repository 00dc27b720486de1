import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { errorTitleKey } from '~/utils/error-meta';

const DEFAULT_BODIES: Record<number, string> = {
  404: 'errorPage.notFoundBody',
  // the database is unreachable (app/utils/database-faults.server.ts)
  503: 'errorPage.unavailableBody',
};

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
        <p>{message ?? t(DEFAULT_BODIES[error.status] ?? 'errorPage.serverBody')}</p>
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
