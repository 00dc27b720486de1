// `npm run bench -- --db pg [--workers N] [--sizes 20000]`: the benchmark's pages on SQLite (one process, the
// reference) and on PostgreSQL (N processes behind node:cluster) in the same run, for issue #12's targets: with
// one process, every page on PostgreSQL within 1.5× of its SQLite p95 and at least 60 % of its throughput.
// Both servers run side by side on copies of the same seed (SQLite: a file copy; PostgreSQL: a database made
// from the cached seed database, scripts/bench-pg.ts) and each page is measured on one then the other, the
// order alternating page by page, so that the shared machine's load drifts over both alike. Beside latency and
// throughput: statements per request and their execution time (pg_stat_statements), and the CPU per request of
// the app processes and of PostgreSQL's (docs/scaling.md builds its model from them).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { Result, RunCtx, Sample, SeedInfo, Server, Target } from './bench';
import {
  type BenchCluster,
  pgQuery,
  resetStatementStats,
  runDatabase,
  seedDatabase,
  startBenchCluster,
  statementStats,
  topStatements,
} from './bench-pg';

type Deps = {
  seededDb(count: number): { file: string; info: SeedInfo };
  addStaff(dbFile: string): Promise<void>;
  startServer(
    dbFile: string,
    dataDir: string,
    extraEnv?: Record<string, string>,
    workers?: number,
  ): Promise<Server>;
  signIn(baseUrl: string): Promise<string>;
  load(target: Target, ctx: RunCtx, seconds: number): Promise<Sample>;
  measure(target: Target, ctx: RunCtx, server: Server, afterWarmup?: () => Promise<void>): Promise<Result>;
  targets: Target[];
  cache: string;
  root: string;
  workers: number;
  /** --priority: the nice value of the servers, given to PostgreSQL's processes too */
  priority: number;
  /** --node-options, or those of `npm start` when empty */
  nodeOptions: string;
  log: (...a: unknown[]) => void;
};

type Backend = 'sqlite' | 'pg';
export type BackendRow = Result & {
  backend: Backend;
  load: number;
  /** PostgreSQL only: statements and their execution time per request, its processes' CPU per request */
  statements?: number;
  execMs?: number;
  pgCpuMs?: number;
};
export type BackendRun = {
  size: number;
  seed: SeedInfo;
  pgSeed: { seconds: number; cached: boolean };
  rows: BackendRow[];
  stored: Record<Backend, { expected: number; missing: number }>;
};

/** The options `npm start` gives Node (scripts/start.mjs), unless --node-options says otherwise. */
const START_NODE_OPTIONS = '--max-old-space-size=128';

function cpuTicks(pids: number[]): number {
  let ticks = 0;
  for (const p of pids) {
    try {
      const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      // exited
    }
  }
  return ticks;
}

async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const STAFF_EMAIL = 'dieu-phoi.bench@so-khcn.example.vn';

async function addStaffPg(url: string, sqliteWithStaff: string): Promise<void> {
  // the same row addStaff wrote into the SQLite copy (its argon2 hash), so both sign in alike
  const db = new Database(sqliteWithStaff, { readonly: true });
  const row = db
    .prepare('SELECT email, name, password_hash AS hash, role FROM users WHERE email = ?')
    .get(STAFF_EMAIL) as { email: string; name: string; hash: string; role: string };
  db.close();
  await pgQuery(url, 'INSERT INTO users (email, name, password_hash, role) VALUES ($1, $2, $3, $4)', [
    row.email,
    row.name,
    row.hash,
    row.role,
  ]);
}

