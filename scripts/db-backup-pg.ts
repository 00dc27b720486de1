// db:backup and db:restore when DATABASE_URL names a PostgreSQL server (docs/backup.md, docs/postgresql.md).
//
// Backup: one REPEATABLE READ transaction exports its snapshot; `pg_dump -Fc --snapshot` dumps exactly that state
// while the same transaction counts every table's rows and reads the attachments table, so the archive, the counts
// and the copied files agree however busy the portal is. The files are copied from DATA_DIR/uploads and checked
// against the sha256 of their rows. manifest.json (engine "postgres") records the archive's sha256, the row counts
// and each file's sha256. Built in a temporary folder, renamed into place when complete.
//
// Restore: the archive's sha256, `pg_restore --list` (a readable archive) and every file's sha256 are checked
// before the target is touched; a target database holding any table is refused unless --force (then pg_restore
// --clean replaces what the archive holds); pg_restore runs in one transaction, stopping at the first error; then
// every table's row count is compared with the manifest, and the files are put in place.
//
// The password never reaches a command line or a message: the tools get the URL without it and PGPASSWORD.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

import pg from 'pg';

import { readStorageMarker, writeStorageMarker } from '~/utils/data-dir.server';
import { describeDatabase, parseDatabaseUrl, redactDatabaseUrl } from '~/utils/database-url';

import {
  type AttachmentRow,
  CliError,
  copyFileDurably,
  copyUploads,
  fsyncPath,
  MANIFEST_FORMAT,
  publishBackup,
  sha256File,
  STORED_NAME,
} from './db-backup';

const run = promisify(execFile);
export const DUMP_NAME = 'pakn.dump';

export type PgManifest = {
  format: typeof MANIFEST_FORMAT;
  engine: 'postgres';
  createdAt: string;
  source: { database: string; dataDir: string };
  postgres: { server: string; pgDump: string };
  database: { file: string; bytes: number; sha256: string };
  /** rows per table: `name` in the default schema, `schema.name` elsewhere (drizzle's migration journal) */
  counts: Record<string, number>;
  uploads: {
    files: number;
    bytes: number;
    missing: Array<{ storedName: string; paknId: number | null }>;
    /** every copied file and its sha256: checked before a restore touches anything */
    list: Array<{ storedName: string; sha256: string }>;
  };
  durationMs: number;
};

/** Where PostgreSQL's programs may be: Debian's /usr/lib/postgresql/N/bin, newest first, then PATH. */
export function pgBinDirs(): string[] {
  const dirs: string[] = [];
  const debian = '/usr/lib/postgresql';
  if (fs.existsSync(debian)) {
    const versions = fs
      .readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    dirs.push(...versions.map((v) => path.join(debian, v, 'bin')));
  }
  dirs.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  return dirs;
}

/** pg_dump / pg_restore: Debian's newest first (never older than the server), then PATH. */
export function findPgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dirs = pgBinDirs();
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  throw new CliError(
    `${name} not found in /usr/lib/postgresql/*/bin or PATH: apt-get install postgresql-client`,
  );
}

/** The URL for a tool (password removed) and the environment carrying the password. */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env, PGCONNECT_TIMEOUT: '10' };
  delete env.PGPASSWORD;
  if (password) env.PGPASSWORD = password;
  return { dbname: u.toString(), env };
}

