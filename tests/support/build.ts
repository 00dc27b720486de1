// vitest globalSetup: route tests run the real production build, so make sure it is fresh; then migrate
// and seed one template database that every in-process test database starts as a copy of (the 15
// migrations run once per run instead of once per file).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

import { sqliteClientOf } from '~/utils/db.server';

import { TEMPLATE_DB } from './db';

export default async function setup() {
  if (process.env.SKIP_BUILD !== '1') {
    execFileSync('npx', ['remix', 'build'], {
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  const { openDatabase } = await import('~/utils/db.server');
  const building = `${TEMPLATE_DB}.${process.pid}`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(building + suffix, { force: true });
  const db = openDatabase(building);
  sqliteClientOf(db).pragma('journal_mode = DELETE'); // one self-contained file to copy
  sqliteClientOf(db).close();
  fs.renameSync(building, TEMPLATE_DB);
}
