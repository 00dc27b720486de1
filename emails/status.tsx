// What the submitter is told at each step of the workflow (spec §4–§6), in their language, and the
// unit's mail when a PAKN is assigned to it. One template, parameterised by the step, so every status
// mail looks and reads alike. Text written by staff (notes, the question, the answer) is plain text:
// React escapes it in the HTML part, line breaks become <br>. The answer is the exception: the answer form allows
// the safe Markdown subset, rendered by app/utils/markdown.server.ts (HTML off) and as plain text in the text part.
import { Fragment, type ReactNode } from 'react';

import { salutation, type Salutee } from '~/domain/salutation';
import { getT } from '~/utils/i18n.server';
import { markdownToPlainText, renderSafeMarkdown } from '~/utils/markdown.server';

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

export type StatusStep =
  | 'refused'
  | 'transferred'
  | 'forwarded'
  | 'duplicate'
  | 'assigned'
  | 'reassigned'
  | 'info_requested'
  | 'extended'
  | 'answered'
  | 'closed_no_info'
  /** the periodic update while the answer is late */
  | 'progress';

type StatusCommon = {
  locale: EmailLocale;
  code: string;
  title: string;
  /** addressed by app/domain/salutation.ts, as in the receipt and the documents */
  submitter: Salutee;
  agency: EmailAgency;
  /** the public look-up page (code + e-mail/phone): the private link's token is not kept in clear */
  lookupUrl: string;
  /** the staff's note for this step (reason, question, explanation); plain text */
  note?: string | null;
  /** the VI.3 document issued with this step, for the submitter's own view */
  document?: { number: string; url: string } | null;
};

export type StatusEmailData = StatusCommon &
  (
    | {
        step: 'refused';
        reason: { code: string; label: string; guidance: string } | null;
        /** R08 as a repeat (issue #15): the earlier PAKN whose answer answers this one */
        repeatOf?: { code: string; url: string } | null;
      }
    | { step: 'transferred' | 'forwarded'; target: { name: string; address: string; email: string } | null }
    | { step: 'duplicate'; originalCode: string | null }
    | { step: 'assigned' | 'reassigned'; unitName: string; dueDate: string; dueExplanation: string }
    | { step: 'info_requested'; infoWaitDays: number }
    | { step: 'extended'; newDate: string; dueExplanation: string }
    | {
        step: 'answered';
        answerBody: string;
        outcomeLabel: string | null;
        ratingUrl: string;
        publicUrl: string;
      }
    | { step: 'closed_no_info' }
    | {
        step: 'progress';
        dueDate: string;
        statusLabel: string;
        unitName: string | null;
        everyDays: number;
      }
  );

/** A piece of the body, as HTML and as plain text, so the two parts never disagree. */
type Block = { html: ReactNode; text: string | null };

/** Plain text with its line breaks kept, escaped by React. */
export function Lines({ text }: { text: string }) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

const p = (text: string): Block => ({ html: <p style={emailStyles.p}>{text}</p>, text });

function labelled(label: string, value: string, extra?: string | null): Block {
  return {
    html: (
      <p style={emailStyles.p}>
        <strong>{label}:</strong> <Lines text={value} />
        {extra ? (
          <>
            <br />
            <span style={{ color: '#454545' }}>{extra}</span>
          </>
        ) : null}
      </p>
    ),
    text: [`${label}: ${value}`, extra].filter(Boolean).join('\n'),
  };
}

function panel(label: string, value: string): Block {
  return {
    html: (
      <div style={emailStyles.panel}>
        <p style={{ ...emailStyles.p, fontWeight: 700 }}>{label}</p>
        <p style={{ ...emailStyles.p, margin: 0 }}>
          <Lines text={value} />
        </p>
      </div>
    ),
    text: `${label.toLocaleUpperCase()}\n${value}`,
  };
}

function heading(text: string, locale: EmailLocale): Block {
  return { html: <h2 style={emailStyles.h2}>{text}</h2>, text: text.toLocaleUpperCase(locale) };
}

