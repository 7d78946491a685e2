/**
 * The request list as DevTools users expect it, in real Chromium with the built extension against the
 * emulator: sortable and resizable columns, a column chooser, ellipsis with the full value in the tooltip,
 * Network-style filter syntax, the "hidden (not auth-relevant)" hint, the row context menu (Esc and a
 * click outside close it; Copy URL and Copy as cURL without secrets), and docked right at 500 px the auth
 * columns in view without a horizontal scrollbar. Screenshots light and dark at three sizes.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';

const WRONG = 'Wr0ng-Pass-4417';

/** A signed-in session, a refused Basic login (AUTHENTICATED_FAILED) and a few plain pages. */
async function traffic(page: Page, origin: string) {
  await signIn(page, origin);
  await page.evaluate(async (wrong) => {
    await fetch('/rest/api/2/myself', { headers: { Authorization: `Basic ${btoa(`fred:${wrong}`)}` }, credentials: 'omit' });
  }, WRONG);
  await page.goto(`${origin}/browse/ABC-1`);
  await page.goto(`${origin}/issues/?jql=project%3DABC`);
}

/** Cell values of a column for the rows in view, in list order (rows are slots: DOM order is not list order). */
async function columnValues(panel: Page, testid: string): Promise<string[]> {
  return panel.getByTestId('request-row').evaluateAll(
    (rows, id) =>
      rows
        .map((r) => ({ at: Number(r.getAttribute('aria-rowindex')), text: r.querySelector(`[data-testid="${id}"]`)?.textContent ?? '' }))
        .sort((a, b) => a.at - b.at)
        .map((r) => r.text),
    testid,
  );
}

const header = (panel: Page, id: string) => panel.locator(`[data-testid="column-header"][data-column="${id}"]`);

// Sign-in, traffic and several panel pages each: more than the default minute on a busy machine.
test.describe.configure({ timeout: 180_000 });

test('columns sort, resize (kept), hide and show; every cell has its full value as tooltip', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await traffic(page, emulator.url);
  const panel = await openPanel(await tabIdOf(page));
  await panel.setViewportSize({ width: 1280, height: 800 });
  await panel.getByTestId('filter-auth-only').uncheck();
  await expect.poll(() => panel.getByTestId('request-row').count()).toBeGreaterThanOrEqual(5);

  // Sort by status: ascending, descending, then capture order again. (Checked as orders, not against one
  // snapshot of the rows: the tab's late requests may still be arriving.)
  const statuses = async () => (await columnValues(panel, 'status')).map(Number);
  const indexes = async () => (await columnValues(panel, 'index')).map(Number);
  const ordered = (xs: number[], dir: 1 | -1) => xs.length >= 5 && xs.every((x, i) => i === 0 || dir * (x - xs[i - 1]!) >= 0);
  await header(panel, 'status').getByRole('button').click();
  await expect(header(panel, 'status')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => ordered(await statuses(), 1)).toBe(true);
  await expect.poll(async () => ordered(await indexes(), 1)).toBe(false);
  await header(panel, 'status').getByRole('button').click();
  await expect(header(panel, 'status')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => ordered(await statuses(), -1)).toBe(true);
  await header(panel, 'status').getByRole('button').click();
  await expect(header(panel, 'status')).toHaveAttribute('aria-sort', 'none');
  await expect.poll(async () => ordered(await indexes(), 1)).toBe(true);

  // Resize the user column by dragging its edge; the width is kept for the next panel.
  const width = async (p: Page) => (await header(p, 'user').boundingBox())!.width;
  const before = await width(panel);
  const grip = (await header(panel, 'user').getByTestId('column-resizer').boundingBox())!;
  await panel.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await panel.mouse.down();
  await panel.mouse.move(grip.x + grip.width / 2 + 40, grip.y + grip.height / 2, { steps: 4 });
  await panel.mouse.move(grip.x + grip.width / 2 + 80, grip.y + grip.height / 2, { steps: 4 });
  await panel.mouse.up();
  await expect.poll(() => width(panel)).toBeGreaterThan(before + 60);
  const resized = await width(panel);
  const again = await openPanel(await tabIdOf(page));
  await again.setViewportSize({ width: 1280, height: 800 });
  await again.getByTestId('filter-auth-only').uncheck();
  await expect.poll(() => width(again)).toBeCloseTo(resized, -1);
  await again.close();

  // The column chooser hides and shows a column (header and cells).
  await panel.getByTestId('column-chooser').click();
  const menu = panel.getByTestId('column-menu');
  await expect(menu.getByTestId('column-toggle-challenge')).toHaveAttribute('aria-checked', 'true');
  await menu.getByTestId('column-toggle-challenge').click();
  await expect(menu).toBeHidden();
  await expect(header(panel, 'challenge')).toHaveCount(0);
  await expect(panel.getByTestId('challenge').first()).toBeHidden();
  // Right click on the header opens the same chooser.
  await header(panel, 'path').click({ button: 'right' });
  await expect(menu.getByTestId('column-toggle-challenge')).toHaveAttribute('aria-checked', 'false');
  await menu.getByTestId('column-toggle-challenge').click();
  await expect(header(panel, 'challenge')).toHaveCount(1);

  // Every cell: its full value in the tooltip, cut with an ellipsis when it does not fit.
  const failed = panel.getByTestId('request-row').filter({ has: panel.getByTestId('login-reason').getByText('AUTHENTICATED_FAILED') });
  await expect(failed).toHaveCount(1);
  for (const id of ['status', 'url', 'user', 'login-reason', 'challenge']) {
    const cell = failed.getByTestId(id);
    const title = await cell.getAttribute('title');
    expect(title, id).toBeTruthy();
    if (id !== 'url') expect(title, id).toBe(await cell.textContent());
  }
  await expect(failed.getByTestId('url')).toHaveAttribute('title', `${emulator.url}/rest/api/2/myself`);
  // Narrow the login reason column from the keyboard: the text is cut with an ellipsis, the tooltip still whole.
  await header(panel, 'reason').getByTestId('column-resizer').focus();
  for (let i = 0; i < 12; i++) await panel.keyboard.press('ArrowLeft');
  const reason = failed.getByTestId('login-reason');
  await expect.poll(() => reason.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await reason.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
  await expect(reason).toHaveAttribute('title', 'AUTHENTICATED_FAILED');
  // Reset columns for the other tests (the widths live in this profile's localStorage).
  await panel.getByTestId('column-chooser').click();
  await panel.getByTestId('column-reset').click();
});

