/**
 * The request detail in tabs (Auth, Headers, Cookies, Replay), in real Chromium with the built extension
 * against the emulator: a keyboard-driven tablist that remembers the last tab, and one statement of the
 * credentials a request sent, the same on every tab, for a cookie request and for a Basic request (once the
 * detail said "Credentials sent: none" beside "Sent: JSESSIONID (session)").
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';

// A session cookie with an expiry, so the Cookies tab has a lifetime to show; the load here can be high.
test.use({ emulatorOptions: { cookieMaxAgeSec: 3600 } });
test.describe.configure({ timeout: 180_000 });

/** Opens the detail of the first row whose path is exactly `path` (the auth-only filter off). */
async function openDetail(panel: Page, path: string): Promise<Locator> {
  await panel.getByTestId('filter-auth-only').uncheck();
  const row = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText(path, { exact: true }) }).first();
  await row.click();
  await panel.keyboard.press('Enter');
  const detail = panel.getByTestId('request-detail');
  await expect(detail).toBeVisible();
  return detail;
}

const tab = (detail: Locator, name: string) => detail.getByRole('tab', { name, exact: true });
const tabPanel = (detail: Locator, id: string) => detail.getByTestId(`detail-panel-${id}`);

test('tabs: arrow keys, Home and End move and select; only the chosen panel shows; the last tab is remembered', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  await page.goto(`${emulator.url}/browse/ABC-7`);
  const panel = await openPanel(await tabIdOf(page));
  const detail = await openDetail(panel, '/browse/ABC-7');

  await expect(detail.getByRole('tablist')).toHaveAccessibleName('Request details');
  await expect(detail.getByRole('tab')).toHaveText(['Auth', 'Headers', 'Cookies', 'Replay']);
  await expect(tab(detail, 'Auth')).toHaveAttribute('aria-selected', 'true');
  await expect(tabPanel(detail, 'auth')).toBeVisible();
  for (const id of ['headers', 'cookies', 'replay']) await expect(tabPanel(detail, id)).toBeHidden();
  // Only the selected tab is in the Tab order.
  await expect(tab(detail, 'Headers')).toHaveAttribute('tabindex', '-1');

  await tab(detail, 'Auth').focus();
  const expectSelected = async (name: string, id: string) => {
    await expect(tab(detail, name)).toHaveAttribute('aria-selected', 'true');
    await expect(tab(detail, name)).toBeFocused();
    await expect(tabPanel(detail, id)).toBeVisible();
    await expect(detail.locator('[role="tabpanel"]:visible')).toHaveCount(1);
  };
  await panel.keyboard.press('ArrowRight');
  await expectSelected('Headers', 'headers');
  await panel.keyboard.press('ArrowRight');
  await expectSelected('Cookies', 'cookies');
  await panel.keyboard.press('End');
  await expectSelected('Replay', 'replay');
  await panel.keyboard.press('ArrowRight'); // wraps
  await expectSelected('Auth', 'auth');
  await panel.keyboard.press('ArrowLeft');
  await expectSelected('Replay', 'replay');
  await panel.keyboard.press('Home');
  await expectSelected('Auth', 'auth');
  await expect(tabPanel(detail, 'auth')).toHaveAttribute('aria-labelledby', (await tab(detail, 'Auth').getAttribute('id'))!);

  // The last tab chosen opens the next request, and the panel after a reload.
  await tab(detail, 'Cookies').click();
  await detail.getByTestId('detail-close').click();
  await expect(detail).toBeHidden();
  const next = await openDetail(panel, '/secure/Dashboard.jspa');
  await expect(tab(next, 'Cookies')).toHaveAttribute('aria-selected', 'true');
  await panel.reload();
  const again = await openDetail(panel, '/browse/ABC-7');
  await expect(tab(again, 'Cookies')).toHaveAttribute('aria-selected', 'true');
  await expect(tabPanel(again, 'cookies')).toBeVisible();
});

