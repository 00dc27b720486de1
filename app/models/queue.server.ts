// The staff queue: tabs with counts, filters, diacritic-insensitive search and keyset pagination.
// Every list query walks an index on (answer_due, id), (step_due, id) or (received_at, id) — never OFFSET — so
// page 5 000 costs the same as page 1; the unit scope of handlers and unit approvers is part of the SQL.
// "Overdue" and "due soon" read step_due, the due date of whichever clock of spec §6 runs in the status
// (app/domain/clocks.ts): classification, the answer, the information wait or publication.
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

import { type ClockKey, currentClock } from '~/domain/clocks';
import { addCalendarDays, isValidLocalDate, type LocalDate, toLocalDate } from '~/domain/dates';
import { computeDueDate, type DueState } from '~/domain/deadlines';
import { CATEGORIES, CHANNELS, PAKN_TYPES } from '~/domain/pakn';
import { type Actor, can, isUnitScoped } from '~/domain/permissions';
import { foldVietnamese } from '~/domain/routing';
import { isOpen, type Status, STATUSES } from '~/domain/workflow/transitions';
import { type Db, dialectOf, first, getDb, rawGet, withSqliteClient } from '~/utils/db.server';
import * as s from '~db/schema';

import { getCalendar } from './config.server';

export const PAGE_SIZE = 50;
import { QUEUE_SORTS, QUEUE_TABS, type QueueSort, type QueueTab } from '~/domain/queue';
export { QUEUE_SORTS, QUEUE_TABS, type QueueSort, type QueueTab };

export const OPEN_STATUSES: Status[] = STATUSES.filter(isOpen);

/** ids are PostgreSQL `integer`s: a larger number names no row (and would be an error there, not a miss) */
const MAX_ID = 2_147_483_647;
const optionalId = z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined);
const optionalDate = z.string().refine(isValidLocalDate).optional().catch(undefined);
const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}|\d{1,15})~(\d{1,10})$/;
const cursor = z
  .string()
  .regex(CURSOR_RE)
  .refine((c) => Number(c.slice(c.indexOf('~') + 1)) <= MAX_ID)
  .optional()
  .catch(undefined);

const paramsSchema = z.object({
  tab: z.enum(QUEUE_TABS).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  unit: optionalId,
  field: optionalId,
  category: z.coerce
    .number()
    .int()
    .refine((n) => (CATEGORIES as readonly number[]).includes(n))
    .optional()
    .catch(undefined),
  type: z.enum(PAKN_TYPES).optional().catch(undefined),
  channel: z.enum(CHANNELS).optional().catch(undefined),
  from: optionalDate,
  to: optionalDate,
  q: z
    .string()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((v) => v?.trim() || undefined),
  sort: z.enum(QUEUE_SORTS).optional().catch(undefined),
  after: cursor,
  before: cursor,
});
export type QueueParams = z.output<typeof paramsSchema>;
export type QueueFilters = Omit<QueueParams, 'tab' | 'sort'> & { tab: QueueTab; sort: QueueSort };

/** The tabs this actor sees: "in my unit" needs a unit, "to classify" is never in a unit's scope. */
export function queueTabs(actor: Actor): QueueTab[] {
  return QUEUE_TABS.filter((tab) => {
    if (tab === 'unit') return actor.unitId !== null;
    // "assigned to me": the PAKN a handler took (handler_user_id), for the roles that take PAKN
    if (tab === 'mine') return can(actor, 'pakn:take');
    if (tab === 'classify' || tab === 'reconsider') return !isUnitScoped(actor);
    return true;
  });
}

function defaultTab(actor: Actor): QueueTab {
  if (actor.role === 'coordinator') return 'classify';
  if (actor.role === 'handler' && actor.unitId !== null) return 'unit';
  if (actor.role === 'approver') return 'approval';
  return 'all';
}

/** Unknown or malformed parameters are dropped (a GET filter form cannot be "wrong", only ignored). */
export function parseQueueParams(params: URLSearchParams, actor: Actor): QueueFilters {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ''));
  const parsed = paramsSchema.parse(raw);
  const tabs = queueTabs(actor);
  const tab = parsed.tab && tabs.includes(parsed.tab) ? parsed.tab : defaultTab(actor);
  return { ...parsed, tab: tabs.includes(tab) ? tab : 'all', sort: parsed.sort ?? 'due' };
}

