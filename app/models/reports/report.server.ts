/**
 * The periodic report of spec §9 (plan V.2, VIII) as SQL aggregates: one GROUP BY pass per family of indicators.
 * Definitions (docs/reports.md is the reference; the integration test recomputes each one independently):
 * - Period [start, end]: local dates in Asia/Ho_Chi_Minh, inclusive (app/domain/reports/periods.ts). Instants are
 *   compared with the Vietnam midnights bounding it, [S, E), so an item received at 23:59 on `end` is inside.
 * - Received: received_date in the period (received_at in [S, E)).
 * - Closed: a closed status (workflow isClosed) whose close date is in the period. The close instant is closed_at;
 *   for a closed row without closed_at (imported or legacy data) answered_at, then updated_at, then received_at
 *   stand in, and a close instant earlier than receipt is taken as the receipt. This keeps every row in exactly one
 *   place of the balance.
 * - Carried over: received before start, and open now or closed on/after start.
 * - Carried forward: received on/before end, and open now or closed after end.
 *   Per row, (carried over + received) and (closed + carried forward) are both 1 for a row that counts and 0 for
 *   one that does not, so carried over + received = closed + carried forward holds for every unit and in total.
 * - Unit: the current unit_id; unassigned items are the row "Chưa giao đơn vị" (unitId null).
 * - Answered on time/late: closed in the period with status answered; on_time when set, otherwise the local date
 *   of answered_at ≤ answer_due (the stored due date, which the workflow keeps up to date with closed pauses and
 *   the extension).
 * - In progress at the end (= carried forward): overdue when the due date of the step it is in is before the day it
 *   is judged on — step_due (classification while received, the information wait, the answer: app/domain/clocks.ts)
 *   for a row still open, answer_due for one closed after the end — within time otherwise. That day is the period's
 *   end, or today for a period not over yet: nothing is late before its due date.
 * - Published: answered in the period and publication = 'published' now.
 * - Handling time: working days (calendar data) from received_date to the local date of answered_at, for the items
 *   answered in the period; mean and median (the mean of the two middle values for an even count).
 * - Targets II.1: online = received online / received (≥ 90 %); digitised = received with a digital record (online,
 *   or at least one attachment for every other channel) / received (100 %); published = published / answered (100 %).
 * - Satisfaction: feedback_ratings created in the period, by the rated PAKN's unit; rate = satisfied / all ratings.
 */
import { toLocalDate } from '~/domain/dates';
import {
  type Breakdowns,
  COUNT_KEYS,
  type CountKey,
  type Counts,
  RATING_KEYS,
  type RatingKey,
  type Report,
  type ReportContext,
  UNASSIGNED_CODE,
  UNASSIGNED_NAME,
  type UnitFigures,
} from '~/domain/reports/definitions';
import {
  addTo,
  emptyBreakdowns,
  emptyCounts,
  ratingsOf,
  summariseHistogram,
  targetsOf,
  workdayOrdinals,
} from '~/domain/reports/figures';
import type { ReportPeriod } from '~/domain/reports/periods';
import { getAgency, getCalendar, listFields, listUnits } from '~/models/config.server';
import {
  countIf,
  fragments,
  inOneSnapshot,
  namedAll,
  OPEN_SQL,
  paramsOf,
  reportQuery,
  UNIT_FILTER,
  unitFilter,
} from '~/models/reports/sql.server';
import { type Db, getDb } from '~/utils/db.server';

/*
 * One pass over the rows that count, as a subquery so that the close instant and the open flag are computed once
 * per row (on SQLite a co-routine, not flattened, over a table scan: a sequential scan beats walking an index
 * over most of the table). Grouped by unit and by the dimensions of the received breakdowns, which JS then sums
 * both ways: every balance and outcome indicator and every "received by …" table come from this one scan.
 */
