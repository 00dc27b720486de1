// The summary blocks of the staff record page (app/routes/can-bo.pakn.$id.tsx): status and due dates with
// their explanation, the classification, and the answer being drafted or approved.
import type { SerializeFrom } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { Row } from '~/components/staff/record-sections';
import type { loader } from '~/routes/can-bo.pakn.$id';

type RecordData = SerializeFrom<typeof loader>;

/** The status, then the answer due date (or the closure that replaced it) and, while received, the early clocks. */
export function RecordDueList({ d }: { d: RecordData }) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <Row label={t('staff.record.status')}>
        <strong>{t(`staff.status.${d.pakn.status}`)}</strong>
      </Row>
      {d.closure ? (
        <Row label={t('answerClock.label')}>
          {d.closure}
          <p className="hint">{t('answerClock.notApplicable')}</p>
        </Row>
      ) : (
        <Row label={t('staff.record.dueAnswer')}>
          {d.due.date}{' '}
          {d.due.state ? (
            <span className={`tag tag-${d.due.state}`}>{t(`dueState.${d.due.state}`)}</span>
          ) : null}
          <p className="hint">{d.due.why}</p>
          {d.pausedSince ? (
            <p className="hint">{t('staff.record.pausedSince', { date: d.pausedSince })}</p>
          ) : null}
          {d.infoWaitEnd ? (
            <p className="hint">{t('staff.record.infoWaitEnds', { date: d.infoWaitEnd })}</p>
          ) : null}
        </Row>
      )}
      {d.showEarlyDues ? (
        <>
          <Row label={t('staff.record.dueClassify')}>
            {d.classifyDue.date}
            <p className="hint">{d.classifyDue.why}</p>
          </Row>
          <Row label={t('staff.record.dueTransfer')}>
            {d.transferDue.date}
            <p className="hint">{d.transferDue.why}</p>
          </Row>
        </>
      ) : null}
    </dl>
  );
}

export function RecordClassification({ d }: { d: RecordData }) {
  const { t } = useTranslation();
  const p = d.pakn;
  return (
    <>
      <h2>{t('staff.record.classification')}</h2>
      <dl className="summary-list">
        <Row label={t('staff.record.type')}>{t(`type.${p.type}`)}</Row>
        <Row label={t('staff.record.subject')}>{t(`subject.${p.subject}`)}</Row>
        <Row label={t('staff.record.category')}>{t(`category.${p.category}`)}</Row>
        <Row label={t('staff.record.field')}>{d.field ?? t('staff.record.noField')}</Row>
        <Row label={t('staff.record.unit')}>{d.unit ?? t('staff.record.none')}</Row>
        <Row label={t('staff.record.handler')}>{d.handlerName ?? t('staff.record.none')}</Row>
        {p.refusalReason ? (
          <Row label={t('staff.record.refusalReason')}>{t(`staff.refusal.${p.refusalReason}`)}</Row>
        ) : null}
        {d.agency ? <Row label={t('staff.record.transferredTo')}>{d.agency}</Row> : null}
        {d.duplicateOf ? (
          <Row label={t('staff.record.duplicateOf')}>
            <Link to={`/can-bo/pakn/${d.duplicateOf.id}`}>{d.duplicateOf.code}</Link>
          </Row>
        ) : null}
      </dl>
    </>
  );
}

export function RecordAnswer({ answer }: { answer: NonNullable<RecordData['answer']> }) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('staff.record.answer')}</h2>
      <dl className="summary-list">
        <Row label={t('staff.record.outcome')}>{answer.outcome ? t(`outcome.${answer.outcome}`) : ''}</Row>
        <Row label={t('staff.forms.body')}>
          <div className="pre-line">{answer.body}</div>
        </Row>
        {answer.returnComment ? (
          <Row label={t('staff.record.returnComment')}>{answer.returnComment}</Row>
        ) : null}
        {answer.approvedAt ? (
          <Row label={t('staff.record.status')}>
            {t('staff.record.approvedAt', { date: answer.approvedAt })}
          </Row>
        ) : null}
      </dl>
    </>
  );
}