/** Runs a PostgreSQL tool; its messages come back without any password. */
async function runTool(file: string, args: string[], env: NodeJS.ProcessEnv, secret: string) {
  try {
    return await run(file, args, { env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: string; message?: string };
    const text = (e.stderr || e.message || String(error)).trim().split('\n').slice(-5).join(' | ');
    throw new CliError(`${path.basename(file)} failed: ${redact(text, secret)}`);
  }
}

function redact(text: string, secret: string): string {
  let out = text.replace(/postgres(?:ql)?:\/\/[^\s'"]*/gi, (m) => redactDatabaseUrl(m));
  if (secret) out = out.split(secret).join('***');
  return out;
}

function secretOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return '';
  }
}

async function connect(url: string): Promise<pg.Client> {
  const target = parseDatabaseUrl(url);
  if (target.kind !== 'postgres') throw new CliError('expected a postgres:// URL');
  // int8 as numbers: counts and sizes fit a double
  const types = {
    getTypeParser: (oid: number, format?: 'text' | 'binary') =>
      oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text'),
  };
  const client = new pg.Client({ connectionString: url, types, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new CliError(
      `cannot connect to ${describeDatabase(target)}: ${redact((error as Error).message, secretOf(url))}`,
    );
  }
  return client;
}

/** Row counts of every table outside PostgreSQL's own schemas, inside the caller's transaction. */
async function tableCounts(client: pg.Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ schema: string; name: string; current: boolean }>(
    `SELECT n.nspname AS schema, c.relname AS name, n.nspname = current_schema() AS current
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
       AND n.nspname NOT LIKE 'pg\\_%'
     ORDER BY 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const qualified = `${pg.escapeIdentifier(t.schema)}.${pg.escapeIdentifier(t.name)}`;
    const { rows } = await client.query<{ n: number }>(`SELECT count(*) AS n FROM ${qualified}`);
    counts[t.current ? t.name : `${t.schema}.${t.name}`] = rows[0]!.n;
  }
  return counts;
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function pgBackup(opts: { url: string; dataDir: string; out?: string }) {
  const started = Date.now();
  const target = parseDatabaseUrl(opts.url);
  if (target.kind !== 'postgres') throw new CliError('expected a postgres:// URL');
  const dataDir = path.resolve(opts.dataDir);
  const pgDump = findPgTool('pg_dump');

  let out = opts.out ? path.resolve(opts.out) : path.join(dataDir, 'backups', timestamp());
  if (!opts.out) for (let i = 2; fs.existsSync(out); i++) out = `${out.replace(/-\d+$/, '')}-${i}`;
  if (fs.existsSync(out)) throw new CliError(`${out} already exists: choose another --out`);
  const client = await connect(opts.url);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  if (!opts.out) fs.chmodSync(path.dirname(out), 0o700);
  const work = `${out}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'uploads'), { recursive: true, mode: 0o700 });
  try {
    // 1. one snapshot for the archive, the counts and the attachment rows
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: snap } = await client.query<{ id: string; server: string }>(
      `SELECT pg_export_snapshot() AS id, current_setting('server_version') AS server`,
    );
    const dumpFile = path.join(work, DUMP_NAME);
    const { dbname, env } = toolConnection(opts.url);
    await runTool(
      pgDump,
      ['-Fc', '--no-password', `--snapshot=${snap[0]!.id}`, '--file', dumpFile, '--dbname', dbname],
      env,
      secretOf(opts.url),
    );
    fs.chmodSync(dumpFile, 0o600);
    fsyncPath(dumpFile);
    const counts = await tableCounts(client);
    const { rows: attachments } = await client.query<AttachmentRow>(
      'SELECT stored_name AS "storedName", sha256, size, pakn_id AS "paknId" FROM attachments ORDER BY id',
    );
    await client.query('COMMIT');
    const { stdout: version } = await runTool(pgDump, ['--version'], env, '');

    // 2. the files the snapshot refers to
    const uploads: PgManifest['uploads'] = copyUploads(attachments, dataDir, work);

    // 3. the manifest, then the folder into place
    const manifest: PgManifest = {
      format: MANIFEST_FORMAT,
      engine: 'postgres',
      createdAt: new Date().toISOString(),
      source: { database: describeDatabase(target), dataDir },
      postgres: { server: snap[0]!.server, pgDump: version.trim() },
      database: { file: DUMP_NAME, bytes: fs.statSync(dumpFile).size, sha256: sha256File(dumpFile) },
      counts,
      uploads,
      durationMs: Date.now() - started,
    };
    publishBackup(work, out, manifest);
    return { out, manifest };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function sameCounts(actual: Record<string, number>, expected: Record<string, number>): string | null {
  for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    if (actual[key] !== expected[key])
      return `table ${key}: ${actual[key] ?? 'absent'} rows, manifest says ${expected[key] ?? 'absent'}`;
  }
  return null;
}

