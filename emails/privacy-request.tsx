// Sent to each coordinator when a data subject asks to access, correct or delete their data, or to
// withdraw consent: who, which PAKN, by when it must be acknowledged.
import { getT } from '~/utils/i18n.server';

import {
  type EmailAgency,
  EmailButton,
  EmailLayout,
  emailStyles,
  type RenderedEmail,
  renderEmailHtml,
  renderTextLayout,
  safeUrl,
} from './layout';

export type PrivacyRequestEmailData = {
  kindLabel: string;
  code: string;
  fullName: string;
  email: string;
  phone: string;
  details: string;
  /** dd/mm/yyyy */
  acknowledgeBy: string;
  listUrl: string;
  agency: EmailAgency;
};

export function renderPrivacyRequestEmail(d: PrivacyRequestEmailData): RenderedEmail {
  const t = getT('vi');
  const subject = t('privacy.email.subject', { kind: d.kindLabel });
  const lines = [
    `${t('privacy.form.kind')}: ${d.kindLabel}`,
    `${t('privacy.form.code')}: ${d.code || t('notProvided')}`,
    `${t('privacy.form.fullName')}: ${d.fullName}`,
    `${t('privacy.form.email')}: ${d.email}`,
    `${t('privacy.form.phone')}: ${d.phone || t('notProvided')}`,
    `${t('privacy.form.details')}: ${d.details || t('notProvided')}`,
  ];
  const due = t('privacy.email.due', { date: d.acknowledgeBy });
  const html = renderEmailHtml(
    <EmailLayout locale="vi" t={t} title={subject} preheader={due} agency={d.agency}>
      <h1 style={emailStyles.h1}>{subject}</h1>
      {lines.map((l) => (
        <p style={emailStyles.p} key={l}>
          {l}
        </p>
      ))}
      <p style={emailStyles.warning}>{due}</p>
      <EmailButton href={safeUrl(d.listUrl)} t={t}>
        {t('privacy.email.button')}
      </EmailButton>
    </EmailLayout>,
  );
  const text = renderTextLayout({ t, agency: d.agency, blocks: [lines.join('\n'), due, d.listUrl] });
  return { subject, html, text };
}
