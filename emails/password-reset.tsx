// Sent to a staff member who asked to reset a forgotten password, or whose account an administrator
// has just created ("invite"): a single-use link that expires.
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

export type PasswordResetEmailData = {
  locale: EmailLocale;
  kind: 'reset' | 'invite';
  name: string;
  /** carries the single-use token */
  url: string;
  expiresHours: number;
  agency: EmailAgency;
};

export function renderPasswordResetEmail(d: PasswordResetEmailData): RenderedEmail {
  const t = getT(d.locale);
  const url = safeUrl(d.url);
  const k = `auth.email.${d.kind}`;
  const subject = t(`${k}.subject`);
  const s = {
    heading: t(`${k}.heading`),
    greeting: t('auth.email.greeting', { name: d.name }),
    intro: t(`${k}.intro`, { agency: d.agency.name }),
    button: t(`${k}.button`),
    expires: t('auth.email.expires', { hours: d.expiresHours }),
    ignore: t(`${k}.ignore`),
  };
  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={s.expires} agency={d.agency}>
      <h1 style={emailStyles.h1}>{s.heading}</h1>
      <p style={emailStyles.p}>{s.greeting}</p>
      <p style={emailStyles.p}>{s.intro}</p>
      <EmailButton href={url} t={t}>
        {s.button}
      </EmailButton>
      <p style={emailStyles.warning}>{s.expires}</p>
      <p style={emailStyles.small}>{s.ignore}</p>
    </EmailLayout>,
  );
  const text = renderTextLayout({
    t,
    agency: d.agency,
    blocks: [s.greeting, s.intro, `${s.button}:\n${url}`, s.expires, s.ignore],
  });
  return { subject, html, text };
}

export type NoAccountEmailData = { locale: EmailLocale; agency: EmailAgency };

/**
 * Sent instead of a reset link when no active staff account uses the address: the form then does the
 * same work (one message rendered and queued) whether or not the account exists, so its answer time does
 * not tell which addresses are staff accounts. It carries no link.
 */
export function renderNoAccountEmail(d: NoAccountEmailData): RenderedEmail {
  const t = getT(d.locale);
  const subject = t('auth.email.unknown.subject');
  const s = {
    heading: t('auth.email.unknown.heading'),
    intro: t('auth.email.unknown.intro', { agency: d.agency.name }),
    staff: t('auth.email.unknown.staff'),
    ignore: t('auth.email.unknown.ignore'),
  };
  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={s.intro} agency={d.agency}>
      <h1 style={emailStyles.h1}>{s.heading}</h1>
      <p style={emailStyles.p}>{s.intro}</p>
      <p style={emailStyles.p}>{s.staff}</p>
      <p style={emailStyles.small}>{s.ignore}</p>
    </EmailLayout>,
  );
  const text = renderTextLayout({ t, agency: d.agency, blocks: [s.intro, s.staff, s.ignore] });
  return { subject, html, text };
}
