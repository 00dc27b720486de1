// Internal mail to staff about one PAKN: the submitter supplied the information asked for (to the handler),
// a draft answer awaits approval (to the approvers), a draft was returned (to the handler, with the
// reason). What the submitter wrote stays on the record: the mail only says where to read it.
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

export type StaffUpdateKind =
  | 'infoSupplied'
  | 'draftSubmitted'
  | 'draftReturned'
  | 'extensionRequested'
  | 'extensionApproved'
  | 'extensionDeclined';

export type StaffUpdateEmailData = {
  locale: EmailLocale;
  kind: StaffUpdateKind;
  code: string;
  title: string;
  /** the due date of the answer, dd/mm/yyyy */
  dueDate?: string | null;
  /** staff text for this step (the approver's reason for returning), plain text */
  note?: string | null;
  recordUrl: string;
  agency: EmailAgency;
};

export function renderStaffUpdateEmail(d: StaffUpdateEmailData): RenderedEmail {
  const t = getT(d.locale);
  const k = `email.staffUpdate.${d.kind}`;
  const v = { code: d.code };
  const subject = t(`${k}.subject`, v);
  const intro = t(`${k}.intro`, v);
  const url = safeUrl(d.recordUrl);
  const note = d.note?.trim() || null;
  const rows: Array<[string, string]> = [[t('email.staffUpdate.titleLabel'), d.title]];
  if (d.dueDate) rows.push([t('email.staffUpdate.dueLabel'), d.dueDate]);
  if (note) rows.push([t(`${k}.noteLabel`, { defaultValue: t('email.staffUpdate.noteLabel') }), note]);
  const linkText = t('email.staffUpdate.linkText', v);
  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={intro} agency={d.agency}>
      <h1 style={emailStyles.h1}>{t(`${k}.heading`)}</h1>
      <p style={emailStyles.p}>{intro}</p>
      {rows.map(([label, value]) => (
        <p key={label} style={{ ...emailStyles.p, whiteSpace: 'pre-line' }}>
          <strong>{label}:</strong> {value}
        </p>
      ))}
      <EmailButton href={url} t={t}>
        {linkText}
      </EmailButton>
    </EmailLayout>,
  );
  const text = renderTextLayout({
    t,
    agency: d.agency,
    blocks: [intro, rows.map(([label, value]) => `${label}: ${value}`).join('\n'), `${linkText}\n${url}`],
  });
  return { subject, html, text };
}
