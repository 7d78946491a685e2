/**
 * The request list in Firefox ESR with the built extension (see e2e/chromium/list.spec.ts): at 1280 px with
 * nothing selected the list has the width and no user or status is cut (Firefox's wider default sans once cut
 * "anonymous"); a header click sorts ascending, descending, then back to capture order; a header's edge
 * drags wider and narrows from the keyboard; the row menu opens on a right click with its first item
 * focused, ↓ moves, Esc and a click outside close it; the header's menu hides and shows a column.
 */
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { signInFirefox, useEmulatorAndFirefox, openPanelFor } from '../support/firefox';

const { emulator, firefox } = useEmulatorAndFirefox();

/** Cell values of a column for the rows in view, in list order (rows are slots: DOM order is not list order). */
function columnValues(panel: Page, testid: string): Promise<string[]> {
  return panel.$$eval(
    '[data-testid="request-row"]',
    (rows, id) =>
      rows
        .map((r) => ({ at: Number(r.getAttribute('aria-rowindex')), text: r.querySelector(`[data-testid="${id}"]`)?.textContent ?? '' }))
        .sort((a, b) => a.at - b.at)
        .map((r) => r.text),
    testid,
  );
}

const header = (id: string) => `[data-testid="column-header"][data-column="${id}"]`;

function headerWidth(panel: Page, id: string): Promise<number> {
  return panel.$eval(header(id), (el) => el.getBoundingClientRect().width);
}

const ordered = (xs: number[], dir: 1 | -1) => xs.length >= 5 && xs.every((x, i) => i === 0 || dir * (x - xs[i - 1]!) >= 0);

