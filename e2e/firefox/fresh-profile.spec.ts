/**
 * The tests of a Firefox spec file share one browser (e2e/support/firefox.ts); each must still start as in a
 * new profile: the extension's storage empty, no cookie, no tab of the test before (as the browser lists them).
 */
import { expect, test } from '@playwright/test';
import { useEmulatorAndFirefox } from '../support/firefox';

const session = useEmulatorAndFirefox();

for (const n of [1, 2, 3]) {
  test(`Firefox: test ${n} of 3 finds nothing the one before left`, async () => {
    const { browser } = session.firefox();
    const origin = session.emulator().url;
    expect(await browser.cookies(), 'cookies').toEqual([]);
    const page = await session.firefox().openExtensionPage('src/options/index.html', `${origin}/login.jsp`);
    const stored = () => page.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      return [...Object.keys(await ext.storage.local.get(null)), ...Object.keys(await ext.storage.session.get(null)).filter((k) => k.startsWith('junk'))];
    });
    expect(await stored(), 'storage').toEqual([]);
    // The browser's own tab list (puppeteer's can lag): the blank tab (its URL is hidden) and this page only.
    const tabs = await page.evaluate(async () => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.query({})).map((t) => t.url ?? 'hidden'));
    expect(tabs.filter((u) => !u.startsWith('moz-extension:')), 'tabs').toEqual(['hidden']);

    await page.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      await ext.storage.local.set({ junk: 1 });
      await ext.storage.session.set({ junk: 1 });
    });
    expect(await stored()).toEqual(['junk', 'junk']);
    await browser.setCookie({ name: 'left', value: 'behind', domain: new URL(origin).hostname, path: '/' });
    expect(await browser.cookies()).not.toEqual([]);
  });
}
