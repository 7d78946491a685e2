/**
 * Secret-planting harness: known secrets travel in emulator traffic the way real ones do (Basic password,
 * API token, bearer token, session cookie values, a login form body, the REST login JSON, os_password in a
 * URL, a typed replay password), then every place the extension writes or shows data is searched for each
 * secret and its base64 forms. Target: 0 hits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';
import { ROOT } from '../support/paths';

const S = {
  password: 'Pw-planted-7Qx2',
  apiToken: 'ATATT-planted-api-token-93kd',
  pat: 'pat-planted-bearer-51ma',
  cloudSession: 'eyJplantedCloudSessionToken0x9',
  restPassword: 'Rest-planted-pass-4Hh',
  urlPassword: 'Url-planted-pass-8Jj',
  replayPassword: 'Replay-planted-pass-2Kk',
};

test.use({
  emulatorOptions: {
    users: [{ name: 'fred', displayName: 'Fred', password: S.password, personalAccessToken: S.pat, email: 'fred@example.com', apiToken: S.apiToken }],
  },
});

test('planted secrets: 0 hits in storage, export, CLI output, cURL, panel and popup', async ({ context, emulator, tabIdOf, openPanel, openPopup, worker }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url, 'fred', S.password); // form body with os_password
  const tabId = await tabIdOf(page);
  await page.evaluate(async ({ s }) => {
    document.cookie = `cloud.session.token=${s.cloudSession}; path=/`;
    await fetch('/rest/api/2/myself', { headers: { Authorization: `Basic ${btoa(`fred:${s.password}`)}` } });
    await fetch('/rest/api/2/myself', { headers: { Authorization: `Basic ${btoa(`fred@example.com:${s.apiToken}`)}` } });
    await fetch('/rest/api/2/myself', { headers: { Authorization: `Bearer ${s.pat}` } });
    await fetch('/rest/auth/1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'fred', password: s.restPassword }) });
    await fetch(`/secure/Dashboard.jspa?os_username=fred&os_password=${s.urlPassword}`);
  }, { s: S });
  const sessionValues = (await context.cookies(emulator.url)).filter((c) => /JSESSIONID|cloud\.session\.token|rememberme/i.test(c.name)).map((c) => c.value);
  expect(sessionValues.length).toBeGreaterThanOrEqual(2);
  const secrets = [...Object.values(S), ...sessionValues];
  const forms = (s: string) => [s, Buffer.from(s).toString('base64'), Buffer.from(`fred:${s}`).toString('base64'), Buffer.from(`fred@example.com:${s}`).toString('base64'), encodeURIComponent(s)];
  const hits = (where: string, text: string) => secrets.flatMap((s) => forms(s).filter((f) => text.includes(f)).map((f) => `${where}: ${s} as ${f}`));

  // The panel: replay with a typed password, copy cURL with defaults.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const panel = await openPanel(tabId);
  await panel.getByTestId('filter-auth-only').uncheck();
  await expect.poll(() => panel.getByTestId('request-row').count()).toBeGreaterThan(5);
  await panel.getByTestId('request-row').filter({ hasText: '/secure/Dashboard.jspa' }).first().dblclick();
  await panel.getByTestId('replay-open').click();
  await panel.getByTestId('replay-source').selectOption('basic');
  await panel.getByTestId('replay-username').fill('fred');
  await panel.getByTestId('replay-secret').fill(S.replayPassword);
  await panel.getByTestId('copy-curl').click();
  await expect(panel.getByTestId('replay-message')).toContainText('Copied.');
  const curl = await panel.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain('$JIRA_TOKEN');
  await panel.getByTestId('replay-run').click();
  await panel.getByTestId('replay-confirm-send').click(); // typed credentials over plain http:// ask first
  await expect(panel.getByTestId('replay-row')).toHaveCount(2);
  const panelDom = (await panel.content()) + (await panel.$$eval('input', (els) => els.map((e) => (e as HTMLInputElement).value).join('\n')));

  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-har').click()]);
  const harPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'seraph-secrets-')), 'export.har');
  await download.saveAs(harPath);
  const har = (await import('node:fs')).readFileSync(harPath, 'utf8');
  const cli = (args: string[]) => {
    try {
      return execFileSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/cli/bin.ts'), ...args], { encoding: 'utf8' });
    } catch (err) {
      return String((err as { stdout?: string }).stdout ?? '');
    }
  };
  const cliText = cli(['analyze', harPath]) + cli(['analyze', harPath, '--json']);

  const popup = await openPopup(tabId);
  await expect(popup.getByTestId('origin')).toHaveCount(1);
  const popupDom = await popup.content();

  const stored = await (await worker()).evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));

  const found = [
    ...hits('storage', stored),
    ...hits('exported HAR', har),
    ...hits('CLI output', cliText),
    ...hits('cURL', curl),
    ...hits('panel DOM', panelDom),
    ...hits('popup DOM', popupDom),
  ];
  writeFileSync(test.info().outputPath('secret-hits.json'), JSON.stringify({ planted: secrets.length, forms: secrets.length * 5, found }, null, 2));
  expect(found).toEqual([]);
  // The harness is not empty: the secrets did travel, and the exported log holds those requests, redacted.
  // (the PAT and the Basic password were accepted: 200 for /myself; the API token is a Cloud credential: 401 here)
  expect(emulator.requests.filter((r) => r.url === '/rest/api/2/myself').map((r) => r.status)).toEqual([200, 401, 200]);
  expect(JSON.stringify(emulator.requests)).toContain(S.urlPassword);
  expect(har).toContain('os_password=');
  expect(har).toMatch(/"Authorization",\s*"value": "Bearer \[redacted \d+ shape=[a-z-]+\]"/);
  expect(har).toContain('cloud.session.token');
  expect(cliText.length).toBeGreaterThan(100);
});
