// The administrators' warning that next year's official holiday schedule has not been entered.
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';

import { localName, type Named } from '~/domain/local-name';

export type ScheduleWarningData = {
  year: number;
  days: Array<Named & { date: string; display: string }>;
};

export function ScheduleWarning({ warning, link = true }: { warning: ScheduleWarningData; link?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="notice notice-warning" role="region" aria-labelledby="schedule-warning-title">
      <h2 id="schedule-warning-title">{t('admin.calendar.missing.title', { year: warning.year })}</h2>
      <p>{t('admin.calendar.missing.intro', { year: warning.year })}</p>
      <ul>
        {warning.days.map((d) => (
          <li key={d.date}>
            <time dateTime={d.date}>{d.display}</time> – {localName(d, i18n.language)}
          </li>
        ))}
      </ul>
      {link ? (
        <p>
          <Link to={`/can-bo/quan-tri/lich?nam=${warning.year}`}>
            {t('admin.calendar.missing.link', { year: warning.year })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
