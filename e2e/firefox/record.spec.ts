/**
 * The record toggle in Firefox ESR: paused from the popup, the tab's requests are not logged (also those
 * after the event page was suspended for idleness and woke again), the badge says paused; resumed from the
 * popup, new requests are logged again.
 */
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { signInFirefox, tabIdFrom, useEmulatorAndFirefox } from '../support/firefox';
import { PAUSED_STYLE } from '../../src/background/badge-look';
import type { PauseState } from '../../src/shared/protocol';
import { poll } from '../support/poll';

// The event page is suspended after 1 s idle (30 s by default), so a pause must survive it.
const session = useEmulatorAndFirefox({ 'extensions.background.idle.timeout': 1000 });
test.describe.configure({ timeout: 180_000 });

const ext = (page: Page) => ({
  urls: (tabId: number) =>
    page.evaluate(async (id) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      return ((await b.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as { exchanges: { url: string }[] }).exchanges.map((e) => e.url);
    }, tabId),
  pause: (tabId: number) =>
    page.evaluate((id) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ kind: 'pause-state', body: { tabId: id } }) as Promise<PauseState>, tabId),
  badge: (tabId: number) =>
    page.evaluate((id) => (globalThis as unknown as { browser: typeof chrome }).browser.action.getBadgeText({ tabId: id }), tabId),
});

const fetchAll = (page: Page, paths: string[]) => page.evaluate((ps) => Promise.all(ps.map((p) => fetch(p).then((r) => r.status))), paths);

test('Firefox: pause from the popup drops the tab\'s requests, across an idle suspension; resume records again', async () => {
  const emulator = session.emulator();
  const firefox = session.firefox();
  const page = await firefox.browser.newPage();
  await signInFirefox(page, emulator.url);

  const popup = await firefox.openExtensionPage('src/popup/index.html?tabId=0', `${emulator.url}/__emulator/`);
  const tabId = (await tabIdFrom(popup, `${emulator.url}/secure/Dashboard.jspa`))!;
  expect(tabId).not.toBeNull();
  const worker = ext(popup);
  await popup.evaluate((id) => {
    location.search = `?tabId=${id}`;
  }, tabId);
  await popup.waitForSelector('[data-testid="popup-pause"]', { timeout: 15_000 });
  await popup.click('[data-testid="popup-pause"]');
  await popup.waitForSelector('[data-testid="popup-paused"]', { timeout: 15_000 });
  expect((await worker.pause(tabId)).paused).toBe(true);

  expect(await fetchAll(page, ['/rest/api/2/myself?during=pause-1', '/rest/api/2/myself?during=pause-2'])).toEqual([200, 200]);
  await new Promise((r) => setTimeout(r, 3000)); // idle: the event page is suspended
  expect(await fetchAll(page, ['/rest/api/2/myself?during=pause-3'])).toEqual([200]);
  expect((await poll(() => worker.pause(tabId), (p) => p.skipped >= 3)).skipped).toBeGreaterThanOrEqual(3);
  expect((await worker.urls(tabId)).filter((u) => u.includes('during='))).toEqual([]);
  expect(await poll(() => worker.badge(tabId), (t) => t === PAUSED_STYLE.text)).toBe(PAUSED_STYLE.text);

  await popup.evaluate(() => location.reload());
  await popup.waitForSelector('[data-testid="popup-resume"]', { timeout: 15_000 });
  expect(await popup.$eval('[data-testid="popup-paused"]', (el) => el.textContent)).toMatch(/Capture paused for this tab: \d+ requests not recorded/);
  await popup.click('[data-testid="popup-resume"]');
  await popup.waitForSelector('[data-testid="popup-pause"]', { timeout: 15_000 });

  expect(await fetchAll(page, ['/rest/api/2/myself?during=resumed'])).toEqual([200]);
  const logged = await poll(() => worker.urls(tabId), (urls) => urls.some((u) => u.includes('during=resumed')));
  expect(logged.filter((u) => u.includes('during='))).toEqual([`${emulator.url}/rest/api/2/myself?during=resumed`]);
  expect(await poll(() => worker.badge(tabId), (t) => t !== PAUSED_STYLE.text)).not.toBe(PAUSED_STYLE.text);
});
