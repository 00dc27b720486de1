// PostgreSQL for `npm run bench -- --db pg` (docs/benchmarks.md): one cluster kept in the bench cache
// (CACHE/pg/data), started for a run on a free port of 127.0.0.1 and stopped after it. Each seed size is a
// database of that cluster (`seed_<count>_s<seed>_<end>`), filled once from the cached SQLite seed by
// `npm run db:copy` and marked complete with a comment; a run works on `CREATE DATABASE … TEMPLATE` of it (a file
// copy: submissions never touch the seed). Default durability (fsync, synchronous_commit on) as SQLite's
// synchronous=FULL; jit off (docs/postgresql.md); pg_stat_statements loaded, to count statements per request.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

import { pgBinDirs } from './db-backup-pg';

const asRoot = process.getuid?.() === 0;

function pgBin(): string {
  for (const dir of pgBinDirs()) {
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error('--db pg: no PostgreSQL binaries (initdb, pg_ctl): apt-get install postgresql');
}

function command(bin: string, args: string[]): [string, string[]] {
  const file = path.join(pgBin(), bin);
  // initdb and the server refuse root: as root they run as the postgres user
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

function run(bin: string, args: string[]) {
  const [cmd, argv] = command(bin, args);
  return execFileSync(cmd, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
}

export type BenchCluster = {
  port: number;
  dir: string;
  url(database: string): string;
  /** the server's processes (postmaster and backends), for CPU accounting */
  pids(): number[];
  stop(): Promise<void>;
};

export async function startBenchCluster(cacheDir: string, port: number): Promise<BenchCluster> {
  const dir = path.join(cacheDir, 'pg');
  const data = path.join(dir, 'data');
  if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(data, { recursive: true, mode: 0o700 });
    if (asRoot) {
      execFileSync('chown', ['-R', 'postgres:postgres', dir]);
      for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
        const mode = fs.statSync(p).mode;
        if ((mode & 0o001) === 0) fs.chmodSync(p, mode | 0o001);
      }
    }
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  const options = [
    `-c port=${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c max_connections=100',
    '-c jit=off',
    "-c shared_preload_libraries='pg_stat_statements'",
    '-c pg_stat_statements.track=all',
  ].join(' ');
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '120', 'start']);
  const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = new pg.Client({ connectionString: url('postgres') });
  await admin.connect();
  await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  await admin.end();
  const postmaster = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    port,
    dir,
    url,
    pids() {
      try {
        const children = fs
          .readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
          .trim()
          .split(/\s+/)
          .filter(Boolean)
          .map(Number);
        return [postmaster, ...children];
      } catch {
        return [postmaster];
      }
    },
    async stop() {
      const [cmd, argv] = command('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await promisify(execFile)(cmd, argv);
    },
  };
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

const COMPLETE = 'pakn bench seed: complete';

/** The seed database of a SQLite seed file (created by db:copy the first time), and the seconds it took. */
export async function seedDatabase(
  cluster: BenchCluster,
  sqliteSeed: string,
  log: (...a: unknown[]) => void,
): Promise<{ name: string; seconds: number; cached: boolean }> {
  const name = path
    .basename(sqliteSeed, '.db')
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase();
  const admin = cluster.url('postgres');
  const rows = await query<{ c: string | null }>(
    admin,
    'SELECT shobj_description(oid, $2) AS c FROM pg_database WHERE datname = $1',
    [name, 'pg_database'],
  );
  const metaFile = path.join(cluster.dir, `${name}.json`);
  if (rows[0]?.c === COMPLETE && fs.existsSync(metaFile)) {
    return { name, cached: true, ...(JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { seconds: number }) };
  }
  if (rows.length) await query(admin, `DROP DATABASE ${pg.escapeIdentifier(name)}`);
  await query(admin, `CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  log(`pg seed: db:copy ${path.basename(sqliteSeed)} → ${name} (once; cached in the cluster)`);
  const started = performance.now();
  const r = spawnSync('npx', ['tsx', 'scripts/db-copy.ts', '--from', sqliteSeed, '--to', cluster.url(name)], {
    stdio: 'inherit',
    cwd: path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'),
  });
  if (r.status !== 0) throw new Error(`db:copy into ${name} failed (exit ${r.status})`);
  await query(cluster.url(name), 'VACUUM ANALYZE');
  const seconds = (performance.now() - started) / 1000;
  await query(admin, `COMMENT ON DATABASE ${pg.escapeIdentifier(name)} IS '${COMPLETE}'`);
  fs.writeFileSync(metaFile, JSON.stringify({ seconds }));
  return { name, seconds, cached: false };
}

/** A fresh copy of the seed database for one run; dropped by the returned function. */
export async function runDatabase(
  cluster: BenchCluster,
  seedName: string,
  runName: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = cluster.url('postgres');
  await query(admin, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(runName)} WITH (FORCE)`);
  await query(
    admin,
    `CREATE DATABASE ${pg.escapeIdentifier(runName)} TEMPLATE ${pg.escapeIdentifier(seedName)}`,
  );
  return {
    url: cluster.url(runName),
    drop: async () => {
      await query(admin, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(runName)} WITH (FORCE)`);
    },
  };
}

/** Statements and their execution time in a database since the last reset (pg_stat_statements). */
export async function statementStats(
  cluster: BenchCluster,
  database: string,
): Promise<{ calls: number; execMs: number }> {
  const [row] = await query<{ calls: string | null; ms: number | null }>(
    cluster.url('postgres'),
    `SELECT sum(calls) AS calls, sum(total_exec_time) AS ms FROM pg_stat_statements s
     JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1`,
    [database],
  );
  return { calls: Number(row?.calls ?? 0), execMs: Number(row?.ms ?? 0) };
}

/** The `limit` statements of a database with the most execution time (or calls: BENCH_PG_TOP_BY=calls) since the last reset (BENCH_PG_TOP). */
export async function topStatements(
  cluster: BenchCluster,
  database: string,
  limit: number,
): Promise<{ calls: number; ms: number; text: string }[]> {
  const rows = await query<{ calls: string; ms: number; text: string }>(
    cluster.url('postgres'),
    `SELECT calls, total_exec_time AS ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS text
     FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1
     ORDER BY ${process.env.BENCH_PG_TOP_BY === 'calls' ? 'calls' : 'total_exec_time'} DESC LIMIT $2`,
    [database, limit],
  );
  return rows.map((r) => ({ calls: Number(r.calls), ms: Number(r.ms), text: r.text }));
}

export async function resetStatementStats(cluster: BenchCluster): Promise<void> {
  await query(cluster.url('postgres'), 'SELECT pg_stat_statements_reset()');
}

export { query as pgQuery };