export function renderStatusEmail(d: StatusEmailData): RenderedEmail {
  const base = getT(d.locale);
  const { you, addressee } = salutation(d.submitter, d.locale);
  const t = (key: string, o: Record<string, unknown> = {}): string => base(key, { you, ...o });
  const k = (key: string, opts: Record<string, unknown> = {}) =>
    t(`email.status.${d.step}.${key}`, { code: d.code, agency: d.agency.name, ...opts });
  const lookupUrl = safeUrl(d.lookupUrl);
  const subject = k('subject');
  const note = d.note?.trim() ? d.note.trim() : null;
  const noteBlock = (label = t('email.status.noteLabel')) => (note ? labelled(label, note) : null);

  const body: Array<Block | null> = [];
  switch (d.step) {
    case 'refused':
      body.push(p(k('intro')));
      if (d.reason) body.push(labelled(k('reasonLabel'), d.reason.label));
      if (d.repeatOf) {
        body.push(
          labelled(
            t('similar.email.repeatLabel'),
            t('similar.email.repeatText', { code: d.repeatOf.code, url: safeUrl(d.repeatOf.url) }),
          ),
        );
      }
      body.push(noteBlock());
      if (d.reason) body.push(panel(k('guidanceHeading'), d.reason.guidance));
      break;
    case 'transferred':
    case 'forwarded':
      body.push(p(k('intro')));
      if (d.target) {
        const lines = [d.target.name];
        if (d.target.address)
          lines.push(`${t('email.status.transferred.addressLabel')}: ${d.target.address}`);
        if (d.target.email) lines.push(`${t('email.status.transferred.emailLabel')}: ${d.target.email}`);
        body.push(panel(k('agencyLabel'), lines.join('\n')));
      }
      body.push(noteBlock(d.step === 'transferred' ? k('reasonLabel') : undefined));
      body.push(p(k('next')));
      break;
    case 'duplicate':
      body.push(p(k('intro')));
      if (d.originalCode) body.push(labelled(k('originalLabel'), d.originalCode));
      body.push(noteBlock());
      body.push(p(k('next')));
      break;
    case 'assigned':
    case 'reassigned':
      body.push(p(k('intro')));
      body.push(panel(k('unitLabel'), d.unitName));
      body.push(labelled(k('dueLabel'), d.dueDate, d.dueExplanation));
      break;
    case 'info_requested':
      body.push(p(k('intro')));
      body.push(panel(k('questionLabel'), note ?? ''));
      body.push(p(k('howTo')));
      body.push({
        html: (
          <EmailButton href={lookupUrl} t={base}>
            {k('linkText')}
          </EmailButton>
        ),
        text: lookupUrl,
      });
      body.push(p(k('pause', { days: d.infoWaitDays })));
      break;
    case 'extended':
      body.push(p(k('apology')));
      body.push(noteBlock(k('reasonLabel')));
      body.push(labelled(k('newDateLabel'), d.newDate, d.dueExplanation));
      body.push(p(k('promise', { date: d.newDate })));
      break;
    case 'answered':
      body.push(p(k('intro')));
      if (d.outcomeLabel) body.push(labelled(k('outcomeLabel'), d.outcomeLabel));
      body.push(heading(k('answerHeading'), d.locale));
      // the answer form allows the safe Markdown subset: rendered (markdown-it, HTML off) and as clean text
      body.push({
        html: (
          <div
            style={{ ...emailStyles.panel, ...emailStyles.p, whiteSpace: 'normal' }}
            dangerouslySetInnerHTML={{ __html: renderSafeMarkdown(d.answerBody) }}
          />
        ),
        text: markdownToPlainText(d.answerBody),
      });
      body.push(p(k('next', { url: d.publicUrl })));
      body.push(p(k('rateIntro')));
      body.push({
        html: (
          <EmailButton href={d.ratingUrl} t={base}>
            {k('rateLink')}
          </EmailButton>
        ),
        text: `${k('rateLink')}: ${d.ratingUrl}`,
      });
      break;
    case 'closed_no_info':
      body.push(p(k('intro')));
      body.push(noteBlock());
      body.push(p(k('next')));
      break;
    case 'progress':
      body.push(p(k('intro', { due: d.dueDate })));
      body.push(labelled(k('statusLabel'), d.statusLabel));
      if (d.unitName) body.push(labelled(k('unitLabel'), d.unitName));
      body.push(noteBlock());
      body.push(p(k('next', { days: d.everyDays })));
      break;
  }

  if (d.document) {
    const url = safeUrl(d.document.url);
    const label = t('documents.email.documentLink', { number: d.document.number });
    body.push({
      html: (
        <>
          <EmailButton href={url} t={base}>
            {label}
          </EmailButton>
          <p style={emailStyles.small}>{t('documents.email.documentHint')}</p>
        </>
      ),
      text: `${label}\n${url}\n${t('documents.email.documentHint')}`,
    });
  }

  const blocks = body.filter((b): b is Block => b !== null);
  const greeting = t('email.status.greeting', { name: addressee });
  const ref = `${t('email.status.codeLabel')}: ${d.code}\n${t('email.status.titleLabel')}: ${d.title}`;
  const follow = d.step !== 'info_requested';
  const s = {
    followHeading: t('email.status.followHeading'),
    followText: t('email.status.followText', { code: d.code }),
    followLinkText: t('email.status.followLinkText', { code: d.code }),
    contact: t('email.status.contact', { agency: d.agency.name }),
    closing: t('email.status.closing'),
  };

  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={base} title={subject} preheader={subject} agency={d.agency}>
      <h1 style={emailStyles.h1}>{k('heading')}</h1>
      <p style={emailStyles.p}>{greeting}</p>
      <p style={emailStyles.small}>
        {t('email.status.codeLabel')}: <strong>{d.code}</strong>
        <br />
        {t('email.status.titleLabel')}: {d.title}
      </p>
      {blocks.map((b, i) => (
        <Fragment key={i}>{b.html}</Fragment>
      ))}
      {follow ? (
        <>
          <h2 style={emailStyles.h2}>{s.followHeading}</h2>
          <p style={emailStyles.p}>{s.followText}</p>
          <p style={emailStyles.p}>
            <a href={lookupUrl} style={emailStyles.link}>
              {s.followLinkText}
            </a>{' '}
            <span style={{ wordBreak: 'break-all', color: '#454545' }}>({lookupUrl})</span>
          </p>
        </>
      ) : null}
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
      k('heading').toLocaleUpperCase(d.locale),
      greeting,
      ref,
      ...blocks.map((b) => b.text),
      follow ? `${s.followHeading.toLocaleUpperCase(d.locale)}\n${s.followText}\n${lookupUrl}` : null,
      s.contact,
      `${s.closing}\n${d.agency.name}`,
    ],
  });
  return { subject, html, text };
}

