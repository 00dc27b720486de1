// Remix's <Meta>, with the GOV.UK title rule: after a form post that failed validation the page
// title starts with "Lỗi:" / "Error:", so screen-reader users hear it first. Remix passes only
// loader data to `meta`, so for `meta` alone the `pageTitle` of a route whose action answered with
// errors is prefixed here. Every route that names its title `pageTitle` follows, with or without
// JavaScript (the server renders the same state after a plain POST).
import { Meta } from '@remix-run/react';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { UNSAFE_DataRouterStateContext as DataRouterStateContext } from 'react-router-dom';

/**
 * An action's answer that reports errors: `{ errors: { field: … } }`, `{ formError: '…' }` or conform's
 * `submission.reply()` (`{ error: { field: […] } }`, see ~/utils/forms).
 */
export function hasFormErrors(actionData: unknown): boolean {
  if (!actionData || typeof actionData !== 'object') return false;
  const { errors, error, formError } = actionData as {
    errors?: unknown;
    error?: unknown;
    formError?: unknown;
  };
  if (formError) return true;
  return [errors, error].some(
    (e) =>
      !!e &&
      typeof e === 'object' &&
      Object.values(e).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v))),
  );
}

export function PageMeta() {
  const state = useContext(DataRouterStateContext);
  const { t } = useTranslation();
  const failed = Object.entries(state?.actionData ?? {}).filter(([, d]) => hasFormErrors(d));
  if (!state || !failed.length) return <Meta />;
  const loaderData: Record<string, unknown> = { ...state.loaderData };
  for (const [routeId] of failed) {
    const data = loaderData[routeId];
    if (data && typeof data === 'object' && 'pageTitle' in data && typeof data.pageTitle === 'string') {
      loaderData[routeId] = { ...data, pageTitle: `${t('errorPrefix')} ${data.pageTitle}` };
    }
  }
  return (
    <DataRouterStateContext.Provider value={{ ...state, loaderData }}>
      <Meta />
    </DataRouterStateContext.Provider>
  );
}
