import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

import { PG_OWN_CLUSTER, PG_RUN_SQLITE_ONLY } from './tests/pg-run';
import SlowestFirst from './tests/support/sequencer';

// 2 cores: vitest's default would be one fork; many integration files wait on child processes, SMTP or
// disk, so a third fork keeps both cores busy
const FORKS = Number(process.env.VITEST_FORKS ?? 3);
// TEST_DB=pg (`npm run test:pg`): the integration suite on PostgreSQL, less the files that test SQLite itself,
// plus the files that start their own cluster; the default run leaves those out (tests/pg-run.ts says why)
const LEFT_OUT = process.env.TEST_DB === 'pg' ? Object.keys(PG_RUN_SQLITE_ONLY) : PG_OWN_CLUSTER;

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~db\//, replacement: fileURLToPath(new URL('./db/', import.meta.url)) },
      { find: /^~emails$/, replacement: fileURLToPath(new URL('./emails/index.ts', import.meta.url)) },
      { find: /^~emails\//, replacement: fileURLToPath(new URL('./emails/', import.meta.url)) },
      { find: /^~\//, replacement: fileURLToPath(new URL('./app/', import.meta.url)) },
    ],
  },
  test: {
    environment: 'node',
    poolOptions: {
      // each integration file opens its own SQLite file and caches its env in the build's modules: one
      // new process per file
      forks: { minForks: 1, maxForks: FORKS },
      // the pure unit files share one worker thread and its module cache, next to the forks (one new
      // process per file cost them twice the CPU: docs/testing.md)
      threads: { isolate: false, minThreads: 1, maxThreads: 1 },
    },
    server: {
      deps: {
        // the production build (1.2 MB) is loaded by Node as in production, not transformed by Vite
        // in every file that starts the app
        external: [/\/build\/index\.js$/],
      },
    },
    // the slowest files first, whatever vitest's cache holds
    sequence: { sequencer: SlowestFirst },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          pool: 'threads',
          include: ['tests/unit/**/*.test.ts'],
          // sets process.umask(), which worker threads refuse
          exclude: ['tests/unit/session-secret.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          pool: 'forks',
          include:
            process.env.TEST_DB === 'pg'
              ? ['tests/integration/**/*.test.ts']
              : ['tests/integration/**/*.test.ts', 'tests/unit/session-secret.test.ts'],
          exclude: LEFT_OUT,
          // builds the app and migrates one template database that every test database is copied from
          globalSetup: ['tests/support/build.ts'],
        },
      },
    ],
  },
});
