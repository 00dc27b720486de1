// The due cell of a queue row: the running step of spec §6, its date, its state and the working days left or
// late ("Phân loại 13/02/2026 · Quá hạn · Quá hạn 2 ngày làm việc").
import { useTranslation } from 'react-i18next';

import type { ClockKey } from '~/domain/clocks';
import type { DueState } from '~/domain/deadlines';

export type QueueDue = {
  /** the answer due date, dd/mm/yyyy; null when the answer clock no longer applies (refused, transferred…) */
  due: string | null;
  extended: boolean;
  dueState: DueState | null;
  step: ClockKey | null;
  /** the running step's due date, dd/mm/yyyy */
  stepDue: string | null;
  workingDays: number | null;
};

export function QueueDueCell({ r }: { r: QueueDue }) {
  const { t } = useTranslation();
  const showStep = r.step !== null && r.stepDue !== null;
  return (
    <>
      {showStep ? (
        <>
          <span className="queue-step">{t(`clocks.${r.step}`)}</span> {r.stepDue}
        </>
      ) : (
        (r.due ?? t('answerClock.none'))
      )}
      {r.extended && r.step === 'answer' ? (
        <span className="hint"> ({t('staff.queue.extended')})</span>
      ) : null}{' '}
      {r.dueState ? <span className={`tag tag-${r.dueState}`}>{t(`dueState.${r.dueState}`)}</span> : null}
      {r.workingDays !== null && r.dueState !== 'paused' ? (
        <span className="hint queue-days">
          {' '}
          {r.workingDays < 0
            ? t('lateDays', { count: -r.workingDays })
            : r.workingDays === 0
              ? t('dueToday')
              : t('leftDays', { count: r.workingDays })}
        </span>
      ) : null}
    </>
  );
}
