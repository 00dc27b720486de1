// Whether a script runs as the command (`tsx scripts/db-backup.ts`) or is imported by another script or a test.
import path from 'node:path';

/**
 * True when Node was started with the script `name` (scripts/NAME.ts under tsx, or a bundle NAME.mjs, as the
 * tests run them). Compared by name, not by import.meta.url: a bundle has one import.meta.url for all the
 * modules in it, so db-restore's bundle would take the db-backup code it contains for the command.
 */
export function isMainScript(name: string): boolean {
  const started = process.argv[1];
  return started !== undefined && path.basename(started).replace(/\.(ts|mjs|js)$/, '') === name;
}
