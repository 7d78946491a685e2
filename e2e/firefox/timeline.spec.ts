/**
 * The session timeline in Firefox ESR with the built extension (see e2e/chromium/timeline.spec.ts): fred signs
 * in on the emulated Jira DC, the server forgets the session, two pages come back anonymous. fred's session is a
 * lane with its issued and server-side-end markers, the pages after it are anonymous ticks, a click on a tick
 * selects its request, zoom and fit change the window, the visitor's JSESSIONID is folded. An hour later on the
 * panel's clock the incident still fills the chart, and the keyboard reaches the ticks and the lane's markers.
 */
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { signInFirefox, useEmulatorAndFirefox, openPanelFor } from '../support/firefox';
import { outlastFitMinSpan } from '../support/incident';

const { emulator, firefox } = useEmulatorAndFirefox();

async function span(panel: Page): Promise<number> {
  return panel.$eval('[data-testid="timeline-range"]', (el) => Date.parse(el.getAttribute('data-end')!) - Date.parse(el.getAttribute('data-start')!));
}

/** The share of the chart's width from the first tick to the last, and how many requests the ticks stand for. */
async function ticksInView(panel: Page): Promise<{ fill: number; requests: number; captured: number }> {
  return panel.evaluate(() => {
    const track = document.querySelector('[data-testid="timeline-requests"]')!.getBoundingClientRect();
    const ticks = [...document.querySelectorAll('[data-testid="tick"]')];
    const xs = ticks.map((t) => t.querySelector('rect:last-of-type')!.getBoundingClientRect());
    return {
      fill: (Math.max(...xs.map((r) => r.right)) - Math.min(...xs.map((r) => r.left))) / track.width,
      requests: ticks.reduce((n, t) => n + Number(t.getAttribute('data-count')), 0),
      captured: Number(document.querySelector('.tl-requests .tl-label')!.textContent!.replace(/\D/g, '')),
    };
  });
}

/** The aria-label and data-entry of the item the focused listbox points at. */
async function activeItem(panel: Page): Promise<{ row: string | null; label: string | null; entry: string | null; kind: string | null }> {
  return panel.evaluate(() => {
    const box = document.activeElement!;
    const item = document.getElementById(box.getAttribute('aria-activedescendant') ?? '');
    return { row: box.getAttribute('data-testid'), label: item?.getAttribute('aria-label') ?? null, entry: item?.getAttribute('data-entry') ?? null, kind: item?.getAttribute('data-kind') ?? null };
  });
}

