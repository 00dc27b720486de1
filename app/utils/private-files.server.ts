// Everything the portal keeps under DATA_DIR holds personal data: the database (and its -wal/-shm), uploads,
// e-mails with private links, cached documents, backups, the session secret. Only the portal's own user may read
// it: files 0600, folders 0700, whatever the umask of the shell or service manager that started the process.
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** New files and folders of this process are its user's only (umask 077): covers what SQLite creates too. */
export function restrictUmask() {
  process.umask(0o077);
}

/** `mkdir -p` whose new folders are 0700, and the folder itself 0700 even when it existed. */
export function ensurePrivateDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

/** chmod 0600 when the file exists. */
export function makePrivate(file: string) {
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Brings an existing tree (an install from before this rule) to 0600/0700; symbolic links are not followed.
 * Returns how many entries were changed and how many could not be (another user's files).
 */
export function tightenTree(root: string): { changed: number; failed: number } {
  const result = { changed: 0, failed: 0 };
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return; // gone meanwhile
    }
    if (st.isSymbolicLink()) return;
    const want = st.isDirectory() ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
    if ((st.mode & 0o777) !== want) {
      try {
        fs.chmodSync(p, want);
        result.changed += 1;
      } catch {
        result.failed += 1;
      }
    }
    if (st.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(p);
      } catch {
        result.failed += 1;
      }
      for (const e of entries) visit(path.join(p, e));
    }
  };
  visit(root);
  return result;
}
