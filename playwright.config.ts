import { defineConfig } from '@playwright/test';

// Real browsers only: Debian's Chromium through Playwright, Debian's Firefox ESR through puppeteer-core
// (Playwright's Firefox needs its own patched build, which cannot be downloaded here).
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/support/global-setup.ts',
  fullyParallel: false,
  // Two: the machine's two cores (browsers wait on each other often enough that two run in ~half the time).
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  // A failed test's trace keeps its actions and DOM snapshots, not the screencast: recording every page's
  // screencast (the default) cost ~40 % of the Chromium tests' time on two cores, for every test that passed.
  use: { trace: { mode: 'retain-on-failure', screenshots: false } },
  projects: [
    { name: 'chromium', testDir: 'e2e/chromium' },
    { name: 'firefox', testDir: 'e2e/firefox' },
  ],
});
