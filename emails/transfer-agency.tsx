// The competent agency's copy of a transferred PAKN (NĐ 20 Điều 9; spec §4): the transfer letter is attached as
// PDF, the PAKN follows in full with its files attached. The submitter's contact goes with it because the
// receiving agency answers them directly, and the mail says so (spec §8: disclosed for that purpose only).
import { getT } from '~/utils/i18n.server';

import {
  type EmailAgency,
  EmailLayout,
  type EmailLocale,
  emailStyles,
  type RenderedEmail,
  renderEmailHtml,
  renderTextLayout,
} from './layout';

export type TransferAgencyEmailData = {
  locale: EmailLocale;
  agency: EmailAgency;
  targetName: string;
  code: string;
  receivedDate: string;
  letterNumber: string;
  reason: string;
  title: string;
  content: string;
  submitter: { name: string; address: string; phone: string; email: string | null };
  files: string[];
};

export function renderTransferAgencyEmail(d: TransferAgencyEmailData): RenderedEmail {
  const t = getT(d.locale);
  const k = (key: string, o: Record<string, unknown> = {}) => t(`email.transferAgency.${key}`, o);
  const subject = k('subject', { code: d.code, number: d.letterNumber });
  const intro = k('intro', {
    target: d.targetName,
    agency: d.agency.name,
    code: d.code,
    number: d.letterNumber,
  });
  const facts: Array<[string, string]> = [
    [k('codeLabel'), d.code],
    [k('receivedLabel'), d.receivedDate],
    [k('reasonLabel'), d.reason],
    [k('titleLabel'), d.title],
  ];
  const contact: Array<[string, string]> = [
    [k('nameLabel'), d.submitter.name],
    [k('addressLabel'), d.submitter.address],
    [k('phoneLabel'), d.submitter.phone],
    ...(d.submitter.email ? ([[k('emailLabel'), d.submitter.email]] as Array<[string, string]>) : []),
  ];
  const filesText = d.files.length ? d.files.map((f) => `- ${f}`).join('\n') : k('noFiles');

  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={subject} agency={d.agency}>
      <h1 style={emailStyles.h1}>{k('heading')}</h1>
      <p style={emailStyles.p}>{intro}</p>
      {facts.map(([label, value]) => (
        <p key={label} style={emailStyles.p}>
          <strong>{label}:</strong> {value}
        </p>
      ))}
      <h2 style={emailStyles.h2}>{k('contentHeading')}</h2>
      <p style={{ ...emailStyles.p, whiteSpace: 'pre-wrap' }}>{d.content}</p>
      <h2 style={emailStyles.h2}>{k('submitterHeading')}</h2>
      <div style={emailStyles.panel}>
        {contact.map(([label, value]) => (
          <p key={label} style={emailStyles.p}>
            <strong>{label}:</strong> {value}
          </p>
        ))}
        <p style={emailStyles.small}>{k('contactPurpose')}</p>
      </div>
      <h2 style={emailStyles.h2}>{k('filesHeading')}</h2>
      {d.files.length ? (
        <ul>
          {d.files.map((f) => (
            <li key={f} style={emailStyles.p}>
              {f}
            </li>
          ))}
        </ul>
      ) : (
        <p style={emailStyles.p}>{k('noFiles')}</p>
      )}
      <p style={emailStyles.p}>{k('closing')}</p>
    </EmailLayout>,
  );
  const text = renderTextLayout({
    t,
    agency: d.agency,
    blocks: [
      k('heading').toLocaleUpperCase(d.locale),
      intro,
      facts.map(([l, v]) => `${l}: ${v}`).join('\n'),
      `${k('contentHeading')}:\n${d.content}`,
      `${k('submitterHeading')}:\n${contact.map(([l, v]) => `${l}: ${v}`).join('\n')}\n${k('contactPurpose')}`,
      `${k('filesHeading')}:\n${filesText}`,
      k('closing'),
    ],
  });
  return { subject, html, text };
}
