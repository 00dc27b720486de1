import { openDatabase } from '/work/main/app/utils/db.server';
import { periodOf, periodBoundsMs } from '/work/main/app/domain/report-periods';
import * as r from '/work/main/app/models/reports.server';
const db = openDatabase('/tmp/pakn-1m.db');
const p = periodOf('year', 2025, 1, 15);
const { startMs, endMs } = periodBoundsMs(p);
const params = { S: startMs, E: endMs, endDate: p.end, unit: null };
const B2 = r.BALANCE_SQL.replace('FROM pakn NOT INDEXED', 'FROM pakn INDEXED BY pakn_report_idx');
const H2 = r.HANDLING_SQL.replace('FROM pakn NOT INDEXED', 'FROM pakn INDEXED BY pakn_report_idx').replace("WHERE status = 'answered'", "WHERE received_at < @E AND status = 'answered'");
for (let k = 0; k < 2; k++) for (const [name, sql] of [['B', r.BALANCE_SQL], ['B2', B2], ['H', r.HANDLING_SQL], ['H2', H2]]) {
  const t0 = performance.now();
  const rows = db.$client.prepare(sql).all(params);
  console.log(name, (performance.now() - t0).toFixed(0), 'ms', rows.length);
  if (k === 0) console.log('  ', db.$client.prepare('EXPLAIN QUERY PLAN ' + sql).all(params).map((x: any) => x.detail).join(' | '));
}