export async function compareBackends(size: number, d: Deps): Promise<BackendRun> {
  const { file, info } = d.seededDb(size);
  const runDir = path.join(d.cache, `backends-${size}`);
  fs.rmSync(runDir, { recursive: true, force: true });
  const sqliteData = path.join(runDir, 'sqlite', 'data');
  fs.mkdirSync(sqliteData, { recursive: true });
  const dbFile = path.join(sqliteData, 'pakn.db');
  fs.copyFileSync(file, dbFile);
  await d.addStaff(dbFile);
  // PostgreSQL mode wants DATA_DIR on real storage, not tmpfs: beside the work tree
  const pgData = path.join(d.root, '.cache', `bench-pg-data-${size}`);
  fs.rmSync(pgData, { recursive: true, force: true });
  fs.mkdirSync(pgData, { recursive: true });

  const cluster: BenchCluster = await startBenchCluster(d.cache, await freePort());
  // the backends PostgreSQL forks inherit the postmaster's nice value: the same as the app servers'
  if (d.priority) for (const pid of cluster.pids()) os.setPriority(pid, d.priority);
  const servers = new Map<Backend, { server: Server; ctx: RunCtx; maxId: number }>();
  const rows: BackendRow[] = [];
  let pgSeed = { seconds: 0, cached: true };
  let runDb: { url: string; drop(): Promise<void> } | undefined;
  const runName = `bench_run_${size}`;
  try {
    const seedDb = await seedDatabase(cluster, file, d.log);
    pgSeed = { seconds: seedDb.seconds, cached: seedDb.cached };
    runDb = await runDatabase(cluster, seedDb.name, runName);
    await addStaffPg(runDb.url, dbFile);

    const sqlite = new Database(dbFile, { readonly: true });
    const published = sqlite
      .prepare(`SELECT code FROM pakn WHERE publication = 'published' ORDER BY id`)
      .all() as Array<{ code: string }>;
    const maxId = (sqlite.prepare('SELECT max(id) AS m FROM pakn').get() as { m: number }).m;
    sqlite.close();
    const step = Math.max(1, Math.floor(published.length / 2000));
    const codes = published.filter((_, i) => i % step === 0).map((r) => r.code);

    const env = { NODE_ENV: 'production', NODE_OPTIONS: d.nodeOptions || START_NODE_OPTIONS };
    for (const backend of ['sqlite', 'pg'] as const) {
      const server =
        backend === 'sqlite'
          ? await d.startServer(dbFile, sqliteData, env, 1)
          : await d.startServer(runDb.url, pgData, { ...env, DATABASE_URL: runDb.url }, d.workers);
      const ctx: RunCtx = { baseUrl: server.baseUrl, cookie: '', codes, created: [], ipCounter: { n: 1 } };
      servers.set(backend, { server, ctx, maxId });
      ctx.cookie = await d.signIn(server.baseUrl).catch((error: unknown) => {
        throw new Error(`${backend}: ${(error as Error).message}\n${server.lines.slice(-5).join('\n')}`);
      });
      await d.load(d.targets[0]!, ctx, 4);
    }

    const order = [...d.targets, { ...d.targets[0]!, key: 'bare2', label: 'bare route again (drift check)' }];
    for (const [i, target] of order.entries()) {
      const backends: Backend[] = i % 2 === 0 ? ['sqlite', 'pg'] : ['pg', 'sqlite'];
      for (const backend of backends) {
        const { server, ctx } = servers.get(backend)!;
        const load = os.loadavg()[0]!;
        let pg0 = 0;
        let t0 = 0;
        const r = await d.measure(target, ctx, server, async () => {
          if (backend === 'pg') {
            await resetStatementStats(cluster);
            pg0 = cpuTicks(cluster.pids());
          }
          t0 = performance.now();
        });
        const row: BackendRow = { ...r, backend, load };
        if (backend === 'pg') {
          const elapsed = (performance.now() - t0) / 1000;
          const stats = await statementStats(cluster, runName);
          const n = r.requests ?? r.rps * elapsed;
          row.statements = stats.calls / n;
          row.execMs = stats.execMs / n;
          row.pgCpuMs = ((cpuTicks(cluster.pids()) - pg0) * 10) / n;
          const top = Number(process.env.BENCH_PG_TOP ?? 0);
          for (const t of top > 0 ? await topStatements(cluster, runName, top) : []) {
            d.log(
              `      ${(t.ms / n).toFixed(2).padStart(6)} ms/req ${(t.calls / n).toFixed(2).padStart(5)}×  ${t.text}`,
            );
          }
        }
        rows.push(row);
        d.log(
          `  ${size.toLocaleString('en').padStart(7)} ${backend.padEnd(6)} ${r.label.padEnd(40)} ${r.rps.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(1)}  p95 ${r.p95.toFixed(1)} ms  err ${r.errors}  app cpu ${(r.cpu * 100).toFixed(0)} %` +
            (row.statements !== undefined
              ? `  ${row.statements.toFixed(1)} stmts/req  ${row.execMs!.toFixed(2)} ms exec/req  pg cpu ${row.pgCpuMs!.toFixed(1)} ms/req`
              : '') +
            `  load ${load.toFixed(2)}`,
        );
      }
    }
  } catch (error) {
    for (const { server } of servers.values()) await server.stop();
    await runDb?.drop().catch(() => {});
    await cluster.stop();
    throw error;
  }
  for (const { server } of servers.values()) await server.stop();
  // every submission acknowledged with a code is stored, on each backend
  const stored = { sqlite: { expected: 0, missing: 0 }, pg: { expected: 0, missing: 0 } };
  const sqliteRun = servers.get('sqlite');
  if (sqliteRun) {
    const db = new Database(dbFile, { readonly: true });
    const has = db.prepare('SELECT 1 FROM pakn WHERE code = ?');
    stored.sqlite = {
      expected: sqliteRun.ctx.created.length,
      missing: sqliteRun.ctx.created.filter((c) => !has.get(c)).length,
    };
    db.close();
  }
  const pgRun = servers.get('pg');
  if (pgRun && runDb) {
    const found = await pgQuery<{ code: string }>(runDb.url, 'SELECT code FROM pakn WHERE code = ANY($1)', [
      pgRun.ctx.created,
    ]);
    stored.pg = { expected: pgRun.ctx.created.length, missing: pgRun.ctx.created.length - found.length };
  }
  await runDb?.drop();
  await cluster.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.rmSync(pgData, { recursive: true, force: true });
  return { size, seed: info, pgSeed, rows, stored };
}

