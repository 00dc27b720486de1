// Publication of a finished period's report to the VI.4 register, and the published reports read back.
import { sql } from 'drizzle-orm';

import type { LocalDate } from '~/domain/dates';
import {
  type Report,
  REPORT_DOCUMENT_TYPE,
  REPORT_FORMAT,
  type ReportSnapshot,
} from '~/domain/reports/definitions';
import type { ReportPeriod } from '~/domain/reports/periods';
import { type Db, type DbOrTx, getDb, one, rawAll, rawGet, transaction } from '~/utils/db.server';

/**
 * documents.content and public_content hold an OfficialDocument as JSON (the convention of documents.server.ts,
 * so /van-ban/$id shows and prints the narrative like any other document); a result report adds its figures
 * under `figures`, which /thong-ke reads from the public version only.
 */
type StoredReportDoc = Record<string, unknown> & { figures?: ReportSnapshot };

export class ReportConflictError extends Error {
  constructor(
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'ReportConflictError';
  }
}

function parseFigures(json: string | null): ReportSnapshot | null {
  if (!json) return null;
  try {
    const figures = (JSON.parse(json) as StoredReportDoc).figures;
    return figures?.format === REPORT_FORMAT ? figures : null;
  } catch {
    return null;
  }
}

/** Published result reports, newest first, with the figures of their public version. */
export async function listPublishedReports(db: DbOrTx = getDb()) {
  const rows = (await rawAll(
    db,
    sql`SELECT id, number, issued_date AS "issuedDate", public_content AS content FROM documents
      WHERE type = ${REPORT_DOCUMENT_TYPE} AND is_public = 1 ORDER BY issued_date DESC, id DESC LIMIT 200`,
  )) as Array<{
    id: number;
    number: string;
    issuedDate: string;
    content: string | null;
  }>;
  return rows.flatMap((r) => {
    const snapshot = parseFigures(r.content);
    return snapshot ? [{ id: r.id, number: r.number, issuedDate: r.issuedDate, snapshot }] : [];
  });
}

export async function getPublishedReport(id: number, db: Db = getDb()) {
  const r = await rawGet<{ id: number; number: string; issuedDate: string; content: string | null }>(
    db,
    sql`SELECT id, number, issued_date AS "issuedDate", public_content AS content FROM documents WHERE id = ${id} AND type = ${REPORT_DOCUMENT_TYPE} AND is_public = 1`,
  );
  const snapshot = r ? parseFigures(r.content) : null;
  return r && snapshot ? { id: r.id, number: r.number, issuedDate: r.issuedDate, snapshot } : null;
}

/** The report already published for a period and scope, if any (one publication each). */
export async function findPublishedReport(
  period: Pick<ReportPeriod, 'start' | 'end'>,
  unitId: number | null,
  db: DbOrTx = getDb(),
): Promise<{ id: number; number: string } | null> {
  const found = (await listPublishedReports(db)).find(
    ({ snapshot: { report: r } }) =>
      r.period.start === period.start && r.period.end === period.end && r.unitId === unitId,
  );
  return found ? { id: found.id, number: found.number } : null;
}

/**
 * Publishes the report of a finished period (the figures of a running period would still change): a numbered
 * `documents` row of type result_report, public; `documents(number)` returns the narrative (full, with the
 * sections staff complete) and its public version, both with the figures. One publication per period and scope.
 */
export function publishReport(
  {
    report,
    agencyName,
    unitName,
    abbreviation,
    documents,
    actorUserId,
    today,
  }: {
    report: Report;
    agencyName: string;
    unitName: string | null;
    abbreviation: string;
    documents: (number: string) => { full: object; public: object };
    actorUserId: number;
    today: LocalDate;
  },
  db: Db = getDb(),
): Promise<{ id: number; number: string }> {
  if (report.period.end >= today) throw new ReportConflictError('periodNotEnded');
  return transaction(db, async (tx) => {
    const existing = await findPublishedReport(report.period, report.unitId, tx);
    if (existing) throw new ReportConflictError('alreadyPublished', { number: existing.number });
    const year = Number(today.slice(0, 4));
    const { seq } = await one(
      await rawAll<{ seq: number }>(
        tx,
        sql`SELECT coalesce(max(seq), 0) + 1 AS seq FROM documents WHERE type = ${REPORT_DOCUMENT_TYPE} AND year = ${year}`,
      ),
    );
    const number = `${seq}/BC-${abbreviation}`;
    const figures: ReportSnapshot = { format: REPORT_FORMAT, agencyName, unitName, report };
    const docs = documents(number);
    const { id } = await one(
      await rawAll<{ id: number }>(
        tx,
        sql`INSERT INTO documents (pakn_id, type, year, seq, number, issued_date, addressee, content, public_content, is_public, created_by_user_id)
          VALUES (NULL, ${REPORT_DOCUMENT_TYPE}, ${year}, ${seq}, ${number}, ${today}, '', ${JSON.stringify({ ...docs.full, figures })}, ${JSON.stringify({ ...docs.public, figures })}, 1, ${actorUserId})
          RETURNING id`,
      ),
    );
    return { id, number };
  });
}
