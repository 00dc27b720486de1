// The period and scope a report is asked for (the report form's GET parameters), checked against the units and
// the actor's scope, and the agency's report cut-off day.
import { type Actor, isUnitScoped } from '~/domain/permissions';
import {
  normaliseCutoffDay,
  parsePeriod,
  type PeriodError,
  type ReportPeriod,
} from '~/domain/reports/periods';
import { getSetting } from '~/models/admin/settings.server';
import { listUnits } from '~/models/config.server';
import { type Db, getDb } from '~/utils/db.server';

export class ReportInputError extends Error {
  constructor(public readonly key: string) {
    super(key);
    this.name = 'ReportInputError';
  }
}

/** A unit id from the form: an existing unit (active or not, old reports still name it), else ReportInputError. */
export async function resolveUnit(raw: string | null | undefined, db: Db = getDb()): Promise<number | null> {
  const v = (raw ?? '').trim();
  if (!v) return null;
  if (!/^\d{1,9}$/.test(v)) throw new ReportInputError('unknownUnit');
  const id = Number(v);
  if (!(await listUnits({ activeOnly: false, db })).some((u) => u.id === id))
    throw new ReportInputError('unknownUnit');
  return id;
}

export async function reportCutoffDay(db: Db = getDb()): Promise<number> {
  return normaliseCutoffDay(await getSetting('report.cutoffDay', db));
}

export type ReportQueryError = PeriodError | { field: 'unit'; key: string };
export type ReportQuery =
  | { ok: true; period: ReportPeriod; unitId: number | null; cutoffDay: number }
  | { ok: false; status: 400 | 403; errors: ReportQueryError[]; cutoffDay: number };

/**
 * The period and scope asked for in a report URL (the form's GET parameters). A unit-scoped actor (an approver
 * leading a unit) always gets their own unit: asking for another one is a 403, not a silent substitution.
 */
export async function parseReportQuery(
  params: URLSearchParams,
  actor: Actor,
  db: Db = getDb(),
): Promise<ReportQuery> {
  const cutoffDay = await reportCutoffDay(db);
  const get = (k: string) => params.get(k) ?? undefined;
  const parsed = parsePeriod(
    {
      period: get('period'),
      year: get('year'),
      month: get('month'),
      quarter: get('quarter'),
      half: get('half'),
      from: get('from'),
      to: get('to'),
    },
    cutoffDay,
  );
  const errors: ReportQueryError[] = parsed.ok ? [] : [...parsed.errors];
  let unitId: number | null = null;
  try {
    unitId = await resolveUnit(get('unit'), db);
  } catch (error) {
    if (!(error instanceof ReportInputError)) throw error;
    errors.push({ field: 'unit', key: error.key });
  }
  if (isUnitScoped(actor)) {
    if (unitId !== null && unitId !== actor.unitId)
      return { ok: false, status: 403, errors: [{ field: 'unit', key: 'otherUnit' }], cutoffDay };
    unitId = actor.unitId;
  }
  if (errors.length || !parsed.ok) return { ok: false, status: 400, errors, cutoffDay };
  return { ok: true, period: parsed.period, unitId, cutoffDay };
}