const BALANCE_SQL = reportQuery((f) => {
  const { closeAt, relevant, onTimeOf } = fragments(f);
  const closedIn = `(NOT op AND ca < @E)`;
  const carriedForward = `(op OR ca >= @E)`;
  const receivedIn = `(received_at >= @S)`;
  const answered = `${closedIn} AND status = 'answered'`;
  const onTime = `${onTimeOf(f.localDate('coalesce(answered_at, ca)'))}`;
  /* answered in the period by its group's answer (the group's answered_at is the instant of that answer; a member
     reopened and answered again alone later no longer matches it) */
  const byGroup = `(${answered} AND group_id IS NOT NULL)`;
  const groupOfRow = `SELECT 1 FROM pakn_groups g WHERE g.id = x.group_id AND g.answered_at = x.answered_at`;
  return `
SELECT unit_id AS "unitId", channel, type, category, field_id AS "fieldId",
  ${countIf('received_at < @S')} AS "carriedOver",
  ${countIf(receivedIn)} AS received,
  ${countIf(closedIn)} AS closed,
  ${countIf(carriedForward)} AS "carriedForward",
  ${countIf(answered)} AS answered,
  ${countIf(`${answered} AND ${onTime} = 1`)} AS "answeredOnTime",
  ${countIf(`${answered} AND ${onTime} = 0`)} AS "answeredLate",
  ${countIf(`${closedIn} AND status = 'refused'`)} AS refused,
  ${countIf(`${closedIn} AND status = 'transferred'`)} AS transferred,
  ${countIf(`${closedIn} AND status = 'forwarded'`)} AS forwarded,
  ${countIf(`${closedIn} AND status = 'duplicate'`)} AS duplicate,
  ${countIf(`${closedIn} AND status = 'closed_no_info'`)} AS "closedNoInfo",
  ${countIf(`${carriedForward} AND late_due >= @judgedOn`)} AS "inProgressWithinTime",
  ${countIf(`${carriedForward} AND late_due < @judgedOn`)} AS "inProgressOverdue",
  ${countIf(`${answered} AND publication = 'published'`)} AS published,
  ${countIf(`${receivedIn} AND channel = 'online'`)} AS "receivedOnline",
  ${countIf(`${receivedIn} AND (channel = 'online' OR EXISTS (SELECT 1 FROM attachments a WHERE a.pakn_id = x.id))`)} AS digitised,
  ${countIf(`${closedIn} AND status = 'refused' AND refusal_reason = 'R08'`)} AS "refusedRepeat",
  ${countIf(`${byGroup} AND EXISTS (${groupOfRow} AND g.lead_pakn_id = x.id)`)} AS "groupsAnswered",
  ${countIf(`${byGroup} AND EXISTS (${groupOfRow})`)} AS "answeredInGroup"
FROM (
  SELECT id, unit_id, channel, type, category, field_id, received_at, status, answer_due, publication,
    on_time, answered_at, refusal_reason, group_id, ${closeAt} AS ca, ${OPEN_SQL} AS op,
    (CASE WHEN ${OPEN_SQL} THEN coalesce(step_due, answer_due) ELSE answer_due END) AS late_due
  FROM pakn ${f.notIndexed} WHERE ${relevant} AND ${UNIT_FILTER} ${f.noFlatten}
) x
GROUP BY 1, 2, 3, 4, 5`;
});

const REFUSED_SQL = reportQuery((f) => {
  const { closeAt } = fragments(f);
  return `
SELECT unit_id AS "unitId", refusal_reason AS reason, count(*) AS n
FROM pakn WHERE status = 'refused' AND ${closeAt} >= @S AND ${closeAt} < @E AND ${UNIT_FILTER}
GROUP BY 1, 2`;
});

const HANDLING_SQL = reportQuery((f) => {
  const { closeAt, answeredDate } = fragments(f);
  return `
SELECT unit_id AS "unitId", received_date AS "fromDate", ${answeredDate} AS "toDate", count(*) AS n
FROM pakn ${f.notIndexed} WHERE status = 'answered' AND ${closeAt} >= @S AND ${closeAt} < @E AND ${UNIT_FILTER}
GROUP BY 1, 2, 3`;
});

const RATINGS_SQL = reportQuery(
  () => `
SELECT p.unit_id AS "unitId", r.rating AS rating, count(*) AS n
FROM feedback_ratings r JOIN pakn p ON p.id = r.pakn_id
WHERE r.created_at >= @S AND r.created_at < @E AND ${unitFilter('p.unit_id')}
GROUP BY 1, 2`,
);

const isRatingKey = (k: string): k is RatingKey => (RATING_KEYS as readonly string[]).includes(k);

