// Report test data: N PAKN in every status and channel over a date range (two years by default), written
// into a migrated database (SQLite: prepared statements; PostgreSQL: multi-row INSERTs), 10 000 PAKN per transaction. Deterministic: the
// same (count, seed, from, to, now) gives the same rows.
//   npm run report:seed -- --count 1000000 --out /tmp/pakn-1m.db [--seed 7] [--from 2024-01-01] [--to 2025-12-31]
//                          [--now 2026-02-01]
// What it makes on purpose, for the reconciliation test: receipts at 23:59:59.999 and 00:00:00 on period
// boundaries (the day before and the day of the cut-off), receipts and closures around Tết 2024 and 2025,
// answers on time and late (with on_time set or left null), extensions, closed and open pauses, publications and
// withdrawals, ratings, attachments on paper channels, items never assigned, and a few closed rows without
// closed_at (legacy data the report must still place exactly once).
import { parseArgs } from 'node:util';

import { addCalendarDays, type LocalDate } from '~/domain/dates';
import { computeDueDate, type Pause } from '~/domain/deadlines';
import { type Channel, formatPaknCode, REFUSAL_REASONS } from '~/domain/pakn';
import type { Status } from '~/domain/workflow/transitions';
import { getSetting } from '~/models/admin/settings.server';
import { getAgency, getCalendar, getDeadlineRules, listFields, listUnits } from '~/models/config.server';
import { rebuildSimilarIndex } from '~/models/pg/search.server';
import {
  type Db,
  type DbOrTx,
  dialectOf,
  pgQueryableOf,
  sqliteClientOf,
  transaction,
  withSqliteClient,
} from '~/utils/db.server';

import { sqlAll, sqlGet, sqlRun } from '../tests/support/sql';
import { isMainScript } from './is-main';

/** mulberry32: small, fast and good enough for test data */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const VN = 7 * HOUR;
const localMidnight = (d: LocalDate) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) - VN;
const localOf = (ms: number) => new Date(ms + VN).toISOString().slice(0, 10);
// UTC arithmetic on 'YYYY-MM-DD': the time-zone-aware addCalendarDays is exact but far too slow per row
const addDays = (d: LocalDate, n: number) =>
  new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10) + n)).toISOString().slice(0, 10);

const OPEN_STATUSES: Status[] = [
  'received',
  'assigned',
  'in_progress',
  'awaiting_info',
  'drafted',
  'awaiting_approval',
  'returned',
  'keep_studying',
];
const CLOSED_WEIGHTS: Array<[Status, number]> = [
  ['answered', 70],
  ['refused', 11],
  ['transferred', 7],
  ['forwarded', 4],
  ['duplicate', 4],
  ['closed_no_info', 4],
];
const CHANNEL_WEIGHTS: Array<[Channel, number]> = [
  ['online', 72],
  ['post', 8],
  ['in_person', 8],
  ['phone', 4],
  ['email', 5],
  ['hotline', 3],
];

function pick<T>(r: () => number, weighted: Array<[T, number]>): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted[weighted.length - 1]![0];
}

export type SeedOptions = {
  count: number;
  seed?: number;
  from?: LocalDate;
  to?: LocalDate;
  now?: Date;
  onProgress?: (done: number) => void;
};

