// A throwaway PostgreSQL cluster for the tests that need a real server: Debian's binaries, a fresh
// cluster in the test folder (./tmp.ts), on a free port of 127.0.0.1 only, trust authentication,
// durability off (fsync, full pages, synchronous commit: a test cluster never survives a crash anyway).
// initdb refuses to run as root, so as root (CI) the binaries run as the postgres user via runuser.
// One cluster per test file at most: start it in beforeAll, stop() in afterAll.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

import { pgBinDirs } from '../../scripts/db-backup-pg';
import { freePort, newTmpDir } from './server-process';

export type PgCluster = {
  /** a URL to the database created for the test (postgres://postgres@127.0.0.1:port/name) */
  url: string;
  port: number;
  /** the cluster's folder (data, socket, server.log), removed by stop() */
  dir: string;
  /** milliseconds from initdb to a ready database */
  startMs: number;
  /** another empty database on the same cluster, and its URL */
  createDatabase(name: string): Promise<string>;
  /** stops the server as an operator's restart does (fast: sessions ended with 57P01), keeping its data */
  pause(): Promise<void>;
  /** starts a paused server again on the same port and data */
  resume(): Promise<void>;
  /** stops the server and removes the cluster's folder */
  stop(): Promise<void>;
};

/** The folder holding initdb and pg_ctl, or undefined when PostgreSQL is not installed. */
export function findPgBin(): string | undefined {
  const candidates = pgBinDirs();
  for (const dir of candidates) {
    const initdb = path.join(dir, 'initdb');
    if (fs.existsSync(initdb) && fs.existsSync(path.join(dir, 'pg_ctl'))) {
      return path.dirname(fs.realpathSync(initdb));
    }
  }
  return undefined;
}

const PG_BIN = findPgBin();
/** Why the PostgreSQL tests skip, or undefined when they run. */
export const PG_SKIP_REASON = PG_BIN
  ? undefined
  : 'no PostgreSQL binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or PATH: apt-get install postgresql';
if (PG_SKIP_REASON) console.warn(`PostgreSQL tests skipped: ${PG_SKIP_REASON}`);

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]) {
  const file = path.join(PG_BIN!, bin);
  // runuser without a login shell: the environment (PATH, locale) stays ours
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C.UTF-8' },
  });
}

/** run() without blocking the event loop: the tests keep sending requests while the server stops and starts */
async function runAsync(bin: string, args: string[]) {
  const file = path.join(PG_BIN!, bin);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  await promisify(execFile)(cmd, argv, { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
}

export async function startPgCluster(
  database = 'pakn_test',
  opts: { maxConnections?: number } = {},
): Promise<PgCluster> {
  if (!PG_BIN) throw new Error(PG_SKIP_REASON);
  const started = Date.now();
  const dir = newTmpDir('pg');
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (asRoot) {
    // the server runs as postgres: it needs to own its folder and to pass through the ones above
    fs.mkdirSync(data, { mode: 0o700 });
    execFileSync('chown', ['-R', 'postgres:postgres', dir]);
    for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
      const mode = fs.statSync(p).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(p, mode | 0o001); // search only, nothing listable
    }
  }
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const options = [
    `-c port=${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=16MB',
    // 40 by default: room for three app processes' pools and a test's own (pg-multiprocess)
    `-c max_connections=${opts.maxConnections ?? 40}`,
    // the portal's queries are small: compiling them costs more than running them (docs/postgresql.md)
    '-c jit=off',
    '-c autovacuum=off',
  ].join(' ');
  const startArgs = [
    '-D',
    data,
    '-l',
    path.join(dir, 'server.log'),
    '-o',
    options,
    '-w',
    '-t',
    '60',
    'start',
  ];
  run('pg_ctl', startArgs);
  let running = true;
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
  const url = await createDatabase(database);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', onExit);
    try {
      if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  function onExit() {
    if (!stopped && running) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        // already gone
      }
    }
  }
  process.once('exit', onExit);
  const pause = async () => {
    await runAsync('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    running = false;
  };
  const resume = async () => {
    await runAsync('pg_ctl', startArgs);
    running = true;
  };
  return { url, port, dir, startMs: Date.now() - started, createDatabase, pause, resume, stop };
}
