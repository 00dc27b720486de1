// End-to-end tests: the production build behind `node server.mjs`, a real SMTP server, Debian's
// Chromium. tests/e2e/global-setup.ts starts everything and exports E2E_BASE_URL before the workers
// start, so `use.baseURL` below is set in every worker.
import fs from 'node:fs';

import { defineConfig, devices } from '@playwright/test';

// Debian's chromium-headless-shell (Chromium's old headless mode, without the browser's own UI) when it is
// installed (.ci/run installs it): the whole suite took 178 s of CPU with it against 338 s with the full
// browser in headless mode, and 104 s against 158 s of wall time (docs/testing.md, sixth pass). Otherwise
// Debian's chromium. E2E_CHROMIUM names another executable.
const CHROMIUM =
  process.env.E2E_CHROMIUM ??
  ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((file) => fs.existsSync(file)) ??
  '/usr/bin/chromium';

// The portal is one site: with site isolation off and one process per site, a test's pages share a renderer
// process instead of starting about two new ones each (242 → 127 a run), and the code Chromium and Playwright
// compiled there stays warm. Alternated runs of four specs: 8–26 % less CPU (docs/testing.md, tenth pass).
// E2E_CHROMIUM_ARGS adds flags, separated by "|", to compare others.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-site-isolation-trials',
  '--process-per-site',
  ...(process.env.E2E_CHROMIUM_ARGS ?? '').split('|').filter(Boolean),
];

const JS = { ...devices['Desktop Chrome'], channel: undefined, javaScriptEnabled: true };
const NO_JS = { ...devices['Desktop Chrome'], channel: undefined, javaScriptEnabled: false };
const JOURNEY = /staff-journey\.spec\.ts$/;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  globalSetup: './tests/e2e/global-setup.ts',
  globalTeardown: './tests/e2e/global-teardown.ts',
  // every test makes its own records, client address and browser context: tests of one file may run
  // on different workers. Two workers: four were no faster on a quiet 2-core machine (3.1 min either way)
  // and starved the long staff journey past its time limit once in CI (docs/testing.md)
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
    // a trace of a failing test's retry (CI retries once): recording every test's trace cost 26 s of the suite's
    // 187 s of CPU (docs/testing.md, sixth pass). `npx playwright test --trace on` records them all.
    trace: { mode: 'on-first-retry', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
    // Each test's own `page` (and `context`) is one browser context per worker, reset between tests by
    // Playwright (cookies, cache, storage, pages, routes, viewport): a new context and page cost about 0.9 s of
    // Chromium CPU, a page load in an existing one about 0.1 s (docs/testing.md). The other people of a test
    // (freshContext, staffPage) still get brand-new contexts. Every test sets its own client address
    // (fixtures.ts), the one thing the reset leaves. E2E_REUSE_CONTEXT=0 gives every test a new context.
    reuseContext: process.env.E2E_REUSE_CONTEXT !== '0',
  },
  // The two journeys (staff-journey.spec.ts, with and without JavaScript) are the longest tests by far
  // (50 s and 27 s on a quiet machine): they are listed first so that they start at once on two workers
  // while the others share the rest, instead of starting half-way and running alone at the end.
  // Playwright runs projects in this order and files in alphabetical order; a project name may appear
  // twice, so each test keeps its project (`js` / `nojs`).
  projects: [
    { name: 'js', use: JS, testMatch: JOURNEY },
    { name: 'nojs', use: NO_JS, testMatch: JOURNEY },
    { name: 'js', use: JS, testIgnore: JOURNEY },
    // axe and screenshot checks run once, with JavaScript
    { name: 'nojs', use: NO_JS, testIgnore: [JOURNEY, /(a11y|screens|publication)\.spec\.ts/] },
  ],
});
