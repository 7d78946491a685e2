/**
 * Debian's Firefox ESR with the built extension (dist/firefox-dev), driven over WebDriver BiDi by
 * puppeteer-core. Playwright's own Firefox is a patched build we cannot download here.
 *
 * Firefox refuses `page.goto('moz-extension://…')` over BiDi; the dev build lists the extension pages in
 * web_accessible_resources, so a normal page can navigate to them with `location.href`, after which
 * `page.evaluate` runs inside the extension page (with `browser.*`). The moz-extension UUID is pinned
 * with the `extensions.webextensions.uuids` pref so tests know the URL.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
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
