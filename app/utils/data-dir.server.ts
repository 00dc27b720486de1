// DATA_DIR in PostgreSQL mode: several processes, possibly on several machines, keep their files there (uploads,
// cached documents, mail files), so it must be storage they all share, mounted before the portal starts. These are
// the file-system checks; app/models/pg/storage.server.ts checks that it is the storage this database uses.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The storage's name, written once in DATA_DIR; the database remembers it (table pakn_storage). */
export const STORAGE_MARKER = '.pakn-storage';
const ID = /^[a-f0-9]{32}$/;

// statfs(2) magic numbers of file systems held in this machine's memory: never shared, gone at reboot
const MEMORY_FILESYSTEMS = new Map<number, string>([
  [0x01021994, 'tmpfs'],
  [0x858458f6, 'ramfs'],
]);

/**
 * Why DATA_DIR cannot be the shared storage of PostgreSQL mode, or null: it must already exist (a missing folder
 * usually means the shared volume is not mounted, so it is never created here), be a folder, take a file written,
 * flushed, renamed, read back and removed, and not be a file system held in this machine's memory.
 */
export function dataDirProblem(dataDir: string): string | null {
  const dir = path.resolve(dataDir);
  const intro = `DATA_DIR (${dir}) must be writable storage shared by every process of the portal in PostgreSQL mode`;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `${intro}: it does not exist (${code}). Mount the shared volume there first; the portal does not create it.`;
  }
  if (!stat.isDirectory()) return `${intro}: it is not a folder.`;
  const kind = MEMORY_FILESYSTEMS.get(Number(fs.statfsSync(dir).type));
  if (kind)
    return `${intro}: it is on ${kind}, held in this machine's memory, seen by no other machine and lost at reboot.`;
  const probe = path.join(dir, `.pakn-probe-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  const renamed = `${probe}.renamed`;
  try {
    const data = crypto.randomBytes(32);
    const fd = fs.openSync(probe, 'wx', 0o600);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(probe, renamed);
    if (!fs.readFileSync(renamed).equals(data)) return `${intro}: a file written there reads back different.`;
    return null;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return `${intro}: this process cannot write there (${e.code ?? e.message}).`;
  } finally {
    fs.rmSync(probe, { force: true });
    fs.rmSync(renamed, { force: true });
  }
}

/** The storage name in DATA_DIR, null when there is none; a malformed marker is an error. */
export function readStorageMarker(dataDir: string): string | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, STORAGE_MARKER), 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (!ID.test(text)) throw new Error(`${path.join(dataDir, STORAGE_MARKER)} is not a storage name`);
  return text;
}

/** Writes the storage name into DATA_DIR (never over another one) and flushes it. */
export function writeStorageMarker(dataDir: string, id: string): void {
  if (!ID.test(id)) throw new Error('not a storage name');
  const file = path.join(dataDir, STORAGE_MARKER);
  const fd = fs.openSync(file, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${id}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const dirFd = fs.openSync(dataDir, 'r');
  try {
    fs.fsyncSync(dirFd);
  } finally {
    fs.closeSync(dirFd);
  }
}

export function newStorageId(): string {
  return crypto.randomBytes(16).toString('hex');
}
