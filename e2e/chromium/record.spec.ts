/**
 * "Record like Network does": the record toggle pauses and resumes capture for a tab without closing
 * anything (badge, popup and panel say so, a worker restart keeps it), and the export holds exactly the
 * log, also after a worker restart and across navigations, in a file named after the site and the time.
 * One request exports as a one-entry HAR and copies as a HAR entry or cURL, with no secret in any of them.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';
import { PAUSED_STYLE } from '../../src/background/badge-look';
import type { CapturedExchange, PauseState } from '../../src/shared/protocol';

// Worker stops and several pages: slow on a loaded 2-core machine.
test.describe.configure({ timeout: 180_000 });

/** The tab's log as the worker has it (it compacts what it journaled before it answers). */
const logOf = (ext: Page, tabId: number) =>
  ext.evaluate(async (id) => ((await chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as { exchanges: CapturedExchange[] }).exchanges, tabId);
const urlsOf = async (ext: Page, tabId: number) => (await logOf(ext, tabId)).map((e) => e.url);
const pauseOf = (ext: Page, tabId: number) =>
  ext.evaluate((id) => chrome.runtime.sendMessage({ kind: 'pause-state', body: { tabId: id } }) as Promise<PauseState>, tabId);
const fetchAll = (page: Page, paths: string[]) =>
  page.evaluate((ps) => Promise.all(ps.map((p) => fetch(p).then((r) => r.status))), paths);
/** The log's size once two reads a moment apart agree (nothing is on its way into it). */
async function settledCount(ext: Page, tabId: number): Promise<number> {
  let last = -1;
  await expect
    .poll(async () => {
      const n = (await logOf(ext, tabId)).length;
      const same = n === last;
      last = n;
      return same;
    }, { intervals: [300, 500, 1000] })
    .toBe(true);
  return last;
}

test('the record toggle pauses and resumes a tab\'s capture; badge, popup and panel say so; a worker restart keeps the pause', async ({
  context, emulator, tabIdOf, openPanel, openPopup, openExtensionPage, badgeLookOf, stopWorkers,
}, testInfo) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);
  const ext = await openExtensionPage('src/options/index.html');
  const panel = await openPanel(tabId);
  await expect(panel.getByTestId('request-row').first()).toBeVisible();
  const toggle = panel.getByTestId('record-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(toggle).toHaveAttribute('title', 'Stop recording');

  // Pause from the panel: requests the page makes now are dropped and counted, the log keeps what it had.
  const before = await settledCount(ext, tabId);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(toggle).toHaveAttribute('title', 'Record');
  expect(await fetchAll(page, ['/rest/api/2/myself?during=pause-1', '/rest/api/2/myself?during=pause-2', '/rest/api/2/serverInfo?during=pause-3'])).toEqual([200, 200, 200]);
  await expect(panel.getByTestId('record-paused')).toHaveText('Capture paused: 3 requests not recorded');
  expect((await urlsOf(ext, tabId)).filter((u) => u.includes('during=pause'))).toEqual([]);
  expect(await settledCount(ext, tabId)).toBe(before);
  await expect.poll(() => badgeLookOf(tabId)).toMatchObject({ ...PAUSED_STYLE });
  expect((await badgeLookOf(tabId)).title).toContain('Capture paused for this tab. 3 requests not recorded while paused.');
  await panel.screenshot({ path: testInfo.outputPath('record-paused.png') });

  // A page load while paused is not recorded either, and does not clear the log.
  await page.goto(`${emulator.url}/browse/ABC-1?during=pause-4`);
  await expect.poll(async () => (await pauseOf(ext, tabId)).skipped).toBeGreaterThanOrEqual(4);

  // The worker stops (Chrome does so after 30 s idle): the next worker still drops this tab's requests,
  // also those that woke it before it had read the pause state.
  await stopWorkers();
  expect(await fetchAll(page, ['/rest/api/2/myself?during=pause-after-stop'])).toEqual([200]);
  await expect.poll(async () => (await pauseOf(ext, tabId)).skipped).toBeGreaterThanOrEqual(5);
  expect((await urlsOf(ext, tabId)).filter((u) => u.includes('during=pause'))).toEqual([]);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false'); // the panel reconnected: still paused

  const popup = await openPopup(tabId);
  await expect(popup.getByTestId('popup-paused')).toContainText('Capture paused for this tab');
  await expect(popup.getByTestId('popup-paused')).toContainText(/\d+ requests not recorded/);
  await popup.screenshot({ path: testInfo.outputPath('popup-paused.png') });

  // Resume from the popup: the panel hears it, new requests are recorded again.
  await popup.getByTestId('popup-resume').click();
  await expect(popup.getByTestId('popup-paused')).toHaveCount(0);
  await expect(popup.getByTestId('popup-pause')).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('record-paused')).toHaveCount(0);
  expect(await fetchAll(page, ['/rest/api/2/myself?during=resumed'])).toEqual([200]);
  await expect.poll(async () => (await urlsOf(ext, tabId)).filter((u) => u.includes('during='))).toEqual([`${emulator.url}/rest/api/2/myself?during=resumed`]);
  await expect.poll(() => badgeLookOf(tabId).then((b) => b.text)).not.toBe(PAUSED_STYLE.text);
  expect((await pauseOf(ext, tabId)).paused).toBe(false);
});