test('Firefox: the list owns the width, user and status whole; sort, resize and the menus', async () => {
  test.setTimeout(180_000);
  const origin = emulator().url;
  const page = await firefox().browser.newPage();
  await signInFirefox(page, origin);
  await page.evaluate(async () => {
    await fetch('/rest/api/2/myself', { headers: { Authorization: `Basic ${btoa('fred:Wr0ng-Pass-4417')}` }, credentials: 'omit' });
  });
  emulator().expireAllSessions();
  await page.goto(`${origin}/issues/?jql=project%3DABC`);
  await page.goto(`${origin}/browse/ABC-1`);

  const { panel } = await openPanelFor(firefox(), `${origin}/__emulator/`, `${origin}/browse/ABC-1`);
  await panel.setViewport({ width: 1280, height: 800 });
  await panel.waitForSelector('[data-testid="filter-auth-only"]');
  await panel.click('[data-testid="filter-auth-only"]');
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid="request-row"]').length >= 6, { timeout: 20_000 });
  await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="user"]')].some((el) => el.textContent === 'anonymous'), { timeout: 20_000 });

  // Nothing selected: no side pane, the list has the width, and no user or status cell is cut.
  expect(await panel.$eval('[data-testid="split"]', (el) => el.getAttribute('data-side'))).toBe('none');
  expect(await panel.$eval('.list', (el) => el.getBoundingClientRect().width / document.documentElement.clientWidth)).toBeGreaterThanOrEqual(0.9);
  const cut = await panel.$$eval('[data-testid="user"], [data-testid="status"]', (els) =>
    els.filter((el) => el.getBoundingClientRect().width > 0 && el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent),
  );
  expect(cut).toEqual([]);
  await panel.screenshot({ path: test.info().outputPath('firefox-list-1280.png') });

  // Sort by status: ascending, descending, then capture order again (checked as orders: late requests may still arrive).
  const statuses = async () => (await columnValues(panel, 'status')).map(Number);
  const indexes = async () => (await columnValues(panel, 'index')).map(Number);
  const sortButton = `${header('status')} button`;
  const sortState = () => panel.$eval(header('status'), (el) => el.getAttribute('aria-sort'));
  await panel.click(sortButton);
  await expect.poll(async () => (await sortState()) === 'ascending' && ordered(await statuses(), 1), { message: 'ascending statuses' }).toBe(true);
  expect(ordered(await indexes(), 1)).toBe(false);
  await panel.click(sortButton);
  await expect.poll(async () => (await sortState()) === 'descending' && ordered(await statuses(), -1), { message: 'descending statuses' }).toBe(true);
  await panel.click(sortButton);
  await expect.poll(async () => (await sortState()) === 'none' && ordered(await indexes(), 1), { message: 'capture order' }).toBe(true);

  // Resize the user column by dragging its edge, then narrow the login reason from the keyboard.
  const before = await headerWidth(panel, 'user');
  const grip = await panel.$eval(`${header('user')} [data-testid="column-resizer"]`, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await panel.mouse.move(grip.x, grip.y);
  await panel.mouse.down();
  await panel.mouse.move(grip.x + 40, grip.y, { steps: 4 });
  await panel.mouse.move(grip.x + 80, grip.y, { steps: 4 });
  await panel.mouse.up();
  await expect.poll(async () => (await headerWidth(panel, 'user')) > before + 60, { message: 'a wider user column' }).toBe(true);
  const reasonBefore = await headerWidth(panel, 'reason');
  await panel.focus(`${header('reason')} [data-testid="column-resizer"]`);
  for (let i = 0; i < 5; i++) await panel.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await headerWidth(panel, 'reason')) <= reasonBefore - 45, { message: 'a narrower login reason column' }).toBe(true);

  // The row menu: a right click opens it on its first item, ↓ moves, Esc closes; so does a click outside.
  const failedRow = await panel.$$eval('[data-testid="request-row"]', (rows) =>
    rows.find((r) => r.querySelector('[data-testid="login-reason"]')?.textContent === 'AUTHENTICATED_FAILED')?.getAttribute('data-entry'),
  );
  expect(failedRow).toBeTruthy();
  const row = `[data-testid="request-row"][data-entry="${failedRow}"]`;
  const focused = () => panel.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  await panel.click(row, { button: 'right' });
  await panel.waitForSelector('[data-testid="row-menu"][role="menu"]');
  expect(await focused()).toBe('menu-details');
  await panel.keyboard.press('ArrowDown');
  expect(await focused()).toBe('menu-copy-url');
  // Flat items, as DevTools draws them: no border, no rounding.
  expect(await panel.$eval('[data-testid="menu-copy-url"]', (el) => [getComputedStyle(el).borderTopWidth, getComputedStyle(el).borderTopLeftRadius])).toEqual(['0px', '0px']);
  await panel.screenshot({ path: test.info().outputPath('firefox-list-menu.png') });
  await panel.keyboard.press('Escape');
  await panel.waitForSelector('[data-testid="row-menu"]', { hidden: true });
  await panel.click(row, { button: 'right' });
  await panel.waitForSelector('[data-testid="row-menu"]');
  await panel.click('[data-testid="summary"]');
  await panel.waitForSelector('[data-testid="row-menu"]', { hidden: true });
  // "Show details" opens the detail pane beside the list; Esc gives the width back.
  await panel.click(row, { button: 'right' });
  await panel.waitForSelector('[data-testid="menu-details"]');
  await panel.click('[data-testid="menu-details"]');
  await panel.waitForSelector('[data-testid="request-detail"]');
  expect(await panel.$eval('[data-testid="split"]', (el) => el.getAttribute('data-side'))).toBe('beside');
  await panel.screenshot({ path: test.info().outputPath('firefox-list-detail.png') });
  await panel.focus('[data-testid="detail-close"]');
  await panel.keyboard.press('Escape');
  await panel.waitForSelector('[data-testid="request-detail"]', { hidden: true });
  expect(await panel.$eval('[data-testid="split"]', (el) => el.getAttribute('data-side'))).toBe('none');

  // The header's menu (right click) hides a column and shows it again.
  await panel.click(`${header('path')} button`, { button: 'right' });
  await panel.waitForSelector('[data-testid="column-menu"] [data-testid="column-toggle-challenge"][aria-checked="true"]');
  await panel.click('[data-testid="column-toggle-challenge"]');
  await panel.waitForSelector(header('challenge'), { hidden: true });
  await panel.click(`${header('path')} button`, { button: 'right' });
  await panel.waitForSelector('[data-testid="column-toggle-challenge"][aria-checked="false"]');
  await panel.click('[data-testid="column-toggle-challenge"]');
  await panel.waitForSelector(header('challenge'));
});
