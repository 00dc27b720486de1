// The public statistics of /thong-ke: aggregates of the published answers only, shared by anonymous visitors
// through a short cache.
import { normaliseCutoffDay, type ReportPeriod } from '~/domain/reports/periods';
import { listFields, listUnits } from '~/models/config.server';
import { fragments, monthKey, namedAll, paramsOf, perCutoff } from '~/models/reports/sql.server';
import { type Db, getDb } from '~/utils/db.server';

/** one scan: published answers by unit, field and report month of publication (null outside the trend) */
const publicSql = perCutoff((f, cutoff) => {
  const { onTime } = fragments(f);
  return `
SELECT "unitId", "fieldId", m, count(*) AS n, sum("onTime") AS "onTime" FROM (
  SELECT unit_id AS "unitId", field_id AS "fieldId",
    CASE WHEN published_at >= @S AND published_at < @E THEN ${f.reportMonth('published_at', cutoff)} END AS m,
    ${onTime} AS "onTime"
  FROM pakn WHERE publication = 'published' ${f.noFlatten}
) x GROUP BY 1, 2, 3`;
});

// The public page reads every published answer (about a second at a million PAKN): anonymous visitors share one
// result per cut-off and month window for a few minutes rather than each running the scan.
const PUBLIC_TTL_MS = 5 * 60 * 1000;
const publicCache = new Map<
  string,
  { at: number; db: Db; value: Awaited<ReturnType<typeof publicStatistics>> }
>();

export async function publicStatisticsCached(
  args: { months: ReportPeriod[]; cutoffDay: number },
  db: Db = getDb(),
  now = Date.now(),
): Promise<ReturnType<typeof publicStatistics>> {
  const key = `${args.cutoffDay}|${args.months[0]!.start}|${args.months[args.months.length - 1]!.end}`;
  const hit = publicCache.get(key);
  if (hit && hit.db === db && now - hit.at < PUBLIC_TTL_MS) return hit.value;
  const value = await publicStatistics(args, db);
  publicCache.clear();
  publicCache.set(key, { at: now, db, value });
  return value;
}

export type PublicGroup = {
  id: number | null;
  code: string;
  name: string;
  nameEn: string;
  published: number;
  onTime: number;
};

/**
 * Aggregates of the answers that are public (publication = 'published'): each of them is already on the public
 * list with its field, unit, dates and on-time flag, so these counts disclose nothing new about anybody. Nothing
 * is broken down by a submitter's characteristics, and no non-public data (ratings, refusals, contacts) is read.
 */
export async function publicStatistics(
  { months, cutoffDay }: { months: ReportPeriod[]; cutoffDay: number },
  db: Db = getDb(),
) {
  const first = months[0]!;
  const last = months[months.length - 1]!;
  const groups = (await namedAll(
    db,
    publicSql(normaliseCutoffDay(cutoffDay)),
    paramsOf({ start: first.start, end: last.end }, null),
  )) as Array<{ unitId: number | null; fieldId: number | null; m: string | null; n: number; onTime: number }>;
  const units = await listUnits({ activeOnly: false, db });
  const fields = await listFields({ activeOnly: false, db });
  const collect = (
    ids: Array<{ id: number; code: string; name: string; nameEn: string }>,
    keyOf: (g: (typeof groups)[number]) => number | null,
  ) => {
    const out: PublicGroup[] = [];
    for (const x of [...ids, null]) {
      const id = x?.id ?? null;
      const mine = groups.filter((g) => keyOf(g) === id);
      const published = mine.reduce((s, g) => s + g.n, 0);
      if (published === 0) continue;
      out.push({
        id,
        code: x?.code ?? '',
        name: x?.name ?? '',
        nameEn: x?.nameEn ?? '',
        published,
        onTime: mine.reduce((s, g) => s + g.onTime, 0),
      });
    }
    return out;
  };
  const trend = months.map((period) => {
    const mine = groups.filter((g) => g.m === monthKey(period));
    return {
      period,
      published: mine.reduce((s, g) => s + g.n, 0),
      onTime: mine.reduce((s, g) => s + g.onTime, 0),
    };
  });
  return {
    total: {
      published: groups.reduce((s, g) => s + g.n, 0),
      onTime: groups.reduce((s, g) => s + g.onTime, 0),
    },
    byUnit: collect(units, (g) => g.unitId),
    byField: collect(fields, (g) => g.fieldId),
    trend,
  };
}
