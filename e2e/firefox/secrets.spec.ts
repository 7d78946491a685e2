/**
 * Issue 25 in Firefox ESR: fresh random secrets of every kind the live capture sees travel in emulator traffic
 * (the login form's password, Basic with a password and with an API token, a Bearer PAT, session cookies set by
 * the server and by the page, `os_password` and `access_token` in a query, a Jira Automation webhook key in a
 * path, an `X-Api-Key` header, the REST login's JSON, a JSON body, and a Bearer token echoed in its own
 * request's path, which only the sweep of what the Authorization gave up removes), then storage.session,
 * storage.local and the panel's exported HAR are searched for each of them in every spelling the sweep handles:
 * raw, URL-encoded once and twice, base64 and base64url (also as Basic's `user:secret`). Target: 0 hits.
 * The values are drawn at each run, so no rule can have learnt them. e2e/chromium/secrets.spec.ts is the same
 * harness in Chromium (with the CLI, the cURL and the DOM).
 */
import { randomBytes } from 'node:crypto';
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { openPanelFor, signInFirefox, useEmulatorAndFirefox } from '../support/firefox';

/** A value no rule knows: a fixed prefix (so a hit is easy to read) and 18 random bytes. */
const fresh = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

const S = {
  password: fresh('Pw'),
  apiToken: fresh('ApiTok'),
  pat: fresh('Pat'),
  pageSession: fresh('CloudSess'),
  restPassword: fresh('RestPw'),
  urlPassword: fresh('UrlPw'),
  queryToken: fresh('QueryTok'),
  webhookKey: fresh('Hook'),
  apiKey: fresh('ApiKey'),
  jsonSecret: fresh('JsonSecret'),
  echoed: fresh('Echo'),
};

const session = useEmulatorAndFirefox({}, { users: [{ name: 'fred', displayName: 'Fred', password: S.password, personalAccessToken: S.pat, email: 'fred@example.com', apiToken: S.apiToken }] });

const browserApi = 'globalThis.browser';

/** Every spelling of a value the sweep removes (sweep.ts), and Basic's `user:value` in base64. */
function spellings(s: string): string[] {
  const b64 = (t: string) => Buffer.from(t).toString('base64').replace(/=+$/, '');
  const b64url = (t: string) => Buffer.from(t).toString('base64url');
  return [s, encodeURIComponent(s), encodeURIComponent(encodeURIComponent(s)), b64(s), b64url(s), b64(`fred:${s}`), b64(`fred@example.com:${s}`)];
}

function hits(where: string, text: string, secrets: string[]): string[] {
  return secrets.flatMap((s) => spellings(s).filter((f) => text.includes(f)).map((f) => `${where}: ${s} as ${f}`));
}

/** The panel's "Export HAR" as the file it would save: the download link's blob, read before the browser saves it. */
async function exportedHar(panel: Page): Promise<string> {
  await panel.evaluate(() => {
    const w = window as unknown as { exported?: Promise<string> };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      if (this.download) w.exported = fetch(this.href).then((r) => r.text());
    };
  });
  await panel.click('[data-testid="export-har"]');
  await panel.waitForFunction(() => (window as unknown as { exported?: unknown }).exported !== undefined, { timeout: 15_000 });
  return panel.evaluate(() => (window as unknown as { exported: Promise<string> }).exported);
}

