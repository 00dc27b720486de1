// What the public sees: published answers only, built from the redacted public fields, never from
// the submitter's own text or contact details (spec §8).
import { and, asc, desc, eq, gt, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

import { CATEGORIES, PAKN_TYPES } from '~/domain/pakn';
import { applyRedactions, detectPii } from '~/domain/redaction';
import { foldVietnamese } from '~/domain/routing';
import { type DbOrTx, dialectOf, first, getDb, rawAll, rawRun } from '~/utils/db.server';
import * as s from '~db/schema';

import { listAgencyContacts } from './agency-contacts.server';
import { lateExtensions, publicDocumentType } from './extension-timing.server';

export const PUBLIC_PAGE_SIZE = 20;
export const PUBLIC_SORTS = ['newest', 'oldest'] as const;

const optionalInt = z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined);

const filtersSchema = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((v) => v?.trim() || undefined),
  field: optionalInt,
  unit: optionalInt,
  type: z.enum(PAKN_TYPES).optional().catch(undefined),
  category: z.coerce
    .number()
    .int()
    .refine((n) => (CATEGORIES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  timeliness: z.enum(['on_time', 'late']).optional().catch(undefined),
  sort: z.enum(PUBLIC_SORTS).catch('newest'),
  /** keyset cursor: `<publishedAt ms>~<id>` of the last row shown */
  after: z
    .string()
    .regex(/^\d{1,15}~\d{1,12}$/)
    .optional()
    .catch(undefined),
});
export type PublicFilters = z.output<typeof filtersSchema>;

export function parsePublicFilters(params: URLSearchParams): PublicFilters {
  return filtersSchema.parse(Object.fromEntries(params));
}

/** Each folded word as a prefix term, quoted so no user input is FTS syntax. */
export function publicFtsQuery(q: string): string | null {
  const words = foldVietnamese(q)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

type PublishedRow = {
  id: number;
  code: string;
  title: string | null;
  summary: string | null;
  type: string;
  category: number;
  fieldId: number | null;
  unitId: number | null;
  receivedAt: Date;
  answeredAt: Date | null;
  publishedAt: Date | null;
  onTime: boolean | null;
};

export async function listPublished(filters: PublicFilters, db: DbOrTx = getDb()) {
  const p = s.pakn;
  const where: SQL[] = [eq(p.publication, 'published')];
  const match = filters.q ? publicFtsQuery(filters.q) : null;
  if (filters.q && !match) return { rows: [], next: null };
  if (filters.field) where.push(eq(p.fieldId, filters.field));
  if (filters.unit) where.push(eq(p.unitId, filters.unit));
  if (filters.type) where.push(eq(p.type, filters.type));
  if (filters.category) where.push(eq(p.category, filters.category));
  if (filters.year) {
    // the expression of pakn_published_year_idx: (publication, year, published_at) serves filter and order
    where.push(sql`substr(${p.receivedDate}, 1, 4) = ${String(filters.year)}`);
  }
  if (filters.timeliness) where.push(eq(p.onTime, filters.timeliness === 'on_time'));
  const newest = filters.sort === 'newest';
  if (match && dialectOf(db) === 'sqlite') return searchPublished(match, where, newest, filters.after, db);
  if (match) {
    // PostgreSQL: the tsvector twin of public_fts (db/migrations-pg 0002, its GIN index), the same order and
    // cursor as the SQLite search: newest PAKN first by number
    where.push(
      sql`pakn_public_tsv(${p.publicTitle}, ${p.publicSummary}, ${p.publicAnswer}) @@ pakn_public_query(${filters.q})`,
    );
    const afterId = filters.after ? Number(filters.after.split('~')[1]) : null;
    if (afterId !== null) where.push(newest ? lt(p.id, afterId) : gt(p.id, afterId));
  } else if (filters.after) {
    const [at, id] = filters.after.split('~').map(Number) as [number, number];
    const atDate = new Date(at);
    where.push(
      newest
        ? or(lt(p.publishedAt, atDate), and(eq(p.publishedAt, atDate), lt(p.id, id)))!
        : or(sql`${p.publishedAt} > ${at}`, and(eq(p.publishedAt, atDate), sql`${p.id} > ${id}`))!,
    );
  }
  const rows = await db
    .select({
      id: p.id,
      code: p.code,
      title: p.publicTitle,
      summary: p.publicSummary,
      type: p.type,
      category: p.category,
      fieldId: p.fieldId,
      unitId: p.unitId,
      receivedAt: p.receivedAt,
      answeredAt: p.answeredAt,
      publishedAt: p.publishedAt,
      onTime: p.onTime,
    })
    .from(p)
    .where(and(...where))
    .orderBy(
      ...(match
        ? [newest ? desc(p.id) : asc(p.id)]
        : [newest ? desc(p.publishedAt) : asc(p.publishedAt), newest ? desc(p.id) : asc(p.id)]),
    )
    .limit(PUBLIC_PAGE_SIZE + 1);
  const more = rows.length > PUBLIC_PAGE_SIZE;
  const page = rows.slice(0, PUBLIC_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: more && last ? `${last.publishedAt?.getTime() ?? 0}~${last.id}` : null };
}

/**
 * A search lists its matches newest PAKN first (by number, which follows the date received) rather than by
 * publication date: the full-text index yields matches in rowid order, and the CROSS JOIN keeps public_fts the
 * outer loop, so a page costs about 20 matches however common the words are ("thủ tục" matches most answers).
 * The cursor keeps its `<ms>~<id>` form; only the id is read.
 */
async function searchPublished(
  match: string,
  where: SQL[],
  newest: boolean,
  after: string | undefined,
  db: DbOrTx,
) {
  const p = s.pakn;
  const afterId = after ? Number(after.split('~')[1]) : null;
  if (afterId !== null)
    where.push(newest ? sql`public_fts.rowid < ${afterId}` : sql`public_fts.rowid > ${afterId}`);
  const raw = await rawAll<
    Omit<PublishedRow, 'receivedAt' | 'answeredAt' | 'publishedAt' | 'onTime'> & {
      receivedAt: number;
      answeredAt: number | null;
      publishedAt: number | null;
      onTime: number | null;
    }
  >(
    db,
    sql`
    SELECT ${p.id} AS id, ${p.code} AS code, ${p.publicTitle} AS title, ${p.publicSummary} AS summary,
           ${p.type} AS type, ${p.category} AS category, ${p.fieldId} AS fieldId, ${p.unitId} AS unitId,
           ${p.receivedAt} AS receivedAt, ${p.answeredAt} AS answeredAt, ${p.publishedAt} AS publishedAt,
           ${p.onTime} AS onTime
    FROM public_fts CROSS JOIN ${p} ON ${p.id} = public_fts.rowid
    WHERE public_fts MATCH ${match} AND ${and(...where)}
    ORDER BY public_fts.rowid ${newest ? sql`DESC` : sql`ASC`}
    LIMIT ${PUBLIC_PAGE_SIZE + 1}`,
  );
  const rows: PublishedRow[] = raw.map((r) => ({
    ...r,
    receivedAt: new Date(r.receivedAt),
    answeredAt: r.answeredAt === null ? null : new Date(r.answeredAt),
    publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt),
    onTime: r.onTime === null ? null : Boolean(r.onTime),
  }));
  const more = rows.length > PUBLIC_PAGE_SIZE;
  const page = rows.slice(0, PUBLIC_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: more && last ? `${last.publishedAt?.getTime() ?? 0}~${last.id}` : null };
}

