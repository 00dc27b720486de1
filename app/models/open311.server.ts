// What Open311 GeoReport v2 reads: the services (the agency's active fields) and the requests (PAKN), built from
// the public record only. A PAKN whose answer is not published shows its code, service, status, dates and
// responsible unit, nothing else; a published one adds its public title, summary and answer (already redacted).
import { and, desc, gte, inArray, lte, notInArray, type SQL } from 'drizzle-orm';

import { localName } from '~/domain/local-name';
import { isoVietnam, OPEN311_MAX_RESULTS, open311Status, type RequestsQuery } from '~/domain/open311';
import { normaliseCode } from '~/domain/pakn';
import {
  answerClockApplies,
  isClosed,
  isStatus,
  publicStatus,
  type Status,
  STATUSES,
} from '~/domain/workflow';
import { type DbOrTx, getDb } from '~/utils/db.server';
import { getEnv } from '~/utils/env.server';
import * as s from '~db/schema';

import { getAgency, listFields } from './config.server';

export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
};

export async function listOpen311Services(locale: string, db: DbOrTx = getDb()): Promise<Open311Service[]> {
  return (await listFields({ db })).map((f) => ({
    service_code: f.code,
    service_name: localName(f, locale),
    description: localName(f, locale),
    metadata: true,
    type: 'realtime',
    keywords: '',
    group: '',
  }));
}

export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
  /** extensions: our own status (its public key) and the answer's due date (YYYY-MM-DD) */
  pakn_status: string;
  due_date: string | null;
  title: string | null;
  public_url: string | null;
};

const CLOSED_STATUSES = STATUSES.filter((st) => isClosed(st));

const COLUMNS = {
  id: s.pakn.id,
  code: s.pakn.code,
  status: s.pakn.status,
  fieldId: s.pakn.fieldId,
  unitId: s.pakn.unitId,
  receivedAt: s.pakn.receivedAt,
  updatedAt: s.pakn.updatedAt,
  answerDue: s.pakn.answerDue,
  extendedTo: s.pakn.extendedTo,
  publication: s.pakn.publication,
  publicTitle: s.pakn.publicTitle,
  publicSummary: s.pakn.publicSummary,
  publicAnswer: s.pakn.publicAnswer,
};

type Row = { [K in keyof typeof COLUMNS]: (typeof COLUMNS)[K]['_']['data'] | null } & {
  code: string;
  status: string;
  receivedAt: Date;
  answerDue: string;
};

async function present(rows: Row[], locale: string, db: DbOrTx): Promise<Open311Request[]> {
  const fields = new Map((await listFields({ activeOnly: false, db })).map((f) => [f.id, f]));
  const units = new Map((await db.select().from(s.units)).map((u) => [u.id, u]));
  const agency = localName(await getAgency(db), locale);
  const base = getEnv().BASE_URL;
  return rows.map((r) => {
    const status: Status = isStatus(r.status) ? r.status : 'received';
    const field = r.fieldId ? fields.get(r.fieldId) : undefined;
    const unit = r.unitId ? units.get(r.unitId) : undefined;
    const published = r.publication === 'published';
    const due = answerClockApplies(status) ? (r.extendedTo ?? r.answerDue) : null;
    return {
      service_request_id: r.code,
      status: open311Status(status),
      status_notes: published ? r.publicAnswer : null,
      service_name: field ? localName(field, locale) : null,
      service_code: field?.code ?? null,
      description: published ? r.publicSummary : null,
      agency_responsible: unit ? localName(unit, locale) : agency,
      service_notice: null,
      requested_datetime: isoVietnam(r.receivedAt),
      updated_datetime: isoVietnam(r.updatedAt ?? r.receivedAt),
      expected_datetime: due ? `${due}T17:00:00+07:00` : null,
      address: null,
      address_id: null,
      zipcode: null,
      lat: null,
      long: null,
      media_url: null,
      pakn_status: publicStatus(status).key,
      due_date: due,
      title: published ? r.publicTitle : null,
      public_url: published ? `${base}/cong-khai/${r.code}` : null,
    };
  });
}

export async function getOpen311Requests(
  codes: string[],
  locale: string,
  db: DbOrTx = getDb(),
): Promise<Open311Request[]> {
  const wanted = [...new Set(codes.map(normaliseCode))].slice(0, OPEN311_MAX_RESULTS);
  if (!wanted.length) return [];
  const rows = await db.select(COLUMNS).from(s.pakn).where(inArray(s.pakn.code, wanted));
  const order = new Map(wanted.map((c, i) => [c, i]));
  rows.sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0));
  return present(rows, locale, db);
}

/** Unknown service codes in a search, so the caller can say which one. */
export async function unknownServiceCodes(codes: string[], db: DbOrTx = getDb()): Promise<string[]> {
  const known = new Set((await listFields({ activeOnly: false, db })).map((f) => f.code));
  return codes.filter((c) => !known.has(c));
}

export async function searchOpen311Requests(
  query: Extract<RequestsQuery, { kind: 'search' }>,
  locale: string,
  db: DbOrTx = getDb(),
): Promise<Open311Request[]> {
  const where: SQL[] = [
    gte(s.pakn.receivedAt, new Date(query.from)),
    lte(s.pakn.receivedAt, new Date(query.to)),
  ];
  if (query.serviceCodes) {
    const ids = (await listFields({ activeOnly: false, db }))
      .filter((f) => query.serviceCodes!.includes(f.code))
      .map((f) => f.id);
    where.push(inArray(s.pakn.fieldId, ids));
  }
  if (query.statuses && query.statuses.length === 1) {
    where.push(
      query.statuses[0] === 'closed'
        ? inArray(s.pakn.status, CLOSED_STATUSES)
        : notInArray(s.pakn.status, CLOSED_STATUSES),
    );
  }
  const rows = await db
    .select(COLUMNS)
    .from(s.pakn)
    .where(and(...where))
    .orderBy(desc(s.pakn.receivedAt), desc(s.pakn.id))
    .limit(OPEN311_MAX_RESULTS);
  return present(rows, locale, db);
}