/** Inserts `count` PAKN (and their pauses, attachments, ratings); returns the number inserted. */
export async function seedReportData(db: Db, opts: SeedOptions): Promise<number> {
  const { count, seed = 7, from = '2024-01-01', to = '2025-12-31' } = opts;
  const nowMs = (opts.now ?? new Date(localMidnight(addCalendarDays(to, 32)))).getTime();
  const r = rng(seed);
  const calendar = await getCalendar(db);
  const rules = await getDeadlineRules(db);
  const cutoff = await getSetting('report.cutoffDay', db);
  const prefix = (await getAgency(db)).codePrefix;
  const units = (await listUnits({ activeOnly: false, db })).map((u) => u.id);
  const fields = (await listFields({ activeOnly: false, db })).map((f) => f.id);
  const startMs = localMidnight(from);
  const days = Math.round((localMidnight(to) - startMs) / DAY) + 1;
  // the boundary days of every report month in the range: day c-1 (last day) and day c (first day)
  const boundaryDays: LocalDate[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    const day = +d.slice(8, 10);
    if (day === cutoff || day === (cutoff === 1 ? 1 : cutoff - 1)) boundaryDays.push(d);
  }
  const tetDays = [
    '2024-02-07',
    '2024-02-08',
    '2024-02-14',
    '2024-02-15',
    '2025-01-24',
    '2025-01-25',
    '2025-02-02',
    '2025-02-03',
  ].filter((d) => d >= from && d <= to);

  // computeDueDate is exact but slow (time-zone formatting per day): each distinct input is computed once
  const memo = new Map<string, LocalDate>();
  const cached = (key: string, f: () => LocalDate) => {
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = f()));
    return v;
  };
  const dueCache = new Map<LocalDate, { classify: LocalDate; answer: LocalDate }>();
  const dueOf = (d: LocalDate) => {
    let v = dueCache.get(d);
    if (!v) {
      v = {
        classify: computeDueDate({ start: d, ...rules.classify, calendar }).due,
        answer: computeDueDate({ start: d, ...rules.answer, calendar }).due,
      };
      dueCache.set(d, v);
    }
    return v;
  };

  const seq = new Map<number, number>();
  for (const row of await sqlAll<{ year: number; last: number }>(db, 'SELECT year, last FROM code_sequences'))
    seq.set(row.year, row.last);
  let nextId = ((await sqlGet<{ n: number }>(db, 'SELECT coalesce(max(id), 0) AS n FROM pakn'))?.n ?? 0) + 1;

  // each batch's rows, written together (ids are given here, so children need no round trip)
  const pakn = table('pakn', [
    'id',
    'code',
    'type',
    'subject',
    'category',
    'submitter_kind',
    'full_name',
    'address',
    'phone',
    'title',
    'content',
    'field_id',
    'unit_id',
    'status',
    'channel',
    'lang',
    'received_at',
    'received_date',
    'classify_due',
    'answer_due',
    'extended_to',
    'consent_at',
    'access_token_hash',
    'refusal_reason',
    'answered_at',
    'publication',
    'published_at',
    'on_time',
    'search_text',
    'version',
    'created_at',
    'updated_at',
    'closed_at',
  ]);
  const paknPauses = table('pakn_pauses', ['pakn_id', 'from_date', 'to_date']);
  const attachments = table('attachments', [
    'pakn_id',
    'stored_name',
    'original_name',
    'mime',
    'size',
    'sha256',
    'source',
    'created_at',
  ]);
  const ratings = table('feedback_ratings', ['pakn_id', 'rating', 'created_at']);

  const one = (i: number) => {
    // when it arrived: mostly office hours on a random day, some exactly on period boundaries and Tết edges
    const kind = r();
    let receivedAt: number;
    if (kind < 0.06 && boundaryDays.length) {
      const d = boundaryDays[Math.floor(r() * boundaryDays.length)]!;
      receivedAt =
        r() < 0.5
          ? localMidnight(d) + DAY - 1 - Math.floor(r() * 60_000)
          : localMidnight(d) + Math.floor(r() * 60_000);
    } else if (kind < 0.08 && tetDays.length) {
      receivedAt = localMidnight(tetDays[Math.floor(r() * tetDays.length)]!) + Math.floor(r() * DAY);
    } else {
      receivedAt = startMs + Math.floor(r() * days) * DAY + 7 * HOUR + Math.floor(r() * 10 * HOUR);
    }
    receivedAt = Math.min(receivedAt, nowMs - HOUR);
    const receivedDate = localOf(receivedAt);
    const ageDays = (nowMs - receivedAt) / DAY;
    // recent items are more often still open
    const open = r() < (ageDays < 45 ? 0.7 : ageDays < 120 ? 0.15 : 0.04);
    const status: Status = open
      ? OPEN_STATUSES[Math.floor(r() * OPEN_STATUSES.length)]!
      : pick(r, CLOSED_WEIGHTS);
    const channel = pick(r, CHANNEL_WEIGHTS);
    const category = r() < 0.1 ? 1 : 2 + Math.floor(r() * 7);
    const earlyClose = ['refused', 'transferred', 'forwarded', 'duplicate'].includes(status);
    const unitId =
      status === 'received' || (earlyClose && r() < 0.7)
        ? null
        : (units[Math.floor(r() * units.length)] ?? null);
    const fieldId = r() < 0.1 ? null : (fields[Math.floor(r() * fields.length)] ?? null);
    const due = dueOf(receivedDate);

    // the answer deadline: a closed pause (info received) moves it; an extension replaces it
    const pauses: Pause[] = [];
    let extendedTo: LocalDate | null = null;
    if (status !== 'received' && !earlyClose) {
      if (status === 'awaiting_info')
        pauses.push({ from: addDays(receivedDate, 2 + Math.floor(r() * 10)), to: null });
      else if (status === 'closed_no_info')
        pauses.push({ from: addDays(receivedDate, 2), to: addDays(receivedDate, 20) });
      // few distinct shapes of pauses and extensions, so that the deadline of each shape is computed once
      else if (r() < 0.06)
        pauses.push({ from: addDays(receivedDate, 3), to: addDays(receivedDate, r() < 0.5 ? 10 : 12) });
      if (r() < 0.05) {
        const extra = r() < 0.5 ? 5 : 10;
        extendedTo = cached(
          `x${due.answer}|${extra}`,
          () => computeDueDate({ start: due.answer, days: extra, unit: 'working', calendar }).due,
        );
      }
    }
    const answerDue =
      pauses.some((p) => p.to !== null) || extendedTo
        ? cached(
            `a${receivedDate}|${pauses.map((p) => `${p.from}-${p.to}`).join()}|${extendedTo}`,
            () => computeDueDate({ start: receivedDate, ...rules.answer, calendar, pauses, extendedTo }).due,
          )
        : due.answer;

    let closedAt: number | null = null;
    if (!open) {
      const span =
        status === 'answered'
          ? 1 + Math.floor(r() * 40)
          : status === 'closed_no_info'
            ? 36
            : 1 + Math.floor(r() * 6);
      closedAt = receivedAt + span * DAY + Math.floor(r() * 8 * HOUR) - 4 * HOUR;
      closedAt = Math.max(receivedAt + 60_000, Math.min(closedAt, nowMs - 60_000));
      // a closure exactly on a boundary now and then
      if (r() < 0.03 && boundaryDays.length) {
        const d = boundaryDays[Math.floor(r() * boundaryDays.length)]!;
        const at = r() < 0.5 ? localMidnight(d) + DAY - 1 : localMidnight(d);
        if (at > receivedAt && at < nowMs) closedAt = at;
      }
    }
    const answeredAt = status === 'answered' ? closedAt : null;
    let onTime: number | null = null;
    if (answeredAt !== null && r() < 0.6) {
      onTime = localOf(answeredAt) <= answerDue ? 1 : 0;
      // a due date recomputed after the answer (calendar edit): the stored flag wins over the date
      if (r() < 0.01) onTime = 1 - onTime;
    }
    let publication = 'none';
    let publishedAt: number | null = null;
    if (answeredAt !== null) {
      const x = r();
      if (x < 0.78 || x >= 0.81) {
        publication = x < 0.78 ? 'published' : 'none';
        if (x < 0.78) publishedAt = Math.min(answeredAt + Math.floor(r() * 4 * DAY), nowMs - 1);
      } else {
        publication = 'withdrawn';
        publishedAt = answeredAt + HOUR;
      }
    }
    const refusalReason =
      status === 'refused'
        ? r() < 0.02
          ? null
          : REFUSAL_REASONS[Math.floor(r() * REFUSAL_REASONS.length)]!
        : status === 'closed_no_info'
          ? 'R03'
          : null;
    const year = +receivedDate.slice(0, 4);
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    // legacy rows: closed, but closed_at never recorded
    const storedClosedAt = closedAt !== null && r() < 0.002 ? null : closedAt;
    const id = nextId++;
    pakn.rows.push([
      id,
      formatPaknCode(prefix, year, n),
      r() < 0.5 ? 'phan_anh' : 'kien_nghi',
      category === 1 ? 'behaviour' : 'regulation',
      category,
      'individual',
      `Người dân thử nghiệm ${i}`,
      'Tuy Hòa, Phú Yên',
      '0905000000',
      `Phản ánh thử nghiệm số ${i}`,
      'Nội dung phản ánh, kiến nghị thử nghiệm.',
      fieldId,
      unitId,
      status,
      channel,
      'vi',
      receivedAt,
      receivedDate,
      due.classify,
      answerDue,
      extendedTo,
      receivedAt,
      `gen-${seed}-${i}`,
      refusalReason,
      answeredAt,
      publication,
      publishedAt,
      onTime,
      '',
      1,
      receivedAt,
      closedAt ?? receivedAt,
      storedClosedAt,
    ]);
    for (const p of pauses) paknPauses.rows.push([id, p.from, p.to]);
    const files = channel === 'online' ? (r() < 0.3 ? 1 : 0) : r() < 0.6 ? 1 + Math.floor(r() * 2) : 0;
    for (let k = 0; k < files; k++)
      attachments.rows.push([
        id,
        `gen-${seed}-${id}-${k}`,
        'ban-chup.pdf',
        'application/pdf',
        1024,
        'x',
        channel === 'online' ? 'submitter' : 'staff',
        receivedAt,
      ]);
    if (answeredAt !== null && r() < 0.35) {
      const at = Math.min(answeredAt + Math.floor(r() * 10 * DAY), nowMs - 1);
      ratings.rows.push([
        id,
        pick(r, [
          ['satisfied', 70],
          ['neutral', 18],
          ['unsatisfied', 12],
        ]),
        at,
      ]);
    }
  };

  const BATCH = 10_000;
  for (let start = 0; start < count; start += BATCH) {
    const end = Math.min(count, start + BATCH);
    const firstId = nextId;
    for (let i = start; i < end; i++) one(i);
    await transaction(db, async (tx) => {
      for (const t of [pakn, paknPauses, attachments, ratings]) await writeRows(tx, t);
      // PostgreSQL: the similar-PAKN rows are written by the code, in the same transaction (SQLite: triggers)
      if (dialectOf(tx) === 'pg') await rebuildSimilarIndex(pgQueryableOf(tx), { after: firstId - 1 });
    });
    opts.onProgress?.(end);
  }
  await transaction(db, async (tx) => {
    // the sequences only grew from the values read at the start
    for (const [year, last] of seq)
      await sqlRun(
        tx,
        'INSERT INTO code_sequences (year, last) VALUES (?, ?) ON CONFLICT(year) DO UPDATE SET last = excluded.last',
        year,
        last,
      );
    // PostgreSQL's identity does not follow ids given explicitly (SQLite's rowid does)
    if (dialectOf(tx) === 'pg')
      await sqlRun(tx, "SELECT setval(pg_get_serial_sequence('pakn', 'id'), (SELECT max(id) FROM pakn))");
  });
  return count;
}