test('Firefox: the session timeline shows the session and its end, anonymous ticks after it; click selects, zoom and fit, visitors folded; an hour later it still fills the chart; the keyboard reaches the markers', async () => {
  test.setTimeout(120_000);
  const origin = emulator().url;
  const page = await firefox().browser.newPage();
  const started = Date.now();
  await signInFirefox(page, origin);
  emulator().expireAllSessions();
  await page.goto(`${origin}/issues/?jql=project%3DABC`);
  await outlastFitMinSpan(started); // an incident shorter than a second is centred in one, not filling the chart
  await page.goto(`${origin}/browse/ABC-7`);

  const { panel } = await openPanelFor(firefox(), `${origin}/__emulator/`, `${origin}/browse/ABC-7`);
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid="request-row"].silent-anonymous').length === 2, { timeout: 20_000 });
  await panel.setViewport({ width: 1280, height: 800 });

  // fred's lane: issued on the login, ended on the server at the first anonymous page, before those pages' ticks.
  const lane = await panel.$$eval('[data-testid="session"]', (els) =>
    els.map((el) => ({
      text: el.textContent ?? '',
      state: el.getAttribute('data-state'),
      markers: [...el.querySelectorAll('[data-kind]')].map((m) => ({ kind: m.getAttribute('data-kind'), entry: m.getAttribute('data-entry') })),
    })),
  );
  const fred = lane.find((l) => l.text.includes('user fred'))!;
  expect(fred.state).toBe('anonymous');
  const login = await panel.$$eval('[data-testid="request-row"]', (rows) => rows.find((r) => r.querySelector('[data-testid="login-reason"]')?.textContent === 'OK')?.getAttribute('data-entry'));
  expect(fred.markers.find((m) => m.kind === 'issued')?.entry).toBe(login);
  const flagged = await panel.$$eval('[data-testid="request-row"].silent-anonymous', (rows) => rows.map((r) => r.getAttribute('data-entry')!));
  const end = fred.markers.find((m) => m.kind === 'server-end')!;
  // The first answer that treated the session as anonymous: the first such page, or the dashboard's REST
  // call when it answered only after the server forgot the session (a 401).
  expect(Number(end.entry)).toBeGreaterThan(Number(login));
  expect(Number(end.entry)).toBeLessThanOrEqual(Number(flagged[0]));
  expect(lane.filter((l) => l.text.includes('user unknown'))).toEqual([]);
  expect(await panel.$eval('[data-testid="visitor-sessions"]', (el) => el.textContent)).toMatch(/\d+ anonymous visitor sessions?/);

  // The anonymous pages are ticks in the anonymous colour, right of the issued marker.
  const colours = await panel.evaluate(() => ['anonymous', 'signed-in'].map((s) => getComputedStyle(document.querySelector(`.tl-swatch.${s}`)!).backgroundColor));
  expect(colours[0]).not.toBe(colours[1]);
  // Requests within 3 px share one tick (named by its last entry, data-count says how many): on a fast machine
  // the two anonymous pages are one tick. Every flagged page is in an anonymous tick.
  const anonymous = await panel.$$eval('[data-testid="tick"][data-state="anonymous"]', (els) =>
    els.map((el) => ({ entry: el.getAttribute('data-entry'), count: Number(el.getAttribute('data-count')), fill: getComputedStyle(el.querySelectorAll('rect')[el.querySelectorAll('rect').length - 1]!).fill })),
  );
  expect(anonymous.map((t) => t.entry)).toContain(flagged.at(-1));
  expect(anonymous.reduce((n, t) => n + t.count, 0)).toBeGreaterThanOrEqual(flagged.length);
  for (const t of anonymous) expect(t.fill).toBe(colours[0]);
  // In one frame (the live window moves every second): issued, then the server-side end, then the anonymous pages.
  const xs = await panel.evaluate((entries) => {
    const centre = (sel: string) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return r.left + r.width / 2;
    };
    const lane = '[data-testid="session"][data-state="anonymous"]';
    return { issued: centre(`${lane} [data-kind="issued"] path`), end: centre(`${lane} [data-kind="server-end"] path`), lastTick: centre(`[data-testid="tick"][data-entry="${entries.at(-1)}"] rect:last-of-type`) };
  }, flagged);
  expect(xs.end).toBeGreaterThan(xs.issued);
  expect(xs.lastTick).toBeGreaterThan(xs.end - 3);

  // A click on a tick selects its request.
  const last = flagged.at(-1)!;
  await panel.click(`[data-testid="tick"][data-entry="${last}"]`);
  await panel.waitForSelector(`[data-testid="request-row"][data-entry="${last}"][aria-selected="true"]`, { timeout: 10_000 });

  // Zoom in halves the window; fit shows everything again. First the view settles (the selection's layout, the
  // last requests joining the fit): the range is read twice, 250 ms apart, the same.
  await panel.waitForFunction(() => {
    const el = document.querySelector('[data-testid="timeline-range"]')!;
    const range = `${el.getAttribute('data-start')}/${el.getAttribute('data-end')}`;
    const w = window as unknown as { __lastRange?: string };
    const settled = w.__lastRange === range;
    w.__lastRange = range;
    return settled;
  }, { polling: 250, timeout: 10_000 });
  const fitted = await span(panel);
  await panel.click('[data-testid="timeline-zoom-in"]');
  await panel.waitForFunction((s) => {
    const el = document.querySelector('[data-testid="timeline-range"]')!;
    // Halved, or down to the narrowest window (1 s) when the requests took less than two seconds.
    const d = Date.parse(el.getAttribute('data-end')!) - Date.parse(el.getAttribute('data-start')!);
    return d < s * 0.6 || (d <= 1000 && d < s);
  }, { timeout: 10_000 }, fitted);
  expect(await panel.$eval('[data-testid="timeline-fit"]', (el) => el.getAttribute('aria-pressed'))).toBe('false');
  await panel.click('[data-testid="timeline-fit"]');
  await panel.waitForSelector('[data-testid="timeline-fit"][aria-pressed="true"]', { timeout: 10_000 });
  expect(await span(panel)).toBeGreaterThanOrEqual(fitted);

  await panel.mouse.move(0, 0);
  await panel.screenshot({ path: test.info().outputPath('firefox-timeline.png') });

  // An hour passes on the panel's clock: the chart stays on the incident, across its width, with no now line.
  const fittedView = await ticksInView(panel);
  expect(fittedView.requests).toBe(fittedView.captured);
  await panel.evaluate(() => {
    const real = Date.now.bind(Date);
    Date.now = () => real() + 3600_000;
  });
  await panel.waitForFunction((t) => Date.parse(document.querySelector('[data-testid="sessions"]')!.getAttribute('data-now')!) > t, { timeout: 10_000 }, Date.now() + 59 * 60_000);
  const later = await ticksInView(panel);
  expect(later.requests).toBe(later.captured);
  // The fit keeps the requests at least two thirds of the width (a session expiry just after them may take the rest).
  expect(later.fill).toBeGreaterThan(0.66);
  expect(await panel.$('[data-testid="timeline-now"]')).toBeNull();
  await panel.screenshot({ path: test.info().outputPath('firefox-timeline-an-hour-later.png') });

  // The keyboard: Tab from the fit button into the chart, End and Enter select the newest request.
  await panel.focus('[data-testid="timeline-fit"]');
  await panel.keyboard.press('Tab');
  await panel.keyboard.press('End');
  const newest = await activeItem(panel);
  expect(newest.row).toBe('timeline-requests');
  expect(newest.label).toMatch(new RegExp(`^#${Number(newest.entry) + 1} at `));
  await panel.keyboard.press('Enter');
  await panel.waitForSelector(`[data-testid="request-row"][data-entry="${newest.entry}"][aria-selected="true"]`, { timeout: 10_000 });
  // ↓ to fred's lane, Home to the issued marker (the login), Enter selects the login.
  await panel.keyboard.press('ArrowDown');
  await panel.keyboard.press('Home');
  const issued = await activeItem(panel);
  expect(issued.row).toBe('session-events');
  expect(issued.kind).toBe('issued');
  expect(issued.entry).toBe(login);
  expect(issued.label).toMatch(new RegExp(`^issued .*\\(#${Number(login) + 1}\\)$`));
  await panel.keyboard.press('Enter');
  await panel.waitForSelector(`[data-testid="request-row"][data-entry="${login}"][aria-selected="true"]`, { timeout: 10_000 });
  expect(await panel.$$eval('[data-tl-row][tabindex="0"]', (els) => els.length)).toBe(1);
});
