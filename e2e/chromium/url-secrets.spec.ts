/**
 * Secrets in URLs never reach storage (issue 16: the live Firefox build once stored `oauth_verifier` and
 * `session=` values from a URL in storage.session): the page fetches emulator URLs carrying
 * oauth_verifier=, session=, PHPSESSID=, sid=, key=, pat= and RelayState= values and opens one with a token
 * as the URL's user part (`http://TOKEN@host/`); once the log holds them, nothing in storage.session (or
 * storage.local) contains a planted value. e2e/firefox/url-secrets.spec.ts is the same in Firefox ESR.
 */
import { test, expect } from '../support/chromium';
import { URL_SECRETS, USERINFO_TOKEN, fetchAllScript, loggedNames, plantedHits, urlSecretPaths } from '../support/url-secrets';

test('secrets in URLs (oauth_verifier, session, PHPSESSID, sid, key, pat, RelayState, a token as user part) are logged redacted: none in storage', async ({
  context,
  emulator,
  tabIdOf,
  openExtensionPage,
}) => {
  const ext = await openExtensionPage('src/options/index.html');
  // Keep the log across the two navigations below.
  await ext.evaluate(() => chrome.storage.local.set({ settings: { sites: [], maxPerTab: 5000, keepAcrossNavigation: true } }));
  const page = await context.newPage();
  const withUser = emulator.url.replace('://', `://${USERINFO_TOKEN}@`);
  await page.goto(`${withUser}/secure/Dashboard.jspa?session=${URL_SECRETS.session}`);
  // A page whose URL has a user part cannot fetch (the fetches would inherit it): a plain page does.
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const tabId = await tabIdOf(page);
  const statuses = (await page.evaluate(fetchAllScript(urlSecretPaths()))) as number[];
  expect(statuses.every((s) => s > 0)).toBe(true);
  // The planted values did travel: the emulator saw each of them.
  const seen = JSON.stringify(emulator.requests);
  for (const value of Object.values(URL_SECRETS)) expect(seen).toContain(value);

  const urls = () =>
    ext.evaluate(async (id) => {
      const log = (await chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as { exchanges: { url: string }[] };
      return log.exchanges.map((e) => e.url);
    }, tabId);
  // Every planted parameter is in the log by name (the requests were captured), its value redacted.
  await expect.poll(async () => loggedNames(await urls())).toEqual(Object.keys(URL_SECRETS));
  expect((await urls()).some((u) => u.includes('oauth_verifier=[redacted') || u.includes('oauth_verifier=%5Bredacted'))).toBe(true);

  const stored = await ext.evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));
  expect(stored.length).toBeGreaterThan(1000);
  expect(plantedHits('storage', stored)).toEqual([]);
});