test('the export holds exactly the log after a worker restart and across navigations (keep log on), named after the site and the time', async ({
  context, emulator, tabIdOf, openPanel, openExtensionPage, stopWorkers,
}) => {
  const ext = await openExtensionPage('src/options/index.html');
  await ext.evaluate(() => chrome.storage.local.set({ settings: { sites: [], maxPerTab: 5000, keepAcrossNavigation: true } }));
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);
  await page.goto(`${emulator.url}/browse/ABC-1`);
  await fetchAll(page, ['/rest/api/2/myself?n=1', '/rest/api/2/serverInfo?n=2']);
  const panel = await openPanel(tabId);
  await expect(panel.getByTestId('request-row').first()).toBeVisible();

  await stopWorkers();
  // Navigations and fetches after the restart, while the panel reconnects.
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  await fetchAll(page, ['/rest/api/2/myself?n=3']);
  await page.goto(`${emulator.url}/browse/ABC-7`);
  await fetchAll(page, ['/rest/api/2/myself?n=4', '/rest/api/2/myself?n=5']);

  const count = await settledCount(ext, tabId);
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-har').click()]);
  const har = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { log: { entries: { request: { url: string } }[] } };
  const logged = await urlsOf(ext, tabId);
  expect(logged).toHaveLength(count); // nothing arrived meanwhile: the export and the log are of one moment
  expect(har.log.entries.map((e) => e.request.url)).toEqual(logged);
  // Every page of the tab is there, from before the restart and the navigations too.
  for (const path of ['/login.jsp', '/secure/Dashboard.jspa', '/browse/ABC-1', '/rest/api/2/myself?n=1', '/issues/?jql=project%3DABC', '/browse/ABC-7', '/rest/api/2/myself?n=5']) {
    expect(logged).toContain(`${emulator.url}${path}`);
  }
  await expect(panel.getByTestId('summary')).toContainText(`${count} requests`);

  const host = new URL(emulator.url);
  const name = download.suggestedFilename();
  expect(name).toMatch(new RegExp(`^seraph-lens_${host.hostname.replace(/\./g, '\\.')}-${host.port}_\\d{4}-\\d{2}-\\d{2}_\\d{6}\\.har$`));
  const [, date, time] = /_(\d{4}-\d{2}-\d{2})_(\d{6})\.har$/.exec(name)!;
  const stamp = new Date(`${date}T${time!.slice(0, 2)}:${time!.slice(2, 4)}:${time!.slice(4)}`);
  expect(Math.abs(Date.now() - stamp.getTime())).toBeLessThan(5 * 60_000); // the browser's local time of the export
  expect(name).not.toContain(String(tabId) + '.har');
});

