import { openDatabase } from '/work/main/app/utils/db.server';
import { periodOf, periodBoundsMs } from '/work/main/app/domain/report-periods';
import * as r from '/work/main/app/models/reports.server';
const db = openDatabase('/tmp/pakn-1m.db');
const p = periodOf('year', 2025, 1, 15);
const { startMs, endMs } = periodBoundsMs(p);
const params = { S: startMs, E: endMs, endDate: p.end, unit: null };
for (let k = 0; k < 2; k++) for (const name of ['BALANCE_SQL', 'REFUSED_SQL', 'HANDLING_SQL', 'RATINGS_SQL']) {
  const t0 = performance.now();
  const rows = db.$client.prepare((r as any)[name]).all(params);
  console.log(name, (performance.now() - t0).toFixed(0), 'ms', rows.length);
}
const t0 = performance.now(); r.buildReport({ period: p }, db); console.log('buildReport', (performance.now() - t0).toFixed(0));
