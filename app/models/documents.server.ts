// The accountability documents (plan VI.3/VI.4): issued inside the transaction of the workflow step they
// belong to, numbered per series and year, kept on the record (`documents`), rendered as printable HTML and
// as PDF, the public ones (refusal, late apology, transfer) also in a redacted version for the public register.
//
// Who sees what: staff who may read the PAKN see the full document when they may read contacts
// (pakn:contact:read; audited), otherwise the redacted version; the submitter sees their own full document
// (follow-session cookie); the public sees the stored redacted version of public documents only.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import * as s from '~db/schema';
import { toLocalDate, type LocalDate } from '~/domain/calendar';
import { computeDueDate } from '~/domain/deadlines';
import {
  buildDocument,
  formatDocumentNumber,
  isDocumentType,
  NUMBER_SERIES,
  PUBLIC_DOCUMENT_TYPES,
  publicVersion,
  typesInSeries,
  OUTCOMES,
  type AnswerOutcome,
  type Common,
  type DocumentInput,
  type DocumentType,
  type NumberParts,
  type PublicContext,
  type SubmitterInfo,
  type TemplateInputs,
} from '~/domain/document-templates';
import { REFUSAL_REASONS, type RefusalReason } from '~/domain/pakn';
import { can, canReadPakn, type Actor } from '~/domain/permissions';
import { audit } from './audit.server';
import { getAgency, getCalendar, getDeadlineRules } from './config.server';
import { getSetting } from '~/models/admin/settings.server';
import type { Step } from './notifications.server';
import { answerDueDate } from './pakn.server';
import { getDb, type Db, type DbOrTx } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import { getT } from '~/utils/i18n.server';
import type { Tx } from '~/utils/mail.server';
import { renderOfficialHtml, renderOfficialPdf, type OfficialDocument } from '~/utils/pdf.server';

export type { DocumentType } from '~/domain/document-templates';
export type DocumentRow = typeof s.documents.$inferSelect;
type Pakn = typeof s.pakn.$inferSelect;

/** A stored document with its content parsed. */
export type StoredDocument = DocumentRow & {
  doc: OfficialDocument;
  /** the stored redacted version (public types only) */
  publicDoc: OfficialDocument | null;
};

/** Which document each workflow step issues (steps not listed issue none). */
export const STEP_DOCUMENT: Partial<Record<Step, DocumentType>> = {
  refused: 'refusal',
  info_requested: 'info_request',
  extended: 'late_apology',
  transferred: 'transfer',
  answered: 'reply_cover',
};

const baseUrl = () => getEnv().BASE_URL;
/** The submitter's link to their full document (needs the follow-session cookie). */
export const submitterDocumentUrl = (id: number) => `${baseUrl()}/theo-doi/van-ban/${id}`;
export const submitterDocumentPdfUrl = (id: number) => `${baseUrl()}/theo-doi/van-ban/${id}.pdf`;

// ---------------------------------------------------------------------------------------------------------------
// Issuing

function submitterOf(p: Pakn): SubmitterInfo {
  return {
    kind: p.submitterKind,
    fullName: p.fullName,
    orgName: p.orgName,
    representative: p.representative,
    address: p.address,
    phone: p.phone,
    email: p.email,
  };
}

function publicContextOf(db: DbOrTx, p: Pakn, type: string): PublicContext {
  const a = getAgency(db);
  const ext = p.transferAgencyId
    ? db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)).get()
    : undefined;
  return {
    submitter: submitterOf(p),
    title: p.title,
    publicTitle: p.publication === 'published' ? p.publicTitle : null,
    addresseeIsSubmitter: type !== 'transfer',
    // the agencies' own contacts are not personal data
    allow: [a.address, a.phone, a.hotline, a.email, a.website, ext?.address, ext?.email],
  };
}

/**
 * The next number of `type`'s series in `year`: max + 1 over the documents of that series and year. Must run in
 * the transaction that inserts the document (SQLite serialises write transactions).
 */
export function nextDocumentSeq(tx: Tx | Db, type: DocumentType, year: number): number {
  const row = (tx as Db)
    .select({ max: sql<number | null>`max(${s.documents.seq})` })
    .from(s.documents)
    .where(and(eq(s.documents.year, year), inArray(s.documents.type, typesInSeries(NUMBER_SERIES[type]))))
    .get();
  return Number(row?.max ?? 0) + 1;
}

