#!/usr/bin/env node
// `npm start`: the one command that serves the portal on a fresh machine. Installs dependencies when
// they are missing or stale, builds when the sources are newer than the build, then starts the server,
// which migrates and seeds the database on first run (SQLite by default; DATABASE_URL=postgres://… selects
// PostgreSQL, see docs/postgresql.md).
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ensureSessionSecret } from './session-secret.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const run = (cmd) =>
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' } });
const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : mtime(p));
  }
  return latest;
}

if (mtime('node_modules/.package-lock.json') < mtime('package-lock.json')) {
  console.log('› installing dependencies (npm ci)…');
  run('npm ci --no-audit --no-fund');
}
const sources = Math.max(
  newest('app'),
  newest('emails'),
  newest('db'),
  mtime('remix.config.js'),
  mtime('package-lock.json'),
);
if (mtime('build/index.js') < sources) {
  console.log('› building…');
  run('npx remix build');
}

const env = { NODE_ENV: 'production', ...process.env };
const dataDir = env.DATA_DIR || './data';
const postgres = /^postgres(?:ql)?:\/\//i.test((env.DATABASE_URL ?? '').trim());
// PostgreSQL mode never creates DATA_DIR (it is the shared volume, mounted first): the server says why it refuses
if (!env.SESSION_SECRET && !(postgres && !fs.existsSync(dataDir))) {
  // a secret kept beside the data, so sessions survive restarts of the demo; in PostgreSQL mode DATA_DIR is
  // shared, so every process signs cookies with the same secret
  env.SESSION_SECRET = ensureSessionSecret(dataDir);
}
// V8 sizes its heap from the machine's memory and lets an idle-ish server sit at 500+ MB; the live heap is
// under 100 MB, so a 128 MB old space keeps the process under 300 MB (docs/benchmarks.md, row 5)
const child = spawn(process.execPath, ['--max-old-space-size=128', 'server.mjs'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
