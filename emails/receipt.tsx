// Sent to the submitter as soon as a PAKN is received: its code, dates, the private follow-up link.
import { salutation, type Salutee } from '~/domain/salutation';
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

export type ReceiptEmailData = {
  locale: EmailLocale;
  code: string;
  title: string;
  /** dd/mm/yyyy */
  receivedDate: string;
  /** dd/mm/yyyy */
  dueDate: string;
  /** e.g. "15 ngày làm việc kể từ ngày tiếp nhận (…)" */
  dueExplanation: string;
  /** private link: carries the access token */
  followUrl: string;
  lookupUrl: string;
  agency: EmailAgency;
  /** addressed by app/domain/salutation.ts, as in every other e-mail and document */
  submitter: Salutee;
};

export function renderReceiptEmail(d: ReceiptEmailData): RenderedEmail {
  const base = getT(d.locale);
  const { you, addressee } = salutation(d.submitter, d.locale);
  const t = (key: string, o: Record<string, unknown> = {}): string => base(key, { you, ...o });
  const followUrl = safeUrl(d.followUrl);
  const lookupUrl = safeUrl(d.lookupUrl);
  const subject = t('email.receipt.subject', { code: d.code });
  const s = {
    heading: t('email.receipt.heading'),
    greeting: t('email.receipt.greeting', { name: addressee }),
    intro: t('email.receipt.intro', { agency: d.agency.name }),
    codeLabel: t('email.receipt.codeLabel'),
    codeHint: t('email.receipt.codeHint'),
    titleLabel: t('email.receipt.titleLabel'),
    receivedLabel: t('email.receipt.receivedLabel'),
    dueLabel: t('email.receipt.dueLabel'),
    followHeading: t('email.receipt.followHeading'),
    followIntro: t('email.receipt.followIntro'),
    followLinkText: t('email.receipt.followLinkText', { code: d.code }),
    followPrivate: t('email.receipt.followPrivate'),
    lookupHeading: t('email.receipt.lookupHeading'),
    lookupText: t('email.receipt.lookupText', { code: d.code }),
    lookupLinkText: t('email.receipt.lookupLinkText'),
    contact: t('email.receipt.contact', { agency: d.agency.name }),
    closing: t('email.receipt.closing'),
  };

  const html = renderEmailHtml(
    <EmailLayout
      locale={d.locale}
      t={base}
      title={subject}
      preheader={t('email.receipt.preheader', { code: d.code, dueDate: d.dueDate })}
      agency={d.agency}
    >
      <h1 style={emailStyles.h1}>{s.heading}</h1>
      <p style={emailStyles.p}>{s.greeting}</p>
      <p style={emailStyles.p}>{s.intro}</p>

      <div style={emailStyles.panel}>
        <p style={{ ...emailStyles.p, margin: 0 }}>{s.codeLabel}</p>
        <p style={emailStyles.code}>{d.code}</p>
        <p style={{ ...emailStyles.small, margin: 0 }}>{s.codeHint}</p>
      </div>

      <p style={emailStyles.p}>
        <strong>{s.titleLabel}:</strong> {d.title}
      </p>
      <p style={emailStyles.p}>
        <strong>{s.receivedLabel}:</strong> {d.receivedDate}
      </p>
      <p style={emailStyles.p}>
        <strong>{s.dueLabel}:</strong> {d.dueDate}
        <br />
        <span style={{ color: '#454545' }}>{d.dueExplanation}</span>
      </p>

      <h2 style={emailStyles.h2}>{s.followHeading}</h2>
      <p style={emailStyles.p}>{s.followIntro}</p>
      <EmailButton href={followUrl} t={base}>
        {s.followLinkText}
      </EmailButton>
      <p style={emailStyles.warning}>{s.followPrivate}</p>

      <h2 style={emailStyles.h2}>{s.lookupHeading}</h2>
      <p style={emailStyles.p}>{s.lookupText}</p>
      <p style={emailStyles.p}>
        <a href={lookupUrl} style={emailStyles.link}>
          {s.lookupLinkText}
        </a>{' '}
        <span style={{ wordBreak: 'break-all', color: '#454545' }}>({lookupUrl})</span>
      </p>

      <p style={{ ...emailStyles.p, marginTop: '24px' }}>{s.contact}</p>
      <p style={{ ...emailStyles.p, margin: 0 }}>
        {s.closing}
        <br />
        {d.agency.name}
      </p>
    </EmailLayout>,
  );

  const text = renderTextLayout({
    t: base,
    agency: d.agency,
    blocks: [
      s.greeting,
      s.intro,
      `${s.codeLabel}: ${d.code}\n${s.codeHint}`,
      [
        `${s.titleLabel}: ${d.title}`,
        `${s.receivedLabel}: ${d.receivedDate}`,
        `${s.dueLabel}: ${d.dueDate}`,
        d.dueExplanation,
      ].join('\n'),
      `${s.followHeading.toLocaleUpperCase(d.locale)}\n${s.followIntro}\n${followUrl}`,
      s.followPrivate,
      `${s.lookupHeading.toLocaleUpperCase(d.locale)}\n${s.lookupText}\n${lookupUrl}`,
      s.contact,
      `${s.closing}\n${d.agency.name}`,
    ],
  });

  return { subject, html, text };
}
