// The administrators' reminder that next year's official holiday schedule has not been entered.
import { getT } from '~/utils/i18n.server';

import {
  type EmailAgency,
  EmailButton,
  EmailLayout,
  type EmailLocale,
  emailStyles,
  type RenderedEmail,
  renderEmailHtml,
  renderTextLayout,
  safeUrl,
} from './layout';

export type CalendarScheduleEmailData = {
  locale: EmailLocale;
  year: number;
  /** 'dd/mm/yyyy – label' lines: the weekdays the Labour Code rules alone take off */
  days: string[];
  calendarUrl: string;
  agency: EmailAgency;
};

export function renderCalendarScheduleEmail(d: CalendarScheduleEmailData): RenderedEmail {
  const t = getT(d.locale);
  const subject = t('email.calendarSchedule.subject', { year: d.year });
  const heading = t('email.calendarSchedule.heading', { year: d.year });
  const intro = t('email.calendarSchedule.intro', { year: d.year });
  const open = t('email.calendarSchedule.open');
  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={subject} agency={d.agency}>
      <h1 style={emailStyles.h1}>{heading}</h1>
      <p style={emailStyles.p}>{intro}</p>
      <ul>
        {d.days.map((line) => (
          <li key={line} style={emailStyles.p}>
            {line}
          </li>
        ))}
      </ul>
      <EmailButton href={d.calendarUrl} t={t}>
        {open}
      </EmailButton>
    </EmailLayout>,
  );
  const text = renderTextLayout({
    t,
    agency: d.agency,
    blocks: [
      heading.toLocaleUpperCase(d.locale),
      intro,
      d.days.map((l) => `- ${l}`).join('\n'),
      `${open}\n${safeUrl(d.calendarUrl)}`,
    ],
  });
  return { subject, html, text };
}