test('docked right at 500 px: status, path, user and login reason in view, no horizontal scrollbar', async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
  const page = await context.newPage();
  await traffic(page, emulator.url);
  const tabId = await tabIdOf(page);
  for (const theme of ['light', 'dark']) {
    const panel = await openPanel(tabId);
    if (theme === 'dark') await panel.goto(`${panel.url()}&theme=dark`);
    await panel.setViewportSize({ width: 500, height: 800 });
    const table = panel.getByTestId('request-table');
    await expect(panel.getByTestId('request-row').first()).toBeVisible();
    for (const id of ['status', 'path', 'user', 'reason']) {
      const box = (await header(panel, id).boundingBox())!;
      expect(box.x, id).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, id).toBeLessThanOrEqual(500);
    }
    expect(await table.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // AUTHENTICATED_FAILED is whole, not "AUTHENTICAT…".
    const reason = panel.getByTestId('login-reason').getByText('AUTHENTICATED_FAILED').first();
    const cell = panel.getByTestId('request-row').filter({ has: reason }).getByTestId('login-reason');
    expect(await cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // What gave way for room is said on the chooser, never silent.
    await expect(panel.getByTestId('columns-gave-way')).toBeVisible();
    await expect(panel.getByTestId('column-chooser')).toHaveAttribute('title', /No room for/);
    await panel.screenshot({ path: testInfo.outputPath(`list-500x800-${theme}.png`) });
    await panel.setViewportSize({ width: 1280, height: 800 });
    await panel.getByTestId('request-row').filter({ has: reason }).click();
    await panel.keyboard.press('Enter');
    await expect(panel.getByTestId('request-detail')).toBeVisible();
    await panel.screenshot({ path: testInfo.outputPath(`list-1280x800-${theme}.png`) });
    if (theme === 'light') {
      // The splitter moves from the keyboard and by dragging; the side pane follows.
      const splitter = panel.getByTestId('splitter');
      const side = async () => (await panel.locator('aside.side').boundingBox())!.width;
      const start = Number(await splitter.getAttribute('aria-valuenow'));
      const startWidth = await side();
      await splitter.focus();
      await panel.keyboard.press('ArrowLeft');
      await expect(splitter).toHaveAttribute('aria-valuenow', String(start + 24));
      await expect.poll(side).toBeCloseTo(startWidth + 24, 0);
      const grip = (await splitter.boundingBox())!;
      await panel.mouse.move(grip.x + grip.width / 2, grip.y + 200);
      await panel.mouse.down();
      await panel.mouse.move(grip.x + grip.width / 2 + 100, grip.y + 200, { steps: 5 });
      await panel.mouse.up();
      await expect.poll(side).toBeCloseTo(startWidth + 24 - 100, -1);
    }
    await panel.setViewportSize({ width: 1280, height: 300 });
    await panel.screenshot({ path: testInfo.outputPath(`list-1280x300-${theme}.png`) });
    await panel.close();
  }
});

