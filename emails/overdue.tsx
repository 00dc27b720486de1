// The coordinators' alert: PAKN that became overdue since the last run, each listed once.
import { getT } from '~/utils/i18n.server';

import { staffItemList, type StaffMailItem } from './digest';
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

export type OverdueEmailData = {
  locale: EmailLocale;
  items: StaffMailItem[];
  queueUrl: string;
  agency: EmailAgency;
};

export function renderOverdueEmail(d: OverdueEmailData): RenderedEmail {
  const t = getT(d.locale);
  const subject = t('email.overdue.subject', { count: d.items.length });
  const heading = t('email.overdue.heading');
  const intro = t('email.overdue.intro');
  const openQueue = t('email.overdue.openQueue');
  const list = staffItemList(
    d.items,
    { due: t('email.overdue.dueLabel'), status: t('email.overdue.statusLabel') },
    (it) => [
      ...(it.step
        ? [
            `${t('email.overdue.stepLabel')}: ${it.step}` +
              (it.lateBy ? ` (${t('email.digest.lateBy', { count: it.lateBy })})` : ''),
          ]
        : []),
      `${t('email.overdue.unitLabel')}: ${it.unitName ?? t('email.overdue.noUnit')}`,
    ],
  );

  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={subject} agency={d.agency}>
      <h1 style={emailStyles.h1}>{heading}</h1>
      <p style={emailStyles.p}>{intro}</p>
      {list.html}
      <EmailButton href={d.queueUrl} t={t}>
        {openQueue}
      </EmailButton>
    </EmailLayout>,
  );
  const text = renderTextLayout({
    t,
    agency: d.agency,
    blocks: [heading.toLocaleUpperCase(d.locale), intro, list.text, `${openQueue}\n${safeUrl(d.queueUrl)}`],
  });
  return { subject, html, text };
}
