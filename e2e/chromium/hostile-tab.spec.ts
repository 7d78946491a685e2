/**
 * Fair, bounded storage: a hostile tab (120 responses with a 60 KB WWW-Authenticate each, from the emulator)
 * cannot cut a quiet tab's log of ~1,000 records. Before the caps and the byte accounting it cut such a log
 * to 71 (issue 16): header values were stored whole and quota relief went for the tab with the most records.
 */
import { test, expect } from '../support/chromium';

test('a hostile tab with 120 responses of 60 KB headers cannot cut a quiet tab of 1,000 records; its own values are stored capped', async ({
  context,
  emulator,
  tabIdOf,
  summaryOf,
  openPanel,
}) => {
  test.setTimeout(300_000);
  const quiet = await context.newPage();
  await quiet.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const quietId = await tabIdOf(quiet);
  await quiet.evaluate(async () => {
    for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => fetch(`/rest/api/2/serverInfo?q=${i + j}`).then((r) => r.text())));
  });
  await expect.poll(() => summaryOf(quietId).then((s) => s.captured), { timeout: 60_000 }).toBeGreaterThanOrEqual(1001);
  const quietBefore = await summaryOf(quietId);

  const hostile = await context.newPage();
  await hostile.goto(`${emulator.url}/secure/Dashboard.jspa?hostile`);
  const hostileId = await tabIdOf(hostile);
  const sizes = await hostile.evaluate(async () => {
    const out: number[] = [];
    for (let i = 0; i < 120; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          fetch(`/__bench/big-header?kb=60&h=${i + j}`).then((r) => {
            out.push((r.headers.get('www-authenticate') ?? '').length);
            return r.text();
          }),
        ),
      );
    }
    return out;
  });
  expect(sizes).toHaveLength(120);
  expect(Math.min(...sizes)).toBeGreaterThan(60_000); // the page really got 60 KB headers
  await expect.poll(() => summaryOf(hostileId).then((s) => s.captured), { timeout: 60_000 }).toBeGreaterThanOrEqual(121);

  // The quiet tab lost nothing.
  const quietAfter = await summaryOf(quietId);
  expect(quietAfter.captured).toBe(quietBefore.captured);
  expect(quietAfter.dropped).toBe(0);

  // The hostile tab kept all of its records, each challenge cut to a prefix that says how much was cut.
  const panel = await openPanel(hostileId);
  const log = (await panel.evaluate((id) => chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } }), hostileId)) as {
    exchanges: { url: string; responseHeaders: { name: string; value: string }[] }[];
    summary: { bytes?: number; dropped: number };
  };
  const challenges = log.exchanges.filter((e) => e.url.includes('/__bench/big-header')).map((e) => e.responseHeaders.find((h) => h.name.toLowerCase() === 'www-authenticate')?.value ?? '');
  expect(challenges).toHaveLength(120);
  for (const c of challenges) expect(c).toMatch(/^OAuth realm="x+…\[\+\d+ chars\]$/);
  expect(Math.max(...challenges.map((c) => c.length))).toBeLessThanOrEqual(1024);
  expect(log.summary.dropped).toBe(0);
  expect(log.summary.bytes).toBeLessThan(400_000); // 120 × 60 KB arrived; a small fraction is stored
});
