/**
 * The session timeline in the built panel against the emulator: a session issued then expired is a lane
 * with its issued and expiry markers where their times are on the axis, the pages served after it are
 * anonymous ticks in the anonymous colour, a click on a tick selects its request, zoom and fit change the
 * window, the visitor's own JSESSIONIDs are folded into one lane. Screenshots light and dark, wide and narrow.
 */
import { test, expect } from '../support/chromium';
import type { Page } from '@playwright/test';
import { signIn } from '../support/jira';
import { outlastFitMinSpan } from '../support/incident';

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

/** How many requests the ticks in the window stand for. */
async function requestsInView(panel: Page): Promise<number> {
  return panel.getByTestId('tick').evaluateAll((ticks) => ticks.reduce((n, t) => n + Number(t.getAttribute('data-count')), 0));
}

/** The number of requests captured, as the timeline's requests row says. */
async function requestCount(panel: Page): Promise<number> {
  return Number((await panel.locator('.tl-requests .tl-label').textContent())!.replace(/\D/g, ''));
}

/** The share of the chart's width from the first tick to the last. */
async function tickFill(panel: Page): Promise<number> {
  return panel.evaluate(() => {
    const track = document.querySelector('[data-testid="timeline-requests"]')!.getBoundingClientRect();
    const xs = [...document.querySelectorAll('[data-testid="tick"] rect:last-of-type')].map((r) => r.getBoundingClientRect());
    return (Math.max(...xs.map((r) => r.right)) - Math.min(...xs.map((r) => r.left))) / track.width;
  });
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
  // Fitted to the requests: every one of them is in a tick, and they fill the width.
  expect(await requestsInView(panel)).toBe(await requestCount(panel));
  expect(await tickFill(panel)).toBeGreaterThan(0.85);
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
  await expect(panel.getByTestId('timeline-tip')).toContainText(`#${targetEntry + 1}`); // the 1-based number people see

  // Zoom in halves the window, zoom out doubles it, fit shows everything again.
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

test.describe('an incident, then time passes', () => {
  // A 10-minute cookie: its countdown ends long after the incident's few seconds, so it stays an arrow at the edge.
  test.use({ emulatorOptions: { cookieMaxAgeSec: 600 } });

  test('an hour later the incident still fills the chart; new requests move it only while the newest is in view; the keyboard reaches every marker', async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
    test.setTimeout(120_000);
    const page = await context.newPage();
    const started = Date.now();
    await signIn(page, emulator.url);
    const panel = await openPanel(await tabIdOf(page));
    await panel.setViewportSize({ width: 1280, height: 800 });
    const lane = panel.getByTestId('session').filter({ hasText: 'user fred' });
    await expect(lane).toHaveCount(1);
    // The incident: the server forgets the session, the next two pages come back anonymous.
    emulator.expireAllSessions();
    await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
    await outlastFitMinSpan(started); // an incident shorter than a second is centred in one, not filling the chart
    await page.goto(`${emulator.url}/browse/ABC-7`);
    await expect(panel.locator('[data-testid="request-row"].silent-anonymous')).toHaveCount(2);
    await expect(lane).toHaveAttribute('data-state', 'anonymous');
    const captured = await requestCount(panel);
    await expect.poll(() => requestsInView(panel)).toBe(captured);

    // An hour passes on the panel's clock.
    await panel.clock.install();
    await panel.clock.fastForward('01:00:00');
    await expect.poll(async () => Date.parse((await panel.getByTestId('sessions').getAttribute('data-now'))!)).toBeGreaterThan(Date.now() + 59 * 60_000);
    // The chart still shows the incident across its width, not "now": no now line, its window ends with the requests.
    expect(await requestsInView(panel)).toBe(captured);
    expect(await tickFill(panel)).toBeGreaterThan(0.85);
    await expect(panel.getByTestId('timeline-now')).toHaveCount(0);
    expect(Date.parse((await panel.getByTestId('timeline-range').getAttribute('data-end'))!)).toBeLessThan(Date.now() + 5000);
    // The cookie's expiry 10 minutes after the login is an arrow at the right edge, not a squeeze.
    const expiry = lane.locator('[data-kind="expiry"]');
    await expect(expiry).toHaveClass(/\boff\b/);
    await expect(expiry.locator('title')).toContainText('after the time shown');

    await panel.mouse.move(0, 0);
    for (const theme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: theme });
      await panel.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      for (const width of [1280, 500]) {
        await panel.setViewportSize({ width, height: 800 });
        await expect.poll(() => tickFill(panel)).toBeGreaterThan(0.85);
        await panel.screenshot({ path: testInfo.outputPath(`timeline-an-hour-later-${theme}-${width}.png`) });
      }
    }
    await panel.setViewportSize({ width: 1280, height: 800 });

    // Fitted, it follows: a new request joins the chart.
    const range = panel.getByTestId('timeline-range');
    await expect(panel.getByTestId('timeline-fit')).toHaveAttribute('aria-pressed', 'true');
    await page.goto(`${emulator.url}/browse/ABC-1`);
    await expect.poll(() => requestCount(panel)).toBeGreaterThan(captured);
    await expect.poll(async () => (await requestsInView(panel)) === (await requestCount(panel))).toBe(true);
    await expect(range).toHaveAttribute('data-following', 'true');

    // Zoomed away from the newest request, new ones do not move the view; "follow" brings them in.
    await panel.getByTestId('timeline-zoom-in').click();
    await panel.getByTestId('timeline-zoom-in').click();
    await expect(range).toHaveAttribute('data-following', 'false');
    const away = { start: await range.getAttribute('data-start'), end: await range.getAttribute('data-end') };
    const before = await requestCount(panel);
    await page.goto(`${emulator.url}/browse/ABC-2`);
    await expect.poll(() => requestCount(panel)).toBeGreaterThan(before);
    await expect(range).toHaveAttribute('data-start', away.start!);
    await expect(range).toHaveAttribute('data-end', away.end!);
    await panel.screenshot({ path: testInfo.outputPath('timeline-zoomed-away.png') });
    await panel.getByTestId('timeline-follow').click();
    await expect(range).toHaveAttribute('data-following', 'true');
    const newest = Math.max(...(await panel.getByTestId('request-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-entry'))))));
    await expect(panel.locator(`[data-testid="tick"][data-entry="${newest}"]`)).toHaveCount(1);
    await panel.getByTestId('timeline-fit').click();
    await expect(panel.getByTestId('timeline-fit')).toHaveAttribute('aria-pressed', 'true');

    // The keyboard: Tab from the toolbar into the chart (one stop), End and Enter select the newest request.
    await panel.getByTestId('timeline-fit').focus();
    await panel.keyboard.press('Tab');
    const requests = panel.getByTestId('timeline-requests');
    await expect(requests).toBeFocused();
    await expect(panel.locator('[data-tl-row][tabindex="0"]')).toHaveCount(1);
    await panel.keyboard.press('End');
    const active = async (el: typeof requests) => panel.locator(`[id="${await el.getAttribute('aria-activedescendant')}"]`);
    const last = await active(requests);
    await expect(last).toHaveAttribute('data-entry', String(newest));
    await expect(last).toHaveAttribute('aria-label', new RegExp(`^#${newest + 1} at `));
    await panel.keyboard.press('Enter');
    await expect(panel.locator(`[data-testid="request-row"][data-entry="${newest}"]`)).toHaveAttribute('aria-selected', 'true');
    await expect(panel.getByTestId('timeline-tip')).toContainText(`#${newest + 1}`);

    // ↓ to fred's lane, Home to its first marker (issued on the login), Enter selects the login.
    await panel.keyboard.press('ArrowDown');
    const events = lane.getByTestId('session-events');
    await expect(events).toBeFocused();
    await expect(panel.locator('[data-tl-row][tabindex="0"]')).toHaveCount(1);
    await panel.keyboard.press('Home');
    const issued = await active(events);
    await expect(issued).toHaveAttribute('data-kind', 'issued');
    const login = Number(await issued.getAttribute('data-entry'));
    await expect(issued).toHaveAttribute('aria-label', new RegExp(`^issued .*\\(#${login + 1}\\)$`));
    await panel.keyboard.press('Enter');
    await expect(panel.locator(`[data-testid="request-row"][data-entry="${login}"]`)).toHaveAttribute('aria-selected', 'true');
    // → to the next marker: the server's end of the session, on the first anonymous answer; its name says so.
    await panel.keyboard.press('ArrowRight');
    await expect(await active(events)).toHaveAttribute('aria-label', /^ended on the server \(served as anonymous\) .*\(#\d+\)$/);
    await expect(panel.getByTestId('timeline-tip')).toContainText('ended on the server');
    await panel.screenshot({ path: testInfo.outputPath('timeline-keyboard.png') });
  });
});
