/**
 * Display in Firefox ESR: Firefox gives webRequest header values as Latin-1 byte strings, so a raw UTF-8
 * user name arrives as mojibake unless the worker decodes it (webrequest-adapter.ts). Arabic and CJK user
 * names, URL-encoded as Jira sends them and as raw UTF-8, show as in Chromium; a U+202E name shows escaped.
 */
import { test, expect } from '@playwright/test';
import { launchFirefox, type FirefoxSession, openPanelFor } from '../support/firefox';
import { NAMED_PATHS, RLO, RLO_SHOWN, startNamesServer, type NamesServer } from '../support/names';

let names: NamesServer;
let firefox: FirefoxSession;
test.beforeEach(async () => {
  names = await startNamesServer();
  firefox = await launchFirefox();
});
test.afterEach(async () => {
  await firefox?.close();
  await names?.close();
});

test('Firefox: Arabic and CJK user names (URL-encoded and raw UTF-8) show right; a U+202E user name shows escaped', async () => {
  const page = await firefox.browser.newPage();
  await page.goto(`${names.url}/`);
  await page.waitForFunction(() => document.getElementById('state')?.textContent === 'done', { timeout: 15_000 });

  const { panel } = await openPanelFor(firefox, `${names.url}/?panel`, `${names.url}/`);
  await panel.waitForSelector('[data-testid="filter-auth-only"]', { timeout: 15_000 });
  await panel.click('[data-testid="filter-auth-only"]');
  const expected = Object.entries(NAMED_PATHS).map(([path, [name]]) => ({ url: path, user: name === RLO ? RLO_SHOWN : name }));
  await panel.waitForFunction((n) => document.querySelectorAll('[data-testid="request-row"]').length >= n, { timeout: 15_000 }, expected.length);
  const rows = await panel.$$eval('[data-testid="request-row"]', (els) =>
    els.map((el) => ({ url: el.querySelector('[data-testid="url"]')?.textContent, user: el.querySelector('[data-testid="user"]')?.textContent })),
  );
  for (const e of expected) expect(rows).toContainEqual(e);
  expect(await panel.$eval('#app', (el) => el.textContent!.includes('\u202E'))).toBe(false);
  await panel.screenshot({ path: test.info().outputPath('firefox-names.png') });
});