test('one request exports as a one-entry HAR and copies as a HAR entry and as cURL, with no secret', async ({ context, emulator, tabIdOf, openPanel }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await signIn(page, emulator.url);
  expect(await fetchAll(page, ['/rest/api/2/myself?one=1'])).toEqual([200]);
  const tabId = await tabIdOf(page);
  const panel = await openPanel(tabId);
  const cookies = (await context.cookies(emulator.url)).filter((c) => c.value.length >= 8);
  expect(cookies.some((c) => c.name === 'JSESSIONID')).toBe(true);

  await panel.getByTestId('filter-auth-only').uncheck();
  await panel.getByTestId('filter-text').fill('myself?one=1');
  await panel.getByTestId('request-row').first().click();
  await panel.keyboard.press('Enter');
  const detail = panel.getByTestId('request-detail');
  await expect(detail.getByTestId('detail-url')).toContainText('myself?one=1');

  const [download] = await Promise.all([panel.waitForEvent('download'), detail.getByTestId('export-request').click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  const har = JSON.parse(text) as { log: { version: string; entries: { request: { url: string; headers: { name: string; value: string }[] } }[] } };
  expect(har.log.version).toBe('1.2');
  expect(har.log.entries).toHaveLength(1);
  expect(har.log.entries[0]!.request.url).toBe(`${emulator.url}/rest/api/2/myself?one=1`);
  expect(har.log.entries[0]!.request.headers.find((h) => h.name.toLowerCase() === 'cookie')?.value).toMatch(/JSESSIONID=\[redacted \d+\]/);
  expect(download.suggestedFilename()).toMatch(/^seraph-lens_127\.0\.0\.1-\d+_\d{4}-\d{2}-\d{2}_\d{6}_request-\d+\.har$/);

  await detail.getByTestId('copy-har-entry').click();
  await expect(detail.getByTestId('request-export-status')).toHaveText('Copied the HAR entry.');
  const entry = await panel.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(entry).request.url).toBe(`${emulator.url}/rest/api/2/myself?one=1`);

  await detail.getByTestId('copy-request-curl').click();
  await expect(detail.getByTestId('request-export-status')).toHaveText('Copied the cURL command.');
  const curl = await panel.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain(`'${emulator.url}/rest/api/2/myself?one=1'`);
  expect(curl).toContain('JSESSIONID=$JIRA_SESSION');

  for (const out of [text, entry, curl]) {
    for (const c of cookies) expect(out).not.toContain(c.value);
    expect(out).not.toContain('os_password=fred');
  }
  await panel.screenshot({ path: test.info().outputPath('request-export.png') });
});

test('keep log off: the log and its export start at the last navigation; a paused tab\'s navigation clears nothing', async ({
  context, emulator, tabIdOf, openPanel, openExtensionPage,
}) => {
  const ext = await openExtensionPage('src/options/index.html');
  await ext.evaluate(() => chrome.storage.local.set({ settings: { sites: [], maxPerTab: 5000, keepAcrossNavigation: false } }));
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);
  await page.goto(`${emulator.url}/browse/ABC-1`);
  await fetchAll(page, ['/rest/api/2/myself?k=1']);
  const panel = await openPanel(tabId);
  const exported = async () => {
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByTestId('export-har').click()]);
    return JSON.parse(readFileSync((await download.path())!, 'utf8')) as { log: { comment?: string; entries: { request: { url: string } }[] } };
  };

  await expect.poll(async () => (await urlsOf(ext, tabId)).at(-1)).toBe(`${emulator.url}/rest/api/2/myself?k=1`);
  await settledCount(ext, tabId);
  const logged = await urlsOf(ext, tabId);
  expect(logged[0]).toBe(`${emulator.url}/browse/ABC-1`); // the login and the dashboard went with the navigation
  expect((await exported()).log.entries.map((e) => e.request.url)).toEqual(logged);

  await panel.getByTestId('record-toggle').click();
  await expect(panel.getByTestId('record-toggle')).toHaveAttribute('aria-pressed', 'false');
  await page.goto(`${emulator.url}/browse/ABC-7`);
  await expect(panel.getByTestId('record-paused')).toContainText('not recorded');
  expect(await urlsOf(ext, tabId)).toEqual(logged); // paused: the navigation cleared nothing, added nothing
  const har = await exported();
  expect(har.log.entries.map((e) => e.request.url)).toEqual(logged);
  expect(har.log.comment).toMatch(/\d+ requests? (was|were) not recorded while capture was paused/);
});