type Rows = { name: string; columns: string[]; rows: unknown[][] };
const table = (name: string, columns: string[]): Rows => ({ name, columns, rows: [] });

/** Writes and empties a batch of rows: one prepared statement on SQLite, multi-row INSERTs on PostgreSQL. */
async function writeRows(db: DbOrTx, t: Rows): Promise<void> {
  const head = `INSERT INTO ${t.name} (${t.columns.join(', ')}) VALUES `;
  const one = `(${t.columns.map(() => '?').join(', ')})`;
  if (dialectOf(db) === 'sqlite') {
    await withSqliteClient(db, (client) => {
      const insert = client.prepare(head + one);
      for (const row of t.rows) insert.run(row);
    });
  } else {
    // PostgreSQL takes at most 65,535 parameters in a statement
    const perStatement = Math.floor(60_000 / t.columns.length);
    for (let k = 0; k < t.rows.length; k += perStatement) {
      const chunk = t.rows.slice(k, k + perStatement);
      await sqlRun(db, head + chunk.map(() => one).join(', '), ...chunk.flat());
    }
  }
  t.rows.length = 0;
}

/**
 * --time: the yearly report and the workbook export over an existing database, as measured for docs/reports.md.
 * Prints the time of buildReport (best and median of 3), the export's time, size and the process's peak RSS
 * while exporting (sampled every 10 ms), with the RSS before the export for comparison.
 */
