// The integrators' page: how to get a key, the first call, the JSON API's endpoints (read from the generated
// OpenAPI document) and the Open311 endpoints.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ScrollTable } from '~/components/ui/scroll-table';
import { toLocalDate } from '~/domain/calendar';
import { staffIntakeFields } from '~/domain/staff-intake';
import { isOperationId, openApiDocument } from '~/exports/openapi';
import { getEnv } from '~/utils/env.server';
import { PUBLIC_CACHE } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export function loader({ request }: LoaderFunctionArgs) {
  const base = getEnv().BASE_URL;
  const doc = openApiDocument(base, { intake: staffIntakeFields(toLocalDate(new Date())) });
  const endpoints = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (['get', 'post'] as const).flatMap((method) => {
      const op = item[method];
      if (!op) return [];
      const id = op.operationId;
      return [{ method: method.toUpperCase(), path: `/api/v1${path}`, id: isOperationId(id) ? id : null }];
    }),
  );
  return json(
    { base, endpoints, pageTitle: getT(getLocale(request))('api.docs.title') },
    { headers: PUBLIC_CACHE },
  );
}

const OPEN311 = [
  ['GET', '/open311/v2/discovery.{json|xml}'],
  ['GET', '/open311/v2/services.{json|xml}'],
  ['GET', '/open311/v2/services/{service_code}.{json|xml}'],
  ['POST', '/open311/v2/requests.{json|xml}'],
  ['GET', '/open311/v2/requests.{json|xml}'],
  ['GET', '/open311/v2/requests/{service_request_id}.{json|xml}'],
] as const;

export default function ApiDocsPage() {
  const { base, endpoints } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('api.docs.title')}</h1>
      <p>{t('api.docs.intro')}</p>
      <h2>{t('api.docs.keyTitle')}</h2>
      <p>{t('api.docs.keyText')}</p>
      {/* focusable: on a phone the example scrolls sideways, by keyboard too (WCAG 2.1.1) */}
      <pre tabIndex={0}>
        <code>npm run apikey:create -- --name &quot;Cổng DVC tỉnh&quot; --scopes submit,read</code>
      </pre>
      <h2>{t('api.docs.firstCallTitle')}</h2>
      <p>{t('api.docs.firstCallText')}</p>
      <pre tabIndex={0}>
        <code>{`curl -H "Authorization: Bearer pakn_…" ${base}/api/v1/pakn/KHCN-2026-000042
curl ${base}/open311/v2/services.json`}</code>
      </pre>
      <p>{t('api.docs.idempotency')}</p>
      <h2>{t('api.docs.endpointsTitle')}</h2>
      <p>
        <a href="/api/v1/openapi.json">{t('api.docs.openapi')}</a>
      </p>
      <ScrollTable label={t('api.docs.endpointsTitle')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('api.docs.method')}</th>
              <th scope="col">{t('api.docs.path')}</th>
              <th scope="col">{t('api.docs.summary')}</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => (
              <tr key={e.method + e.path}>
                <td>{e.method}</td>
                <td>
                  <code>{e.path}</code>
                </td>
                <td>{e.id ? t(`api.docs.operations.${e.id}`) : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <h2>{t('api.docs.open311Title')}</h2>
      <p>{t('api.docs.open311Text')}</p>
      <ul>
        {OPEN311.map(([method, path]) => (
          <li key={method + path}>
            <code>
              {method} {path}
            </code>
          </li>
        ))}
      </ul>
      <h2 id="webhooks">{t('webhooks.docs.title')}</h2>
      <p>{t('webhooks.docs.text')}</p>
      <p>{t('webhooks.docs.signature')}</p>
      <pre tabIndex={0}>
        <code>{`import { createHmac, timingSafeEqual } from 'node:crypto';

// header: X-PAKN-Signature, raw: the body exactly as received, secret: whsec_…
function verify(header, raw, secret) {
  const { t, v1 } = Object.fromEntries(header.split(',').map((p) => p.split('=', 2)));
  if (!/^[0-9a-f]{64}$/.test(v1 ?? '') || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
  const mac = createHmac('sha256', secret).update(\`\${t}.\${raw}\`).digest();
  return timingSafeEqual(mac, Buffer.from(v1, 'hex'));
}`}</code>
      </pre>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
