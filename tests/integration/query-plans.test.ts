// Issue #7: every statement a page issues is checked with EXPLAIN QUERY PLAN (no full scan of a table that grows
// with the number of PAKN), and pages issue a bounded number of statements, independent of the rows they show
// (no N+1). Statements are recorded by wrapping the methods that run a better-sqlite3 statement, so whatever the page
// runs — drizzle queries, raw statements, the root and layout loaders — is seen, with its parameters.
import type { Statement } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sqliteClientOf } from '~/utils/db.server';

import { seedBench } from '../../scripts/bench-seed';
import { BASE, startTestApp, type TestApp } from '../support/app';
import { TEST_TMP_DIR } from '../support/db';
import { cookiesFrom, createStaffUser, signIn } from '../support/staff';

/** tables whose size follows the number of PAKN (or of requests): a scan of one of them is a scaling bug */
const BIG_TABLES = [
  'pakn',
  'events',
  'answers',
  'attachments',
  'documents',
  'pakn_pauses',
  'feedback_ratings',
  'redaction_flags',
  'outbox',
  'audit_log',
  'submission_drafts',
  'sessions',
  'rate_limits',
];

type Recorded = { sql: string; args: unknown[] };

let app: TestApp;
let recording: Recorded[] | null = null;
let coordinatorCookie: string;
const dbFile = `${TEST_TMP_DIR}/plans-${process.pid}.db`;
let published: { code: string; id: number }[] = [];
let submitter: { code: string; email: string; id: number };

beforeAll(async () => {
  // realistic rows (every status, published answers with timelines, pauses, ratings) from the benchmark seeder
  seedBench({ file: dbFile, count: 600, seed: 7 });
  app = await startTestApp({ DATABASE_URL: dbFile });
  const client = sqliteClientOf(app.db());
  // the connection keeps its compiled statements (app/utils/db.server.ts): a page may reuse a statement compiled
  // before the recording started, so every run of any statement is recorded, by its text
  const statement = Object.getPrototypeOf(client.prepare('SELECT 1')) as Record<string, unknown>;
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const original = statement[method] as (this: Statement, ...a: unknown[]) => unknown;
    statement[method] = function (this: Statement, ...args: unknown[]) {
      recording?.push({ sql: this.source, args });
      return original.apply(this, args);
    };
  }
  const staff = await createStaffUser(app.db(), { role: 'coordinator' });
  coordinatorCookie = await signIn(app, staff.email, staff.password);
  published = client
    .prepare(`SELECT code, id FROM pakn WHERE publication = 'published' ORDER BY id`)
    .all() as typeof published;
  submitter = client
    .prepare(`SELECT code, email, id FROM pakn WHERE email IS NOT NULL ORDER BY id DESC LIMIT 1`)
    .get() as typeof submitter;
});

afterAll(async () => {
  await app?.stop();
});

/** Runs `fn` and returns the statements it issued. */
async function record(fn: () => Promise<unknown> | unknown): Promise<Recorded[]> {
  recording = [];
  try {
    await fn();
    return recording;
  } finally {
    recording = null;
  }
}

async function get(path: string, cookie?: string) {
  const res = await app.fetch(path, { headers: cookie ? { Cookie: cookie } : {} });
  await res.arrayBuffer();
  return res;
}

function plan({ sql, args }: Recorded): string[] {
  const params = args.length === 1 && args[0] !== null && typeof args[0] === 'object' ? [args[0]] : args;
  return (
    (
      sqliteClientOf(app.db())
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        // run outside `record`: EXPLAIN statements are not recorded
        .all(...(params as unknown[])) as Array<{ detail: string }>
    ).map((r) => r.detail)
  );
}