export async function pgRestore(opts: {
  from: string;
  manifest: PgManifest;
  url: string;
  dataDir: string;
  force?: boolean;
}) {
  const { manifest } = opts;
  const from = path.resolve(opts.from);
  const dataDir = path.resolve(opts.dataDir);
  const target = parseDatabaseUrl(opts.url);
  if (target.kind !== 'postgres')
    throw new CliError('this backup is of a PostgreSQL database: restore it into a postgres:// DATABASE_URL');
  const secret = secretOf(opts.url);
  const pgRestoreBin = findPgTool('pg_restore');

  // 1. the backup, checked before anything is touched
  const dump = path.join(from, manifest.database.file);
  if (!fs.existsSync(dump)) throw new CliError(`the backup's archive ${dump} is missing`);
  if (sha256File(dump) !== manifest.database.sha256)
    throw new CliError(`${dump} does not match the sha256 in manifest.json: the backup is damaged`);
  const { dbname, env } = toolConnection(opts.url);
  await runTool(pgRestoreBin, ['--list', dump], env, secret);
  const list = manifest.uploads.list ?? [];
  for (const f of list) {
    const file = path.join(from, 'uploads', f.storedName);
    if (!STORED_NAME.test(f.storedName) || !fs.existsSync(file))
      throw new CliError(`the backup lacks uploads/${f.storedName}`);
    if (sha256File(file) !== f.sha256)
      throw new CliError(
        `uploads/${f.storedName} in the backup does not match its sha256: the backup is damaged`,
      );
  }
  if (list.length !== manifest.uploads.files)
    throw new CliError(`the backup lists ${list.length} files, manifest.json says ${manifest.uploads.files}`);

  // 2. the target: never overwritten by accident
  const client = await connect(opts.url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const before = await tableCounts(client);
    await client.query('COMMIT');
    const tables = Object.keys(before);
    if (tables.length && !opts.force) {
      const rows = Object.values(before).reduce((a, b) => a + b, 0);
      throw new CliError(
        `${describeDatabase(target)} is not empty (${tables.length} tables, ${rows} rows${before.pakn === undefined ? '' : `, pakn: ${before.pakn}`}): ` +
          'stop the portal and pass --force to replace it, or restore into a new database',
      );
    }

    // 3. the archive, in one transaction
    await runTool(
      pgRestoreBin,
      [
        '--no-password',
        '--no-owner',
        '--single-transaction',
        '--exit-on-error',
        ...(tables.length ? ['--clean', '--if-exists'] : []),
        '--dbname',
        dbname,
        dump,
      ],
      env,
      secret,
    );

    // 4. the files
    const uploads = path.join(dataDir, 'uploads');
    fs.mkdirSync(uploads, { recursive: true, mode: 0o700 });
    for (const f of list) {
      const dest = path.join(uploads, f.storedName);
      if (fs.existsSync(dest) && sha256File(dest) === f.sha256) continue;
      fs.rmSync(dest, { force: true });
      copyFileDurably(path.join(from, 'uploads', f.storedName), dest);
    }
    fsyncPath(uploads);
    // the storage's name goes with its files (app/models/pg/storage.server.ts): the restored database's
    const { rows: has } = await client.query<{ t: string | null }>("SELECT to_regclass('pakn_storage') AS t");
    const storage = has[0]?.t ? (await client.query<{ id: string }>('SELECT id FROM pakn_storage')).rows : [];
    if (storage[0] && readStorageMarker(dataDir) === null) writeStorageMarker(dataDir, storage[0].id);

    // 5. the result, counted where it now lies
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const after = await tableCounts(client);
    await client.query('COMMIT');
    const diff = sameCounts(after, manifest.counts);
    if (diff) throw new CliError(`the restored database does not match its manifest: ${diff}`);
    return { target: describeDatabase(target), files: list.length, counts: after };
  } finally {
    await client.end().catch(() => undefined);
  }
}
