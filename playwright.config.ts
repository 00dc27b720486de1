// End-to-end tests: the production build behind `node server.mjs`, a real SMTP server, Debian's
// Chromium. tests/e2e/global-setup.ts starts everything and exports E2E_BASE_URL before the workers
// start, so `use.baseURL` below is set in every worker.
import { defineConfig, devices } from '@playwright/test';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  globalTeardown: './tests/e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: process.env.E2E_BASE_URL,
    headless: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
  projects: [
    {
      name: 'js',
      use: { ...devices['Desktop Chrome'], channel: undefined, javaScriptEnabled: true },
    },
    {
      name: 'nojs',
      use: { ...devices['Desktop Chrome'], channel: undefined, javaScriptEnabled: false },
      // axe and screenshot checks run once, with JavaScript
      testIgnore: /(a11y|screens|publication)\.spec\.ts/,
    },
  ],
});
