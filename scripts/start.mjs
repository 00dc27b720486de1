#!/usr/bin/env node
// `npm start`: the one command that serves the portal on a fresh machine. Installs dependencies when
// they are missing or stale, builds when the sources are newer than the build, then starts the server,
// which migrates and seeds the SQLite database on first run.
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
if (!env.SESSION_SECRET) {
  // a local secret kept beside the data, so sessions survive restarts of the demo
  env.SESSION_SECRET = ensureSessionSecret(env.DATA_DIR || './data');
}
// V8 sizes its heap from the machine's memory and lets an idle-ish server sit at 500+ MB; the live heap is
// under 100 MB, so a 128 MB old space keeps the process under 300 MB (docs/benchmarks.md, row 5)
const child = spawn(process.execPath, ['--max-old-space-size=128', 'server.mjs'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
