/**
 * The tests of a worker share one Chromium (e2e/support/chromium.ts); each must still start as in a new
 * profile: nothing in the extension's memory or storage, no cookie, no tab of the test before.
 */
import { test, expect } from '../support/chromium';

type Marked = { leftByATest?: number };

for (const n of [1, 2, 3]) {
  test(`test ${n} of 3 finds nothing the one before left`, async ({ worker, context, emulator }) => {
    const w = await worker();
    expect(await w.evaluate(() => (globalThis as Marked).leftByATest ?? 0), 'worker memory').toBe(0);
    expect(await w.evaluate(async () => Object.keys(await chrome.storage.local.get(null))), 'storage.local').toEqual([]);
    expect(await w.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('junk'))), 'storage.session').toEqual([]);
    expect(await context.cookies(), 'cookies').toEqual([]);
    expect(context.pages().map((p) => p.url()), 'tabs').toEqual(['about:blank']);

    await w.evaluate(() => {
      (globalThis as Marked).leftByATest = 1;
    });
    await w.evaluate(() => chrome.storage.local.set({ junk: 1 }));
    await w.evaluate(() => chrome.storage.session.set({ junk: 1 }));
    const page = await context.newPage();
    await page.goto(`${emulator.url}/login.jsp`);
    await context.addCookies([{ name: 'left', value: 'behind', url: emulator.url }]);
    expect(await context.cookies()).not.toEqual([]);
  });
}