export type UnitAssignedEmailData = {
  locale: EmailLocale;
  reassigned: boolean;
  code: string;
  title: string;
  unitName: string;
  receivedDate: string;
  dueDate: string;
  dueExplanation: string;
  note?: string | null;
  /** the record page in the staff workspace */
  recordUrl: string;
  agency: EmailAgency;
};

/** To the unit's mailbox when a PAKN is assigned (or reassigned) to it. No personal data of the submitter. */
export function renderUnitAssignedEmail(d: UnitAssignedEmailData): RenderedEmail {
  const t = getT(d.locale);
  const recordUrl = safeUrl(d.recordUrl);
  const v = { code: d.code, unit: d.unitName };
  const subject = t('email.unitAssigned.subject', v);
  const intro = t(d.reassigned ? 'email.unitAssigned.reassignedIntro' : 'email.unitAssigned.intro', v);
  const note = d.note?.trim() ? d.note.trim() : null;
  const rows: Block[] = [
    labelled(t('email.unitAssigned.titleLabel'), d.title),
    labelled(t('email.unitAssigned.receivedLabel'), d.receivedDate),
    labelled(t('email.unitAssigned.dueLabel'), d.dueDate, d.dueExplanation),
  ];
  if (note) rows.push(labelled(t('email.unitAssigned.noteLabel'), note));
  const linkText = t('email.unitAssigned.linkText', v);

  const html = renderEmailHtml(
    <EmailLayout locale={d.locale} t={t} title={subject} preheader={intro} agency={d.agency}>
      <h1 style={emailStyles.h1}>{t('email.unitAssigned.heading')}</h1>
      <p style={emailStyles.p}>{intro}</p>
      {rows.map((b, i) => (
        <Fragment key={i}>{b.html}</Fragment>
      ))}
      <EmailButton href={recordUrl} t={t}>
        {linkText}
      </EmailButton>
    </EmailLayout>,
  );
  const text = renderTextLayout({
    t,
    agency: d.agency,
    blocks: [intro, rows.map((b) => b.text).join('\n'), `${linkText}\n${recordUrl}`],
  });
  return { subject, html, text };
}
