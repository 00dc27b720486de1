// The submitter's own page for one PAKN: the receipt right after sending, then its status and history.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatDateVi, toLocalDate } from '~/domain/calendar';
import { dueState, explainDueDate } from '~/domain/deadlines';
import { normaliseCode } from '~/domain/pakn';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { getSubmitterView } from '~/models/pakn.server';
import { clearFollowAccess, getFollowedIds } from '~/utils/follow-session.server';
import { getLocale, getT } from '~/utils/i18n.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const code = normaliseCode(params.code ?? '');
  const ids = await getFollowedIds(request);
  const view = ids.length
    ? ids.map((id) => getSubmitterView({ id })).find((v) => v?.pakn.code === code)
    : null;
  if (!view) return redirect('/theo-doi');
  const { pakn: p, field, unit, files, history, due, publicStatus } = view;
  const open = !['answered', 'refused', 'transferred', 'forwarded', 'duplicate', 'closed_no_info'].includes(
    p.status,
  );
  return json(
    {
      isNew: new URL(request.url).searchParams.has('moi'),
      classifyDays: getDeadlineRules().classify.days,
      code: p.code,
      status: locale === 'en' ? publicStatus.en : publicStatus.vi,
      receivedOn: formatDateVi(p.receivedAt),
      due: formatDateVi(due.due),
      dueWhy: explainDueDate(due, locale),
      dueState: open ? dueState(due, toLocalDate(new Date()), getCalendar()) : null,
      unit: unit ? (locale === 'en' ? unit.nameEn : unit.name) : null,
      record: {
        type: p.type,
        subject: p.subject,
        category: p.category,
        title: p.title,
        content: p.content,
        regulationRef: p.regulationRef,
        field: field ? (locale === 'en' ? field.nameEn : field.name) : null,
        submitterKind: p.submitterKind,
        orgName: p.orgName,
        representative: p.representative,
        fullName: p.fullName,
        address: p.address,
        phone: p.phone,
        email: p.email,
      },
      files,
      history: history.map((h) => ({
        id: h.id,
        at: formatDateVi(h.at),
        text: t(`intake.events.${h.type}`, { code: p.code, defaultValue: h.type }),
        note: h.note,
      })),
      pageTitle: `${t('intake.follow.statusTitle', { code: p.code })} – ${t('app.shortName')}`,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  return redirect('/theo-doi', { headers: { 'Set-Cookie': await clearFollowAccess(request) } });
}

export default function FollowStatus() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const r = d.record;
  return (
    <div className="narrow">
      {d.isNew ? (
        <div className="panel-confirmation" role="status">
          <h1>{t('intake.receipt.title')}</h1>
          <p>{t('intake.receipt.codeLabel')}</p>
          <p className="code-big">{d.code}</p>
          <p>{t('intake.receipt.keepCode')}</p>
        </div>
      ) : (
        <h1>{t('intake.follow.statusTitle', { code: d.code })}</h1>
      )}
      {d.isNew && r.email ? <p>{t('intake.receipt.emailSent', { email: r.email })}</p> : null}
      <dl className="summary-list">
        <div className="summary-row">
          <dt>{t('intake.follow.status')}</dt>
          <dd>
            <strong>{d.status}</strong>
            {d.dueState ? (
              <span className={`tag tag-${d.dueState}`}>{t(`dueState.${d.dueState}`)}</span>
            ) : null}
          </dd>
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
        {d.unit ? (
          <div className="summary-row">
            <dt>{t('intake.follow.unit')}</dt>
            <dd>{d.unit}</dd>
          </div>
        ) : null}
      </dl>
      {d.isNew ? (
        <>
          <h2>{t('intake.receipt.next')}</h2>
          <ol className="steps">
            <li>{t('intake.receipt.next1', { days: d.classifyDays })}</li>
            <li>{t('intake.receipt.next2')}</li>
            <li>{t('intake.receipt.next3')}</li>
          </ol>
        </>
      ) : null}
      <h2>{t('intake.follow.history')}</h2>
      <ol className="timeline">
        {d.history.map((h) => (
          <li key={h.id}>
            <span className="timeline-date">{h.at}</span> {h.text}
            {h.note ? <p className="pre-line">{h.note}</p> : null}
          </li>
        ))}
      </ol>
      <h2>{t('intake.follow.yourRecord')}</h2>
      <dl className="summary-list">
        <Row label={t('intake.form.type')} value={t(`type.${r.type}`)} />
        <Row label={t('intake.form.category')} value={t(`category.${r.category}`)} />
        <Row label={t('intake.form.titleField')} value={r.title} />
        <Row label={t('intake.form.content')} value={r.content} />
        <Row label={t('intake.form.regulationRef')} value={r.regulationRef || t('notProvided')} />
        <Row label={t('intake.form.field')} value={r.field ?? t('intake.form.fieldUnknown')} />
        {r.submitterKind === 'organisation' ? (
          <>
            <Row label={t('intake.form.orgName')} value={r.orgName ?? ''} />
            <Row label={t('intake.form.representative')} value={r.representative ?? ''} />
          </>
        ) : null}
        <Row label={t('intake.form.fullName')} value={r.fullName} />
        <Row label={t('intake.form.address')} value={r.address} />
        <Row label={t('intake.form.phone')} value={r.phone} />
        <Row label={t('intake.form.email')} value={r.email ?? t('notProvided')} />
        <Row
          label={t('intake.follow.files')}
          value={d.files.length ? d.files.map((f) => f.name).join('\n') : t('intake.form.noFiles')}
        />
      </dl>
      <p className="hint">{t('intake.follow.privateNote')}</p>
      <Form method="post">
        <button type="submit" className="button button-secondary">
          {t('intake.follow.signOut')}
        </button>
      </Form>
    </div>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="summary-row">
      <dt>{label}</dt>
      <dd className="pre-line">{value}</dd>
    </div>
  );
}
