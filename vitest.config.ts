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
// The integration files share FORKS warm processes (ADR 0024): each file gets fresh app modules and state
// (tests/support/fresh-file.ts, a new instance of the build per startTestApp) while the packages stay loaded
// and compiled. VITEST_ISOLATE=1 gives every file a process of its own, to rule out a leak between files.
const ISOLATE = process.env.VITEST_ISOLATE === '1';

export default defineConfig({
  // JSX compiled for react/jsx-runtime, which has the same exports in production and development: the
  // integration files set NODE_ENV=production, and react/jsx-dev-runtime loaded then has no jsxDEV
  esbuild: { jsxDev: false },
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
      // min = max: tinypool 1.1 destroys the forks above minForks when the queue empties, busy or not, and vitest
      // then fails the run with "Terminating worker thread"
      // semi-spaces (the young generation) of 64 MB, not 16: the integration files allocate fast (a page per request),
      // and scavenges had been 13 % of their CPU; 10 % less CPU with it (docs/testing.md, seventh pass)
      forks: { minForks: FORKS, maxForks: FORKS, isolate: ISOLATE, execArgv: ['--max-semi-space-size=64'] },
      // the pure unit files share one worker thread and its module cache, next to the forks (one new
      // process per file cost them twice the CPU: docs/testing.md)
      threads: { isolate: false, minThreads: 1, maxThreads: 1 },
    },
    server: {
      deps: {
        // the production build (1.5 MB) is loaded by Node as in production, not transformed by Vite
        // in every file that starts the app (with a query: one instance per app, tests/support/app.ts)
        external: [/\/build\/index\.js(\?.*)?$/],
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
          name: 'integration',
          pool: 'forks',
          include:
            process.env.TEST_DB === 'pg'
              ? ['tests/integration/**/*.test.ts']
              : ['tests/integration/**/*.test.ts', 'tests/unit/session-secret.test.ts'],
          exclude: LEFT_OUT,
          isolate: ISOLATE,
          setupFiles: ['tests/support/fresh-file.ts'],
          // builds the app and migrates one template database that every test database is copied from
          globalSetup: ['tests/support/build.ts'],
        },
      },
    ],
  },
});