/** The agency's abbreviation (setting, else the code prefix) and the drafting unit: the PAKN's, else the setting's. */
function numberParts(db: DbOrTx, p: Pakn): NumberParts {
  const agency = getSetting('documents.agencyAbbreviation', db) || getAgency(db).codePrefix;
  const unit = p.unitId
    ? db.select({ code: s.units.code }).from(s.units).where(eq(s.units.id, p.unitId)).get()?.code
    : undefined;
  return { agency, unit: unit ?? getSetting('documents.draftingUnit', db) ?? '' };
}

export type IssueArgs<K extends DocumentType = DocumentType> = {
  paknId: number;
  type: K;
  actorUserId: number | null;
  input: TemplateInputs[K];
  now?: Date;
};

/**
 * Builds, numbers and stores one document for a PAKN inside the caller's transaction. The public types also get
 * their redacted version (publicContent) and isPublic = true.
 */
export function issueDocument<K extends DocumentType>(
  tx: Tx | Db,
  args: IssueArgs<K>,
): { id: number; number: string } {
  const db = tx as Db;
  const { paknId, type, actorUserId, now = new Date() } = args;
  const p = db.select().from(s.pakn).where(eq(s.pakn.id, paknId)).get();
  if (!p) throw new Error(`issueDocument: PAKN ${paknId} not found`);
  const agency = getAgency(db);
  const issuedDate = toLocalDate(now);
  const year = Number(issuedDate.slice(0, 4));
  const seq = nextDocumentSeq(db, type, year);
  const number = formatDocumentNumber(seq, type, numberParts(db, p));
  const common: Common = {
    number,
    issuedDate,
    agency: {
      name: agency.name,
      parentName: agency.parentName,
      province: agency.province,
      signerTitle: agency.signerTitle,
      signerName: agency.signerName,
      address: agency.address,
      hotline: agency.hotline,
      email: agency.email,
    },
    pakn: { code: p.code, title: p.title, receivedDate: p.receivedDate },
    submitter: submitterOf(p),
    followUrl: `${baseUrl()}/theo-doi`,
  };
  const doc = buildDocument(common, { type, ...args.input } as DocumentInput);
  const isPublic = PUBLIC_DOCUMENT_TYPES.has(type);
  const row = db
    .insert(s.documents)
    .values({
      paknId,
      type,
      year,
      seq,
      number,
      issuedDate,
      addressee: doc.addressee ?? '',
      content: JSON.stringify(doc),
      publicContent: isPublic ? JSON.stringify(publicVersion(doc, publicContextOf(db, p, type))) : null,
      isPublic,
      createdByUserId: actorUserId,
      createdAt: now,
    })
    .returning({ id: s.documents.id })
    .get();
  audit(
    {
      actorUserId,
      action: 'document.issue',
      targetType: 'document',
      targetId: row.id,
      detail: { code: p.code, type, number },
    },
    db,
  );
  return { id: row.id, number };
}

function isRefusalReason(x: string | null): x is RefusalReason {
  return x !== null && (REFUSAL_REASONS as readonly string[]).includes(x);
}
function isOutcome(x: string | null | undefined): x is AnswerOutcome {
  return typeof x === 'string' && (OUTCOMES as readonly string[]).includes(x);
}

