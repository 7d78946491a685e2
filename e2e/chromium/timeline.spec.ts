/**
 * The session timeline in the built panel against the emulator: a session issued then expired is a lane
 * with its issued and expiry markers where their times are on the axis, the pages served after it are
 * anonymous ticks in the anonymous colour, a click on a tick selects its request, zoom and fit change the
 * window, the visitor's own JSESSIONIDs are folded into one lane. Screenshots light and dark, wide and narrow.
 */
import { test, expect } from '../support/chromium';
import type { Page } from '@playwright/test';
import { signIn } from '../support/jira';

test.use({ emulatorOptions: { cookieMaxAgeSec: 10, sessionTimeoutSec: 10 } });

/**
 * In one frame (a live chart's window moves every second): where `times` fall on the chart by its window
 * (the range element) and track width, and the centres of the elements matching each of `selectors`.
 */
async function chartAt(panel: Page, times: number[], selectors: string[]): Promise<{ timeX: number[]; elementX: number[][] }> {
  return panel.evaluate(
    ([ts, sels]) => {
      const range = document.querySelector('[data-testid="timeline-range"]')!;
      const start = Date.parse(range.getAttribute('data-start')!);
      const end = Date.parse(range.getAttribute('data-end')!);
      const track = document.querySelector('[data-testid="timeline-requests"]')!.getBoundingClientRect();
      return {
        timeX: ts.map((t) => track.left + ((t - start) / (end - start)) * track.width),
        elementX: sels.map((sel) =>
          [...document.querySelectorAll(sel)].map((el) => {
            const r = el.getBoundingClientRect();
            return r.left + r.width / 2;
          }),
        ),
      };
    },
    [times, selectors] as const,
  );
}

async function span(panel: Page): Promise<number> {
  const range = panel.getByTestId('timeline-range');
  return Date.parse((await range.getAttribute('data-end'))!) - Date.parse((await range.getAttribute('data-start'))!);
}

