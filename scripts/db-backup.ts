// `npm run db:backup [-- --out DIR]`: a consistent online backup of the database and the uploaded files,
// taken while the portal keeps serving (see docs/backup.md). This file is the SQLite path; with a postgres://
// DATABASE_URL (or --database) the backup is pg_dump's (scripts/db-backup-pg.ts), with the same manifest.
//
// 1. `VACUUM INTO` copies the database as of one read transaction: a consistent snapshot. In WAL mode a
//    reader never blocks the portal's writes, and the copy never restarts however busy the portal is.
// 2. The files listed in the *snapshot's* attachments table are copied from DATA_DIR/uploads. Files are
//    immutable once written and removed only after their row is gone, so the snapshot and the copied
//    files agree. Each file is checked against the sha256 recorded in its row.
// 3. manifest.json records the row counts and the sha256 of the database copy; db:restore checks both.
// The backup is built in a temporary folder and renamed into place when complete, so a folder with a
// manifest is always a whole backup.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { parseDatabaseUrl } from '~/utils/database-url';
import { parseEnv } from '~/utils/env.server';

import { isMainScript } from './is-main';

export const MANIFEST_FORMAT = 'pakn-backup/1';
export const DB_NAME = 'pakn.db';

export type Manifest = {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  source: { database: string; dataDir: string };
  sqliteVersion: string;
  database: { file: string; bytes: number; sha256: string };
  counts: Record<string, number>;
  uploads: {
    files: number;
    bytes: number;
    /** rows whose file was not in DATA_DIR/uploads when the backup ran */
    missing: Array<{ storedName: string; paknId: number | null }>;
  };
  durationMs: number;
};

/** An expected failure: printed as one line, exit code 1. */
export class CliError extends Error {}

export function parseArgs(argv: string[], spec: Record<string, 'string' | 'boolean'>) {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') ? arg.slice(2).split(/=(.*)/s, 2) : [undefined, undefined];
    const kind = name ? spec[name] : undefined;
    if (!name || !kind) throw new CliError(`unknown argument "${arg}"`);
    if (kind === 'boolean') out[name] = true;
    else {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new CliError(`--${name} needs a value`);
      out[name] = value;
    }
  }
  return out;
}

export function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** Flushes a file or a folder to disk (a rename is durable only once its folder is synced). */
/** Writes the manifest into the finished work folder, then moves the folder to its name, durably. */
export function publishBackup(work: string, out: string, manifest: object): void {
  const manifestFile = path.join(work, 'manifest.json');
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  fsyncPath(manifestFile);
  fsyncPath(work);
  fs.renameSync(work, out);
  fsyncPath(path.dirname(out));
}

