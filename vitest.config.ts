import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

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
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // builds the app and migrates one template database that every test database is copied from
    globalSetup: ['tests/support/build.ts'],
    // each integration file opens its own SQLite file; forks keep native handles apart
    pool: 'forks',
    poolOptions: {
      // vitest's default on 2 cores is one fork; many files wait on child processes, SMTP or disk,
      // so a third fork keeps both cores busy
      forks: { minForks: 1, maxForks: Number(process.env.VITEST_FORKS ?? 3) },
    },
    server: {
      deps: {
        // the production build (1.2 MB) is loaded by Node as in production, not transformed by Vite
        // in every file that starts the app
        external: [/\/build\/index\.js$/],
      },
    },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