/** The figures of a period, per unit and in total, read from one snapshot of the database. */
export async function buildReport(
  { period, unitId = null, now = new Date() }: { period: ReportPeriod; unitId?: number | null; now?: Date },
  db: Db = getDb(),
): Promise<Report> {
  const today = toLocalDate(now);
  const params = { ...paramsOf(period, unitId), judgedOn: period.end < today ? period.end : today };
  const calendar = await getCalendar(db);
  const key = (id: number | null) => (id === null ? 'none' : String(id));
  const rows = new Map<
    string,
    {
      counts: Counts;
      breakdowns: Breakdowns;
      hist: Map<number, number>;
      ratings: Record<RatingKey, number>;
    }
  >();
  const rowFor = (id: number | null) => {
    let r = rows.get(key(id));
    if (!r) {
      r = {
        counts: emptyCounts(),
        breakdowns: emptyBreakdowns(),
        hist: new Map(),
        ratings: { satisfied: 0, neutral: 0, unsatisfied: 0 },
      };
      rows.set(key(id), r);
    }
    return r;
  };

  // The whole report reads one snapshot.
  await inOneSnapshot(db, async (tx) => {
    type Group = Record<CountKey, number> & {
      unitId: number | null;
      channel: string;
      type: string;
      category: number;
      fieldId: number | null;
    };
    for (const r of (await namedAll(tx, BALANCE_SQL, params)) as Group[]) {
      const row = rowFor(r.unitId);
      for (const k of COUNT_KEYS) row.counts[k] += r[k] ?? 0;
      if (!r.received) continue;
      const b = row.breakdowns;
      addTo(b.byChannel, r.channel, r.received);
      addTo(b.byType, r.type, r.received);
      addTo(b.byCategory, String(r.category), r.received);
      addTo(b.byField, r.fieldId === null ? 'none' : String(r.fieldId), r.received);
    }
    for (const r of (await namedAll(tx, REFUSED_SQL, params)) as Array<{
      unitId: number | null;
      reason: string | null;
      n: number;
    }>) {
      addTo(rowFor(r.unitId).breakdowns.refusedByReason, r.reason ?? 'none', r.n);
    }
    const pairs = (await namedAll(tx, HANDLING_SQL, params)) as Array<{
      unitId: number | null;
      fromDate: string;
      toDate: string;
      n: number;
    }>;
    const ord = workdayOrdinals(
      pairs.flatMap((p) => [p.fromDate, p.toDate]),
      calendar,
    );
    for (const p of pairs) {
      const days = Math.max(0, ord.get(p.toDate)! - ord.get(p.fromDate)!);
      const hist = rowFor(p.unitId).hist;
      hist.set(days, (hist.get(days) ?? 0) + p.n);
    }
    for (const r of (await namedAll(tx, RATINGS_SQL, params)) as Array<{
      unitId: number | null;
      rating: string;
      n: number;
    }>) {
      const ratings = rowFor(r.unitId).ratings;
      if (isRatingKey(r.rating)) ratings[r.rating] += r.n;
    }
  });

  // Rows: the unit asked for, or every active unit, any inactive unit with figures, and the unassigned row.
  const allUnits = await listUnits({ activeOnly: false, db });
  const units: UnitFigures[] = [];
  const total = {
    counts: emptyCounts(),
    breakdowns: emptyBreakdowns(),
    hist: new Map<number, number>(),
    ratings: { satisfied: 0, neutral: 0, unsatisfied: 0 },
  };
  const pushRow = (id: number | null, code: string, name: string, nameEn: string) => {
    const r = rows.get(key(id)) ?? {
      counts: emptyCounts(),
      breakdowns: emptyBreakdowns(),
      hist: new Map<number, number>(),
      ratings: { satisfied: 0, neutral: 0, unsatisfied: 0 },
    };
    rows.delete(key(id));
    units.push({
      unitId: id,
      code,
      name,
      nameEn,
      counts: r.counts,
      handling: summariseHistogram(r.hist),
      ratings: ratingsOf(r.ratings),
      breakdowns: r.breakdowns,
    });
    for (const k of COUNT_KEYS) total.counts[k] += r.counts[k];
    for (const [v, n] of r.hist) total.hist.set(v, (total.hist.get(v) ?? 0) + n);
    for (const k of RATING_KEYS) total.ratings[k] += r.ratings[k];
    for (const fam of Object.keys(r.breakdowns) as Array<keyof Breakdowns>) {
      for (const [k, n] of Object.entries(r.breakdowns[fam])) addTo(total.breakdowns[fam], k, n);
    }
  };
  for (const u of allUnits) {
    if (unitId !== null ? u.id === unitId : u.active || rows.has(key(u.id)))
      pushRow(u.id, u.code, u.name, u.nameEn);
  }
  if (unitId === null) {
    pushRow(null, UNASSIGNED_CODE, UNASSIGNED_NAME.name, UNASSIGNED_NAME.nameEn);
    // a unit id that no longer exists in `units` (should not happen: foreign key) still adds up
    for (const k of [...rows.keys()]) pushRow(Number(k), `#${k}`, `Đơn vị #${k}`, `Unit #${k}`);
  }
  const fields = (await listFields({ activeOnly: false, db })).map((f) => ({
    id: f.id,
    code: f.code,
    name: f.name,
    nameEn: f.nameEn,
  }));
  return {
    period,
    unitId,
    generatedAt: now.toISOString(),
    total: {
      counts: total.counts,
      handling: summariseHistogram(total.hist),
      ratings: ratingsOf(total.ratings),
      breakdowns: total.breakdowns,
    },
    units,
    fields,
    targets: targetsOf(total.counts),
  };
}

/** The report of a period and scope with what its documents need: the agency, the unit's name, the date. */
export async function reportContext(
  { period, unitId, now = new Date() }: { period: ReportPeriod; unitId: number | null; now?: Date },
  db: Db = getDb(),
): Promise<ReportContext> {
  const report = await buildReport({ period, unitId, now }, db);
  const unitName = unitId === null ? null : (report.units[0]?.name ?? null);
  return { report, agency: await getAgency(db), unitName, today: toLocalDate(now) };
}
