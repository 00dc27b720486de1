// `npm start`'s local SESSION_SECRET is readable by its owner only, whatever the umask (issue 10, item 12).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, expect, it } from 'vitest';

import { ensureSessionSecret } from '../../scripts/session-secret.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => fs.statSync(p).mode & 0o777;

it('creates DATA_DIR 0700 and .session-secret 0600, and tightens existing ones', () => {
  const previous = process.umask(0o022);
  try {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'secret-'));
    dirs.push(root);
    const dataDir = path.join(root, 'data');
    const secret = ensureSessionSecret(dataDir);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, '.session-secret'))).toBe(0o600);

    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, '.session-secret'), 0o644);
    expect(ensureSessionSecret(dataDir)).toBe(secret);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, '.session-secret'))).toBe(0o600);
  } finally {
    process.umask(previous);
  }
});