test('a cookie request: "session cookie JSESSIONID" on every tab, never "none"; the Cookies tab lists roles and Set-Cookie', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  const panel = await openPanel(await tabIdOf(page));
  const detail = await openDetail(panel, '/issues/?jql=project%3DABC');

  // Auth: who the server thought you were, and the statement.
  await tab(detail, 'Auth').click();
  await expect(detail.getByTestId('detail-auth-summary')).toHaveText('The server took you for an anonymous visitor.');
  await expect(detail.getByTestId('detail-credentials')).toHaveText('session cookie JSESSIONID');
  await expect(detail.getByTestId('detail-xsrf')).toHaveText('atlassian.xsrf.token ends in lin: the server last saw this browser signed in');
  await expect(detail.getByTestId('detail-finding').first()).toContainText('silent-anonymous');

  // Headers: the same statement; the Cookie header decoded by name and role, its values redacted and said so.
  await tab(detail, 'Headers').click();
  await expect(detail.getByTestId('headers-credentials').getByTestId('credentials-summary')).toHaveText('session cookie JSESSIONID');
  const cookieHeader = detail.locator('tr[data-header="cookie"][data-dir="request"]');
  await expect(cookieHeader).toContainText('JSESSIONID=[redacted 32]');
  await expect(cookieHeader.getByTestId('header-decoded')).toContainText('JSESSIONID (session)');
  await expect(cookieHeader.getByTestId('header-decoded')).toContainText('atlassian.xsrf.token (XSRF, signed in)');
  await expect(cookieHeader.getByTestId('header-decoded')).toContainText('value redacted at capture, never kept');
  await expect(detail.locator('tr[data-header="x-ausername"]').getByTestId('header-decoded')).toHaveText('nobody signed in');

  // Cookies: the same statement; each sent cookie with its role.
  await tab(detail, 'Cookies').click();
  await expect(detail.getByTestId('cookies-credentials').getByTestId('credentials-summary')).toHaveText('session cookie JSESSIONID');
  await expect(detail.locator('[data-testid="cookie-sent"][data-name="JSESSIONID"]')).toHaveAttribute('data-role', 'session');
  await expect(detail.locator('[data-testid="cookie-sent"][data-name="atlassian.xsrf.token"]')).toHaveAttribute('data-role', 'xsrf');
  await expect(detail.locator('[data-testid="cookie-sent"][data-name="JSESSIONID"]')).toContainText('32 chars, not kept');

  // Replay: what will be sent names the same credentials.
  await tab(detail, 'Replay').click();
  await expect(detail.getByTestId('replay-will-send').getByTestId('sent-credentials')).toContainText('(the captured request sent: session cookie JSESSIONID)');

  // Nowhere does the detail say no credentials were sent.
  expect(await detail.textContent()).not.toContain('Credentials sent: none');
  await panel.screenshot({ path: test.info().outputPath('detail-cookie-replay.png') });

  // The login response: Set-Cookie with lifetime and attributes.
  await detail.getByTestId('detail-close').click();
  await panel.getByTestId('request-row').filter({ has: panel.getByTestId('login-reason').getByText('OK', { exact: true }) }).first().click();
  await panel.keyboard.press('Enter');
  const login = panel.getByTestId('request-detail');
  await tab(login, 'Cookies').click();
  const set = login.locator('[data-testid="cookie-set"][data-name="JSESSIONID"]');
  await expect(set).toContainText('JSESSIONID (session)');
  await expect(set.locator('[data-field="lifetime"]')).toHaveText(/^until /);
  await expect(set).toContainText('HttpOnly');
});

test('a Basic request: "Basic as fred" on every tab, the secret nowhere', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await page.evaluate(() => fetch('/rest/api/2/myself', { credentials: 'omit', headers: { Authorization: `Basic ${btoa('fred:fred')}` } }));
  const panel = await openPanel(await tabIdOf(page));
  const detail = await openDetail(panel, '/rest/api/2/myself');

  await tab(detail, 'Auth').click();
  await expect(detail.getByTestId('detail-credentials')).toHaveText('Basic as fred');
  await expect(detail.getByTestId('detail-auth-summary')).toHaveText('The server took you for fred.');
  await tab(detail, 'Headers').click();
  await expect(detail.getByTestId('headers-credentials').getByTestId('credentials-summary')).toHaveText('Basic as fred');
  const auth = detail.locator('tr[data-header="authorization"]');
  await expect(auth.getByTestId('header-decoded')).toContainText('Basic as fred; secret not kept');
  await expect(auth).toContainText('[redacted');
  await tab(detail, 'Cookies').click();
  await expect(detail.getByTestId('cookies-credentials').getByTestId('credentials-summary')).toHaveText('Basic as fred');
  await expect(detail.getByTestId('detail-cookies')).toHaveText('none');
  await tab(detail, 'Replay').click();
  await expect(detail.getByTestId('replay-will-send').getByTestId('sent-credentials')).toContainText('(the captured request sent: Basic as fred)');

  const html = await panel.content();
  expect(html).not.toContain(btoa('fred:fred'));
});

test('screenshots: every tab, light and dark, 1280×800 and 500×800', async ({ context, emulator, tabIdOf, openExtensionPage }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  const tabId = await tabIdOf(page);
  for (const theme of ['light', 'dark'] as const) {
    const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}${theme === 'dark' ? '&theme=dark' : ''}`);
    for (const width of [1280, 500]) {
      await panel.setViewportSize({ width, height: 800 });
      const detail = panel.getByTestId('request-detail');
      if (!(await detail.isVisible())) await openDetail(panel, '/issues/?jql=project%3DABC');
      for (const name of ['Auth', 'Headers', 'Cookies', 'Replay']) {
        await tab(detail, name).click();
        await panel.screenshot({ path: test.info().outputPath(`detail-${name.toLowerCase()}-${theme}-${width}.png`) });
      }
    }
    await panel.close();
  }
});
