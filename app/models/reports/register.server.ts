// The public register of plan section VI.4 (transfer letters, result reports, written explanations):
// what each entry is about, the years it has, and the public document pages for the sitemap.
import { and, desc, eq, type SQL } from 'drizzle-orm';

import type { Named } from '~/domain/local-name';
import { REPORT_DOCUMENT_TYPE } from '~/domain/reports/definitions';
import { lateExtensions, publicDocumentType } from '~/models/extension-timing.server';
import { type DbOrTx, getDb } from '~/utils/db.server';
import * as s from '~db/schema';

export type RegisterAbout =
  | { kind: 'pakn'; code: string; publicTitle: string | null; published: boolean }
  | { kind: 'period'; start: string; end: string; reportId: number; unit: Named | null }
  | null;

type StoredFigures = {
  figures?: {
    report?: {
      period?: { start?: unknown; end?: unknown };
      unitId?: unknown;
      units?: Array<{ unitId?: unknown; name?: unknown; nameEn?: unknown }>;
    };
  };
};

/**
 * A report's period and scope (its unit, null for the whole agency) from its public figures (see publishReport);
 * null when they cannot be read.
 */
function reportScope(
  publicContent: string | null,
): { start: string; end: string; unit: Named | null } | null {
  try {
    const report = (JSON.parse(publicContent ?? '{}') as StoredFigures).figures?.report;
    const period = report?.period;
    if (typeof period?.start !== 'string' || typeof period.end !== 'string') return null;
    const row = report?.unitId == null ? undefined : report.units?.find((u) => u.unitId === report.unitId);
    const unit =
      typeof row?.name === 'string'
        ? { name: row.name, nameEn: typeof row.nameEn === 'string' ? row.nameEn : '' }
        : null;
    return { start: period.start, end: period.end, unit };
  } catch {
    return null;
  }
}

/**
 * Public documents, newest first, each with what it is about: the PAKN's code for a letter (its public
 * title only once the answer is published: before that the title is the submitter's own text), the
 * period for a result report.
 */
export async function publicRegister({ year }: { year?: number }, db: DbOrTx = getDb()) {
  const d = s.documents;
  const where: SQL[] = [eq(d.isPublic, true)];
  if (year) where.push(eq(d.year, year));
  const rows = await db
    .select({
      id: d.id,
      paknId: d.paknId,
      type: d.type,
      number: d.number,
      issuedDate: d.issuedDate,
      publicContent: d.publicContent,
      code: s.pakn.code,
      publication: s.pakn.publication,
      publicTitle: s.pakn.publicTitle,
    })
    .from(d)
    .leftJoin(s.pakn, eq(d.paknId, s.pakn.id))
    .where(and(...where))
    .orderBy(desc(d.issuedDate), desc(d.id))
    .limit(500);
  const late = await lateExtensions(
    db,
    rows.flatMap((r) => (r.type === 'late_apology' && r.paknId !== null ? [r.paknId] : [])),
  );
  return rows.map((r) => {
    let about: RegisterAbout = null;
    if (r.code) {
      const published = r.publication === 'published';
      about = { kind: 'pakn', code: r.code, publicTitle: published ? r.publicTitle : null, published };
    } else if (r.type === REPORT_DOCUMENT_TYPE) {
      const scope = reportScope(r.publicContent);
      if (scope) about = { kind: 'period', ...scope, reportId: r.id };
    }
    const type = publicDocumentType(r.type, r.paknId, late);
    return { id: r.id, type, number: r.number, issuedDate: r.issuedDate, about };
  });
}

/** The years that have a public document, newest first (the register's year filter). */
export async function registerYears(db: DbOrTx = getDb()): Promise<number[]> {
  return (
    await db
      .selectDistinct({ year: s.documents.year })
      .from(s.documents)
      .where(eq(s.documents.isPublic, true))
      .orderBy(desc(s.documents.year))
  ).map((r) => r.year);
}

/** Every public document (its /van-ban page) and whether it is a result report (/thong-ke/bao-cao). */
export async function publicDocumentIds(db: DbOrTx = getDb()) {
  return (
    await db
      .select({ id: s.documents.id, type: s.documents.type, issuedDate: s.documents.issuedDate })
      .from(s.documents)
      .where(eq(s.documents.isPublic, true))
      .orderBy(desc(s.documents.id))
      .limit(50_000)
  ).map((r) => ({ id: r.id, isReport: r.type === REPORT_DOCUMENT_TYPE, issuedDate: r.issuedDate }));
}