function lastEventData(db: DbOrTx, paknId: number, type: string): Record<string, unknown> | null {
  const ev = db
    .select({ data: s.events.data })
    .from(s.events)
    .where(and(eq(s.events.paknId, paknId), eq(s.events.type, type)))
    .orderBy(desc(s.events.id))
    .get();
  if (!ev?.data) return null;
  try {
    const v = JSON.parse(ev.data) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isLocalDate = (x: unknown): x is LocalDate => typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x);

export type IssuedDocument = { id: number; number: string; type: DocumentType; url: string; pdfUrl: string };

/**
 * Issues the document of a workflow step, reading what it needs through `tx`; null for steps without one.
 * Call it after the PAKN row (status, refusal reason, transfer agency, extended_to), the step's event and the
 * approved answer are written — i.e. right before notifyStep — and pass the result to the step's e-mail.
 * `note` is the staff's text of the step (the reason, the question, the explanation).
 */
export function issueDocumentForStep(
  tx: Tx | Db,
  {
    paknId,
    step,
    actorUserId,
    note,
    now = new Date(),
  }: { paknId: number; step: Step; actorUserId: number | null; note?: string | null; now?: Date },
): IssuedDocument | null {
  const type = STEP_DOCUMENT[step];
  if (!type) return null;
  const db = tx as Db;
  const p = db.select().from(s.pakn).where(eq(s.pakn.id, paknId)).get();
  if (!p) throw new Error(`issueDocumentForStep: PAKN ${paknId} not found`);
  const text = note ?? '';
  let issued: { id: number; number: string };
  const base = { paknId, actorUserId, now };
  switch (type) {
    case 'refusal':
      issued = issueDocument(db, {
        ...base,
        type,
        input: { reason: isRefusalReason(p.refusalReason) ? p.refusalReason : null, note: text },
      });
      break;
    case 'info_request': {
      const wait = getDeadlineRules(db).infoWait;
      const today = toLocalDate(now);
      const until = computeDueDate({
        start: today,
        days: wait.days,
        unit: wait.unit,
        calendar: getCalendar(db),
      }).due;
      issued = issueDocument(db, {
        ...base,
        type,
        input: { question: text, waitDays: wait.days, waitUnit: wait.unit, waitUntil: until },
      });
      break;
    }
    case 'late_apology': {
      const data = lastEventData(db, paknId, 'extend');
      const previousDue = isLocalDate(data?.from)
        ? data.from
        : answerDueDate({ ...p, extendedTo: null }, db).due;
      const newDue = p.extendedTo ?? (isLocalDate(data?.to) ? data.to : answerDueDate(p, db).due);
      issued = issueDocument(db, { ...base, type, input: { reason: text, previousDue, newDue } });
      break;
    }
    case 'transfer': {
      const ext = p.transferAgencyId
        ? db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)).get()
        : undefined;
      const data = lastEventData(db, paknId, 'transfer');
      const name = ext?.name ?? (typeof data?.agencyName === 'string' ? data.agencyName : '');
      issued = issueDocument(db, {
        ...base,
        type,
        input: { target: { name, address: ext?.address ?? null, email: ext?.email ?? null }, note: text },
      });
      break;
    }
    case 'reply_cover': {
      const answer = db.select().from(s.answers).where(eq(s.answers.paknId, paknId)).get();
      issued = issueDocument(db, {
        ...base,
        type,
        input: {
          answerBody: answer?.body ?? '',
          outcome: isOutcome(answer?.outcome) ? answer.outcome : null,
          publicUrl: `${baseUrl()}/cong-khai`,
        },
      });
      break;
    }
  }
  return {
    ...issued,
    type,
    url: submitterDocumentUrl(issued.id),
    pdfUrl: submitterDocumentPdfUrl(issued.id),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

function parseDoc(json: string | null): OfficialDocument | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as OfficialDocument;
  } catch {
    return null;
  }
}

export function getDocument({ id }: { id: number }, db: DbOrTx = getDb()): StoredDocument | null {
  const row = db.select().from(s.documents).where(eq(s.documents.id, id)).get();
  if (!row) return null;
  const doc = parseDoc(row.content);
  if (!doc) return null;
  return { ...row, doc, publicDoc: parseDoc(row.publicContent) };
}

export type DocumentListItem = Pick<
  DocumentRow,
  'id' | 'type' | 'number' | 'issuedDate' | 'isPublic' | 'createdAt'
>;

/** The documents of one PAKN, in the order they were issued (for the record page and the submitter's page). */
export function listDocumentsForPakn(
  { paknId }: { paknId: number },
  db: DbOrTx = getDb(),
): DocumentListItem[] {
  return db
    .select({
      id: s.documents.id,
      type: s.documents.type,
      number: s.documents.number,
      issuedDate: s.documents.issuedDate,
      isPublic: s.documents.isPublic,
      createdAt: s.documents.createdAt,
    })
    .from(s.documents)
    .where(eq(s.documents.paknId, paknId))
    .orderBy(asc(s.documents.id))
    .all();
}

/** The redacted version: the stored one for public types, else computed now from the PAKN's current data. */
function redactedDoc(d: StoredDocument, db: DbOrTx): OfficialDocument {
  if (d.publicDoc) return d.publicDoc;
  const p = d.paknId ? db.select().from(s.pakn).where(eq(s.pakn.id, d.paknId)).get() : undefined;
  if (!p) return { ...d.doc, addressee: undefined, paragraphs: [], recipients: [] };
  return publicVersion(d.doc, publicContextOf(db, p, d.type));
}

/** The full document, or its redacted version. */
export function documentVersion(
  d: StoredDocument,
  redacted: boolean,
  db: DbOrTx = getDb(),
): OfficialDocument {
  return redacted ? redactedDoc(d, db) : d.doc;
}

export async function renderDocumentPdf(
  { id, public: redacted = false }: { id: number; public?: boolean },
  db: DbOrTx = getDb(),
): Promise<Buffer | null> {
  const d = getDocument({ id }, db);
  if (!d) return null;
  return renderOfficialPdf(documentVersion(d, redacted, db));
}

