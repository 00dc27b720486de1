// The unit's daily digest: its open PAKN that are overdue or due within a few working days.
import type { ReactNode } from 'react';

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

/** One PAKN in a staff list (digest, overdue alert). Only code, title and dates: no personal data. */
export type StaffMailItem = {
  code: string;
  title: string;
  /** dd/mm/yyyy */
  dueDate: string;
  statusLabel: string;
  /** the record page in the staff workspace */
  url: string;
  /** working days past the due date, when overdue */
  lateBy?: number;
  /** the late step of spec §6, translated (overdue alert) */
  step?: string;
  /** the handling unit (overdue alert) */
  unitName?: string | null;
};

export type DigestEmailData = {
  locale: EmailLocale;
  unitName: string;
  /** dd/mm/yyyy */
  date: string;
  soonDays: number;
  overdue: StaffMailItem[];
  dueSoon: StaffMailItem[];
  queueUrl: string;
  agency: EmailAgency;
};

/** A list of items as <ul> and as text lines; `extra` adds per-item lines (unit, lateness). */
export function staffItemList(
  items: StaffMailItem[],
  labels: { due: string; status: string },
  extra: (item: StaffMailItem) => string[] = () => [],
): { html: ReactNode; text: string } {
  const html = (
    <ul style={{ margin: '0 0 16px', paddingLeft: '20px' }}>
      {items.map((it) => {
        const details = [`${labels.due}: ${it.dueDate}`, ...extra(it), `${labels.status}: ${it.statusLabel}`];
        return (
          <li key={it.code} style={{ ...emailStyles.p, margin: '0 0 10px' }}>
            <a href={safeUrl(it.url)} style={emailStyles.link}>
              <strong>{it.code}</strong>
            </a>{' '}
            – {it.title}
            <br />
            <span style={{ fontSize: '14px', color: '#454545' }}>{details.join(' · ')}</span>
          </li>
        );
      })}
    </ul>
  );
  const text = items
    .map((it) =>
      [
        `- ${it.code} – ${it.title}`,
        `  ${[`${labels.due}: ${it.dueDate}`, ...extra(it), `${labels.status}: ${it.statusLabel}`].join(' · ')}`,
        `  ${safeUrl(it.url)}`,
      ].join('\n'),
    )
    .join('\n');
  return { html, text };
}

export function renderDigestEmail(d: DigestEmailData): RenderedEmail {
  const t = getT(d.locale);
  const subject = t('email.digest.subject', {
    unit: d.unitName,
    overdue: d.overdue.length,
    soon: d.dueSoon.length,
    date: d.date,
  });
  const labels = { due: t('email.digest.dueLabel'), status: t('email.digest.statusLabel') };
  const lateBy = (it: StaffMailItem) => (it.lateBy ? [t('email.digest.lateBy', { count: it.lateBy })] : []);
  const sections = [
    {
      title: t('email.digest.overdueHeading', { count: d.overdue.length }),
      list: staffItemList(d.overdue, labels, lateBy),
      n: d.overdue.length,
    },
    {
      title: t('email.digest.dueSoonHeading', { count: d.dueSoon.length }),
      list: staffItemList(d.dueSoon, labels),
      n: d.dueSoon.length,
    },
  ].filter((s) => s.n > 0);
  const heading = t('email.digest.heading', { date: d.date });
  const intro = t('email.digest.intro', { unit: d.unitName, days: d.soonDays });
  const openQueue = t('email.digest.openQueue');

  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={subject} agency={d.agency}>
      <h1 style={emailStyles.h1}>{heading}</h1>
      <p style={emailStyles.p}>{intro}</p>
      {sections.map((s) => (
        <div key={s.title}>
          <h2 style={emailStyles.h2}>{s.title}</h2>
          {s.list.html}
        </div>
      ))}
      <EmailButton href={d.queueUrl} t={t}>
        {openQueue}
      </EmailButton>
    </EmailLayout>,
  );
  const text = renderTextLayout({
    t,
    agency: d.agency,
    blocks: [
      heading.toLocaleUpperCase(d.locale),
      intro,
      ...sections.map((s) => `${s.title.toLocaleUpperCase(d.locale)}\n${s.list.text}`),
      `${openQueue}\n${safeUrl(d.queueUrl)}`,
    ],
  });
  return { subject, html, text };
}
