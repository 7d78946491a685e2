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
import { forgetExtensionState } from './extension-state';

export const FIREFOX_EXTENSION_UUID = '3f9c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxSession {
  browser: Browser;
  close(): Promise<void>;
  /**
   * As a new profile would be for the next test: one blank tab, no cookies, the extension's storage empty
   * and the extension reloaded. `from`: a page of the test server to reach the extension's pages from.
   */
  reset(from: string): Promise<void>;
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

  async function openExtensionPage(pathAndQuery: string, from: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(from);
    const target = `${FIREFOX_EXTENSION_ORIGIN}/${pathAndQuery}`;
    await page.evaluate((url) => {
      location.href = url;
    }, target);
    // page.url() may keep showing the old URL over BiDi: wait on the document instead.
    await page.waitForFunction(() => location.protocol === 'moz-extension:', { timeout: 15_000 });
    return page;
  }

  /** Closes every tab but a new blank one (puppeteer may still list a tab Firefox closed: errors aside). */
  async function closeTabs(): Promise<void> {
    const blank = await browser.newPage();
    await Promise.all((await browser.pages()).filter((page) => page !== blank).map((page) => page.close().catch(() => undefined)));
  }

  return {
    browser,
    close: () => browser.close(),
    openExtensionPage,
    async reset(from) {
      await closeTabs();
      // The extension as just installed: its storage emptied, then reloaded (nothing in memory). Not a
      // reinstall: uninstalling forgets the pinned UUID, and the extension's URL would change.
      const page = await openExtensionPage('src/options/index.html', from);
      await page.evaluate(forgetExtensionState);
      await page.evaluate(() => {
        setTimeout(() => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.reload(), 0); // after this answer: the reload closes this page
      });
      // Back once its pages load again (until then Firefox denies the navigation).
      for (let tries = 0; ; tries++) {
        const again = await openExtensionPage('src/options/index.html', from).catch((err: Error) => err);
        if (!(again instanceof Error)) break;
        if (tries === 100) throw again;
        await new Promise((r) => setTimeout(r, 50));
      }
      await closeTabs();
      const cookies = await browser.cookies();
      if (cookies.length) await browser.deleteCookie(...cookies);
    },
  };
}

/**
 * A fresh emulator per test and one Firefox per spec file (a launch costs seconds; issue 28.3), handed to
 * each test as a new profile would be (`reset`), and launched again after a test that failed. For a spec
 * file: call at its top level; the getters return this test's instances.
 */
export function useEmulatorAndFirefox(prefs: Record<string, unknown> = {}, emulatorOptions: EmulatorOptions = {}): { emulator(): Emulator; firefox(): FirefoxSession } {
  let emulator: Emulator | undefined;
  let firefox: FirefoxSession | undefined;
  test.beforeEach(async () => {
    emulator = await startEmulator(emulatorOptions);
    if (firefox) await firefox.reset(`${emulator.url}/`).catch(() => closeFirefox());
    firefox ??= await launchFirefox(prefs);
  });
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a hook's fixtures from this pattern
  test.afterEach(async ({}, testInfo) => {
    await emulator?.close();
    if (testInfo.status !== testInfo.expectedStatus) await closeFirefox();
  });
  test.afterAll(() => closeFirefox());
  async function closeFirefox(): Promise<void> {
    const open = firefox;
    firefox = undefined;
    await open?.close().catch(() => undefined);
  }
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
  // Until the panel for that tab has loaded, an evaluate may still reach the document being left.
  await panel.waitForFunction((id) => location.protocol === 'moz-extension:' && location.search === `?tabId=${id}` && document.readyState === 'complete', { timeout: 15_000 }, tabId!);
  return { panel, tabId: tabId! };
}
