// The accountability documents (plan VI.3/VI.4): issued inside the transaction of the workflow step they
// belong to, numbered per series and year, kept on the record (`documents`), rendered as printable HTML and
// as PDF, the public ones (refusal, late apology, transfer) also in a redacted version for the public register.
//
// Who sees what: staff who may read the PAKN see the full document when they may read contacts
// (pakn:contact:read; audited), otherwise the redacted version; the submitter sees their own full document
// (follow-session cookie); the public sees the stored redacted version of public documents only.
import { asc, eq } from 'drizzle-orm';

import { type PublicContext, publicVersion, type SubmitterInfo } from '~/domain/document-templates';
import type { OfficialDocument } from '~/domain/official-document';
import { type Actor, can, canReadPakn } from '~/domain/permissions';
import { type DbOrTx, first, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';

import { audit } from './audit.server';
import { getAgency } from './config.server';

export { type DocumentType, isDocumentType } from '~/domain/document-templates';
export type DocumentRow = typeof s.documents.$inferSelect;
type Pakn = typeof s.pakn.$inferSelect;

/** A stored document with its content parsed. */
export type StoredDocument = DocumentRow & {
  doc: OfficialDocument;
  /** the stored redacted version (public types only) */
  publicDoc: OfficialDocument | null;
};

const baseUrl = () => getEnv().BASE_URL;
/** The submitter's link to their full document (needs the follow-session cookie). */
export const submitterDocumentUrl = (id: number) => `${baseUrl()}/theo-doi/van-ban/${id}`;
export const submitterDocumentPdfUrl = (id: number) => `${baseUrl()}/theo-doi/van-ban/${id}.pdf`;

// ---------------------------------------------------------------------------------------------------------------
// Shared with issuing (document-issue.server.ts)

export function submitterOf(p: Pakn): SubmitterInfo {
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

export async function publicContextOf(db: DbOrTx, p: Pakn, type: string): Promise<PublicContext> {
  const a = await getAgency(db);
  const ext = p.transferAgencyId
    ? await first(db.select().from(s.externalAgencies).where(eq(s.externalAgencies.id, p.transferAgencyId)))
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

export async function getDocument(
  { id }: { id: number },
  db: DbOrTx = getDb(),
): Promise<StoredDocument | null> {
  const row = await first(db.select().from(s.documents).where(eq(s.documents.id, id)));
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
export async function listDocumentsForPakn(
  { paknId }: { paknId: number },
  db: DbOrTx = getDb(),
): Promise<DocumentListItem[]> {
  return await db
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
    .orderBy(asc(s.documents.id));
}

/** The redacted version: the stored one for public types, else computed now from the PAKN's current data. */
async function redactedDoc(d: StoredDocument, db: DbOrTx): Promise<OfficialDocument> {
  if (d.publicDoc) return d.publicDoc;
  const p = d.paknId ? await first(db.select().from(s.pakn).where(eq(s.pakn.id, d.paknId))) : undefined;
  if (!p) return { ...d.doc, addressee: undefined, paragraphs: [], recipients: [] };
  return publicVersion(d.doc, await publicContextOf(db, p, d.type));
}

/** The full document, or its redacted version. */
export async function documentVersion(
  d: StoredDocument,
  redacted: boolean,
  db: DbOrTx = getDb(),
): Promise<OfficialDocument> {
  return redacted ? await redactedDoc(d, db) : d.doc;
}

// ---------------------------------------------------------------------------------------------------------------
// Access

export type StaffDocument = { document: StoredDocument; full: boolean; paknCode: string | null };

/**
 * A document for a staff member: null (→ 404) when they may not read its PAKN. `full` when they may read
 * contacts (the view is audited); otherwise they get the redacted version.
 */
export async function getDocumentForStaff(
  { actor, id, ip }: { actor: Actor; id: number; ip?: string },
  db: DbOrTx = getDb(),
): Promise<StaffDocument | null> {
  const d = await getDocument({ id }, db);
  if (!d) return null;
  let code: string | null = null;
  if (d.paknId) {
    const p = await first(
      db.select({ unitId: s.pakn.unitId, code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.id, d.paknId)),
    );
    if (!p || !canReadPakn(actor, p)) return null;
    code = p.code;
  } else if (!can(actor, 'pakn:read:any')) {
    return null;
  }
  const full = can(actor, 'pakn:contact:read');
  if (full) {
    await audit(
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
export async function getDocumentForSubmitter(
  { id, followedIds }: { id: number; followedIds: readonly number[] },
  db: DbOrTx = getDb(),
): Promise<{ document: StoredDocument; paknCode: string } | null> {
  const d = await getDocument({ id }, db);
  if (!d?.paknId || !followedIds.includes(d.paknId)) return null;
  const p = await first(db.select({ code: s.pakn.code }).from(s.pakn).where(eq(s.pakn.id, d.paknId)));
  return p ? { document: d, paknCode: p.code } : null;
}

/** A public document (its stored redacted version), or null. */
export async function getPublicDocument(
  { id }: { id: number },
  db: DbOrTx = getDb(),
): Promise<{ document: StoredDocument; publicDoc: OfficialDocument; publishedCode: string | null } | null> {
  const d = await getDocument({ id }, db);
  if (!d || !d.isPublic || !d.publicDoc) return null;
  const p = d.paknId
    ? await first(
        db
          .select({ code: s.pakn.code, publication: s.pakn.publication })
          .from(s.pakn)
          .where(eq(s.pakn.id, d.paknId)),
      )
    : undefined;
  return {
    document: d,
    publicDoc: d.publicDoc,
    publishedCode: p?.publication === 'published' ? p.code : null,
  };
}
