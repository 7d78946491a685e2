/**
 * The badge scenario in Firefox ESR: signed in, then the session expires and a page is served anonymously.
 * The badge is read with `browser.action.getBadgeText` from an extension page; the popup page shows the user.
 */
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { signInFirefox, tabIdFrom, useEmulatorAndFirefox } from '../support/firefox';
import { BADGE_STYLE } from '../../src/background/badge-look';
import { poll } from '../support/poll';

const session = useEmulatorAndFirefox();

async function badgeOf(page: Page, tabId: number): Promise<{ text: string; title: string }> {
  return page.evaluate(async (id) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    return { text: await b.action.getBadgeText({ tabId: id }), title: await b.action.getTitle({ tabId: id }) };
  }, tabId);
}

test('Firefox: the badge says signed in, then EXP after the session silently turned anonymous; the popup names the user', async () => {
  const emulator = session.emulator();
  const firefox = session.firefox();
  const page = await firefox.browser.newPage();
  await signInFirefox(page, emulator.url);

  const probe = await firefox.openExtensionPage('src/popup/index.html?tabId=0', `${emulator.url}/__emulator/`);
  const tabId = await tabIdFrom(probe, `${emulator.url}/secure/Dashboard.jspa`);
  expect(tabId).not.toBeNull();

  const signedIn = await poll(() => badgeOf(probe, tabId!), (b) => b.text === BADGE_STYLE['signed-in'].text);
  expect(signedIn.text).toBe(BADGE_STYLE['signed-in'].text);
  expect(signedIn.title).toContain('as fred');

  await probe.evaluate((id) => {
    location.search = `?tabId=${id}`;
  }, tabId);
  await probe.waitForSelector('[data-testid="origin-user"]', { timeout: 15_000 });
  expect(await probe.$eval('[data-testid="origin-user"]', (el) => el.textContent)).toBe('fred');

  emulator.expireAllSessions();
  await page.bringToFront();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  const expired = await poll(() => badgeOf(probe, tabId!), (b) => b.text === BADGE_STYLE.expired.text);
  expect(expired.text).toBe(BADGE_STYLE.expired.text);
  expect(expired.title).toContain('Session expired');
});
