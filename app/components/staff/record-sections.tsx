// Sections of the staff record page (app/routes/can-bo.pakn.$id.tsx): what the submitter sent, the notes and the
// timeline, a waiting extension request, and the notice after a stale post (the typed text kept).
import type { SerializeFrom } from '@remix-run/node';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import type { ActionResult } from '~/components/staff/staff-action-forms';
import type { loader } from '~/routes/can-bo.pakn.$id';

type RecordData = SerializeFrom<typeof loader>;

export function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="summary-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function formatSize(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** After a stale post: the page is the fresh version; the typed text stays in the form, or here to be copied. */
export function StaleNotice({
  result,
  intents,
  paknId,
}: {
  result: ActionResult;
  intents: readonly string[];
  paknId: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice notice-warning" role="alert">
      <p>{t('staff.errors.staleKept')}</p>
      {intents.some((i) => i === result.intent) ? null : (
        // the action is not offered at the new state: the text stays on the page to be copied
        <dl className="summary-list">
          {Object.entries(result.reply.initialValue ?? {})
            .flatMap(([k, v]): Array<[string, string]> =>
              typeof v === 'string' && v.trim() && !['intent', 'version'].includes(k) ? [[k, v]] : [],
            )
            .map(([k, v]) => (
              <Row key={k} label={t('staff.errors.staleTyped')}>
                <div className="pre-line">{v}</div>
              </Row>
            ))}
        </dl>
      )}
      <p>
        <a href={`/can-bo/pakn/${paknId}`}>{t('staff.errors.staleBack')}</a>
      </p>
    </div>
  );
}

export function PendingExtension({ request }: { request: NonNullable<RecordData['pendingExtension']> }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="status" id="extension-request">
      <p>
        <strong>
          {t('staff.record.extensionPending', {
            date: request.newDate,
            by: request.by ?? '',
            at: request.at,
          })}
        </strong>
      </p>
      <p className="pre-line">{request.note}</p>
    </div>
  );
}

export function SubmittedSection({
  pakn,
  files,
  contactMasked,
}: {
  pakn: RecordData['pakn'];
  files: RecordData['files'];
  contactMasked: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('staff.record.submitted')}</h2>
      {contactMasked ? <p className="hint">{t('staff.record.contactMasked')}</p> : null}
      <dl className="summary-list">
        <Row label={t('staff.record.titleField')}>{pakn.title}</Row>
        <Row label={t('staff.record.content')}>
          <div className="pre-line">{pakn.content}</div>
        </Row>
        <Row label={t('staff.record.regulationRef')}>{pakn.regulationRef || t('notProvided')}</Row>
        <Row label={t('staff.record.channel')}>{t(`channel.${pakn.channel}`)}</Row>
        <Row label={t('staff.record.receivedAt')}>{pakn.receivedAt}</Row>
        {pakn.submitterKind === 'organisation' ? (
          <>
            <Row label={t('staff.record.orgName')}>{pakn.orgName}</Row>
            <Row label={t('staff.record.representative')}>{pakn.representative}</Row>
          </>
        ) : null}
        <Row label={t('staff.record.fullName')}>{pakn.fullName}</Row>
        <Row label={t('staff.record.address')}>{pakn.address || t('notProvided')}</Row>
        <Row label={t('staff.record.phone')}>{pakn.phone || t('notProvided')}</Row>
        <Row label={t('staff.record.email')}>{pakn.email ?? t('notProvided')}</Row>
        <Row label={t('staff.record.identity')}>{pakn.showIdentity ? t('yes') : t('no')}</Row>
        <Row label={t('staff.record.files')}>
          {files.length ? (
            <ul className="file-list">
              {files.map((f) => (
                <li key={f.id}>
                  <a href={`/can-bo/pakn/${pakn.id}/tep/${f.id}`} download>
                    {t('staff.record.download', { name: f.name, size: formatSize(f.size) })}
                  </a>{' '}
                  <span className="hint">({t(`staff.record.source.${f.source}`)})</span>
                </li>
              ))}
            </ul>
          ) : (
            t('staff.record.noFiles')
          )}
        </Row>
      </dl>
    </>
  );
}

export function RecordHistory({
  notes,
  timeline,
}: {
  notes: RecordData['notes'];
  timeline: RecordData['timeline'];
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('staff.record.notes')}</h2>
      {notes.length ? (
        <ul className="timeline">
          {notes.map((n) => (
            <li key={n.id}>
              <span className="timeline-date">{n.at}</span> {n.actor ?? t('staff.record.system')}
              <p className="pre-line">{n.note}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('staff.record.noNotes')}</p>
      )}

      <h2>{t('staff.record.timeline')}</h2>
      <ol className="timeline">
        {timeline.map((e) => (
          <li key={e.id}>
            <span className="timeline-date">{e.at}</span>{' '}
            <strong>{t(`staff.events.${e.type}`, { defaultValue: e.type })}</strong>
            {' – '}
            {e.actor ??
              (e.type === 'info_reply' || (e.type === 'receive_info' && !e.actor)
                ? t('staff.record.submitterActor')
                : t('staff.record.system'))}
            {e.toStatus && e.toStatus !== e.fromStatus ? ` → ${t(`staff.status.${e.toStatus}`)}` : null}
            {e.isPublic ? null : <span className="hint"> ({t('staff.record.internal')})</span>}
            {e.note ? <p className="pre-line">{e.note}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}
