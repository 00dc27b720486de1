// vitest globalSetup: route tests run the real production build, so make sure it is fresh; then migrate
// and seed one template database that every in-process test database starts as a copy of (the 15
// migrations run once per run instead of once per file). With TEST_DB=pg, also a throwaway PostgreSQL
// cluster and a template database on it, migrated and seeded the same way (./pg-template.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

import type { TestProject } from 'vitest/node';

import { sqliteClientOf } from '~/utils/db.server';

import { TEMPLATE_DB } from './db';
import { type PgCluster, startPgCluster } from './pg-cluster';
import { PG_TEMPLATE_DB, TEST_DB } from './pg-template';
import { bundleScripts } from './scripts';

export default async function setup(project: TestProject) {
  if (process.env.SKIP_BUILD !== '1') {
    execFileSync('npx', ['remix', 'build'], {
      stdio: 'ignore',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  // the command-line scripts, bundled for the tests that start them (./scripts.ts)
  await bundleScripts();
  const { openDatabase, openAsyncPg } = await import('~/utils/db.server');
  const building = `${TEMPLATE_DB}.${process.pid}`;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(building + suffix, { force: true });
  const db = openDatabase(building);
  sqliteClientOf(db).pragma('journal_mode = DELETE'); // one self-contained file to copy
  sqliteClientOf(db).close();
  fs.renameSync(building, TEMPLATE_DB);

  let cluster: PgCluster | undefined;
  if (TEST_DB === 'pg') {
    // three forks, each a pool of 4 plus the servers some files start: room to spare
    cluster = await startPgCluster(PG_TEMPLATE_DB, { maxConnections: 100 });
    const opened = await openAsyncPg(cluster.url, { max: 1 });
    await opened.close();
    console.log(`TEST_DB=pg: PostgreSQL cluster on port ${cluster.port} (ready in ${cluster.startMs} ms)`);
  }
  project.provide('pgTemplate', cluster ? { port: cluster.port, template: PG_TEMPLATE_DB } : null);
  return async () => {
    await cluster?.stop();
  };
}
