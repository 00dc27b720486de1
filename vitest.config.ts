import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
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
