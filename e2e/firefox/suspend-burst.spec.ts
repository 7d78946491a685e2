/**
 * No record lost when Firefox suspends the event page: a dozen bursts of fetches from a page of the emulator
 * at 200 a second, each followed by enough quiet for Firefox to suspend the idle event page
 * (`extensions.background.idle.timeout`, 500 ms here), so each next burst wakes a new one. The tab's log
 * must hold every X-AREQUESTID the page received, each once, in the page's order (support/burst.ts), and the
 * log must say it went through a new event-page life per burst.
 *
 * No BiDi command suspends the event page on demand and Firefox signals it to no page, so the quiet between
 * bursts is a wait, several times the idle timeout; the lives counter then says whether it happened.
 */
import { test, expect } from '@playwright/test';
import { useEmulatorAndFirefox } from '../support/firefox';
import { burstScript, checkLog, type BurstCall } from '../support/burst';

const IDLE_MS = 500;
const ROUNDS = 12;
const session = useEmulatorAndFirefox({ 'extensions.background.idle.timeout': IDLE_MS });

test('Firefox: a dozen bursts of 200 requests/s, each waking a suspended event page, are all logged: every X-AREQUESTID once, in order', async () => {
  test.setTimeout(600_000);
  const emulator = session.emulator();
  const firefox = session.firefox();
  // The extension page the test asks from; first, keep the whole run (the default keeps 5,000 a tab).
  const ext = await firefox.openExtensionPage('src/options/index.html', `${emulator.url}/__emulator/`);
  await ext.evaluate(() =>
    (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set({ settings: { sites: [], maxPerTab: 20_000, keepAcrossNavigation: true } }),
  );
  const page = await firefox.browser.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);

  const calls: BurstCall[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // 4 fetches every 20 ms for about a second and a half.
    await page.evaluate(burstScript('/rest/api/2/serverInfo', 4, 20));
    // Strings, not functions: puppeteer serializes functions as compiled, helpers and all.
    await page.waitForFunction('window.__burst.calls.length >= 300', { timeout: 60_000, polling: 50 });
    const got = (await page.evaluate('(async () => { const b = window.__burst; b.stop = true; await b.finished; return b.calls; })()')) as BurstCall[];
    calls.push(...got);
    await new Promise((r) => setTimeout(r, 4 * IDLE_MS)); // quiet: the event page is suspended
  }

  const lives = await ext.evaluate(async () => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    return ((await b.storage.session.get('lives')).lives as number | undefined) ?? 0;
  });
  const loggedIds = () =>
    ext.evaluate(async (origin) => {
      const b = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tab = (await b.tabs.query({})).find((t) => t.url?.startsWith(`${origin}/secure/Dashboard.jspa`));
      const log = (await b.runtime.sendMessage({ kind: 'tab-log', body: { tabId: tab!.id } })) as {
        exchanges: { url: string; responseHeaders: { name: string; value: string }[] }[];
      };
      return log.exchanges
        .filter((e) => /[?&]burst=\d+$/.test(e.url))
        .map((e) => e.responseHeaders.find((h) => h.name.toLowerCase() === 'x-arequestid')?.value ?? `(no id: ${e.url})`);
    }, emulator.url);
  let logged = await loggedIds();
  await expect
    .poll(async () => {
      const again = await loggedIds();
      const same = again.length === logged.length;
      logged = again;
      return same;
    }, { timeout: 30_000 })
    .toBe(true);

  const report = checkLog(calls, logged);
  // What the store says it dropped (retention or freeing storage): a missing id it did not drop is lost.
  const summary = await ext.evaluate(async (origin) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tab = (await b.tabs.query({})).find((t) => t.url?.startsWith(`${origin}/secure/Dashboard.jspa`));
    return ((await b.runtime.sendMessage({ kind: 'tab-log', body: { tabId: tab!.id } })) as { summary: unknown }).summary;
  }, emulator.url);
  console.log(`firefox burst: log summary ${JSON.stringify(summary)}`);
  console.log(`firefox burst: ${report.received} answered in ${ROUNDS} bursts, ${lives} event-page lives, ${report.missing.length} missing`);
  expect(report.received).toBeGreaterThanOrEqual(ROUNDS * 300 * 0.9);
  // Storage relief may drop the tab's oldest records (every header is kept, so a burst this long fills the
  // budget): those are counted in `dropped`. Any other missing id is an event lost.
  const dropped = (summary as { dropped: number }).dropped;
  expect(report.missing.length, 'missing beyond what the store says it dropped').toBeLessThanOrEqual(dropped);
  // Relief drops whole stored chunks, oldest first: what it dropped is old, never the last bursts.
  const lastRounds = new Set(calls.slice(-Math.floor(calls.length / 3)).map((c) => c.id));
  expect(report.missing.filter((id) => lastRounds.has(id)), 'ids of the last bursts that the log lacks').toEqual([]);
  expect(report.duplicated, 'ids logged twice').toEqual([]);
  expect(report.unexpected, 'ids the page never received').toEqual([]);
  expect(report.outOfOrder, 'logged before a response that reached the page before it was sent').toEqual([]);
  // Each burst after the first woke a suspended event page, which counted itself when it loaded the log.
  expect(lives).toBeGreaterThanOrEqual(ROUNDS);
});