/** FTS5 query from what the user typed: folded words, each a quoted prefix term, all required. */
export function ftsQuery(q: string): string | null {
  const words = staffSearchWords(q);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/** The words of a staff search, folded, at most 12, each a prefix (PostgreSQL: pakn_staff_query). */
export function staffSearchWords(q: string): string[] {
  return foldVietnamese(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
}

function scopeCondition(actor: Actor): SQL | undefined {
  if (!isUnitScoped(actor)) return undefined;
  return actor.unitId === null ? sql`1 = 0` : eq(s.pakn.unitId, actor.unitId);
}

/** The last day that still counts as "due soon" (≤ 2 working days away), as dueState defines it. */
async function dueSoonLimit(today: LocalDate, db: Db): Promise<LocalDate> {
  const third = computeDueDate({
    start: today,
    days: 3,
    unit: 'working',
    calendar: await getCalendar(db),
  }).due;
  return addCalendarDays(third, -1);
}

async function tabCondition(tab: QueueTab, actor: Actor, today: LocalDate, db: Db): Promise<SQL | undefined> {
  switch (tab) {
    case 'classify':
      return eq(s.pakn.status, 'received');
    case 'unit':
      return actor.unitId === null
        ? sql`1 = 0`
        : and(eq(s.pakn.unitId, actor.unitId), inArray(s.pakn.status, OPEN_STATUSES));
    case 'mine':
      return and(eq(s.pakn.handlerUserId, actor.id), inArray(s.pakn.status, OPEN_STATUSES));
    case 'approval':
      return eq(s.pakn.status, 'awaiting_approval');
    case 'dueSoon':
      return and(gte(s.pakn.stepDue, today), lte(s.pakn.stepDue, await dueSoonLimit(today, db)));
    case 'overdue':
      // step_due is NULL when no clock runs (closed, published), so this is "some step is late"
      return lt(s.pakn.stepDue, today);
    case 'reconsider':
      // answered items whose submitter asked for reconsideration (rating page), until reopened
      // driven by the few flagged ratings (feedback_reconsider_idx): the unary + keeps the planner from walking
      // every answered PAKN through the status index instead
      return and(
        sql`${s.pakn.id} IN (SELECT pakn_id FROM feedback_ratings WHERE reconsideration_requested = 1)`,
        dialectOf(db) === 'pg' ? eq(s.pakn.status, 'answered') : sql`+${s.pakn.status} = 'answered'`,
      );
    case 'all':
      return undefined;
  }
}

// The counts read whole ranges of the indexes ("all" counts every PAKN), so they are kept until the database
// changes. SQLite: total_changes() moves with every write of this connection, data_version with any other
// connection's commit. PostgreSQL: the sequence queue_count_version, moved at the commit of any process that
// changed a PAKN, a rating, the calendar or a setting (migration 0010); a change that commits while another process
// counts can be missed by that count, so there a memo also lasts at most PG_COUNTS_MAX_AGE_MS. A burst of queue
// views between two writes costs one set of counts.
let countsMemo:
  { db: Db; version: string; at: number; byScope: Map<string, Record<QueueTab, number>> } | undefined;
const PG_COUNTS_MAX_AGE_MS = 5_000;

export async function countQueueTabs(
  { actor, today = toLocalDate(new Date()) }: { actor: Actor; today?: LocalDate },
  db: Db = getDb(),
): Promise<Record<QueueTab, number>> {
  const pg = dialectOf(db) === 'pg';
  const version = pg
    ? `pg|${(await rawGet<{ v: number }>(db, sql`SELECT last_value AS v FROM queue_count_version`))?.v ?? 0}`
    : await withSqliteClient(db, (client) => {
        const changes = client.prepare('SELECT total_changes() AS n').pluck().get();
        return `${String(changes)}|${String(client.pragma('data_version', { simple: true }))}`;
      });
  const now = Date.now();
  if (
    countsMemo?.db !== db ||
    countsMemo.version !== version ||
    (pg && now - countsMemo.at > PG_COUNTS_MAX_AGE_MS)
  )
    countsMemo = { db, version, at: now, byScope: new Map() };
  // the "mine" tab depends on who asks, not only on the role and unit
  const scope = `${actor.role}|${actor.unitId}|${can(actor, 'pakn:take') ? actor.id : ''}|${today}`;
  const known = countsMemo.byScope.get(scope);
  if (known) return { ...known };
  const counts = Object.fromEntries(QUEUE_TABS.map((tab) => [tab, 0])) as Record<QueueTab, number>;
  for (const tab of queueTabs(actor)) {
    counts[tab] =
      (
        await first(
          db
            .select({ n: sql<number>`count(*)` })
            .from(s.pakn)
            .where(and(scopeCondition(actor), await tabCondition(tab, actor, today, db))),
        )
      )?.n ?? 0;
  }
  countsMemo.byScope.set(scope, counts);
  return { ...counts };
}

type Cursor = { value: string | number; id: number };

function parseCursor(raw: string, byDue: boolean): Cursor | null {
  const m = CURSOR_RE.exec(raw);
  if (!m) return null;
  const value = m[1]!;
  if (byDue !== value.includes('-')) return null;
  return { value: byDue ? value : Number(value), id: Number(m[2]) };
}

/** The tabs where every row has a running clock: there "by due date" means the running step's date. */
const STEP_DUE_TABS: readonly QueueTab[] = ['overdue', 'dueSoon'];

function sortSpec(sort: QueueSort, tab: QueueTab) {
  const byDue = sort === 'due' || sort === 'due_desc';
  const ascending = sort === 'due' || sort === 'received';
  const byStep = byDue && STEP_DUE_TABS.includes(tab);
  const column = byStep ? s.pakn.stepDue : byDue ? s.pakn.answerDue : s.pakn.receivedAt;
  return { byDue, byStep, ascending, column };
}

/** The list query for one page; exported so a test can check its plan with EXPLAIN QUERY PLAN. */
export async function buildQueueQuery(
  {
    actor,
    filters,
    today = toLocalDate(new Date()),
    pageSize = PAGE_SIZE,
  }: { actor: Actor; filters: QueueFilters; today?: LocalDate; pageSize?: number },
  db: Db = getDb(),
) {
  const { byDue, ascending, column } = sortSpec(filters.sort, filters.tab);
  const backwards = Boolean(filters.before) && !filters.after;
  const cursor = filters.after
    ? parseCursor(filters.after, byDue)
    : filters.before
      ? parseCursor(filters.before, byDue)
      : null;
  // Walking backwards is the same walk in the opposite direction, reversed afterwards.
  const forward = ascending !== backwards;
  let keyset: SQL | undefined;
  if (cursor) {
    const v = byDue ? cursor.value : new Date(cursor.value as number);
    // `col >= v AND (col > v OR id > x)` keeps an index range on col, which the row-value form may not.
    keyset = forward
      ? and(gte(column, v as never), or(gt(column, v as never), gt(s.pakn.id, cursor.id)))
      : and(lte(column, v as never), or(lt(column, v as never), lt(s.pakn.id, cursor.id)));
  }
  const match = filters.q ? ftsQuery(filters.q) : null;
  const words = filters.q ? staffSearchWords(filters.q) : [];
  // PostgreSQL: the twin of pakn_fts (db/migrations-pg 0004); no words, no condition, as on SQLite
  const search =
    dialectOf(db) === 'pg'
      ? words.length
        ? sql`pakn_staff_tsv(${s.pakn.searchText}) @@ pakn_staff_query(${sql.param(words)}::text[])`
        : undefined
      : match
        ? sql`${s.pakn.id} IN (SELECT rowid FROM pakn_fts WHERE pakn_fts MATCH ${match})`
        : undefined;
  const where = and(
    scopeCondition(actor),
    await tabCondition(filters.tab, actor, today, db),
    filters.status ? eq(s.pakn.status, filters.status) : undefined,
    filters.unit ? eq(s.pakn.unitId, filters.unit) : undefined,
    filters.field ? eq(s.pakn.fieldId, filters.field) : undefined,
    filters.category ? eq(s.pakn.category, filters.category) : undefined,
    filters.type ? eq(s.pakn.type, filters.type) : undefined,
    filters.channel ? eq(s.pakn.channel, filters.channel) : undefined,
    filters.from ? gte(s.pakn.receivedDate, filters.from) : undefined,
    filters.to ? lte(s.pakn.receivedDate, filters.to) : undefined,
    search,
    keyset,
  );
  const order = forward ? [asc(column), asc(s.pakn.id)] : [desc(column), desc(s.pakn.id)];
  // in an object: awaiting this async function must not run the query (a builder is thenable)
  const query = db
    .select({
      id: s.pakn.id,
      code: s.pakn.code,
      title: s.pakn.title,
      status: s.pakn.status,
      type: s.pakn.type,
      channel: s.pakn.channel,
      unitId: s.pakn.unitId,
      fieldId: s.pakn.fieldId,
      receivedAt: s.pakn.receivedAt,
      receivedDate: s.pakn.receivedDate,
      answerDue: s.pakn.answerDue,
      classifyDue: s.pakn.classifyDue,
      publishDue: s.pakn.publishDue,
      infoDue: s.pakn.infoDue,
      stepDue: s.pakn.stepDue,
      publication: s.pakn.publication,
      handlerUserId: s.pakn.handlerUserId,
      extendedTo: s.pakn.extendedTo,
      version: s.pakn.version,
    })
    .from(s.pakn)
    .where(where)
    .orderBy(...order)
    .limit(pageSize + 1);
  return { query };
}

export type QueueRow = Awaited<Awaited<ReturnType<typeof buildQueueQuery>>['query']>[number] & {
  dueState: DueState | null;
  /** the running clock of spec §6, its date and the working days left (negative: late by) */
  clock: ClockKey | null;
  workingDays: number | null;
  handlerName: string | null;
};

/** The names of the handlers of a page of rows, in one statement. */
async function handlerNamesOf(
  rows: Array<{ handlerUserId: number | null }>,
  db: Db,
): Promise<Map<number, string>> {
  // run even for no ids, so that a page costs the same number of statements whatever it shows
  const ids = [...new Set(rows.flatMap((r) => (r.handlerUserId ? [r.handlerUserId] : [])))];
  return new Map(
    (
      await db.select({ id: s.users.id, name: s.users.name }).from(s.users).where(inArray(s.users.id, ids))
    ).map((u) => [u.id, u.name]),
  );
}
export type QueuePage = { rows: QueueRow[]; next: string | null; prev: string | null };

function cursorOf(
  row: { id: number; answerDue: string; stepDue: string | null; receivedAt: Date },
  sort: { byDue: boolean; byStep: boolean },
): string {
  const value = sort.byStep ? row.stepDue : sort.byDue ? row.answerDue : row.receivedAt.getTime();
  return `${value}~${row.id}`;
}

export async function listQueue(
  {
    actor,
    filters,
    today = toLocalDate(new Date()),
    pageSize = PAGE_SIZE,
  }: { actor: Actor; filters: QueueFilters; today?: LocalDate; pageSize?: number },
  db: Db = getDb(),
): Promise<QueuePage> {
  const sort = sortSpec(filters.sort, filters.tab);
  const backwards = Boolean(filters.before) && !filters.after;
  const fetched = await (await buildQueueQuery({ actor, filters, today, pageSize }, db)).query;
  const more = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (backwards) page.reverse();
  const calendar = await getCalendar(db);
  const handlerNames = await handlerNamesOf(page, db);
  const rows = page.map((r) => {
    const clock = currentClock(r, today, calendar);
    // waiting for the submitter is shown as paused until the wait itself runs out
    const paused = r.status === 'awaiting_info' && clock?.state !== 'overdue';
    return {
      ...r,
      dueState: paused ? ('paused' as const) : (clock?.state ?? null),
      clock: clock?.clock ?? null,
      workingDays: clock?.workingDays ?? null,
      handlerName: r.handlerUserId ? (handlerNames.get(r.handlerUserId) ?? null) : null,
    };
  });
  const first = rows[0];
  const last = rows[rows.length - 1];
  const hasCursor = Boolean(filters.after || filters.before);
  return {
    rows,
    next: last && (backwards || more) ? cursorOf(last, sort) : null,
    prev: first && (backwards ? more : hasCursor) ? cursorOf(first, sort) : null,
  };
}
