/**
 * The DevTools panel as a user sees it, in real Chromium with the built extension against the emulator:
 * session lifetime with a live countdown and its expiry, flagged anonymous pages, findings, the request
 * detail, keyboard navigation, HAR import and export, light and dark screenshots.
 */
import { test, expect } from '../support/chromium';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signIn } from '../support/jira';
import { ROOT } from '../support/paths';
import { readHar } from '../../src/engine/har/har';

test.use({ emulatorOptions: { cookieMaxAgeSec: 6, sessionTimeoutSec: 6 } });


test('session lifetime counts down, expires, and the pages after it are flagged', async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);
  const panel = await openPanel(tabId);

  // Tomcat gave the visitor a JSESSIONID on the login page already: that one names nobody, and is folded
  // into the timeline's visitor lane; fred's is a lane of its own.
  const sessions = panel.getByTestId('session');
  await expect(panel.getByTestId('visitor-sessions')).toContainText(/\b1 anonymous visitor session$/);
  await expect(sessions.filter({ hasText: 'user unknown' })).toHaveCount(0);
  const session = sessions.filter({ hasText: 'user fred' });
  await expect(session).toHaveCount(1);
  await expect(session).toHaveAttribute('data-state', /active|expiring/);
  await expect(session).toContainText('user fred');
  const first = await session.getByTestId('session-countdown').textContent();
  await expect(session.getByTestId('session-countdown')).not.toHaveText(first!); // it ticks
  await expect(session).toHaveAttribute('data-state', 'expired', { timeout: 15_000 });

  // The browser dropped the cookie; the server forgot the session: pages now come back anonymous.
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  await page.goto(`${emulator.url}/browse/ABC-7`);
  await expect(panel.locator('[data-testid="story-line"][data-current="true"]')).toContainText('then 2 pages served as anonymous');
  await expect(panel.locator('[data-testid="request-row"].silent-anonymous')).toHaveCount(2);
  await expect(panel.locator('[data-testid="finding"][data-code="silent-anonymous"]').first()).toContainText('fred was signed in');
  await panel.screenshot({ path: testInfo.outputPath('panel-light.png') });
});

test('request detail and keyboard navigation', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/rest/api/2/search?jql=`);
  const tabId = await tabIdOf(page);
  const panel = await openPanel(tabId);

  // Auth-relevant only (the default) hides plain pages; the login and the 401 remain.
  const rows = panel.getByTestId('request-row');
  await expect(rows.filter({ hasText: '/rest/api/2/search?jql=' }).getByTestId('status')).toHaveText('401');
  await rows.filter({ has: panel.getByTestId('login-reason').getByText('OK', { exact: true }) }).click();
  await panel.keyboard.press('Enter');
  const detail = panel.getByTestId('request-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('detail-login-reason')).toContainText('A login on this request succeeded');
  await panel.keyboard.press('ArrowDown');
  // Real Server/DC 401s offer only an OAuth challenge: the detail says a plain client cannot answer it.
  await expect(detail.getByTestId('detail-challenge')).toContainText(`OAuth realm="${encodeURIComponent(emulator.url)}"`);
  await expect(detail.getByTestId('detail-challenge-oauth')).toHaveText(
    'OAuth realm is for OAuth (application-link) clients; a script waiting for a Basic or Bearer challenge gets none it can answer: send credentials up front.',
  );
  await expect(detail.getByTestId('detail-finding').first()).toContainText('session-expired');
  await expect(detail.getByTestId('detail-headers')).toContainText('JSESSIONID=[redacted 32]');
  await panel.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  await panel.getByTestId('filter-text').fill('myself');
  await expect(rows).toHaveCount(0);
  await panel.getByTestId('filter-text').fill('');
  await panel.getByTestId('filter-auth-only').uncheck();
  await expect(rows.filter({ hasText: '/secure/Dashboard.jspa' }).first()).toBeVisible();
});

test('imports a fixture HAR read-only with the CLI\'s findings, exports a clean HAR 1.2', async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const password = 'fred';
  const tabId = await tabIdOf(page);
  const panel = await openPanel(tabId);
  await expect(panel.getByTestId('request-row').first()).toBeVisible();

  // Export the live log: valid HAR 1.2, nothing secret in it.
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-har').click()]);
  const exported = readFileSync((await download.path())!, 'utf8');
  const har = JSON.parse(exported);
  expect(har.log.version).toBe('1.2');
  expect(har.log.entries.length).toBeGreaterThan(0);
  for (const e of har.log.entries) {
    expect(typeof e.startedDateTime).toBe('string');
    expect(e.request).toHaveProperty('headers');
    expect(e.response).toHaveProperty('status');
  }
  expect(readHar(exported).skipped).toBe(0);
  const cookies = await context.cookies(emulator.url);
  for (const c of cookies) if (c.value.length >= 8) expect(exported).not.toContain(c.value);
  expect(exported).not.toContain(`os_password=${password}`);

  // Import a recorded fixture: the panel shows the same findings as the CLI's expected output.
  const fixture = path.join(ROOT, 'e2e/fixtures/session-expiry.har');
  const expected = JSON.parse(readFileSync(fixture.replace(/\.har$/, '.expected.json'), 'utf8')) as { findings: { code: string; entry: number }[] };
  await panel.getByTestId('import-har').setInputFiles(fixture);
  await expect(panel.getByTestId('imported')).toContainText('session-expiry.har');
  const shown = await panel.getByTestId('finding').evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
  expect([...shown].sort()).toEqual(expected.findings.map((f) => f.code).sort());
  await expect(panel.locator('[data-testid="story-line"][data-current="true"]')).toContainText('2 pages served as anonymous');
  await panel.screenshot({ path: testInfo.outputPath('panel-imported-light.png') });

  // A broken file: a clear error, the view is unchanged.
  await panel.getByTestId('import-har').setInputFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('{"log": {"entries": [1,}') });
  await expect(panel.getByTestId('error')).toHaveText('broken.har: not JSON: line 1, column 24');
  await expect(panel.getByTestId('imported')).toContainText('session-expiry.har');

  await panel.getByTestId('back-to-live').click();
  await expect(panel.getByTestId('imported')).toBeHidden();
  await expect(panel.getByTestId('request-row').filter({ hasText: '/login.jsp' }).first()).toBeVisible();
});

test('dark theme', async ({ context, emulator, tabIdOf, openExtensionPage }, testInfo) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  const tabId = await tabIdOf(page);
  const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=dark`);
  await expect(panel.locator('[data-testid="story-line"][data-current="true"]')).toBeVisible();
  const bg = await panel.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(40, 40, 40)'); // DevTools' dark --sys-color-cdt-base-container (neutral15)
  await panel.screenshot({ path: testInfo.outputPath('panel-dark.png') });
});