test('filter syntax narrows the rows; the hint says how many auth-only hides and shows them', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await traffic(page, emulator.url);
  const panel = await openPanel(await tabIdOf(page));
  const rows = panel.getByTestId('request-row');
  const hint = panel.getByTestId('hidden-hint');
  await expect(hint).toContainText(/^\d+ hidden \(not auth-relevant\)/);
  const hidden = Number((await hint.textContent())!.match(/^(\d+)/)![1]);
  const shown = await rows.count();
  expect(hidden).toBeGreaterThan(0);
  await hint.getByTestId('show-all').click();
  await expect(hint).toBeHidden();
  await expect(panel.getByTestId('filter-auth-only')).not.toBeChecked();
  await expect(rows).toHaveCount(shown + hidden);

  const filter = panel.getByTestId('filter-text');
  await filter.fill('status:401');
  await expect.poll(() => columnValues(panel, 'status')).toEqual(['401']);
  await filter.fill('status:4xx -myself');
  await expect(rows).toHaveCount(0);
  await filter.fill('method:POST');
  await expect.poll(() => columnValues(panel, 'url')).toEqual(['/login.jsp']);
  await filter.fill('user:anonymous -path:/login');
  await expect.poll(async () => new Set(await columnValues(panel, 'user'))).toEqual(new Set(['anonymous']));
  await filter.fill('reason:"AUTHENTICATED_FAILED"');
  await expect.poll(() => columnValues(panel, 'url')).toEqual(['/rest/api/2/myself']);
  await filter.fill(`origin:${new URL(emulator.url).host} -status:2xx -status:3xx`);
  await expect.poll(() => columnValues(panel, 'status')).toEqual(['401']);
});

test('row menu: keyboard, Esc and a click outside close it; Copy URL and Copy as cURL without secrets', async ({ context, emulator, tabIdOf, openPanel }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await traffic(page, emulator.url);
  const panel = await openPanel(await tabIdOf(page));
  const menu = panel.getByTestId('row-menu');
  const row = panel.getByTestId('request-row').filter({ has: panel.getByTestId('login-reason').getByText('AUTHENTICATED_FAILED') });

  await row.click({ button: 'right' });
  await expect(menu).toBeVisible();
  await expect(menu).toHaveAttribute('role', 'menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await panel.keyboard.press('ArrowDown');
  await expect(menu.getByTestId('menu-copy-url')).toBeFocused();
  await panel.keyboard.press('Escape');
  await expect(menu).toBeHidden();

  await row.click({ button: 'right' });
  await expect(menu).toBeVisible();
  await panel.getByTestId('summary').click();
  await expect(menu).toBeHidden();

  await row.click({ button: 'right' });
  await menu.getByTestId('menu-copy-url').click();
  await expect(menu).toBeHidden();
  await expect(panel.getByTestId('copy-status')).toContainText('Copied the URL');
  expect(await panel.evaluate(() => navigator.clipboard.readText())).toBe(`${emulator.url}/rest/api/2/myself`);

  await row.click({ button: 'right' });
  await menu.getByTestId('menu-copy-curl').click();
  await expect(panel.getByTestId('copy-status')).toContainText('Copied as cURL');
  const curl = await panel.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`'${emulator.url}/rest/api/2/myself'`);
  expect(curl).toContain('-u "$JIRA_USER:$JIRA_TOKEN"');
  expect(curl).not.toContain(WRONG);
  expect(curl).not.toContain(Buffer.from(`fred:${WRONG}`).toString('base64'));
  expect(curl).not.toMatch(/redacted \d/);
});

test('row menu: Replay in every mode opens the replay and runs the matrix', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  await page.goto(`${emulator.url}/browse/ABC-1`);
  const panel = await openPanel(await tabIdOf(page));
  await panel.getByTestId('filter-auth-only').uncheck();
  const row = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/browse/ABC-1', { exact: true }) });
  await row.click({ button: 'right' });
  await panel.getByTestId('menu-replay-matrix').click();
  await expect(panel.getByTestId('replay')).toBeVisible();
  await expect.poll(() => panel.getByTestId('replay-row').count(), { timeout: 30_000 }).toBeGreaterThan(2);
  await expect(panel.getByTestId('replay-verdict')).toBeVisible();
});
