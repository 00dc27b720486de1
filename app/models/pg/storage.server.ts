// Start-up check of PostgreSQL mode: DATA_DIR is writable shared storage (app/utils/data-dir.server.ts) and it is
// the storage this database uses. The first process names the storage (DATA_DIR/.pakn-storage) and the database
// remembers the name (pakn_storage, db/migrations-pg 0005); every later process must find the same name in its
// DATA_DIR. A local folder (the shared volume not mounted, another machine's disk) has no name or another one.
import type { ClientBase } from 'pg';

import {
  dataDirProblem,
  newStorageId,
  readStorageMarker,
  STORAGE_MARKER,
  writeStorageMarker,
} from '~/utils/data-dir.server';

/** Why this process must not start with this DATA_DIR, or null; names the storage on the first start. */
export async function sharedStorageProblem(client: ClientBase, dataDir: string): Promise<string | null> {
  const problem = dataDirProblem(dataDir);
  if (problem) return problem;
  let local: string | null;
  try {
    local = readStorageMarker(dataDir);
  } catch (error) {
    return `DATA_DIR (${dataDir}): ${(error as Error).message}; it was not written by the portal.`;
  }
  const { rows } = await client.query<{ id: string; createdAt: string }>(
    'SELECT id, created_at AS "createdAt" FROM pakn_storage',
  );
  const known = rows[0];
  if (!known) {
    // first start (or a new database over existing storage): the storage's name, or a new one, is claimed;
    // of two processes starting together one wins, and the other checks against the winner's name
    const id = local ?? newStorageId();
    const { rows: claimed } = await client.query<{ id: string }>(
      `INSERT INTO pakn_storage (one, id, created_at) VALUES (true, $1, $2)
       ON CONFLICT (one) DO UPDATE SET one = pakn_storage.one RETURNING id`,
      [id, Date.now()],
    );
    const winner = claimed[0]!.id;
    if (local !== null) return winner === local ? null : mismatch(dataDir, winner);
    if (winner === id) {
      try {
        writeStorageMarker(dataDir, id);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    // the winner's process writes the name: read again what this storage holds now
    return readStorageMarker(dataDir) === winner ? null : mismatch(dataDir, winner);
  }
  if (local === known.id) return null;
  return mismatch(dataDir, known.id, new Date(Number(known.createdAt)));
}

function mismatch(dataDir: string, expected: string, since?: Date): string {
  const day = since
    ? ` since ${String(since.getUTCDate()).padStart(2, '0')}/${String(since.getUTCMonth() + 1).padStart(2, '0')}/${since.getUTCFullYear()}`
    : '';
  return (
    `DATA_DIR (${dataDir}) is not the shared storage of this database: the database uses storage ${expected}${day}, ` +
    `and DATA_DIR/${STORAGE_MARKER} ${readStorageMarkerSafe(dataDir)}. Mount the volume the other processes use ` +
    'at DATA_DIR; after moving the files to new storage, copy the whole folder, .pakn-storage included.'
  );
}

function readStorageMarkerSafe(dataDir: string): string {
  try {
    const id = readStorageMarker(dataDir);
    return id ? `names ${id}` : 'is missing';
  } catch {
    return 'is not a storage name';
  }
}
