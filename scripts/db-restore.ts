// `npm run db:restore -- --from DIR --to-data-dir D [--database FILE] [--force]`: puts a backup made by
// db:backup back in place, after checking it (manifest, sha256, PRAGMA integrity_check, row counts and
// every file's sha256). Stop the portal first. See docs/backup.md. A backup of a PostgreSQL database (manifest
// engine "postgres") goes back with pg_restore into --database or DATABASE_URL (scripts/db-backup-pg.ts).
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import {
  attachmentRows,
  CliError,
  copyFileDurably,
  DB_NAME,
  describeError,
  fsyncPath,
  integrityCheck,
  type Manifest,
  MANIFEST_FORMAT,
  parseArgs,
  sha256File,
  tableCounts,
} from './db-backup';

function sameCounts(actual: Record<string, number>, expected: Record<string, number>): string | null {
  for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    if (actual[key] !== expected[key])
      return `table ${key}: ${actual[key] ?? 'absent'} rows, manifest says ${expected[key] ?? 'absent'}`;
  }
  return null;
}

/** Checks a database file against the manifest; returns its attachment rows. */
function verifyDatabase(file: string, manifest: Manifest, what: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = integrityCheck(db);
    if (check !== 'ok') throw new CliError(`${what} fails PRAGMA integrity_check: ${check.slice(0, 200)}`);
    const diff = sameCounts(tableCounts(db), manifest.counts);
    if (diff) throw new CliError(`${what} does not match its manifest: ${diff}`);
    return attachmentRows(db);
  } finally {
    db.close();
  }
}

export function restore(opts: { from: string; dataDir: string; database?: string; force?: boolean }) {
  const from = path.resolve(opts.from);
  const dataDir = path.resolve(opts.dataDir);
  const target = path.resolve(opts.database ?? path.join(dataDir, DB_NAME));

  // 1. the backup, checked before anything is touched
  const manifestFile = path.join(from, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new CliError(`${from} is not a backup: manifest.json is missing`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    throw new CliError(`${manifestFile} is not valid JSON`);
  }
  if (manifest.format !== MANIFEST_FORMAT)
    throw new CliError(`unknown backup format "${String(manifest.format)}" (expected ${MANIFEST_FORMAT})`);
  const snapshot = path.join(from, manifest.database.file);
  if (!fs.existsSync(snapshot)) throw new CliError(`the backup's database ${snapshot} is missing`);
  if (sha256File(snapshot) !== manifest.database.sha256)
    throw new CliError(`${snapshot} does not match the sha256 in manifest.json: the backup is damaged`);
  const rows = verifyDatabase(snapshot, manifest, 'the backup database');
  const missing = new Set(manifest.uploads.missing.map((m) => m.storedName));
  const files = rows.filter((r) => !missing.has(r.storedName));
  for (const row of files) {
    const file = path.join(from, 'uploads', row.storedName);
    if (!/^[a-f0-9]{32}$/.test(row.storedName) || !fs.existsSync(file))
      throw new CliError(`the backup lacks uploads/${row.storedName}`);
    if (sha256File(file) !== row.sha256)
      throw new CliError(
        `uploads/${row.storedName} in the backup does not match its sha256: the backup is damaged`,
      );
  }
  if (files.length !== manifest.uploads.files)
    throw new CliError(`the backup has ${files.length} files, manifest.json says ${manifest.uploads.files}`);

  // 2. the target: never overwritten by accident
  const existing = ['', '-wal'].map((s) => target + s).filter((f) => fs.existsSync(f));
  if (existing.length && !opts.force)
    throw new CliError(`${target} already exists: stop the portal and pass --force to replace it`);

  // 3. the database: copied beside the target, flushed, then renamed over it. A stale -wal or -shm of the
  // old database would be replayed onto the restored one: they go first.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.restoring-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  copyFileDurably(snapshot, tmp);
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(tmp, target);
  fsyncPath(path.dirname(target));

  // 4. the files
  const uploads = path.join(dataDir, 'uploads');
  fs.mkdirSync(uploads, { recursive: true, mode: 0o700 });
  fs.chmodSync(uploads, 0o700);
  for (const row of files) {
    const dest = path.join(uploads, row.storedName);
    if (fs.existsSync(dest) && sha256File(dest) === row.sha256) {
      fs.chmodSync(dest, 0o600);
      continue;
    }
    fs.rmSync(dest, { force: true });
    copyFileDurably(path.join(from, 'uploads', row.storedName), dest);
  }
  fsyncPath(uploads);

  // 5. the result, checked again where it now lies
  verifyDatabase(target, manifest, 'the restored database');
  return { target, manifest, files: files.length };
}

async function main() {
  const args = parseArgs(process.argv.slice(2), {
    from: 'string',
    'to-data-dir': 'string',
    database: 'string',
    force: 'boolean',
  });
  if (!args.from || !args['to-data-dir'])
    throw new CliError(
      'usage: db:restore --from BACKUP_DIR --to-data-dir DATA_DIR [--database FILE|postgres://…] [--force]',
    );
  const engine = readEngine(args.from as string);
  if (engine === 'postgres') {
    // pg_restore into --database or DATABASE_URL (scripts/db-backup-pg.ts)
    const { pgRestore } = await import('./db-backup-pg');
    const url = (args.database as string | undefined) ?? process.env.DATABASE_URL ?? '';
    const manifest = JSON.parse(fs.readFileSync(path.join(args.from as string, 'manifest.json'), 'utf8'));
    const done = await pgRestore({
      from: args.from as string,
      manifest,
      url,
      dataDir: args['to-data-dir'] as string,
      force: args.force === true,
    });
    console.log(
      `db-restore: ${done.target} — ${done.counts.pakn ?? 0} PAKN, ${done.files} files, ` +
        `backup of ${String(manifest.createdAt)}; archive sha256 ok, counts match`,
    );
    return;
  }
  if (typeof args.database === 'string' && /^postgres(?:ql)?:\/\//i.test(args.database))
    throw new CliError(
      'this backup is of a SQLite database: restore it to a file, then move it with npm run db:copy',
    );
  const { target, manifest, files } = restore({
    from: args.from as string,
    dataDir: args['to-data-dir'] as string,
    database: args.database as string | undefined,
    force: args.force === true,
  });
  console.log(
    `db-restore: ${target} — ${manifest.counts.pakn ?? 0} PAKN, ${files} files, ` +
      `backup of ${manifest.createdAt}; integrity_check ok, counts match`,
  );
}

/** Which database a backup holds: manifest.json's engine ("postgres"), else SQLite. */
function readEngine(from: string): 'sqlite' | 'postgres' {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(from, 'manifest.json'), 'utf8')) as { engine?: unknown };
    return m.engine === 'postgres' ? 'postgres' : 'sqlite';
  } catch {
    return 'sqlite'; // restore() says what is wrong with it
  }
}

main().catch((error: unknown) => {
  console.error(`db-restore: ${describeError(error)}`);
  process.exit(1);
});
