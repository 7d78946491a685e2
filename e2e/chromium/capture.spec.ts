/**
 * Walking-skeleton scenarios in real Chromium with the built extension against the emulator:
 * sign in, browse, the session expires, browse again → the panel lists the 401s and the anonymous
 * pages, the badge says the session expired, and a worker restart loses nothing.
 */
import { test, expect } from '../support/chromium';
import type { Page } from '@playwright/test';
import { signIn } from '../support/jira';


/** Request ids the emulator answered for pages of this browser, in order (X-AREQUESTID is unique). */
function requestIdsOf(page: Page, ids: string[]) {
  page.on('response', (r) => {
    const id = r.headers()['x-arequestid'];
    if (id) ids.push(id);
  });
}

test('captures sign-in, expiry, silent anonymous pages and /rest 401s; the badge says EXP', async ({
  context,
  emulator,
  tabIdOf,
  openPanel,
  badgeOf,
  summaryOf,
}) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);

  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  await expect(page.getByTestId('current-user')).toContainText(/anonymous/i);
  const rest = await page.goto(`${emulator.url}/rest/api/2/search?jql=`);
  expect(rest?.status()).toBe(401);

  await expect.poll(() => summaryOf(tabId).then((s) => s.unauthorized)).toBe(1);
  await expect.poll(() => badgeOf(tabId)).toBe('EXP');

  const panel = await openPanel(tabId);
  await panel.getByTestId('filter-auth-only').uncheck();
  const rows = panel.getByTestId('request-row');
  await expect(panel.getByTestId('summary')).toContainText('1 × 401');
  // The login response carried X-Seraph-LoginReason: OK and named fred.
  await expect(rows.filter({ has: panel.getByTestId('login-reason').getByText('OK', { exact: true }) })).not.toHaveCount(0);
  await expect(rows.filter({ has: panel.getByTestId('user').getByText('fred') })).not.toHaveCount(0);
  // After expiry: the issue search page served as anonymous (200), the REST call refused (401).
  const anonymousSearch = rows.filter({ hasText: '/issues/?jql=project%3DABC' });
  await expect(anonymousSearch.getByTestId('status')).toHaveText('200');
  await expect(anonymousSearch.getByTestId('user')).toHaveText('anonymous');
  const restRow = rows.filter({ has: panel.getByTestId('url').getByText('/rest/api/2/search?jql=', { exact: true }) });
  await expect(restRow.getByTestId('status')).toHaveText('401');

  // The engine runs in the panel: the anonymous page is flagged, the 401 is an expired session.
  await expect(anonymousSearch.getByTestId('finding-marker')).toHaveAttribute('data-severity', 'error');
  await expect(panel.locator('[data-testid="story-line"][data-current="true"]')).toContainText('then 1 page served as anonymous');
  await expect(panel.locator('[data-testid="finding"][data-code="silent-anonymous"]')).toContainText('/issues/?jql=project%3DABC');
  await expect(panel.locator('[data-testid="finding"][data-code="session-expired"]')).toContainText('JSESSIONID');

  // Live update: a new 401 shows up in the open panel without reloading it.
  await page.goto(`${emulator.url}/rest/api/2/myself`);
  await expect(panel.getByTestId('summary')).toContainText('2 × 401');
  await expect.poll(() => summaryOf(tabId).then((s) => s.unauthorized)).toBe(2);
});

test('stores no secret: no session cookie value or password in storage.session', async ({
  context,
  emulator,
  tabIdOf,
  summaryOf,
  worker,
}) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  await page.goto(`${emulator.url}/browse/ABC-7`);
  const tabId = await tabIdOf(page);
  await expect.poll(() => summaryOf(tabId).then((s) => s.captured)).toBeGreaterThan(2);

  const cookies = await context.cookies(emulator.url);
  const secrets = cookies.map((c) => c.value).filter((v) => v.length >= 8);
  expect(secrets.length).toBeGreaterThan(0);
  const stored = await (await worker()).evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(stored).toContain('JSESSIONID');
  for (const secret of secrets) expect(stored).not.toContain(secret);
});

test('a service-worker restart mid-session loses no event, duplicates none, and changes no finding', async ({
  context,
  emulator,
  tabIdOf,
  summaryOf,
  stopWorkers,
  openPanel,
}) => {
  const page = await context.newPage();
  const seen: string[] = [];
  requestIdsOf(page, seen);
  await signIn(page, emulator.url);
  await page.goto(`${emulator.url}/browse/ABC-1`);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/browse/ABC-2`); // served anonymously: a finding before the restart
  const tabId = await tabIdOf(page);
  await expect.poll(() => summaryOf(tabId).then((s) => s.captured)).toBeGreaterThanOrEqual(seen.length);
  const findingsOf = async () => {
    const p = await openPanel(tabId);
    await p.getByTestId('findings-toggle').click();
    await expect(p.getByTestId('finding').first()).toBeVisible();
    const found = await p.$$eval('[data-testid="finding"]', (els) => els.map((el) => `${el.getAttribute('data-code')} ${el.textContent}`));
    await p.close();
    return found;
  };
  const before = await findingsOf();
  expect(before.some((f) => f.startsWith('silent-anonymous'))).toBe(true);

  await stopWorkers();

  // Traffic while the worker is stopped wakes it up; nothing may be lost.
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=`);
  await page.goto(`${emulator.url}/rest/api/2/search?jql=`);
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await expect(page.getByTestId('issue-count')).toBeVisible();

  // The browser's own favicon fetches are captured too, but pages never see them: compare the rest.
  const panel = await openPanel(tabId);
  await panel.getByTestId('filter-auth-only').uncheck();
  await expect(panel.getByTestId('request-row').filter({ hasNotText: '/favicon.ico' })).toHaveCount(seen.length);
  const logged = await panel.evaluate(
    async (id) =>
      (
        (await chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as {
          exchanges: { url: string; responseHeaders: { name: string; value: string }[] }[];
        }
      ).exchanges
        .filter((e) => !e.url.endsWith('/favicon.ico'))
        .map((e) => e.responseHeaders.find((h) => h.name.toLowerCase() === 'x-arequestid')?.value),
    tabId,
  );
  expect(logged).toEqual(seen);
  // The findings from before the restart are all still there, word for word; the new pages added theirs.
  const after = await findingsOf();
  expect(after).toEqual(expect.arrayContaining(before));
  expect(after.length).toBeGreaterThan(before.length);
});

test('popup shows the tab counts', async ({ context, emulator, tabIdOf, openPopup, summaryOf }) => {
  const page = await context.newPage();
  await page.goto(`${emulator.url}/rest/api/2/myself`);
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await expect(page.getByTestId('issue-count')).toHaveText('5');
  const tabId = await tabIdOf(page);
  await expect.poll(() => summaryOf(tabId).then((s) => s.unauthorized)).toBe(1);
  // The page, its XHR, the REST call, and the browser's favicon fetches.
  const { captured } = await summaryOf(tabId);
  expect(captured).toBeGreaterThanOrEqual(3);
  const popup = await openPopup(tabId);
  await expect(popup.getByTestId('popup-captured')).toHaveText(`${captured} requests captured in this tab, 1 answered 401.`);
});