/** Plan lines that read a whole big table: a plain SCAN (no index), or an FTS table read without MATCH. */
function fullScans(stmts: Recorded[]): string[] {
  const bad: string[] = [];
  for (const s of stmts) {
    if (!/^\s*(SELECT|WITH|UPDATE|DELETE|INSERT)/i.test(s.sql)) continue;
    for (const line of plan(s)) {
      const scan = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(line);
      const table = scan?.[1];
      if (!table) continue;
      const how = scan[2] ?? '';
      // FTS5 names its constraints in the index string: M = MATCH, = = rowid; none of them is a full read
      const ftsWithoutMatch = /_fts$/.test(table) && /VIRTUAL TABLE INDEX \d+:[^M=]*$/.test(how);
      if ((BIG_TABLES.includes(table) && !/USING/.test(how)) || ftsWithoutMatch) {
        bad.push(`${line}   ←   ${s.sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
  }
  return bad;
}

describe('query plans of the public pages', () => {
  const cases: Array<[string, () => string]> = [
    ['home', () => '/'],
    ['list', () => '/cong-khai'],
    ['search, common words', () => `/cong-khai?q=${encodeURIComponent('thủ tục')}`],
    ['search, rare words', () => `/cong-khai?q=${encodeURIComponent('dấu định lượng')}`],
    ['search without diacritics', () => '/cong-khai?q=buc+xa'],
    ['field', () => '/cong-khai?field=4'],
    ['unit', () => '/cong-khai?unit=2'],
    ['type', () => '/cong-khai?type=kien_nghi'],
    ['category', () => '/cong-khai?category=3'],
    ['year', () => `/cong-khai?year=${new Date().getFullYear() - 1}`],
    ['timeliness', () => '/cong-khai?timeliness=late'],
    ['oldest first', () => '/cong-khai?sort=oldest'],
    ['next page', () => `/cong-khai?after=${Date.now()}~${published.at(-1)!.id}`],
    [
      'search + filters + next page',
      () => `/cong-khai?q=thu+tuc&field=5&year=2025&after=${Date.now()}~999999`,
    ],
    ['answer page', () => `/cong-khai/${published[0]!.code}`],
    ['Atom feed', () => '/cong-khai.atom'],
  ];
  it.each(cases)('%s: no full scan of a big table', async (_name, path) => {
    const stmts = await record(() => get(path()));
    expect(stmts.length).toBeGreaterThan(0);
    expect(fullScans(stmts), fullScans(stmts).join('\n')).toEqual([]);
  });
});

describe('query plans of the staff queue', () => {
  const today = new Date().toISOString().slice(0, 10);
  const cases: Array<[string, string]> = [
    ['default tab', ''],
    ['to classify', 'tab=classify'],
    ['awaiting approval', 'tab=approval'],
    ['due soon', 'tab=dueSoon'],
    ['overdue', 'tab=overdue'],
    ['all', 'tab=all'],
    ['status', 'tab=all&status=in_progress'],
    ['unit', 'tab=all&unit=2'],
    ['unit + status (the benchmark)', 'tab=all&unit=2&status=in_progress&sort=due'],
    ['field', 'tab=all&field=5'],
    ['category', 'tab=all&category=3'],
    ['type', 'tab=all&type=kien_nghi'],
    ['channel', 'tab=all&channel=post'],
    ['received from/to', `tab=all&from=2025-01-01&to=2025-06-30`],
    ['search', 'tab=all&q=thu+tuc'],
    ['due, descending', 'tab=all&sort=due_desc'],
    ['newest first', 'tab=all&sort=received_desc'],
    ['oldest first', 'tab=all&sort=received'],
    ['next page by due date', `tab=all&after=${today}~5`],
    ['previous page by due date', `tab=all&before=${today}~5`],
    ['next page, newest first', `tab=all&sort=received_desc&after=${Date.now()}~5`],
    ['overdue, latest step first', 'tab=overdue&sort=due_desc'],
    ['overdue, next page by step due date', `tab=overdue&after=${today}~5`],
    ['due soon, unit filter', 'tab=dueSoon&unit=2'],
  ];
  it.each(cases)('%s: no full scan of a big table', async (_name, query) => {
    const stmts = await record(() => get(`/can-bo?${query}`, coordinatorCookie));
    expect(stmts.length).toBeGreaterThan(0);
    expect(fullScans(stmts), fullScans(stmts).join('\n')).toEqual([]);
  });
});

describe('query plans of the queue export', () => {
  it.each([
    ['CSV, a status', '/can-bo/danh-sach.csv?tab=all&status=in_progress'],
    ['XLSX, overdue', '/can-bo/danh-sach.xlsx?tab=overdue'],
  ])('%s: no full scan of a big table', async (_name, path) => {
    const stmts = await record(async () => {
      const res = await get(path, coordinatorCookie);
      expect(res.status).toBe(200);
    });
    expect(fullScans(stmts), fullScans(stmts).join('\n')).toEqual([]);
  });
});

describe('query plans of the dashboard', () => {
  // its 12-month trend reads pakn in one NOT INDEXED pass by design (like the report's aggregates); the open
  // work, the late steps by unit (step_due index) and the overdue list must use an index
  it('the dashboard: only the trend reads the whole table', async () => {
    const stmts = await record(async () => {
      const res = await get('/can-bo/tong-quan', coordinatorCookie);
      expect(res.status).toBe(200);
    });
    expect(stmts.some((s) => /step_due < @today/.test(s.sql))).toBe(true);
    const scans = fullScans(stmts.filter((s) => !/\bNOT INDEXED\b/i.test(s.sql)));
    expect(scans, scans.join('\n')).toEqual([]);
  });
});

describe('query plans of the yearly report', () => {
  // The report's figures are aggregates over every PAKN that counts in the period (carried over, received,
  // closed): its GROUP BY statements read pakn in one pass by design, and the benchmark holds them to the
  // "under 5 s at 1 000 000 PAKN" target. Everything else it runs (lists, lookups) must use an index.
  it('the report page for last year: only its aggregates read the whole table', async () => {
    const year = new Date().getFullYear() - 1;
    const stmts = await record(async () => {
      const res = await get(`/can-bo/bao-cao?period=year&year=${year}`, coordinatorCookie);
      expect(res.status).toBe(200);
    });
    expect(stmts.length).toBeGreaterThan(0);
    expect(stmts.length).toBeLessThanOrEqual(30);
    const scans = fullScans(stmts.filter((s) => !/\bGROUP BY\b/i.test(s.sql)));
    expect(scans, scans.join('\n')).toEqual([]);
  });
});

describe('query plans of the follow-up', () => {
  it('code + contact, then the submitter page: no full scan', async () => {
    const stmts = await record(async () => {
      const res = await app.fetch('/theo-doi', {
        method: 'POST',
        headers: { Origin: BASE, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ code: submitter.code, contact: submitter.email }),
      });
      expect(res.status).toBe(302);
      const cookie = Object.entries(cookiesFrom(res))
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
      const page = await get(`/theo-doi/${submitter.code}`, cookie);
      expect(page.status).toBe(200);
    });
    expect(fullScans(stmts), fullScans(stmts).join('\n')).toEqual([]);
  });
  it('the private link from the receipt e-mail: no full scan', async () => {
    const stmts = await record(() => get('/theo-doi/truy-cap/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(stmts.length).toBeGreaterThan(0);
    expect(fullScans(stmts), fullScans(stmts).join('\n')).toEqual([]);
  });
});

describe('statements per page: bounded, independent of the rows shown', () => {
  const selects = (stmts: Recorded[]) => stmts.filter((s) => /^\s*(SELECT|WITH)/i.test(s.sql)).length;
  /** the second of two identical requests: what a page costs once anything it may memoise is in place */
  const steady = async (path: string, cookie?: string) => {
    await get(path, cookie);
    return record(() => get(path, cookie));
  };

  it('the public list: 20 rows cost what 1 row costs', async () => {
    const full = await steady('/cong-khai');
    const one = await steady(`/cong-khai?q=${encodeURIComponent('dấu định lượng')}&sort=oldest`);
    expect(selects(full)).toBe(selects(one));
    expect(full.length).toBeLessThanOrEqual(8);
  });

  it('the staff queue: 50 rows cost what a few rows cost', async () => {
    const full = await steady('/can-bo?tab=all', coordinatorCookie);
    const few = await steady('/can-bo?tab=all&channel=hotline&type=phan_anh', coordinatorCookie);
    expect(selects(full)).toBe(selects(few));
    expect(full.length).toBeLessThanOrEqual(20);
  });

  it('an answer page: a long timeline costs what a short one costs', async () => {
    const client = sqliteClientOf(app.db());
    const counts = client
      .prepare(
        // like with like but for the timeline: both with a field, since the page reads a PAKN's field when it has
        // one. The seeder dates its rows up to today (UTC): on 06/12/2026 the shortest timeline had no field.
        `SELECT p.code, count(e.id) AS n FROM pakn p JOIN events e ON e.pakn_id = p.id
         WHERE p.publication = 'published' AND p.field_id IS NOT NULL GROUP BY p.id ORDER BY n, p.id`,
      )
      .all() as Array<{ code: string; n: number }>;
    const short = counts[0]!;
    const long = counts.at(-1)!;
    expect(long.n).toBeGreaterThan(short.n);
    const a = await steady(`/cong-khai/${short.code}`);
    const b = await steady(`/cong-khai/${long.code}`);
    expect(selects(a)).toBe(selects(b));
    // 13 since the late-extension label and the agency-contact allow-list (issue 13) read one row each;
    // 14 since the page looks up the PAKN's answered group (issue 15: one page lists the grouped codes)
    expect(a.length).toBeLessThanOrEqual(14);
  });
});