export function fsyncPath(p: string) {
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Copies a file, flushes the copy, and returns its sha256. */
export function copyFileDurably(from: string, to: string): string {
  fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  // personal data: the portal's user only, whatever the source's mode (copyFile keeps it)
  fs.chmodSync(to, 0o600);
  fsyncPath(to);
  return sha256File(to);
}

/** Row counts of every table (FTS tables included), from a connection to a snapshot. */
export function tableCounts(db: Database.Database): Record<string, number> {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    names.map((n) => [
      n,
      db
        .prepare(`SELECT count(*) FROM "${n.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number,
    ]),
  );
}

export function integrityCheck(db: Database.Database): string {
  const rows = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  return rows.join('; ');
}

export const STORED_NAME = /^[a-f0-9]{32}$/;

export type AttachmentRow = { storedName: string; sha256: string; size: number; paknId: number | null };

/**
 * Copies the files the snapshot's attachments rows name from DATA_DIR/uploads into the backup, checking each
 * against its recorded sha256; a missing file is listed, a changed one stops the backup.
 */
export function copyUploads(rows: AttachmentRow[], dataDir: string, work: string) {
  const uploads = {
    files: 0,
    bytes: 0,
    missing: [] as Manifest['uploads']['missing'],
    list: [] as Array<{ storedName: string; sha256: string }>,
  };
  for (const row of rows) {
    if (!STORED_NAME.test(row.storedName)) throw new CliError('unexpected stored name in attachments');
    const from = path.join(dataDir, 'uploads', row.storedName);
    if (!fs.existsSync(from)) {
      uploads.missing.push({ storedName: row.storedName, paknId: row.paknId });
      continue;
    }
    const sum = copyFileDurably(from, path.join(work, 'uploads', row.storedName));
    if (sum !== row.sha256)
      throw new CliError(`uploads/${row.storedName} does not match the sha256 recorded for it`);
    uploads.files += 1;
    uploads.bytes += row.size;
    uploads.list.push({ storedName: row.storedName, sha256: row.sha256 });
  }
  fsyncPath(path.join(work, 'uploads'));
  return uploads;
}

export function attachmentRows(db: Database.Database): AttachmentRow[] {
  return db
    .prepare('SELECT stored_name AS storedName, sha256, size, pakn_id AS paknId FROM attachments ORDER BY id')
    .all() as AttachmentRow[];
}

function timestamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

export async function backup(opts: { database: string; dataDir: string; out?: string }) {
  const started = Date.now();
  const database = path.resolve(opts.database);
  const dataDir = path.resolve(opts.dataDir);
  if (!fs.existsSync(database)) throw new CliError(`no database at ${database} (check DATABASE_URL)`);

  let out = opts.out ? path.resolve(opts.out) : path.join(dataDir, 'backups', timestamp());
  if (!opts.out) for (let i = 2; fs.existsSync(out); i++) out = `${out.replace(/-\d+$/, '')}-${i}`;
  if (fs.existsSync(out)) throw new CliError(`${out} already exists: choose another --out`);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });
  if (!opts.out) fs.chmodSync(path.dirname(out), 0o700); // DATA_DIR/backups
  const work = `${out}.partial-${process.pid}`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'uploads'), { recursive: true, mode: 0o700 });

  try {
    // 1. the database snapshot
    const snapshotFile = path.join(work, DB_NAME);
    const source = new Database(database, { readonly: true, fileMustExist: true });
    try {
      source.pragma('busy_timeout = 10000');
      source.prepare('VACUUM INTO ?').run(snapshotFile);
    } finally {
      source.close();
    }
    fs.chmodSync(snapshotFile, 0o600); // VACUUM INTO creates it with the umask's mode
    fsyncPath(snapshotFile); // VACUUM INTO does not sync its output

    // 2. its counts and the files it refers to
    const snapshot = new Database(snapshotFile, { readonly: true, fileMustExist: true });
    let counts: Record<string, number>;
    let rows: AttachmentRow[];
    let sqliteVersion: string;
    try {
      const check = integrityCheck(snapshot);
      if (check !== 'ok')
        throw new CliError(`the snapshot fails PRAGMA integrity_check: ${check.slice(0, 200)}`);
      counts = tableCounts(snapshot);
      rows = attachmentRows(snapshot);
      sqliteVersion = snapshot.prepare('SELECT sqlite_version()').pluck().get() as string;
    } finally {
      snapshot.close();
    }

    const { list: _copied, ...uploads } = copyUploads(rows, dataDir, work);

    // 3. the manifest, then the folder into place
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      createdAt: new Date().toISOString(),
      source: { database, dataDir },
      sqliteVersion,
      database: { file: DB_NAME, bytes: fs.statSync(snapshotFile).size, sha256: sha256File(snapshotFile) },
      counts,
      uploads,
      durationMs: Date.now() - started,
    };
    publishBackup(work, out, manifest);
    return { out, manifest };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof CliError) return error.message;
  const e = error as { code?: string; message?: string };
  return [e?.code, e?.message ?? String(error)].filter(Boolean).join(': ');
}

async function main() {
  const args = parseArgs(process.argv.slice(2), { out: 'string', database: 'string', 'data-dir': 'string' });
  // the portal's own configuration contract and defaults (DATABASE_URL, DATA_DIR)
  const env = parseEnv({ DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR });
  const named = args.database ? parseDatabaseUrl(args.database as string) : env.database;
  const dataDir = (args['data-dir'] as string | undefined) ?? env.DATA_DIR;
  const { out, manifest } =
    named.kind === 'postgres'
      ? // pg_dump and pg_restore (scripts/db-backup-pg.ts), loaded only here
        await (
          await import('./db-backup-pg')
        ).pgBackup({ url: named.url, dataDir, out: args.out as string | undefined })
      : await backup({ database: named.file, dataDir, out: args.out as string | undefined });
  const missing = manifest.uploads.missing;
  console.log(
    `db-backup: ${out} — ${manifest.counts.pakn ?? 0} PAKN, ${manifest.uploads.files} files ` +
      `(${(manifest.uploads.bytes / 1048576).toFixed(1)} MB), ${manifest.durationMs} ms`,
  );
  // a draft's file may be unticked or purged between the snapshot and the copy: harmless
  const lost = missing.filter((m) => m.paknId !== null);
  if (missing.length > lost.length)
    console.warn(`db-backup: ${missing.length - lost.length} unsent-draft files were gone (harmless)`);
  if (lost.length) {
    console.error(
      `db-backup: ${lost.length} attachment files of registered PAKN are missing from ${dataDir}/uploads (listed in manifest.json)`,
    );
    process.exitCode = 1;
  }
}

if (isMainScript('db-backup')) {
  main().catch((error: unknown) => {
    console.error(`db-backup: ${describeError(error)}`);
    process.exit(1);
  });
}