/**
 * The printable HTML of a document (full, or redacted with `public`). With `chrome`, the portal page (toolbar,
 * external stylesheet: what the routes serve under the CSP); without, renderOfficialHtml's self-contained page.
 */
export function renderDocumentHtml(
  { id, public: redacted = false, chrome }: { id: number; public?: boolean; chrome?: PageChrome },
  db: DbOrTx = getDb(),
): string | null {
  const d = getDocument({ id }, db);
  if (!d) return null;
  const doc = documentVersion(d, redacted, db);
  return chrome ? documentPage(doc, chrome) : renderOfficialHtml(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// Access

export type StaffDocument = { document: StoredDocument; full: boolean; paknCode: string | null };

/**
 * A document for a staff member: null (→ 404) when they may not read its PAKN. `full` when they may read
 * contacts (the view is audited); otherwise they get the redacted version.
 */
export function getDocumentForStaff(
  { actor, id, ip }: { actor: Actor; id: number; ip?: string },
  db: DbOrTx = getDb(),
): StaffDocument | null {
  const d = getDocument({ id }, db);
  if (!d) return null;
  let code: string | null = null;
  if (d.paknId) {
    const p = db
      .select({ unitId: s.pakn.unitId, code: s.pakn.code })
      .from(s.pakn)
      .where(eq(s.pakn.id, d.paknId))
      .get();
    if (!p || !canReadPakn(actor, p)) return null;
    code = p.code;
  } else if (!can(actor, 'pakn:read:any')) {
    return null;
  }
  const full = can(actor, 'pakn:contact:read');
  if (full) {
    audit(
      {
        actorUserId: actor.id,
        action: 'document.view',
        targetType: 'document',
        targetId: d.id,
        ip,
        detail: { number: d.number, ...(code ? { code } : {}) },
      },
      db,
    );
  }
  return { document: d, full, paknCode: code };
}

/** The submitter's own document: only when this browser follows its PAKN. */
export function getDocumentForSubmitter(
  { id, followedIds }: { id: number; followedIds: readonly number[] },
  db: DbOrTx = getDb(),
): { document: StoredDocument; paknCode: string } | null {
  const d = getDocument({ id }, db);
  if (!d?.paknId || !followedIds.includes(d.paknId)) return null;
  const p = db.select({ code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.id, d.paknId)).get();
  return p ? { document: d, paknCode: p.code } : null;
}

/** A public document (its stored redacted version), or null. */
export function getPublicDocument(
  { id }: { id: number },
  db: DbOrTx = getDb(),
): { document: StoredDocument; publicDoc: OfficialDocument; publishedCode: string | null } | null {
  const d = getDocument({ id }, db);
  if (!d || !d.isPublic || !d.publicDoc) return null;
  const p = d.paknId
    ? db
        .select({ code: s.pakn.code, publication: s.pakn.publication })
        .from(s.pakn)
        .where(eq(s.pakn.id, d.paknId))
        .get()
    : undefined;
  return {
    document: d,
    publicDoc: d.publicDoc,
    publishedCode: p?.publication === 'published' ? p.code : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Printable HTML page and responses

/** The print stylesheet's URL: the CSP (style-src 'self') forbids the inline <style> of renderOfficialHtml. */
export const DOCUMENT_CSS_PATH = '/van-ban/in.css';

const TOOLBAR_CSS = `
.doc-toolbar { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11pt; line-height: 1.4; display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; padding: 8px 0; margin: 0 0 8mm; border-bottom: 1px solid #b1b4b6; }
.doc-toolbar a { color: #0b4f9c; text-decoration: underline; }
.doc-toolbar a:focus { outline: 3px solid #ffbf47; outline-offset: 0; background: #ffbf47; color: #0b0c0c; }
.doc-toolbar .hint { color: #454545; }
.doc-notice { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 11pt; margin: 0 0 6mm; padding: 6px 10px; border-left: 4px solid #0b4f9c; background: #f3f2f1; }
.doc-error { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; padding: 16mm 0; }
@media print { .doc-toolbar, .doc-notice { display: none !important; } }
`;

let cssCache: string | undefined;
/** The print CSS of app/utils/pdf.server.ts (taken from its output, so the two never drift) plus the toolbar's. */
export function documentCss(): string {
  if (cssCache === undefined) {
    const sample = renderOfficialHtml({
      agencyParent: '',
      agencyName: '',
      number: '',
      place: '',
      date: '',
      title: '',
      paragraphs: [],
      signerTitle: '',
      signerName: '',
    });
    const inline = [...sample.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
    cssCache = `${inline.trim()}\n${TOOLBAR_CSS.trim()}\n`;
  }
  return cssCache;
}

const esc = (s: string): string =>
  s
    .normalize('NFC')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

export type ToolbarLink = { href: string; label: string };
export type PageChrome = {
  /** the interface language of the toolbar ('vi' | 'en'); the document itself stays Vietnamese */
  lang: string;
  navLabel: string;
  links: ToolbarLink[];
  hint?: string;
  notice?: string;
  noindex?: boolean;
};

/** Only same-site paths: a toolbar link never leads off the portal. */
const safeHref = (href: string) => (href.startsWith('/') && !href.startsWith('//') ? href : '/');

/** renderOfficialHtml's page with its style moved to DOCUMENT_CSS_PATH and the toolbar above the document. */
export function documentPage(doc: OfficialDocument, chrome: PageChrome): string {
  const html = renderOfficialHtml(doc);
  const head = [
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    chrome.noindex ? '<meta name="robots" content="noindex">' : '',
    `<link rel="stylesheet" href="${DOCUMENT_CSS_PATH}">`,
  ]
    .filter(Boolean)
    .join('\n');
  const langAttr = chrome.lang === 'vi' ? '' : ` lang="${esc(chrome.lang)}"`;
  const links = chrome.links.map((l) => `<a href="${esc(safeHref(l.href))}">${esc(l.label)}</a>`).join('\n');
  const toolbar =
    `<nav class="doc-toolbar" aria-label="${esc(chrome.navLabel)}"${langAttr}>\n${links}\n` +
    (chrome.hint ? `<span class="hint">${esc(chrome.hint)}</span>\n` : '') +
    '</nav>\n' +
    (chrome.notice ? `<p class="doc-notice" role="note"${langAttr}>${esc(chrome.notice)}</p>\n` : '');
  return html.replace(/<style>[\s\S]*?<\/style>/g, () => head).replace(/<body>\n?/, (m) => `${m}${toolbar}`);
}

/** A small standalone error page in the look of the document pages (404 and the like). */
export function documentErrorPage({
  lang,
  title,
  message,
  homeLabel,
}: {
  lang: string;
  title: string;
  message: string;
  homeLabel: string;
}): string {
  return `<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<link rel="stylesheet" href="${DOCUMENT_CSS_PATH}">
</head>
<body>
<main class="doc-error">
<h1>${esc(title)}</h1>
<p>${esc(message)}</p>
<p><a href="/">${esc(homeLabel)}</a></p>
</main>
</body>
</html>
`;
}

/** The 404 page of the document routes, in the visitor's language. */
export function documentNotFound(locale: 'vi' | 'en'): Response {
  const t = getT(locale);
  return htmlResponse(
    documentErrorPage({
      lang: locale,
      title: t('documents.errors.notFoundTitle'),
      message: t('documents.errors.notFound'),
      homeLabel: t('documents.errors.home'),
    }),
    { status: 404, cache: 'private' },
  );
}

export type CacheKind = 'private' | 'public';

export const cacheHeaders = (cache: CacheKind): Record<string, string> =>
  cache === 'public'
    ? { 'Cache-Control': 'public, max-age=300, stale-while-revalidate=600', Vary: 'Cookie' }
    : { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' };

export function htmlResponse(
  html: string,
  { status = 200, cache }: { status?: number; cache: CacheKind },
): Response {
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...cacheHeaders(cache),
    },
  });
}

/** '01/TB-SKHCN' → '01-TB-SKHCN.pdf', '01/SKHCN-TTHC' → '01-SKHCN-TTHC.pdf' (ASCII: the abbreviations are ASCII). */
export function pdfFileName(number: string, suffix = ''): string {
  const base = number.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'van-ban';
  return `${base}${suffix}.pdf`;
}

export function pdfResponse(
  pdf: Buffer,
  { fileName, cache }: { fileName: string; cache: CacheKind },
): Response {
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(pdf.length),
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'X-Content-Type-Options': 'nosniff',
      ...cacheHeaders(cache),
    },
  });
}

export function cssResponse(): Response {
  return new Response(documentCss(), {
    headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  });
}

/** `/…/$id` params: a positive integer or null. */
export function parseDocumentId(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,12}$/.test(raw)) return null;
  const n = Number(raw);
  return n > 0 ? n : null;
}

export { isDocumentType };