const fmt = (n: number | undefined, d = 1) => (n !== undefined && Number.isFinite(n) ? n.toFixed(d) : '–');

export function backendsMarkdown(
  runs: BackendRun[],
  o: {
    loadStart: number[];
    loadEnd: number[];
    startedAt: Date;
    wall: number;
    argv: string;
    machine: { model: string; nproc: string; memGb: number; node: string };
    nodeOptions: string;
    duration: number;
    warmup: number;
    connections: number;
    workers: number;
  },
): string {
  const la = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    `Run of ${o.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench -- ${o.argv}\` (wall time ${fmt(o.wall / 60)} min).`,
    '',
    `- Machine: ${o.machine.nproc} CPU (${o.machine.model}), ${fmt(o.machine.memGb)} GiB RAM, Node.js ${o.machine.node}, PostgreSQL on the same machine (a cluster in the bench cache, default durability, jit off); load average (1/5/15 min) at start ${la(o.loadStart)}, at end ${la(o.loadEnd)}; the 1-minute load when each measurement started is in the table. The machine was shared with other sessions' work: read ratios, not milliseconds.`,
    `- autocannon, ${o.connections} connections, ${o.duration} s per page after a ${o.warmup} s warm-up, from this script's process; servers: \`node ${o.nodeOptions || START_NODE_OPTIONS} server.mjs\`${o.nodeOptions ? '' : ' (the Node options of `npm start`)'}, SQLite one process, PostgreSQL ${o.workers} process${o.workers > 1 ? 'es behind node:cluster' : ''}; the two servers run side by side and each page is measured on one then the other, alternating which goes first`,
    ...runs.map(
      (r) =>
        `- ${r.size.toLocaleString('en')} PAKN: PostgreSQL seed ${r.pgSeed.cached ? 'cached' : 'made'} (db:copy + VACUUM ANALYZE ${fmt(r.pgSeed.seconds)} s); submissions acknowledged: SQLite ${r.stored.sqlite.expected} (missing ${r.stored.sqlite.missing}), PostgreSQL ${r.stored.pg.expected} (missing ${r.stored.pg.missing})`,
    ),
    '',
    '| PAKN | page | load | SQLite req/s | PG req/s | PG / SQLite rate | SQLite p50 | PG p50 | SQLite p95 ms | PG p95 ms | PG / SQLite p95 | errors S / PG | PG statements / req | PG exec ms / req | app CPU ms / req S / PG | PG CPU ms / req |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const verdicts: string[] = [];
  for (const run of runs) {
    const keys = [...new Set(run.rows.map((r) => r.key))];
    for (const key of keys) {
      const s = run.rows.find((r) => r.key === key && r.backend === 'sqlite');
      const p = run.rows.find((r) => r.key === key && r.backend === 'pg');
      if (!s || !p) continue;
      const rate = p.rps / s.rps;
      const p95 = p.p95 / s.p95;
      const cpuMs = (r: Result) => (1000 * r.cpu) / r.rps;
      const rps = (r: Result) =>
        r.flows !== undefined ? `${fmt(r.rps, 0)} (${fmt(r.flows)} sub/s)` : fmt(r.rps, 0);
      lines.push(
        `| ${run.size.toLocaleString('en')} | ${s.label} | ${fmt(s.load, 2)} / ${fmt(p.load, 2)} | ${rps(s)} | ${rps(p)} | ${fmt(rate, 2)} | ${fmt(s.p50)} | ${fmt(p.p50)} | ${fmt(s.p95)} | ${fmt(p.p95)} | ${fmt(p95, 2)} | ${s.errors} / ${p.errors}${p.note ? ` (PG ${p.note})` : ''} | ${fmt(p.statements)} | ${fmt(p.execMs, 2)} | ${fmt(cpuMs(s))} / ${fmt(cpuMs(p))} | ${fmt(p.pgCpuMs)} |`,
      );
      if (o.workers === 1 && !key.startsWith('bare')) {
        const ok = p95 <= 1.5 && rate >= 0.6 && p.errors === 0;
        verdicts.push(
          `${ok ? '✅' : '❌'} ${s.label} at ${run.size.toLocaleString('en')}: PG p95 ${fmt(p95, 2)}× SQLite's (target ≤ 1.5×), throughput ${fmt(100 * rate, 0)} % (target ≥ 60 %)${p.errors ? `, ${p.errors} errors` : ''}`,
        );
      }
    }
  }
  if (verdicts.length)
    lines.push('', 'Targets (one PostgreSQL process):', '', ...verdicts.map((v) => `- ${v}`));
  return lines.join('\n');
}
