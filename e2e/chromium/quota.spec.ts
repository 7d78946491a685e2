/**
 * A full storage.session: the oldest records of the tab holding the most bytes go first, the panel says how
 * many and, in every tab's panel, which tab lost them; capture goes on, and the quiet tab keeps everything.
 */
import { test, expect } from '../support/chromium';

test('near the storage quota the tab holding the most bytes drops its oldest records; every panel says which tab lost how many', async ({ context, emulator, tabIdOf, summaryOf, openPanel, worker }) => {
  const quiet = await context.newPage();
  await quiet.goto(`${emulator.url}/rest/api/2/myself?quiet=1`);
  const quietId = await tabIdOf(quiet);
  await expect.poll(() => summaryOf(quietId).then((s) => s.captured)).toBeGreaterThan(0);
  const quietBefore = (await summaryOf(quietId)).captured;

  // Fill storage.session until only ~600 KB are left (another extension page's data, as far as the log knows):
  // room for a few hundred records with every header, far less than the 1,500 that follow.
  const sw = await worker();
  const left = await sw.evaluate(async () => {
    const quota = chrome.storage.session.QUOTA_BYTES;
    const used = await chrome.storage.session.getBytesInUse(null);
    const fill = quota - used - 600_000;
    const chunk = 'x'.repeat(1_000_000);
    const items: Record<string, string> = {};
    for (let i = 0; i * 1_000_000 < fill; i++) items[`filler/${i}`] = chunk.slice(0, Math.min(1_000_000, fill - i * 1_000_000));
    await chrome.storage.session.set(items);
    return quota - (await chrome.storage.session.getBytesInUse(null));
  });
  expect(left).toBeLessThan(650_000);

  const busy = await context.newPage();
  await busy.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const busyId = await tabIdOf(busy);
  await busy.evaluate(async () => {
    for (let i = 0; i < 1500; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => fetch(`/rest/api/2/myself?i=${i + j}`)));
  });
  await expect.poll(() => summaryOf(busyId).then((s) => s.dropped), { timeout: 20_000 }).toBeGreaterThan(0);

  // Capture went on to the end: the last batch is in the log, the first requests are gone.
  const panel = await openPanel(busyId);
  const urls = async () =>
    ((await panel.evaluate((id) => chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } }), busyId)) as { exchanges: { url: string }[] }).exchanges.map((e) => e.url);
  await expect.poll(async () => (await urls()).some((u) => /[?&]i=14[5-9]\d$/.test(u))).toBe(true);
  expect((await urls()).some((u) => u.endsWith('?i=0'))).toBe(false);
  await expect(panel.getByTestId('summary')).toContainText(`${(await summaryOf(busyId)).dropped} oldest dropped`);

  const lost = (await summaryOf(busyId)).reclaimed;
  expect(lost).toBeGreaterThan(0);
  await expect(panel.getByTestId('storage-relief')).toContainText(`this tab (${emulator.url}) lost its ${lost} oldest requests`);
  // The quiet tab's panel says which tab lost what.
  const quietPanel = await openPanel(quietId);
  await expect(quietPanel.getByTestId('storage-relief')).toContainText(`tab ${busyId} (${emulator.url}) lost its ${lost} oldest requests`);

  // The quiet tab lost nothing.
  expect((await summaryOf(quietId)).captured).toBe(quietBefore);
  expect((await summaryOf(quietId)).dropped).toBe(0);
});
