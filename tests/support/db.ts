// A fresh, migrated and seeded SQLite file per call, under tests/.tmp/ (git-ignored).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '~/utils/db.server';

export const TEST_TMP_DIR = fileURLToPath(new URL('../.tmp/', import.meta.url));

export function createTestDb(): { db: Db; file: string; cleanup(): void } {
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true });
  const file = path.join(TEST_TMP_DIR, `test-${process.pid}-${crypto.randomBytes(6).toString('hex')}.db`);
  const db = openDatabase(file);
  return {
    db,
    file,
    cleanup() {
      if (db.$client.open) db.$client.close();
      for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
    },
  };
}
