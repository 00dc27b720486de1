// The coordinators' and leaders' dashboard: open work and its ageing per unit, the overdue items, the trend and
// the targets (app/routes/can-bo.tong-quan.tsx).
import { runningClock } from '~/domain/clocks';
import type { LocalDate } from '~/domain/dates';
import { AGEING_BUCKETS, UNASSIGNED_CODE, UNASSIGNED_NAME } from '~/domain/reports/definitions';
import { workdayOrdinals } from '~/domain/reports/figures';
import type { ReportPeriod } from '~/domain/reports/periods';
import { isClosed, STATUSES } from '~/domain/workflow/transitions';
import { getCalendar, listUnits } from '~/models/config.server';
import {
  countIf,
  inOneSnapshot,
  namedAll,
  quoteList,
  reportQuery,
  UNIT_FILTER,
  unitParams,
} from '~/models/reports/sql.server';
import { monthlyFigures } from '~/models/reports/trend.server';
import { type Db, getDb } from '~/utils/db.server';

/** Open statuses as a list, so that the (status, answer_due) index serves the open-work queries. */
const OPEN_LIST_SQL = quoteList(STATUSES.filter((st) => !isClosed(st)));

/** workload and ageing together: open rows by unit and day of receipt */
const OPEN_WORK_SQL = reportQuery(
  () => `
SELECT unit_id AS "unitId", received_date AS d, count(*) AS open,
  ${countIf(`status = 'awaiting_info'`)} AS paused,
  ${countIf(`status = 'received'`)} AS unclassified
FROM pakn WHERE status IN (${OPEN_LIST_SQL}) AND ${UNIT_FILTER} GROUP BY 1, 2`,
);

/*
 * Late steps (app/domain/clocks.ts): step_due is the date of the clock the status runs — classification,
 * answer, information wait, publication of an answered item — so "overdue" is one range of its index and
 * includes answered items not published in time.
 */
const LATE_BY_UNIT_SQL = reportQuery(
  () => `
SELECT unit_id AS "unitId", count(*) AS n FROM pakn WHERE step_due < @today AND ${UNIT_FILTER} GROUP BY 1`,
);

const OVERDUE_SQL = reportQuery(
  () => `
SELECT id, code, title, unit_id AS "unitId", status, publication, received_date AS "receivedDate", step_due AS due
FROM pakn WHERE step_due < @today AND ${UNIT_FILTER}
ORDER BY step_due, id LIMIT @limit`,
);

/** The dashboard's figures, read from one snapshot; `unitId` restricts them to one unit. */
export async function buildDashboard(
  {
    unitId = null,
    months,
    year,
    today,
    cutoffDay,
    overdueLimit = 50,
  }: {
    unitId?: number | null;
    months: ReportPeriod[];
    year: ReportPeriod;
    today: LocalDate;
    cutoffDay: number;
    overdueLimit?: number;
  },
  db: Db = getDb(),
) {
  const calendar = await getCalendar(db);
  const allUnits = await listUnits({ activeOnly: false, db });
  const unitName = new Map(allUnits.map((u) => [u.id, u]));
  const base = { ...unitParams(unitId), today };
  return inOneSnapshot(db, async (tx) => {
    const open = (await namedAll(tx, OPEN_WORK_SQL, base)) as Array<{
      unitId: number | null;
      d: string;
      open: number;
      paused: number;
      unclassified: number;
    }>;
    const late = new Map(
      ((await namedAll(tx, LATE_BY_UNIT_SQL, base)) as Array<{ unitId: number | null; n: number }>).map(
        (r) => [r.unitId === null ? 'none' : String(r.unitId), r.n],
      ),
    );
    const ord = workdayOrdinals([today, ...open.map((r) => r.d)], calendar);
    const key = (id: number | null) => (id === null ? 'none' : String(id));
    const workload = new Map<
      string,
      { open: number; overdue: number; paused: number; unclassified: number }
    >();
    const ageing = new Map<string, number[]>();
    for (const r of open) {
      const w = workload.get(key(r.unitId)) ?? { open: 0, overdue: 0, paused: 0, unclassified: 0 };
      w.open += r.open;
      w.paused += r.paused;
      w.unclassified += r.unclassified;
      workload.set(key(r.unitId), w);
      const age = Math.max(0, ord.get(today)! - ord.get(r.d)!);
      const counts = ageing.get(key(r.unitId)) ?? AGEING_BUCKETS.map(() => 0);
      counts[AGEING_BUCKETS.findIndex((b) => age >= b.min && age <= b.max)]! += r.open;
      ageing.set(key(r.unitId), counts);
    }
    for (const [k, n] of late) {
      const w = workload.get(k) ?? { open: 0, overdue: 0, paused: 0, unclassified: 0 };
      w.overdue = n;
      workload.set(k, w);
    }
    const overdueRows = (await namedAll(tx, OVERDUE_SQL, { ...base, limit: overdueLimit })) as Array<{
      id: number;
      code: string;
      title: string;
      unitId: number | null;
      status: string;
      publication: string;
      receivedDate: string;
      due: string;
    }>;
    const lateOrd = workdayOrdinals([today, ...overdueRows.map((r) => r.due)], calendar);
    const { trend, targets } = await monthlyFigures({ months, year, unitId, cutoffDay }, tx);
    const unitRows: Array<number | null> = [
      ...allUnits
        .filter((u) => (unitId === null ? u.active || workload.has(key(u.id)) : u.id === unitId))
        .map((u) => u.id),
      ...(unitId === null ? [null] : []),
    ];
    const label = (id: number | null) =>
      id === null
        ? { code: UNASSIGNED_CODE, ...UNASSIGNED_NAME }
        : {
            code: unitName.get(id)?.code ?? `#${id}`,
            name: unitName.get(id)?.name ?? `#${id}`,
            nameEn: unitName.get(id)?.nameEn ?? `#${id}`,
          };
    return {
      today,
      workload: unitRows.map((id) => ({
        unitId: id,
        ...label(id),
        ...(workload.get(key(id)) ?? { open: 0, overdue: 0, paused: 0, unclassified: 0 }),
      })),
      ageing: unitRows.map((id) => ({
        unitId: id,
        ...label(id),
        counts: ageing.get(key(id)) ?? AGEING_BUCKETS.map(() => 0),
      })),
      overdue: {
        total: [...workload.values()].reduce((s, w) => s + w.overdue, 0),
        items: overdueRows.map((r) => ({
          ...r,
          unit: r.unitId === null ? null : label(r.unitId),
          clock: runningClock(r),
          daysLate: lateOrd.get(today)! - lateOrd.get(r.due)!,
        })),
      },
      trend,
      targets,
    };
  });
}
