/**
 * Replay in real Chromium against the emulator: the matrix after a silent anonymous page, CAPTCHA,
 * confirmation for non-GET (once, with the number of requests, or row by row), typed credentials over
 * http:// only after a yes that names the risk, no redirect followed (no typed credentials and no cookies
 * to another origin), and the typed password nowhere after use.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';
import { replayFormFor, resultRow } from '../support/replay-form';
import { startEmulator } from '../emulator/server';

const PASSWORD = 'Pl4nted-Secret-9271';
test.use({ emulatorOptions: { users: [{ name: 'fred', displayName: 'Fred Sanders', password: PASSWORD }] } });
// Two matrices and an export in one story: at a load average near 45 it took 1.4 minutes.
test.describe.configure({ timeout: 180_000 });



test('the matrix tells an expired session from a valid one; the typed password is gone afterwards', async ({ context, emulator, tabIdOf, openPanel, worker }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url, 'fred', PASSWORD);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  await expect(page.getByTestId('current-user')).toContainText(/anonymous/i);
  const tabId = await tabIdOf(page);

  const panel = await openPanel(tabId);
  const replay = await replayFormFor(panel, '/issues/?jql=project%3DABC');
  await replay.getByTestId('replay-source').selectOption('basic');
  await replay.getByTestId('replay-username').fill('fred');
  await replay.getByTestId('replay-secret').fill(PASSWORD);
  const before = emulator.requests.length;
  await replay.getByTestId('replay-matrix').click();
  // The emulator is plain http://: the typed password would cross the network readable, so the panel asks first.
  await expect(panel.getByTestId('replay-confirm-risk')).toContainText(`Your typed credentials go unencrypted over plain http:// to ${emulator.url} (4 requests)`);
  await expect(panel.getByTestId('replay-confirm-send')).toHaveText('Send all 12 (credentials unencrypted)');
  expect(emulator.requests.length).toBe(before);
  await panel.getByTestId('replay-confirm-send').click();

  await expect(panel.getByTestId('replay-row')).toHaveCount(13); // the original + 4 modes × 3 sources
  const check = async (label: string, status: string, user: string) => {
    await expect(resultRow(panel, label).locator('[data-field="status"]')).toHaveText(status);
    await expect(resultRow(panel, label).locator('[data-field="user"]')).toHaveText(user);
  };
  await check('original (captured)', '200', 'anonymous');
  await check('os_authType=cookie · browser cookies', '401', 'anonymous');
  await check('os_authType=any · browser cookies', '401', 'anonymous');
  await check('as captured · no credentials', '200', 'anonymous');
  await check('os_authType=basic · typed credentials', '200', 'fred');
  await check('as captured · typed credentials', '200', 'fred');
  // Differences from the original are highlighted.
  await expect(resultRow(panel, 'os_authType=basic · typed credentials').locator('[data-field="user"]')).toHaveClass('diff');
  await expect(resultRow(panel, 'as captured · no credentials').locator('[data-field="user"]')).not.toHaveClass('diff');
  await expect(panel.getByTestId('replay-verdict')).toContainText('Your session cookie is no longer valid: with os_authType=cookie the server answers 401; the original page was served to anonymous.');
  await expect(panel.getByTestId('replay-verdict')).toContainText('The typed credentials work: the server answers as fred.');
  // The rows with the browser's cookies are judged on what went: the session cookie the browser put on them.
  for (const mode of ['as captured', 'os_authType=basic', 'os_authType=cookie', 'os_authType=any']) {
    const row = resultRow(panel, `${mode} · browser cookies`);
    await expect(row.getByTestId('replay-row-credentials')).toHaveText('browser cookies: session cookie JSESSIONID');
    await expect(row.locator('[data-field="findings"]')).not.toContainText('auth-required-no-challenge');
  }
  // The 401 of os_authType=cookie with the typed credentials is explained.
  await expect(resultRow(panel, 'os_authType=cookie · typed credentials').getByTestId('replay-reason')).toHaveText(
    'os_authType=cookie ignores the Authorization header, so the typed credentials were not used; a typed-credentials replay sends no cookies, so no session: 401.',
  );
  await expect(resultRow(panel, 'os_authType=cookie · typed credentials').getByTestId('replay-row-credentials')).toHaveText('typed: Basic as fred');
  await panel.screenshot({ path: test.info().outputPath('replay-matrix.png') });

  // The password is nowhere: not in the form, the DOM, storage, or an export.
  await expect(replay.getByTestId('replay-secret')).toHaveValue('');
  expect(await panel.content()).not.toContain(PASSWORD);
  const inputs = await panel.$$eval('input', (els) => els.map((e) => (e as HTMLInputElement).value));
  expect(inputs.join('\n')).not.toContain(PASSWORD);
  const stored = await (await worker()).evaluate(async () => JSON.stringify([await chrome.storage.session.get(null), await chrome.storage.local.get(null)]));
  const b64 = Buffer.from(`fred:${PASSWORD}`).toString('base64');
  for (const secret of [PASSWORD, b64]) expect(stored).not.toContain(secret);
  // The matrix covers the panel; Esc closes it, back to the list and the toolbar.
  await panel.keyboard.press('Escape');
  await expect(panel.getByTestId('replay-matrix-view')).toHaveCount(0);
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-har').click()]);
  const exported = await download.createReadStream().then(async (s) => {
    let text = '';
    for await (const chunk of s) text += chunk;
    return text;
  });
  expect(exported.length).toBeGreaterThan(100);
  for (const secret of [PASSWORD, b64]) expect(exported).not.toContain(secret);

  // Sign in again: the same matrix now says the session is valid.
  await signIn(page, emulator.url, 'fred', PASSWORD);
  await replay.getByTestId('replay-source').selectOption('browser');
  await replay.getByTestId('replay-matrix').click();
  await expect(panel.getByTestId('replay-verdict')).toContainText('Your session is valid: os_authType=cookie answers 200 as fred.');
});

test('CAPTCHA shows as AUTHENTICATION_DENIED; a POST asks before it is sent again', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await page.goto(`${emulator.url}/login.jsp`);
  for (let i = 0; i < 3; i++) {
    await page.fill('input[name="os_username"]', 'fred');
    await page.fill('input[name="os_password"]', 'wrong');
    await Promise.all([page.waitForLoadState('load'), page.click('[type="submit"]')]);
  }
  await page.evaluate(() => fetch('/rest/api/2/issue', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }));
  const tabId = await tabIdOf(page);
  const panel = await openPanel(tabId);

  const replay = await replayFormFor(panel, '/rest/api/2/issue');
  await replay.getByTestId('replay-source').selectOption('basic');
  await replay.getByTestId('replay-username').fill('fred');
  await replay.getByTestId('replay-secret').fill(PASSWORD);
  await replay.getByTestId('replay-auth-type').selectOption('basic');
  const before = emulator.requests.length;
  await replay.getByTestId('replay-run').click();
  await expect(panel.getByTestId('replay-confirm')).toContainText(`POST ${emulator.url}/rest/api/2/issue?os_authType=basic`);
  await expect(panel.getByTestId('replay-confirm-risk')).toHaveCount(2); // not a GET; credentials over http
  await panel.getByTestId('replay-confirm-send').click();
  const row = resultRow(panel, 'os_authType=basic · typed credentials');
  await expect(row.locator('[data-field="loginReason"]')).toHaveText('AUTHENTICATION_DENIED');
  // Nothing was sent before the answer: the server saw this one request since the click, no other.
  expect(emulator.requests.slice(before).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /rest/api/2/issue?os_authType=basic']);
  // The engine analysed the replay like a captured request.
  await expect(row.locator('[data-field="findings"]')).toContainText('captcha-required');
  await expect(replay.getByTestId('replay-secret')).toHaveValue('');

  // The matrix sends the typed credentials once; after that refusal the other typed cells are not sent.
  await replay.getByTestId('replay-secret').fill(PASSWORD);
  await replay.getByTestId('replay-matrix').click();
  await panel.getByTestId('replay-confirm-send').click();
  await expect(panel.getByTestId('replay-row')).toHaveCount(13);
  await expect(panel.getByTestId('replay-row').filter({ hasText: 'Not sent: the typed credentials were refused once' })).toHaveCount(3);

  // Cancel sends nothing and forgets the secret too (back in the form, under the matrix).
  await panel.getByTestId('matrix-close').click();
  await replay.getByTestId('replay-secret').fill(PASSWORD);
  const count = emulator.requests.length;
  await replay.getByTestId('replay-run').click();
  await expect(panel.getByTestId('replay-confirm')).toBeVisible();
  await panel.getByTestId('replay-confirm-cancel').click();
  await expect(replay.getByTestId('replay-secret')).toHaveValue('');
  // Then a replay that is sent: had the cancelled one gone out, it would have reached the server first.
  await replay.getByTestId('replay-source').selectOption('anonymous');
  await replay.getByTestId('replay-run').click();
  await panel.getByTestId('replay-confirm-send').click();
  await expect.poll(() => emulator.requests.slice(count).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /rest/api/2/issue?os_authType=basic']);
});

test('typed credentials never follow a redirect to another origin', async ({ context, tabIdOf, openPanel }) => {
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  const other: Server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    res.end('other');
  }).listen(0, '127.0.0.1');
  await new Promise((r) => other.once('listening', r));
  const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/steal`;
  const redirector: Server = createServer((_req, res) => {
    res.writeHead(302, { Location: otherUrl, 'X-AUSERNAME': 'anonymous' });
    res.end();
  }).listen(0, '127.0.0.1');
  await new Promise((r) => redirector.once('listening', r));
  try {
    const page = await context.newPage();
    await page.goto(`http://localhost:${(redirector.address() as AddressInfo).port}/secure/Dashboard.jspa`);
    const tabId = await tabIdOf(page);
    seen.length = 0;
    const panel = await openPanel(tabId);
    const replay = await replayFormFor(panel, '/secure/Dashboard.jspa');
    await replay.getByTestId('replay-source').selectOption('basic');
    await replay.getByTestId('replay-username').fill('fred');
    await replay.getByTestId('replay-secret').fill(PASSWORD);
    await replay.getByTestId('replay-run').click();
    await panel.getByTestId('replay-confirm-send').click(); // plain http://
    await expect(panel.getByTestId('replay-row').last()).toContainText('Redirect not followed');
    // The browser may still fetch the other server's favicon for the page it showed; nothing else may come,
    // and nothing with credentials.
    expect(seen.filter((r) => r.url !== '/favicon.ico').map((r) => r.url)).toEqual([]);
    expect(seen.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  } finally {
    other.close();
    redirector.close();
  }
});

test('the matrix on a DELETE says how many requests go where and asks once; rows can be left out', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await page.evaluate(() => fetch('/rest/api/2/issue/ABC-1', { method: 'DELETE' }));
  const tabId = await tabIdOf(page);
  const panel = await openPanel(tabId);
  const replay = await replayFormFor(panel, '/rest/api/2/issue/ABC-1');
  await replay.getByTestId('replay-source').selectOption('basic');
  await replay.getByTestId('replay-username').fill('fred');
  await replay.getByTestId('replay-secret').fill(PASSWORD);
  const deletes = () => emulator.requests.filter((r) => r.method === 'DELETE').length;
  const before = deletes();

  await replay.getByTestId('replay-matrix').click();
  await expect(panel.getByTestId('replay-confirm-question')).toHaveText(`Send 12 DELETE requests to 4 URLs on ${emulator.url}?`);
  await expect(panel.getByTestId('replay-confirm-risk').first()).toContainText('12 DELETE requests may each change data on the server (all of 12');
  await expect(panel.getByTestId('replay-confirm-risk').nth(1)).toContainText('unencrypted over plain http://');
  await expect(panel.getByTestId('replay-confirm-row')).toHaveCount(12);
  await expect(panel.getByTestId('replay-confirm-send')).toHaveText('Send all 12 (credentials unencrypted)');
  expect(deletes()).toBe(before); // nothing before the answer

  // Keep two rows: the question and the button follow.
  for (const box of await panel.getByTestId('replay-confirm-row').all()) await box.uncheck();
  await expect(panel.getByTestId('replay-confirm-send')).toBeDisabled();
  await panel.locator('[data-testid="replay-confirm-row"][data-label="os_authType=basic · no credentials"]').check();
  await panel.locator('[data-testid="replay-confirm-row"][data-label="as captured · browser cookies"]').check();
  await expect(panel.getByTestId('replay-confirm-question')).toHaveText(`Send 2 DELETE requests to 2 URLs on ${emulator.url}?`);
  await expect(panel.getByTestId('replay-confirm-risk')).toHaveCount(1); // no typed credentials kept
  await expect(panel.getByTestId('replay-confirm-send')).toHaveText('Send all 2');
  await panel.getByTestId('replay-confirm-send').click();

  await expect(panel.getByTestId('replay-row')).toHaveCount(13);
  await expect(panel.getByTestId('replay-row').filter({ hasText: 'Not sent: left out before sending.' })).toHaveCount(10);
  await expect(resultRow(panel, 'os_authType=basic · no credentials').locator('[data-field="status"]')).not.toHaveText('—');
  await expect(resultRow(panel, 'as captured · browser cookies').locator('[data-field="status"]')).not.toHaveText('—');
  expect(deletes() - before).toBe(2);
  await expect(replay.getByTestId('replay-secret')).toHaveValue('');
});

test('cookie replays stop at a redirect to another origin and show its Location; that origin gets nothing', async ({ context, emulator, tabIdOf, openPanel }) => {
  // A second emulator on another origin (localhost vs 127.0.0.1), where the browser holds a session cookie.
  const second = await startEmulator({ host: '127.0.0.1' });
  try {
    const secondOrigin = `http://localhost:${second.port}`;
    const victim = await context.newPage();
    await signIn(victim, secondOrigin, 'fred', 'fred');
    expect((await context.cookies(secondOrigin)).length).toBeGreaterThan(0);

    const page = await context.newPage();
    await signIn(page, emulator.url, 'fred', PASSWORD);
    const target = `${secondOrigin}/rest/api/2/myself`;
    // The page's own request does not follow the redirect either: only its 302 is captured.
    await page.evaluate((to) => fetch(`/plugins/servlet/redirect?to=${encodeURIComponent(to)}`, { redirect: 'manual' }), target);
    const tabId = await tabIdOf(page);
    const panel = await openPanel(tabId);
    const seenBefore = second.requests.length;

    const replay = await replayFormFor(panel, `/plugins/servlet/redirect?to=${encodeURIComponent(target)}`);
    await replay.getByTestId('replay-auth-type').selectOption('cookie');
    await replay.getByTestId('replay-run').click(); // the browser's cookies (default), a GET: no question
    const row = resultRow(panel, 'os_authType=cookie · browser cookies');
    await expect(row.getByTestId('replay-note')).toHaveText(`Redirect not followed, to another origin: Location ${target}. Following it would send that origin's cookies.`);
    await expect(row.locator('[data-field="status"]')).toHaveText('302');

    // The whole matrix too.
    await replay.getByTestId('replay-matrix').click();
    await expect(panel.getByTestId('replay-row')).toHaveCount(9);
    for (const label of ['as captured · browser cookies', 'os_authType=cookie · browser cookies', 'os_authType=any · browser cookies', 'as captured · no credentials']) {
      await expect(resultRow(panel, label).getByTestId('replay-note')).toContainText(`Redirect not followed, to another origin: Location ${target}.`);
    }
    // A row is shown once its replay has ended: a redirect followed would already have reached the other origin.
    expect(second.requests.slice(seenBefore)).toEqual([]);
  } finally {
    await second.close();
  }
});