async function timeReport(file: string, year: number) {
  const { openDatabase } = await import('../app/utils/db.server');
  const { periodOf } = await import('../app/domain/reports/periods');
  const { buildReport } = await import('../app/models/reports/report.server');
  const { reportDetailChunks } = await import('../app/models/reports/detail.server');
  const { reportCutoffDay } = await import('../app/models/reports/query.server');
  const { reportWorkbookStream } = await import('../app/exports/report-xlsx.server');
  const { reportPdf } = await import('../app/exports/report-pdf.server');
  const { getAgency } = await import('../app/models/config.server');
  const fs = await import('node:fs');
  const { pipeline } = await import('node:stream/promises');
  const db = openDatabase(file);
  const rows = (sqliteClientOf(db).prepare('SELECT count(*) AS n FROM pakn').get() as { n: number }).n;
  const period = periodOf('year', year, 1, await reportCutoffDay(db));
  const times: number[] = [];
  let report = await buildReport({ period }, db);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    report = await buildReport({ period }, db);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const ctx = { report, agency: await getAgency(db), unitName: null, today: '2026-02-01' };
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const out = `${file}.export.xlsx`;
  const t0 = performance.now();
  await pipeline(reportWorkbookStream(ctx, reportDetailChunks({ period }, db)), fs.createWriteStream(out));
  const exportMs = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const size = fs.statSync(out).size;
  fs.rmSync(out);
  const t1 = performance.now();
  await reportPdf(ctx);
  const pdfMs = performance.now() - t1;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const c = report.total.counts;
  console.log(
    [
      `rows in pakn: ${rows}`,
      `period: ${period.start}..${period.end}; carried over ${c.carriedOver}, received ${c.received}, closed ${c.closed}, carried forward ${c.carriedForward}`,
      `buildReport: best ${times[0]!.toFixed(0)} ms, median ${times[1]!.toFixed(0)} ms`,
      `xlsx export: ${(exportMs / 1000).toFixed(1)} s, ${mb(size)} file, ${c.carriedOver + c.received} list rows; RSS before ${mb(before)}, peak ${mb(peak)}`,
      `pdf narrative: ${pdfMs.toFixed(0)} ms`,
    ].join('\n'),
  );
  sqliteClientOf(db).close();
}

