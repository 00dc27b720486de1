// The shared frame of every e-mail: agency name on top, its contact in the footer.
// HTML is rendered with renderToStaticMarkup (React escapes every value), inline styles only, no
// layout tables, one column that reads well on a phone and in a screen reader. Each template also
// builds a plain-text part with renderTextLayout so the two never disagree.
import type { TFunction } from 'i18next';
import type { CSSProperties, ReactElement, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

export type EmailLocale = 'vi' | 'en';

export type EmailAgency = {
  name: string;
  address: string;
  hotline: string;
  email: string;
  officeHours: string;
};

/** What every template returns; the caller passes it to enqueueMail with `to` and `template`. */
export type RenderedEmail = { subject: string; html: string; text: string };

const colors = {
  text: '#1b1b1b',
  muted: '#454545',
  brand: '#0b4f8a',
  link: '#0b4f8a',
  border: '#c9d1d9',
  panel: '#eef4fa',
  page: '#f4f6f8',
  white: '#ffffff',
};

const font = "Arial, 'Helvetica Neue', Helvetica, sans-serif";

/** Inline styles for templates' content, so all e-mails look alike. */
export const emailStyles = {
  h1: { margin: '0 0 16px', fontSize: '22px', lineHeight: '1.3', color: colors.brand, fontWeight: 700 },
  h2: { margin: '24px 0 8px', fontSize: '18px', lineHeight: '1.35', color: colors.text, fontWeight: 700 },
  p: { margin: '0 0 12px', fontSize: '16px', lineHeight: '1.55', color: colors.text },
  small: { margin: '0 0 12px', fontSize: '14px', lineHeight: '1.5', color: colors.muted },
  link: { color: colors.link, textDecoration: 'underline' },
  url: {
    margin: '0 0 12px',
    fontSize: '14px',
    lineHeight: '1.5',
    color: colors.muted,
    wordBreak: 'break-all',
  },
  panel: {
    margin: '16px 0',
    padding: '16px',
    backgroundColor: colors.panel,
    borderLeft: `4px solid ${colors.brand}`,
    borderRadius: '4px',
  },
  code: {
    margin: '4px 0 8px',
    fontSize: '26px',
    lineHeight: '1.25',
    fontWeight: 700,
    letterSpacing: '0.5px',
    color: colors.text,
    fontFamily: "'Courier New', Courier, monospace",
  },
  button: {
    display: 'inline-block',
    padding: '12px 20px',
    backgroundColor: colors.brand,
    color: colors.white,
    fontSize: '16px',
    fontWeight: 700,
    textDecoration: 'none',
    borderRadius: '4px',
  },
  warning: {
    margin: '0 0 12px',
    padding: '12px',
    fontSize: '15px',
    lineHeight: '1.5',
    color: colors.text,
    backgroundColor: '#fff8e1',
    border: '1px solid #e0c36a',
    borderRadius: '4px',
  },
} satisfies Record<string, CSSProperties>;

/** Links in e-mails are built by the portal; refuse anything that is not http(s). */
export function safeUrl(url: string): string {
  const { protocol } = new URL(url);
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error('e-mail link must be http(s)');
  return url;
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A prominent link with the address written out below it for clients that block links. */
export function EmailButton({ href, children, t }: { href: string; children: ReactNode; t: TFunction }) {
  const url = safeUrl(href);
  return (
    <>
      <p style={{ margin: '8px 0 12px' }}>
        <a href={url} style={emailStyles.button}>
          {children}
        </a>
      </p>
      <p style={emailStyles.url}>
        {t('email.layout.copyHint')}
        <br />
        <a href={url} style={emailStyles.link}>
          {url}
        </a>
      </p>
    </>
  );
}

export function EmailLayout({
  locale,
  t,
  title,
  preheader,
  agency,
  children,
}: {
  locale: EmailLocale;
  t: TFunction;
  /** the subject, used as the document title */
  title: string;
  /** the summary line shown by mail clients next to the subject */
  preheader?: string;
  agency: EmailAgency;
  children: ReactNode;
}) {
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{title}</title>
      </head>
      <body
        style={{ margin: 0, padding: 0, backgroundColor: colors.page, fontFamily: font, color: colors.text }}
      >
        {preheader ? (
          <div style={{ display: 'none', maxHeight: 0, overflow: 'hidden', opacity: 0 }}>{preheader}</div>
        ) : null}
        <div
          role="article"
          aria-roledescription="email"
          aria-label={title}
          lang={locale}
          style={{ maxWidth: '600px', margin: '0 auto', padding: '16px 12px' }}
        >
          <div
            style={{
              padding: '16px 20px',
              backgroundColor: colors.brand,
              color: colors.white,
              borderRadius: '4px 4px 0 0',
            }}
          >
            <p
              style={{
                margin: 0,
                fontSize: '18px',
                lineHeight: '1.35',
                fontWeight: 700,
                color: colors.white,
              }}
            >
              {agency.name}
            </p>
          </div>
          <div
            style={{
              padding: '24px 20px',
              backgroundColor: colors.white,
              border: `1px solid ${colors.border}`,
              borderTop: 'none',
            }}
          >
            {children}
          </div>
          <div style={{ padding: '16px 20px', fontSize: '14px', lineHeight: '1.5', color: colors.muted }}>
            <h2 style={{ margin: '0 0 8px', fontSize: '15px', color: colors.text }}>
              {t('email.layout.contactHeading')}
            </h2>
            <p style={{ margin: '0 0 4px', fontWeight: 700, color: colors.text }}>{agency.name}</p>
            <p style={{ margin: '0 0 4px' }}>
              {t('email.layout.address')}: {agency.address}
            </p>
            <p style={{ margin: '0 0 4px' }}>
              {t('email.layout.hotline')}:{' '}
              <a href={telHref(agency.hotline)} style={emailStyles.link}>
                {agency.hotline}
              </a>
            </p>
            <p style={{ margin: '0 0 4px' }}>
              {t('email.layout.email')}:{' '}
              <a href={`mailto:${agency.email}`} style={emailStyles.link}>
                {agency.email}
              </a>
            </p>
            <p style={{ margin: '0 0 12px' }}>
              {t('email.layout.officeHours')}: {agency.officeHours}
            </p>
            <p style={{ margin: 0, fontSize: '13px' }}>{t('email.layout.automated')}</p>
          </div>
        </div>
      </body>
    </html>
  );
}

export function renderEmailHtml(element: ReactElement): string {
  return `<!DOCTYPE html>${renderToStaticMarkup(element)}`;
}

/**
 * The plain-text part: agency name, the body blocks separated by blank lines, then the contact
 * footer. A block may be several lines; empty blocks are dropped.
 */
export function renderTextLayout({
  t,
  agency,
  blocks,
}: {
  t: TFunction;
  agency: EmailAgency;
  blocks: Array<string | null | undefined | false>;
}): string {
  const rule = '-'.repeat(60);
  const footer = [
    t('email.layout.contactHeading'),
    agency.name,
    `${t('email.layout.address')}: ${agency.address}`,
    `${t('email.layout.hotline')}: ${agency.hotline}`,
    `${t('email.layout.email')}: ${agency.email}`,
    `${t('email.layout.officeHours')}: ${agency.officeHours}`,
    '',
    t('email.layout.automated'),
  ].join('\n');
  const body = blocks.filter((b): b is string => typeof b === 'string' && b.trim() !== '');
  return [agency.name, rule, ...body, rule, footer].join('\n\n') + '\n';
}
