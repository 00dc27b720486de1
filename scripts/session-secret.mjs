// The local SESSION_SECRET of `npm start` when none is set: kept in DATA_DIR/.session-secret so sessions survive
// restarts of the demo; readable by its owner only (the folder 0700, the file 0600), also when they existed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function ensureSessionSecret(dataDir) {
  const file = path.join(dataDir, '.session-secret');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dataDir, 0o700);
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, 'utf8').trim();
}