async function main() {
  if (process.argv.includes('--time')) {
    const { values } = parseArgs({
      options: {
        time: { type: 'boolean' },
        out: { type: 'string' },
        year: { type: 'string', default: '2025' },
      },
    });
    process.env.DATABASE_URL = values.out ?? process.env.DATABASE_URL ?? 'data/pakn.db';
    return timeReport(process.env.DATABASE_URL, Number(values.year));
  }
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '7' },
      from: { type: 'string', default: '2024-01-01' },
      to: { type: 'string', default: '2025-12-31' },
      now: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.out) process.env.DATABASE_URL = values.out;
  const { openDatabase } = await import('../app/utils/db.server');
  const file = process.env.DATABASE_URL ?? 'data/pakn.db';
  const db = openDatabase(file);
  // bulk load: the durability of each batch does not matter for generated data
  sqliteClientOf(db).pragma('synchronous = OFF');
  const count = Number(values.count);
  const t0 = performance.now();
  await seedReportData(db, {
    count,
    seed: Number(values.seed),
    from: values.from!,
    to: values.to!,
    now: values.now ? new Date(`${values.now}T00:00:00+07:00`) : undefined,
    onProgress: (done) => {
      if (done % 100_000 === 0 || done === count) process.stderr.write(`${done} / ${count}\n`);
    },
  });
  sqliteClientOf(db).pragma('optimize');
  sqliteClientOf(db).close();
  console.log(`${count} PAKN written to ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (isMainScript('report-seed')) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
