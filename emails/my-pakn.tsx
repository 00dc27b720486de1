// "PAKN của tôi": sent to an address that asked for the list of its PAKN; a single-use link that expires.
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

export type MyPaknEmailData = {
  locale: EmailLocale;
  /** carries the single-use token */
  url: string;
  expiresMinutes: number;
  count: number;
  agency: EmailAgency;
};

export function renderMyPaknEmail(d: MyPaknEmailData): RenderedEmail {
  const t = getT(d.locale);
  const url = safeUrl(d.url);
  const subject = t('intake.mine.email.subject');
  const s = {
    heading: t('intake.mine.email.heading'),
    intro: t('intake.mine.email.intro', { count: d.count, agency: d.agency.name }),
    button: t('intake.mine.email.button'),
    expires: t('intake.mine.email.expires', { minutes: d.expiresMinutes }),
    ignore: t('intake.mine.email.ignore'),
  };
  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={s.expires} agency={d.agency}>
      <h1 style={emailStyles.h1}>{s.heading}</h1>
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
    blocks: [s.intro, `${s.button}:\n${url}`, s.expires, s.ignore],
  });
  return { subject, html, text };
}
