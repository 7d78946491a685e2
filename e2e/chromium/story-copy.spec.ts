/**
 * "Copy as Markdown" in real Chromium with the built extension: the clipboard holds the story and the findings
 * as `#n METHOD path`, and none of the secrets the traffic carried (a Basic password, the session cookie's
 * value). And the real REST login with mixed signals (e2e/fixtures/mixed-signals), imported: its story names
 * the conflict and which signal wins.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';

test.describe.configure({ timeout: 180_000 });

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MIXED = path.join(HERE, '../fixtures/mixed-signals/jira-node-client-rest-login-lout.har');
const PLANTED = 'PLANTED-pw-7f3a9c';

test('Copy as Markdown: the story and the findings, ticket-ready, without a secret', async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const session = (await context.cookies(emulator.url)).find((c) => c.name === 'JSESSIONID')!.value;
  expect(session.length).toBeGreaterThan(8);
  const tabId = await tabIdOf(page);
  // A script with a wrong Basic password (planted), then the server forgets the session: an anonymous page.
  expect(await page.evaluate(async (pw) => (await fetch('/rest/api/2/myself', { headers: { Authorization: `Basic ${btoa(`fred:${pw}`)}` } })).status, PLANTED)).toBe(401);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);

  const panel = await openPanel(tabId);
  // Newest first: the failed login is the current line, the lost session the earlier one.
  const current = panel.locator('[data-testid="story-line"][data-current="true"]');
  await expect(current).toHaveAttribute('data-kind', 'login-failed');
  await expect(current.getByTestId('story-text')).toContainText(/^Login failed for fred at /);
  await panel.getByTestId('story-earlier').click();
  await expect(panel.locator('[data-testid="story-line"][data-kind="session"]')).toContainText('the server had dropped the session');
  await panel.getByTestId('copy-markdown').click();
  await expect(panel.getByTestId('copy-status')).toContainText('Copied the story and findings as Markdown');
  const md = await panel.evaluate(() => navigator.clipboard.readText());

  expect(md).toMatch(/^## What happened\n\n\*\*[^*]+\*\*\n\n- /);
  // The panel's current sentence, in Markdown's words (names bold, request numbers beside the times).
  expect(md).toContain('the server had dropped the session (no sign-out: it timed out or was ended on the server), then 1 page served as anonymous (#');
  expect(md).toMatch(/\n- Login failed for \*\*fred\*\* at \S+ \(#\d+\) \*\*Fix:\*\* Check the username and password/);
  expect(md).toContain('\n- Signed in as **fred** at ');
  expect(md).toMatch(/\| error \| 1 × served as anonymous \| #\d+ `GET \/issues\/\?jql=project%3DABC` \|/);
  expect(md).toMatch(/\| error \| 1 × login failed \| #\d+ `GET \/rest\/api\/2\/myself` \|/);
  // The numbers are the list's (1-based): the anonymous page's row carries the same number.
  const n = /served as anonymous \| #(\d+) /.exec(md)![1]!;
  const row = panel.getByTestId('request-row').filter({ hasText: '/issues/?jql=project%3DABC' }).first();
  await expect(row).toHaveAttribute('data-entry', String(Number(n) - 1));

  expect(md).not.toContain(PLANTED);
  expect(md).not.toContain(btoa(`fred:${PLANTED}`));
  expect(md).not.toContain(session);
  await panel.screenshot({ path: testInfo.outputPath('story-copy-markdown.png') });
});

test('an imported REST login with mixed signals gets a story that names the conflict', async ({ context, openPanel }, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const panel = await openPanel(1);
  await panel.getByTestId('import-har').setInputFiles(MIXED);
  await expect(panel.getByTestId('imported')).toContainText('jira-node-client-rest-login-lout.har');
  const line = panel.locator('[data-testid="story-line"][data-current="true"]');
  await expect(line).toHaveAttribute('data-kind', 'mixed-signals');
  await expect(line).toHaveAttribute('data-severity', 'warning');
  await expect(line.getByTestId('story-text')).toHaveText(
    /^REST login at .+ answered 200 and set the session cookies JSESSIONID, studio\.crowd\.tokenkey, but the same answer's XSRF cookie says signed out \(lout\)\. The login wins: the server made that XSRF token while the login ran, before its new session existed; no answer has named the user yet$/,
  );
  for (const [w, h] of [[1280, 800], [500, 800]] as const) {
    await panel.setViewportSize({ width: w, height: h });
    await panel.screenshot({ path: testInfo.outputPath(`story-mixed-signals-${w}x${h}.png`) });
  }
  await panel.getByTestId('copy-markdown').click();
  await expect(panel.getByTestId('copy-status')).toContainText('Copied the story and findings as Markdown');
  const md = await panel.evaluate(() => navigator.clipboard.readText());
  expect(md).toContain('**ulyssjira2.atlassian.net**');
  expect(md).toContain('but the same answer\'s XSRF cookie says signed out (lout). The login wins');
  for (const secret of ['gW34EFQfK8Kbwpp6HkHmng00', '913F47DAFCA6D7FF09A65537D5BD3C5C', '2ae8e3125acff97369f184a4530b59f9d983c12d']) expect(md).not.toContain(secret);
});
