// Coordinators: the data-subject requests sent from /quyen-rieng-tu, newest first, with the date by
// which each must be acknowledged.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requirePermission } from '~/auth/guards.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { ScrollTable } from '~/components/ui/scroll-table';
import { formatDateVi } from '~/domain/dates';
import { listPrivacyRequests } from '~/models/privacy-requests.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? '' }];

export async function loader({ request }: LoaderFunctionArgs) {
  // the coordinator's desk: the role that classifies receives these requests too
  await requirePermission(request, 'pakn:classify');
  const t = getT(getLocale(request));
  return json(
    {
      rows: (await listPrivacyRequests()).map((r) => ({
        id: r.id,
        kind: r.kind,
        code: r.code,
        fullName: r.fullName,
        email: r.email,
        phone: r.phone,
        details: r.details,
        received: formatDateVi(r.createdAt),
        acknowledgeBy: formatDateVi(r.acknowledgeBy),
      })),
      pageTitle: `${t('privacy.staff.title')} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export default function PrivacyRequests() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div>
      <h1>{t('privacy.staff.title')}</h1>
      <p className="lead-small">{t('privacy.staff.intro')}</p>
      {d.rows.length === 0 ? (
        <p>{t('privacy.staff.empty')}</p>
      ) : (
        <ScrollTable label={t('privacy.staff.title')}>
          <table className="table">
            <caption className="visually-hidden">{t('privacy.staff.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('privacy.staff.received')}</th>
                <th scope="col">{t('privacy.staff.acknowledgeBy')}</th>
                <th scope="col">{t('privacy.form.kind')}</th>
                <th scope="col">{t('privacy.form.code')}</th>
                <th scope="col">{t('privacy.form.fullName')}</th>
                <th scope="col">{t('privacy.form.details')}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id}>
                  <td>{r.received}</td>
                  <td>{r.acknowledgeBy}</td>
                  <td>{t(`privacy.kind.${r.kind}`)}</td>
                  <td>{r.code || t('notProvided')}</td>
                  <td>
                    {r.fullName}
                    <br />
                    <a href={`mailto:${r.email}`}>{r.email}</a>
                    {r.phone ? (
                      <>
                        <br />
                        {r.phone}
                      </>
                    ) : null}
                  </td>
                  <td className="pre-line">{r.details}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