test('a session issued then expired: its lane, its markers, anonymous ticks after it, click selects, zoom and fit, visitors folded', async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
  test.setTimeout(120_000); // the session lives 10 s; two cores shared
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const cookie = (await context.cookies(emulator.url)).find((c) => c.name === 'JSESSIONID')!;
  const tabId = await tabIdOf(page);
  const panel = await openPanel(tabId);
  await panel.setViewportSize({ width: 1280, height: 800 });

  // fred's session: a lane of its own, issued on the login and expiring with the cookie.
  const lane = panel.getByTestId('session').filter({ hasText: 'user fred' });
  await expect(lane).toHaveCount(1);
  const expiry = lane.locator('[data-kind="expiry"]');
  const issued = lane.locator('[data-kind="issued"]');
  const expiresAt = Date.parse((await expiry.getAttribute('data-time'))!);
  const issuedAt = Date.parse((await issued.getAttribute('data-time'))!);
  expect(Math.abs(expiresAt - cookie.expires * 1000)).toBeLessThan(1500); // the browser's own expiry of the cookie
  expect(expiresAt - issuedAt).toBeGreaterThan(9000);
  expect(expiresAt - issuedAt).toBeLessThan(11_500); // Max-Age 10 from the login's response

  await expect(lane).toHaveAttribute('data-state', 'expired', { timeout: 20_000 });
  await expect(lane.getByTestId('session-countdown')).toHaveCount(0);

  // The pages after the expiry come back anonymous: their ticks are in the anonymous colour.
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  await page.goto(`${emulator.url}/browse/ABC-7`);
  const flagged = panel.locator('[data-testid="request-row"].silent-anonymous');
  await expect(flagged).toHaveCount(2);
  const entries = await flagged.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-entry'))));

  // Zoomed to the end of the capture, each of those pages is a tick of its own.
  await panel.getByTestId('timeline-fit').click();
  const ticks = panel.getByTestId('tick');
  for (let i = 0; i < 4; i++) {
    const last = panel.locator(`[data-testid="tick"][data-entry="${entries[1]}"]`);
    if ((await last.count()) && (await panel.locator(`[data-testid="tick"][data-entry="${entries[0]}"]`).count())) break;
    await panel.getByTestId('timeline-requests').hover({ position: { x: ((await panel.getByTestId('timeline-requests').boundingBox())!.width) - 20, y: 10 } });
    await panel.mouse.wheel(0, -300);
  }
  const anonymousColour = await panel.locator('.tl-swatch.anonymous').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  for (const entry of entries) {
    const tick = panel.locator(`[data-testid="tick"][data-entry="${entry}"]`);
    await expect(tick).toHaveAttribute('data-state', 'anonymous');
    expect(await tick.locator('rect').last().evaluate((el) => getComputedStyle(el).fill)).toBe(anonymousColour);
    // Right of the expiry on the axis.
    const at = await chartAt(panel, [expiresAt], [`[data-testid="tick"][data-entry="${entry}"]`]);
    expect(at.elementX[0]![0]).toBeGreaterThan(at.timeX[0]!);
  }
  expect(anonymousColour).not.toBe(await panel.locator('.tl-swatch.signed-in').first().evaluate((el) => getComputedStyle(el).backgroundColor));

  // Fit: everything in view again; the markers sit where their times are on the axis.
  await panel.getByTestId('timeline-fit').click();
  await expect(panel.getByTestId('timeline-fit')).toHaveAttribute('aria-pressed', 'true');
  const fred = '[data-testid="session"][data-state="expired"]';
  const placed = await chartAt(panel, [issuedAt, expiresAt], [`${fred} [data-kind="issued"] path`, `${fred} [data-kind="expiry"] path`]);
  expect(Math.abs(placed.elementX[0]![0]! - 2.5 - placed.timeX[0]!)).toBeLessThan(2); // the flag's pole is its time
  expect(Math.abs(placed.elementX[1]![0]! - placed.timeX[1]!)).toBeLessThan(2);
  // A live capture: the "now" line is on the chart, right of every request.
  const now = await chartAt(panel, [Date.now() - 3000, Date.now() + 1000], ['[data-testid="timeline-requests"] [data-testid="timeline-now"]', '[data-testid="tick"]']);
  // Within the last few seconds of the test's clock (the panel's clock ticks once a second).
  expect(now.elementX[0]![0]!).toBeGreaterThan(now.timeX[0]!);
  expect(now.elementX[0]![0]!).toBeLessThan(now.timeX[1]!);
  // A tick's centre is a pixel right of its time (ticks are 2–3 px wide); the newest request may be exactly "now".
  for (const x of now.elementX[1]!) expect(x).toBeLessThanOrEqual(now.elementX[0]![0]! + 2);
  // The signed-in requests are all before the expiry.
  const signedIn = panel.locator('[data-testid="tick"][data-state="signed-in"]');
  await expect(signedIn.first()).toBeVisible();
  const early = await chartAt(panel, [expiresAt], ['[data-testid="tick"][data-state="signed-in"]']);
  for (const x of early.elementX[0]!) expect(x).toBeLessThan(early.timeX[0]!);

  // Click a tick: its request is selected in the list and opened.
  const target = panel.locator(`[data-testid="tick"][data-entry="${entries[0]}"]`);
  const targetEntry = (await target.count()) ? entries[0]! : Number(await ticks.last().getAttribute('data-entry'));
  await panel.locator(`[data-testid="tick"][data-entry="${targetEntry}"]`).click();
  await expect(panel.locator(`[data-testid="request-row"][data-entry="${targetEntry}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByTestId('request-detail')).toBeVisible();
  await expect(panel.locator(`[data-testid="tick"][data-entry="${targetEntry}"]`)).toHaveClass(/selected/);

  // Hover: the tick says what it is.
  await panel.locator(`[data-testid="tick"][data-entry="${targetEntry}"]`).hover();
  await expect(panel.getByTestId('timeline-tip')).toContainText(`#${targetEntry + 1}`); // people count from 1

  // Zoom in halves the window, zoom out doubles it, fit shows everything again.
  // (A live fit grows with the clock: each step is compared with the window it started from.)
  let before = await span(panel);
  await panel.getByTestId('timeline-zoom-in').click();
  await expect.poll(async () => (await span(panel)) / before).toBeLessThan(0.55);
  await expect(panel.getByTestId('timeline-fit')).toHaveAttribute('aria-pressed', 'false');
  before = await span(panel);
  await panel.getByTestId('timeline-zoom-out').click();
  await expect.poll(() => span(panel)).toBeCloseTo(before * 2, -1);
  // The keyboard: focus the requests, + zooms in, 0 fits.
  await panel.getByTestId('timeline-requests').focus();
  before = await span(panel);
  await panel.keyboard.press('+');
  await expect.poll(() => span(panel)).toBeCloseTo(before / 2, -1);
  await panel.keyboard.press('0');
  await expect(panel.getByTestId('timeline-fit')).toHaveAttribute('aria-pressed', 'true');
  // ←/→ move between ticks, Enter selects.
  await panel.keyboard.press('Home');
  await panel.keyboard.press('Enter');
  const firstEntry = Number(await ticks.first().getAttribute('data-entry'));
  await expect(panel.locator(`[data-testid="request-row"][data-entry="${firstEntry}"]`)).toHaveAttribute('aria-selected', 'true');

  // The visitor's JSESSIONIDs (the login page's, the anonymous pages') are one folded lane, not one each.
  const folded = panel.getByTestId('visitor-sessions');
  await expect(folded).toContainText(/\d+ anonymous visitor sessions?/);
  await expect(panel.getByTestId('session').filter({ hasText: 'user unknown' })).toHaveCount(0);
  const n = Number(await folded.getAttribute('data-count'));
  await panel.getByTestId('unfold-visitor-sessions').click();
  await expect(panel.getByTestId('session').filter({ hasText: 'user unknown' })).toHaveCount(n);
  await panel.getByTestId('fold-visitor-sessions').click();
  await expect(folded).toBeVisible();

  // Screenshots: light and dark, wide and docked-right narrow; docked bottom the list keeps room.
  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: testInfo.outputPath('timeline-light-1280.png') });
  await panel.setViewportSize({ width: 500, height: 800 });
  await panel.screenshot({ path: testInfo.outputPath('timeline-light-500.png') });
  await panel.setViewportSize({ width: 1280, height: 300 });
  // Polled: the layout settles a frame or two after the resize (under parallel load the first read saw 0).
  await expect.poll(async () => (await panel.getByTestId('request-table').boundingBox())?.height ?? 0).toBeGreaterThan(60);
  await panel.screenshot({ path: testInfo.outputPath('timeline-light-1280x300.png') });
  await panel.emulateMedia({ colorScheme: 'dark' });
  await panel.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
  await panel.setViewportSize({ width: 1280, height: 800 });
  await panel.screenshot({ path: testInfo.outputPath('timeline-dark-1280.png') });
  await panel.setViewportSize({ width: 500, height: 800 });
  await panel.screenshot({ path: testInfo.outputPath('timeline-dark-500.png') });
});