export type PublicEvent = {
  id: number;
  type: string;
  at: Date;
  unitName?: string;
  unitNameEn?: string;
  agencyName?: string;
  note: string | null;
};

/**
 * One published answer with its public timeline. Notes on public events were written by staff and may
 * name people: they pass through the detector and are redacted before they leave the server.
 */
export async function getPublished({ code }: { code: string }, db: DbOrTx = getDb()) {
  const p = await first(db.select().from(s.pakn).where(eq(s.pakn.code, code)));
  if (!p || p.publication === 'none') return null;
  if (p.publication === 'withdrawn') {
    return { status: 'withdrawn' as const, code: p.code, reason: p.withdrawnReason ?? '' };
  }
  // the look-ups below do not depend on each other: run together, they cost one round trip of waiting on
  // PostgreSQL instead of ten in a row (on SQLite they queue on the connection's lock, as before)
  const [field, unit, answer, unitRows, agencyRows, allowedContacts, late, events, files, documentRows] =
    await Promise.all([
      p.fieldId ? first(db.select().from(s.fields).where(eq(s.fields.id, p.fieldId))) : undefined,
      p.unitId ? first(db.select().from(s.units).where(eq(s.units.id, p.unitId))) : undefined,
      first(db.select().from(s.answers).where(eq(s.answers.paknId, p.id))),
      db.select().from(s.units),
      db.select().from(s.externalAgencies),
      listAgencyContacts(db),
      lateExtensions(db, [p.id]),
      db
        .select()
        .from(s.events)
        .where(and(eq(s.events.paknId, p.id), eq(s.events.isPublic, true)))
        .orderBy(asc(s.events.id)),
      db
        .select({
          id: s.attachments.id,
          name: s.attachments.originalName,
          size: s.attachments.size,
          mime: s.attachments.mime,
        })
        .from(s.attachments)
        .where(and(eq(s.attachments.paknId, p.id), eq(s.attachments.isPublic, true))),
      db
        .select({
          id: s.documents.id,
          type: s.documents.type,
          number: s.documents.number,
          issuedDate: s.documents.issuedDate,
        })
        .from(s.documents)
        .where(and(eq(s.documents.paknId, p.id), eq(s.documents.isPublic, true))),
    ]);
  const units = new Map(unitRows.map((u) => [u.id, u]));
  const agencies = new Map(agencyRows.map((a) => [a.id, a]));
  const scrub = (text: string | null) =>
    text
      ? applyRedactions(
          text,
          detectPii(text, {
            source: 'timeline',
            submitterName: p.fullName,
            submitterAddress: p.address,
            orgName: p.orgName,
            representative: p.representative,
            allowedContacts,
          }),
        )
      : null;
  const timeline: PublicEvent[] = events.map((e) => {
    const data = e.data ? (JSON.parse(e.data) as { unitId?: number; agencyId?: number }) : {};
    const u = data.unitId ? units.get(data.unitId) : undefined;
    return {
      id: e.id,
      // an extension after the due date says so; one made in time is a plain extension
      type: e.type === 'extend' && late.get(p.id) === true ? 'extend_late' : e.type,
      at: e.createdAt,
      unitName: u?.name,
      unitNameEn: u?.nameEn,
      agencyName: data.agencyId ? agencies.get(data.agencyId)?.name : undefined,
      // the submitter's own replies never appear publicly
      note: e.type === 'receive_info' || e.type === 'info_reply' ? null : scrub(e.note),
    };
  });
  const documents = documentRows.map((d) => ({ ...d, type: publicDocumentType(d.type, p.id, late) }));
  return {
    status: 'published' as const,
    pakn: {
      id: p.id,
      code: p.code,
      title: p.publicTitle ?? '',
      summary: p.publicSummary ?? '',
      answer: p.publicAnswer ?? '',
      outcome: answer?.outcome ?? null,
      type: p.type,
      category: p.category,
      receivedAt: p.receivedAt,
      answerDue: p.extendedTo ?? p.answerDue,
      answeredAt: p.answeredAt,
      publishedAt: p.publishedAt,
      onTime: p.onTime,
      submitter: p.showIdentity ? (p.submitterKind === 'organisation' ? p.orgName : p.fullName) : null,
    },
    field,
    unit,
    timeline,
    files,
    documents,
  };
}

