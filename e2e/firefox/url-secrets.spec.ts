/**
 * Secrets in URLs never reach storage in Firefox ESR (issue 16: the live Firefox build once stored
 * `oauth_verifier` and `session=` values from a URL in storage.session): the same planted URLs as
 * e2e/chromium/url-secrets.spec.ts, then storage.session and storage.local are searched for every value.
 */
import { test, expect } from '@playwright/test';
import { tabIdFrom, useEmulatorAndFirefox } from '../support/firefox';
import { URL_SECRETS, USERINFO_TOKEN, fetchAllScript, loggedNames, plantedHits, urlSecretPaths } from '../support/url-secrets';

const session = useEmulatorAndFirefox();

test('Firefox: secrets in URLs (oauth_verifier, session, PHPSESSID, sid, key, pat, RelayState, a token as user part) are logged redacted: none in storage', async () => {
  const emulator = session.emulator();
  const firefox = session.firefox();
  const ext = await firefox.openExtensionPage('src/options/index.html', `${emulator.url}/__emulator/`);
  // Keep the log across the two navigations below.
  await ext.evaluate(() =>
    (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set({ settings: { sites: [], maxPerTab: 5000, keepAcrossNavigation: true } }),
  );
  const page = await firefox.browser.newPage();
  const withUser = emulator.url.replace('://', `://${USERINFO_TOKEN}@`);
  await page.goto(`${withUser}/secure/Dashboard.jspa?session=${URL_SECRETS.session}`);
  // A page whose URL has a user part cannot fetch (the fetches would inherit it): a plain page does.
  await page.goto(`${emulator.url}/secure/Dashboard.jspa?plain=1`);
  const statuses = (await page.evaluate(fetchAllScript(urlSecretPaths()))) as number[];
  expect(statuses.every((s) => s > 0)).toBe(true);
  const seen = JSON.stringify(emulator.requests);
  for (const value of Object.values(URL_SECRETS)) expect(seen).toContain(value);

  const tabId = await tabIdFrom(ext, `${emulator.url}/secure/Dashboard.jspa?plain=1`);
  expect(tabId).not.toBeNull();
  const urls = () =>
    ext.evaluate(async (id) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      const log = (await b.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as { exchanges: { url: string }[] };
      return log.exchanges.map((e) => e.url);
    }, tabId);
  await expect.poll(async () => loggedNames(await urls()), { timeout: 15_000 }).toEqual(Object.keys(URL_SECRETS));

  const stored = await ext.evaluate(async () => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    return JSON.stringify([await b.storage.session.get(null), await b.storage.local.get(null)]);
  });
  expect(stored.length).toBeGreaterThan(1000);
  expect(plantedHits('storage', stored)).toEqual([]);
});