test('Firefox: fresh secrets of every kind the live capture sees: none in storage or in the exported HAR', async () => {
  test.setTimeout(120_000); // a sign-in, ten requests, the panel and an export: over a minute on a loaded 2-core machine
  const emulator = session.emulator();
  const firefox = session.firefox();
  const options = await firefox.openExtensionPage('src/options/index.html', `${emulator.url}/__emulator/`);
  // The log keeps the login page too (a new navigation would otherwise start a new log).
  await options.evaluate(`${browserApi}.storage.local.set({ settings: { sites: [], maxPerTab: 5000, keepAcrossNavigation: true } })`);

  const page = await firefox.browser.newPage();
  await signInFirefox(page, emulator.url, 'fred', S.password); // the form body with os_password
  const statuses = (await page.evaluate(async (s: typeof S) => {
    document.cookie = `cloud.session.token=${s.pageSession}; path=/`;
    const basic = (user: string, secret: string) => ({ Authorization: `Basic ${btoa(`${user}:${secret}`)}` });
    const answers = [
      await fetch('/rest/api/2/myself', { headers: basic('fred', s.password) }),
      await fetch('/rest/api/2/myself', { headers: basic('fred@example.com', s.apiToken) }),
      await fetch('/rest/api/2/myself', { headers: { Authorization: `Bearer ${s.pat}` } }),
      await fetch('/rest/auth/1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'fred', password: s.restPassword }) }),
      await fetch(`/secure/Dashboard.jspa?os_username=fred&os_password=${s.urlPassword}`),
      await fetch(`/rest/api/2/serverInfo?access_token=${s.queryToken}`),
      await fetch(`/rest/cb-automation/latest/hooks/${s.webhookKey}`, { method: 'POST', body: '{}' }),
      await fetch('/rest/api/2/serverInfo?via=header', { headers: { 'X-Api-Key': s.apiKey } }),
      await fetch('/rest/api/2/issue', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: {}, apiToken: s.jsonSecret }) }),
      // A token in its own request's path: no name or shape says so there; the Authorization gives it away.
      await fetch(`/rest/api/2/user/token/${s.echoed}`, { headers: { Authorization: `Bearer ${s.echoed}` } }),
    ];
    return answers.map((r) => r.status);
  }, S)) as number[];
  expect(statuses.every((st) => st > 0)).toBe(true);
  const cookies = await page.cookies(emulator.url);
  const serverSessions = cookies.filter((c) => /JSESSIONID|rememberme/i.test(c.name)).map((c) => c.value);
  expect(serverSessions.length).toBeGreaterThanOrEqual(1);
  const secrets = [...Object.values(S), ...serverSessions];

  // Everything travelled: the emulator saw the URLs with their secrets, and accepted the password and the PAT.
  const seen = JSON.stringify(emulator.requests);
  for (const s of [S.urlPassword, S.queryToken, S.webhookKey, S.echoed]) expect(seen).toContain(s);
  expect(emulator.requests.filter((r) => r.url === '/rest/api/2/myself').map((r) => r.status)).toEqual([200, 401, 200]);

  const { panel, tabId } = await openPanelFor(firefox, `${emulator.url}/__emulator/`, `${emulator.url}/secure/Dashboard.jspa`);
  // Every request above is in the worker's log before anything is searched.
  const loggedUrls = () =>
    panel.evaluate(async (id: number) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      const log = (await b.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as { exchanges: { url: string }[] };
      return log.exchanges.map((e) => e.url);
    }, tabId);
  const expected = ['/rest/api/2/myself', '/rest/auth/1/session', 'os_password=', 'access_token=', '/hooks/', 'via=header', '/rest/api/2/issue', '/rest/api/2/user/token/'];
  await expect.poll(async () => {
    const urls = await loggedUrls();
    return expected.filter((part) => !urls.some((u) => u.includes(part)));
  }, { timeout: 15_000 }).toEqual([]);
  expect((await loggedUrls()).filter((u) => u.includes('/rest/api/2/myself')).length).toBe(3);

  const har = await exportedHar(panel);
  const stored = (await panel.evaluate(`(async () => JSON.stringify([await ${browserApi}.storage.session.get(null), await ${browserApi}.storage.local.get(null)]))()`)) as string;

  const found = [...hits('storage', stored, secrets), ...hits('exported HAR', har, secrets)];
  expect(found).toEqual([]);
  // Not empty: the log and the export hold those requests, with their secrets' places marked.
  expect(stored.length).toBeGreaterThan(1000);
  const entries = (JSON.parse(har) as { log: { entries: { request: { url: string; headers: { name: string; value: string }[] } }[] } }).log.entries;
  expect(entries.length).toBeGreaterThanOrEqual(10);
  expect(har).toContain('os_password=%5Bredacted');
  expect(har).toContain('/hooks/%5Bredacted');
  const echo = entries.find((e) => e.request.url.includes('/rest/api/2/user/token/'));
  expect(echo?.request.url).toMatch(/\/rest\/api\/2\/user\/token\/%5Bredacted%20\d+%5D$/);
  expect(echo?.request.headers.find((h) => h.name.toLowerCase() === 'authorization')?.value).toMatch(/^Bearer \[redacted \d+/);
});
