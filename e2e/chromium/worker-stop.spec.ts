/**
 * No record lost when the worker dies: a page of the emulator fires fetches at 200 a second (more than the
 * 150/s the issue asks for) while the test stops the extension's service worker through CDP a dozen times,
 * each stop ending a worker life that was handling the burst (the log counts lives in storage.session).
 * Then every X-AREQUESTID the page received must be in the tab's log, once, in the page's order
 * (support/burst.ts says which order a page can know), and nothing else. The log is kept in the order of the
 * webRequest events' timeStamps: an event Chromium delivers to the next worker after later ones, and a journal
 * write of the stopped worker that Chromium applies after the next worker stored its first records, are merged
 * into place (log-store.ts; the test prints how many records were).
 *
 * One exception, Chromium's own: the events it hands to a worker while it is stopping it (between the CDP
 * command and the worker reporting itself stopped) never run a listener, so no extension can keep them.
 * Measured with a probe fetch from the listener to the emulator: it arrived for ~94 % of the logged
 * requests and for none of the missing ones, all of which were answered inside a stopping window. Responses
 * the page received inside those windows may be missing; the test prints how many were.
 * On a loaded machine a stop takes seconds and requests wait meanwhile, so the rate over the whole test is
 * far below the 200/s offered; it is printed too.
 */
import { test, expect } from '../support/chromium';
import { burstScript, checkLog, type BurstCall } from '../support/burst';

const STOPS = Number(process.env.STOPS ?? 12);

// The burst page is not the front tab while the test opens extension pages: keep its timers at full speed.
test.use({ chromiumArgs: ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'] });

test('stopping the service worker a dozen times during a burst of 200 requests/s: every X-AREQUESTID logged is logged once, in order; none answered away from a stop is missing', async ({
  context,
  emulator,
  tabIdOf,
  stopWorkers,
  openExtensionPage,
}) => {
  test.setTimeout(600_000);
  const page = await context.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const tabId = await tabIdOf(page);
  // An extension page to ask from that does not itself talk to the worker (the options page).
  const ext = await openExtensionPage('src/options/index.html');
  const lives = () => ext.evaluate(async () => ((await chrome.storage.session.get('lives')).lives as number | undefined) ?? 0);
  await expect.poll(lives).toBeGreaterThan(0); // the running worker has loaded the log
  // Keep the whole burst (the default keeps 5,000 a tab).
  await ext.evaluate(() => chrome.storage.local.set({ settings: { sites: [], maxPerTab: 20_000, keepAcrossNavigation: true } }));
  const livesBefore = await lives();

  // 4 fetches every 20 ms: 200 a second offered, whatever the answers take.
  await page.evaluate(burstScript('/rest/api/2/serverInfo', 4, 20));
  const answered = () => page.evaluate(() => (window as unknown as { __burst: { done: number } }).__burst.done);

  const windows: [number, number][] = [];
  for (let stop = 0; stop < STOPS; stop++) {
    // Each stop ends a worker life that is handling the burst: a new life has loaded the log (the first one
    // had before the burst), and requests were answered since.
    await expect.poll(lives, { timeout: 30_000 }).toBeGreaterThanOrEqual(livesBefore + stop);
    const before = await answered();
    await expect.poll(answered, { timeout: 30_000 }).toBeGreaterThan(before + 20);
    const t0 = await page.evaluate(() => performance.now());
    await stopWorkers();
    windows.push([t0, await page.evaluate(() => performance.now())]);
  }
  await expect.poll(lives, { timeout: 30_000 }).toBeGreaterThanOrEqual(livesBefore + STOPS);
  const beforeEnd = await answered();
  await expect.poll(answered, { timeout: 30_000 }).toBeGreaterThan(beforeEnd + 50);
  await page.evaluate(() => {
    const b = (window as unknown as { __burst: { stop: boolean; finished: Promise<void> } }).__burst;
    b.stop = true;
    return b.finished;
  });
  const calls = await page.evaluate(() => (window as unknown as { __burst: { calls: BurstCall[] } }).__burst.calls);

  const loggedIds = () =>
    ext.evaluate(async (id) => {
      const log = (await chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as {
        exchanges: { url: string; responseHeaders: { name: string; value: string }[] }[];
      };
      return log.exchanges
        .filter((e) => /[?&]burst=\d+$/.test(e.url))
        .map((e) => e.responseHeaders.find((h) => h.name.toLowerCase() === 'x-arequestid')?.value ?? `(no id: ${e.url})`);
    }, tabId);
  expect(calls.filter((c) => c.id !== null).length).toBeGreaterThan(STOPS * 20);
  // Poll until two reads agree: the worker compacts what it journaled before it answers tab-log.
  let logged = await loggedIds();
  await expect.poll(async () => { const again = await loggedIds(); const same = again.length === logged.length; logged = again; return same; }, { timeout: 30_000 }).toBe(true);

  const report = checkLog(calls, logged);
  const merged = await ext.evaluate(async () => ((await chrome.storage.session.get('merged')).merged as number | undefined) ?? 0);
  test.info().annotations.push({ type: 'burst', description: `${report.received} requests at ${report.rate}/s, ${STOPS} worker stops` });
  // Where the log lacks an id, the page got that answer while Chrome was stopping the worker (between the CDP
  // command and Chrome reporting it stopped): Chrome hands such events to the worker it is tearing down, and no
  // listener runs for them. Outside those windows nothing may be missing.
  const received = new Map(calls.map((c) => [c.id, c.received]));
  const outsideStops = report.missing.filter((id) => !windows.some(([a, b]) => received.get(id)! >= a && received.get(id)! <= b));
  // The rate the page kept up between the stops (during one, Chrome holds the requests until a worker runs).
  const between = calls.filter((c) => c.id !== null && !windows.some(([a, b]) => c.received >= a && c.received <= b + 1000));
  const span = (windows.at(-1)![1] - windows[0]![0] - windows.reduce((sum, [a, b]) => sum + (b - a + 1000), 0)) / 1000;
  const steadyRate = Math.round(between.filter((c) => c.received >= windows[0]![0] && c.received <= windows.at(-1)![1]).length / span);
  console.log(
    `burst: ${report.received} answered, ${report.rate}/s over the test, ${steadyRate}/s between the stops; ${STOPS} worker stops (lives ${livesBefore} → ${await lives()}); ` +
      `${report.missing.length} answered while Chrome was stopping the worker not logged; ${merged} records that arrived out of capture order put in place`,
  );
  expect(outsideStops, 'ids the page received outside a worker stop that the log lacks').toEqual([]);
  expect(report.duplicated, 'ids logged twice').toEqual([]);
  expect(report.unexpected, 'ids the page never received').toEqual([]);
  // Until 2026-12-01 the store kept delivery order within a worker life, and CI saw a few pairs out of order
  // within 2 s of a stop with no late journal write merged: events reached a worker out of capture order.
  // The store now orders every batch by capture time. Should pairs be out of order again, say where.
  const nearStop = (id: string) => windows.some(([a, b]) => received.get(id)! >= a - 2000 && received.get(id)! <= b + 2000);
  const aroundStops = report.outOfOrder.filter(([x, y]) => nearStop(x) || nearStop(y));
  if (report.outOfOrder.length) console.log(`burst: ${report.outOfOrder.length} pairs out of order, ${aroundStops.length} of them around a worker stop`);
  expect(report.outOfOrder, 'logged before a response that reached the page before it was sent').toEqual([]);
});
