// The record page's deadline banner (spec §6): every late step with its working days late, or else the step
// whose clock runs and how many working days it has left.
import { useTranslation } from 'react-i18next';

import type { ClockKey, ClockState } from '~/domain/clocks';
import { formatDateVi } from '~/domain/dates';

type ShownClock = { clock: ClockKey; due: string; workingDays: number; state: ClockState['state'] };

/** What the loader sends: dates formatted, nothing else. */
export function recordClocks(c: { current: ClockState | null; late: ClockState[] }): {
  current: ShownClock | null;
  late: ShownClock[];
} {
  const shown = (x: ClockState): ShownClock => ({ ...x, due: formatDateVi(x.due) });
  return { current: c.current ? shown(c.current) : null, late: c.late.map(shown) };
}

export function RecordClocks({ clocks }: { clocks: ReturnType<typeof recordClocks> }) {
  const { t } = useTranslation();
  if (clocks.late.length > 0) {
    return (
      <div className="notice notice-warning record-clocks" role="note">
        <p>
          <span className="tag tag-overdue">{t('dueState.overdue')}</span>
        </p>
        <ul>
          {clocks.late.map((c) => (
            <li key={c.clock}>
              {t('clockLate', { step: t(`clocks.${c.clock}`), count: -c.workingDays })} ({c.due})
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const c = clocks.current;
  if (!c) return null;
  const step = t(`clocks.${c.clock}`);
  return (
    <p className="record-clocks">
      <span className={`tag tag-${c.state}`}>{t(`dueState.${c.state}`)}</span>{' '}
      {c.workingDays === 0 ? t('clockToday', { step }) : t('clockLeft', { step, count: c.workingDays })} (
      {c.due})
    </p>
  );
}
