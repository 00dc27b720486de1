// Where the tests keep their databases, data folders and server logs. SQLite runs with
// synchronous=FULL (as in production), so every commit waits for an fsync: about 5 ms on this
// project's virtual disks against 0.03 ms in memory, and the suites commit tens of thousands of
// times. On Linux the folder is therefore in /dev/shm (a RAM file system: the same SQLite, the same
// pragmas, only the fsync is free), when it has 2 GiB free; otherwise tests/.tmp. PAKN_TEST_TMP chooses another folder, e.g. `tests/.tmp` to run
// on disk. One folder per checkout, so two worktrees never share a template database.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function pick(): string {
  const chosen = process.env.PAKN_TEST_TMP;
  if (chosen) return path.resolve(ROOT, chosen);
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    // a container's /dev/shm is often 64 MB: the suites' databases need more than that
    const { bavail, bsize } = fs.statfsSync('/dev/shm');
    if (bavail * bsize < 2 * 1024 ** 3) throw new Error('/dev/shm has less than 2 GiB free');
    const checkout = crypto.createHash('sha256').update(ROOT).digest('hex').slice(0, 10);
    return path.join('/dev/shm', `pakn-tests-${checkout}`);
  } catch {
    return path.join(ROOT, 'tests/.tmp');
  }
}

/** The test folder (created on first use); subfolders and files are named by process id and random bytes. */
export const TEST_TMP_DIR = pick();
fs.mkdirSync(TEST_TMP_DIR, { recursive: true, mode: 0o700 });
