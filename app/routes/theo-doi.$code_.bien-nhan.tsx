// The printable receipt (giấy biên nhận) of one PAKN, A4, for its submitter: the agency's header, the
// code, the received date, the due date and why. Plain HTML and print CSS, no script needed.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requireFollowedView } from '~/auth/follow.server';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { formatDateVi } from '~/domain/dates';
import { explainDueDate } from '~/domain/deadlines';
import { localName } from '~/domain/local-name';
import { getAgency } from '~/models/config.server';
import { getEnv } from '~/utils/env.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const view = await requireFollowedView(request, params.code);
  const { pakn: p, due } = view;
  const agency = await getAgency();
  return json(
    {
      parentName: agency.parentName,
      agencyName: localName(agency, locale),
      agencyAddress: agency.address,
      code: p.code,
      title: p.title,
      submitter:
        p.submitterKind === 'organisation' && p.orgName ? `${p.orgName} (${p.fullName})` : p.fullName,
      receivedOn: formatDateVi(p.receivedAt),
      due: formatDateVi(due.due),
      dueWhy: explainDueDate(due, locale),
      followUrl: `${getEnv().BASE_URL}/theo-doi`,
      pageTitle: `${t('intake.printReceipt.title')} ${p.code} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

export default function PrintableReceipt() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="a4-notice a4-receipt">
      <p className="notice-parent">{d.parentName}</p>
      <p className="notice-agency">{d.agencyName}</p>
      <p className="receipt-address">{d.agencyAddress}</p>
      <h1 className="notice-title">{t('intake.printReceipt.heading')}</h1>
      <p className="notice-subtitle">{t('intake.printReceipt.subtitle')}</p>
      <dl className="summary-list receipt-list">
        <div className="summary-row">
          <dt>{t('intake.receipt.codeLabel')}</dt>
          <dd>
            <strong className="code-big">{d.code}</strong>
          </dd>
        </div>
        <div className="summary-row">
          <dt>{t('intake.printReceipt.submitter')}</dt>
          <dd>{d.submitter}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('intake.form.titleField')}</dt>
          <dd>{d.title}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('intake.receipt.receivedOn')}</dt>
          <dd>{d.receivedOn}</dd>
        </div>
        <div className="summary-row">
          <dt>{t('intake.receipt.dueOn')}</dt>
          <dd>
            {d.due}
            <p className="hint">{d.dueWhy}</p>
          </dd>
        </div>
      </dl>
      <p className="notice-foot">{t('intake.printReceipt.follow', { url: d.followUrl })}</p>
      <p className="no-print">
        {t('intake.printReceipt.howToPrint')} <a href={`/theo-doi/${d.code}`}>{t('back')}</a>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
