/**
 * Debian's Firefox ESR with the built extension (dist/firefox-dev), driven over WebDriver BiDi by
 * puppeteer-core. Playwright's own Firefox is a patched build we cannot download here.
 *
 * Firefox refuses `page.goto('moz-extension://…')` over BiDi; the dev build lists the extension pages in
 * web_accessible_resources, so a normal page can navigate to them with `location.href`, after which
 * `page.evaluate` runs inside the extension page (with `browser.*`). The moz-extension UUID is pinned
 * with the `extensions.webextensions.uuids` pref so tests know the URL.
 */
import { expect, test } from '@playwright/test';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server';
import { GECKO_ID } from '../../src/shared/extension-ids';
import { DIST_FIREFOX, FIREFOX } from './paths';

export const FIREFOX_EXTENSION_UUID = '3f9c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxSession {
  browser: Browser;
  close(): Promise<void>;
  /** Opens an extension page (path like `src/panel/index.html?tabId=3`) in a new tab. */
  openExtensionPage(pathAndQuery: string, from: string): Promise<Page>;
}

export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      ...prefs,
    },
  });
  await browser.installExtension(DIST_FIREFOX);
  return {
    browser,
    close: () => browser.close(),
    async openExtensionPage(pathAndQuery, from) {
      const page = await browser.newPage();
      await page.goto(from);
      const target = `${FIREFOX_EXTENSION_ORIGIN}/${pathAndQuery}`;
      await page.evaluate((url) => {
        location.href = url;
      }, target);
      // page.url() may keep showing the old URL over BiDi: wait on the document instead.
      await page.waitForFunction(() => location.protocol === 'moz-extension:', { timeout: 15_000 });
      return page;
    },
  };
}

/**
 * A fresh emulator and Firefox per test, for a spec file: call at its top level; the getters return
 * this test's instances.
 */
export function useEmulatorAndFirefox(prefs: Record<string, unknown> = {}, emulatorOptions: EmulatorOptions = {}): { emulator(): Emulator; firefox(): FirefoxSession } {
  let emulator: Emulator | undefined;
  let firefox: FirefoxSession | undefined;
  test.beforeEach(async () => {
    emulator = await startEmulator(emulatorOptions);
    firefox = await launchFirefox(prefs);
  });
  test.afterEach(async () => {
    await firefox?.close();
    await emulator?.close();
  });
  return { emulator: () => emulator!, firefox: () => firefox! };
}

/** The login form of the emulated Jira, as a person fills it; resolves on the page after the login. */
export async function signInFirefox(page: Page, origin: string, user = 'fred', password = user): Promise<void> {
  await page.goto(`${origin}/login.jsp`);
  await page.type('input[name="os_username"]', user);
  await page.type('input[name="os_password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('[type="submit"]')]);
  // The dashboard's own REST call (its issue count) must answer before a test expires the session, or it
  // races the expiry and sometimes adds a 401 to the story.
  await page.waitForFunction(() => document.querySelector('[data-testid="issue-count"]')?.textContent !== '…', { timeout: 15_000 });
}

/** From inside an extension page: the id of the tab whose URL starts with `urlPrefix`, or null. */
export function tabIdFrom(extensionPage: Page, urlPrefix: string): Promise<number | null> {
  return extensionPage.evaluate(async (prefix) => {
    const tabs = await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({});
    return tabs.find((t) => t.url?.startsWith(prefix))?.id ?? null;
  }, urlPrefix);
}

/**
 * The panel for the tab whose URL starts with `urlPrefix`: an extension page opened from `from` (a page of the
 * test server, since Firefox cannot navigate to moz-extension: from nowhere), then shown for that tab's id.
 */
export async function openPanelFor(firefox: FirefoxSession, from: string, urlPrefix: string): Promise<{ panel: Page; tabId: number }> {
  const panel = await firefox.openExtensionPage('src/panel/index.html', from);
  const tabId = await tabIdFrom(panel, urlPrefix);
  expect(tabId, `a tab at ${urlPrefix}`).not.toBeNull();
  await panel.evaluate((id) => {
    location.search = `?tabId=${id}`;
  }, tabId);
  return { panel, tabId: tabId! };
}
