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
    globalSetup: ['tests/support/build.ts'],
    // each integration file opens its own SQLite file; forks keep native handles apart
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
