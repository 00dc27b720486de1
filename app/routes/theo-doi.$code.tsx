// The submitter's own page for one PAKN: the receipt right after sending, then its status and history.
import {
  type ActionFunctionArgs,
  json,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { requireFollowedView } from '~/auth/follow.server';
import { DocumentList } from '~/components/public/document-list';
import { InfoReplyForm } from '~/components/public/info-reply-form';
import { FileLinks, InfoExchanges } from '~/components/public/submitter-files';
import { GeneralErrorBoundary } from '~/components/ui/error-boundary';
import { closureText } from '~/domain/answer-clock';
import { formatDateVi, toLocalDate } from '~/domain/dates';
import { dueState, explainDueDate } from '~/domain/deadlines';
import { FOLLOW_FLASH, RECEIPT_MARK } from '~/domain/follow';
import { infoReplySchema } from '~/domain/info-wait';
import { localName } from '~/domain/local-name';
import { WorkflowError } from '~/domain/workflow/errors';
import { getSetting } from '~/models/admin/settings.server';
import { getCalendar, getDeadlineRules } from '~/models/config.server';
import { listDocumentsForPakn } from '~/models/documents.server';
import { hitRateLimit } from '~/models/rate-limit.server';
import { ratingToken } from '~/models/ratings.server';
import { listInfoExchanges } from '~/models/submitter-files.server';
import { getOpenInfoRequest, submitInfoReply } from '~/models/workflow/info-reply.server';
import { readFlash, redirectWithFlash } from '~/utils/flash.server';
import { clearFollowAccess } from '~/utils/follow-session.server';
import { parseForm } from '~/utils/forms';
import { clientIp } from '~/utils/http.server';
import { getLocale, getT } from '~/utils/i18n.server';
import { renderSafeMarkdown } from '~/utils/markdown.server';
import { parseSubmissionForm, removeUpload } from '~/utils/uploads.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? '' },
  { name: 'robots', content: 'noindex' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = getLocale(request);
  const t = getT(locale);
  const view = await requireFollowedView(request, params.code);
  const { pakn: p, field, unit, files, history, due, publicStatus } = view;
  const infoRequest = p.status === 'awaiting_info' ? await getOpenInfoRequest({ paknId: p.id }) : null;
  const open = !['answered', 'refused', 'transferred', 'forwarded', 'duplicate', 'closed_no_info'].includes(
    p.status,
  );
  const flash = await readFlash(request);
  return json(
    {
      isNew: new URL(request.url).searchParams.has(RECEIPT_MARK),
      answer:
        p.status === 'answered' && view.answer
          ? { html: renderSafeMarkdown(view.answer.body), ratingPath: `/danh-gia/${ratingToken(p.id)}` }
          : null,
      documents: (await listDocumentsForPakn({ paknId: p.id })).map((doc) => ({
        id: doc.id,
        type: doc.type,
        number: doc.number,
        issuedDate: formatDateVi(doc.issuedDate),
      })),
      infoRequest: infoRequest
        ? {
            question: infoRequest.question,
            askedOn: infoRequest.askedAt ? formatDateVi(infoRequest.askedAt) : null,
          }
        : null,
      infoReplied: flash.message === FOLLOW_FLASH.infoReplied,
      infoLimits: await infoLimits(),
      classifyDays: (await getDeadlineRules()).classify.days,
      code: p.code,
      status: locale === 'en' ? publicStatus.en : publicStatus.vi,
      receivedOn: formatDateVi(p.receivedAt),
      due: formatDateVi(due.due),
      dueWhy: explainDueDate(due, locale),
      closure: closureText(t, p.status, p.closedAt),
      dueState: open ? dueState(due, toLocalDate(new Date()), await getCalendar()) : null,
      unit: unit ? localName(unit, locale) : null,
      record: {
        type: p.type,
        subject: p.subject,
        category: p.category,
        title: p.title,
        content: p.content,
        regulationRef: p.regulationRef,
        field: field ? localName(field, locale) : null,
        submitterKind: p.submitterKind,
        orgName: p.orgName,
        representative: p.representative,
        fullName: p.fullName,
        address: p.address,
        phone: p.phone,
        email: p.email,
      },
      files,
      exchanges: (await listInfoExchanges({ paknId: p.id })).map((e) => ({
        question: e.question,
        askedOn: formatDateVi(e.askedAt),
        reply: e.reply,
        repliedOn: e.repliedAt ? formatDateVi(e.repliedAt) : null,
        files: e.files,
      })),
      history: history.map((h) => ({
        id: h.id,
        at: formatDateVi(h.at),
        text: t([`intake.events.${h.type}`, `staff.followup.events.${h.type}`], {
          code: p.code,
          defaultValue: h.type,
        }),
        note: h.note,
      })),
      pageTitle: `${t('intake.follow.statusTitle', { code: p.code })} – ${t('app.shortName')}`,
    },
    {
      headers: { 'Cache-Control': 'no-store', ...(flash.setCookie ? { 'Set-Cookie': flash.setCookie } : {}) },
    },
  );
}

async function infoLimits() {
  return {
    maxFiles: await getSetting('intake.maxAttachments'),
    maxMb: await getSetting('intake.maxFileMb'),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    return infoReply({ request, params, context } as ActionFunctionArgs);
  }
  return redirect('/theo-doi', { headers: { 'Set-Cookie': await clearFollowAccess(request) } });
}

/** The submitter's answer to an information request: text and files; the clock resumes. */
async function infoReply({ request, params, context }: ActionFunctionArgs) {
  const t = getT(getLocale(request));
  const view = await requireFollowedView(request, params.code);
  if (view.pakn.status !== 'awaiting_info')
    throw json({ message: t('staff.followup.notWaiting') }, { status: 409 });
  const limit = await hitRateLimit({ bucket: 'info-reply', key: clientIp(context) });
  if (!limit.allowed)
    throw json(
      { message: t('intake.form.rateLimited', { minutes: Math.ceil(limit.retryAfterSeconds / 60) }) },
      { status: 429 },
    );
  const { maxFiles, maxMb } = await infoLimits();
  const parsed = await parseSubmissionForm(request, {
    maxFiles,
    maxBytes: maxMb * 1024 * 1024,
    existingFiles: 0,
    fileField: 'files',
  });
  if (!parsed) throw json({ message: t('intake.form.badRequest') }, { status: 400 });
  const { form, stored, problems, tooManyParts } = parsed;
  const submission = parseForm(form, infoReplySchema);
  const files = problems.map(
    (p) => `!${t(`intake.errors.${p.key}`, { name: p.name, mb: maxMb, count: maxFiles })}`,
  );
  if (tooManyParts) files.push(`!${t('intake.errors.tooManyFields')}`);
  if (submission.status !== 'success' || files.length) {
    // nothing is kept from a refused reply: the files are chosen again with the corrected text
    for (const f of stored) removeUpload(f.storedName);
    return json(submission.reply(files.length ? { fieldErrors: { files } } : {}), { status: 400 });
  }
  const reply = submission.value.reply;
  try {
    await submitInfoReply({ paknId: view.pakn.id, text: reply, files: stored, ip: clientIp(context) });
  } catch (error) {
    for (const f of stored) removeUpload(f.storedName);
    if (error instanceof WorkflowError)
      throw json({ message: t(error.messageKey) }, { status: error.status });
    throw error;
  }
  return redirectWithFlash(`/theo-doi/${encodeURIComponent(view.pakn.code)}`, FOLLOW_FLASH.infoReplied);
}

export default function FollowStatus() {
  const d = useLoaderData<typeof loader>();
  const replyResult = useActionData<typeof action>();
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
      <p>
        <a href={`/theo-doi/${d.code}/bien-nhan`}>{t('intake.printReceipt.link')}</a>
      </p>
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
        {d.closure ? (
          <div className="summary-row">
            <dt>{t('answerClock.label')}</dt>
            <dd>
              {d.closure}
              <p className="hint">{t('answerClock.notApplicable')}</p>
            </dd>
          </div>
        ) : (
          <div className="summary-row">
            <dt>{t('intake.receipt.dueOn')}</dt>
            <dd>
              {d.due}
              <p className="hint">{d.dueWhy}</p>
            </dd>
          </div>
        )}
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
      {d.infoReplied ? (
        <p className="notice" role="status">
          {t('staff.followup.done')}
        </p>
      ) : null}
      {d.infoRequest ? (
        <InfoReplyForm request={d.infoRequest} limits={d.infoLimits} result={replyResult} />
      ) : null}
      {d.answer ? (
        <>
          <h2>{t('intake.follow.answer')}</h2>
          <div className="answer-body" dangerouslySetInnerHTML={{ __html: d.answer.html }} />
          <p>
            <a href={d.answer.ratingPath}>{t('pub.rating.title')}</a>
          </p>
        </>
      ) : null}
      <InfoExchanges code={d.code} exchanges={d.exchanges} />
      <DocumentList documents={d.documents} base="/theo-doi/van-ban" />
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
        <div className="summary-row">
          <dt>{t('intake.follow.files')}</dt>
          <dd>
            <FileLinks code={d.code} files={d.files} />
          </dd>
        </div>
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

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