/** Keeps the public search index in step with what is published (called inside the publish transaction). */
export async function indexPublic(
  tx: DbOrTx,
  p: { id: number; title: string; summary: string; answer: string },
) {
  // PostgreSQL indexes the published columns themselves (pakn_public_search_idx): nothing to keep in step
  if (dialectOf(tx) === 'pg') return;
  await rawRun(tx, sql`DELETE FROM public_fts WHERE rowid = ${p.id}`);
  await rawRun(
    tx,
    sql`INSERT INTO public_fts (rowid, text) VALUES (${p.id}, ${foldVietnamese(`${p.title} ${p.summary} ${p.answer}`)})`,
  );
}

export async function unindexPublic(tx: DbOrTx, id: number) {
  if (dialectOf(tx) === 'pg') return;
  await rawRun(tx, sql`DELETE FROM public_fts WHERE rowid = ${id}`);
}

export async function listPublishedSince(
  { from, to, limit }: { from?: Date; to?: Date; limit: number },
  db: DbOrTx = getDb(),
) {
  const p = s.pakn;
  const where: SQL[] = [eq(p.publication, 'published')];
  if (from) where.push(gte(p.publishedAt, from));
  if (to) where.push(lt(p.publishedAt, to));
  return await db
    .select({
      code: p.code,
      title: p.publicTitle,
      summary: p.publicSummary,
      answer: p.publicAnswer,
      type: p.type,
      category: p.category,
      fieldId: p.fieldId,
      unitId: p.unitId,
      receivedDate: p.receivedDate,
      answerDue: p.answerDue,
      extendedTo: p.extendedTo,
      answeredAt: p.answeredAt,
      publishedAt: p.publishedAt,
      onTime: p.onTime,
    })
    .from(p)
    .where(and(...where))
    .orderBy(desc(p.publishedAt), desc(p.id))
    .limit(limit);
}

/**
 * Years with a published answer, newest first: a recursive query that seeks pakn_published_year_idx once per
 * year ("the greatest year below the last one") instead of reading every published answer — 0.01 ms with a
 * million PAKN, so nothing needs caching.
 */
export async function publicYears(db: DbOrTx = getDb()): Promise<number[]> {
  return (
    await rawAll<{ y: string }>(
      db,
      sql`WITH RECURSIVE years(y) AS (
            SELECT (SELECT substr(received_date, 1, 4) FROM pakn WHERE publication = 'published'
                    ORDER BY substr(received_date, 1, 4) DESC LIMIT 1)
            UNION ALL
            SELECT (SELECT substr(received_date, 1, 4) FROM pakn
                    WHERE publication = 'published' AND substr(received_date, 1, 4) < years.y
                    ORDER BY substr(received_date, 1, 4) DESC LIMIT 1)
            FROM years WHERE years.y IS NOT NULL
          )
          SELECT y FROM years WHERE y IS NOT NULL`,
    )
  ).map((r) => Number(r.y));
}

export async function publishedCodes(db: DbOrTx = getDb()) {
  return await db
    .select({ code: s.pakn.code, publishedAt: s.pakn.publishedAt })
    .from(s.pakn)
    .where(inArray(s.pakn.publication, ['published']))
    .orderBy(desc(s.pakn.publishedAt))
    .limit(50_000);
}
