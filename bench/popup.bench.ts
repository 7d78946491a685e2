/**
 * Popup: from its script starting to its first render of the tab's status (read from the copy the worker
 * keeps in storage.session), with 2,000 requests captured in the tab; warm (worker running) and after the
 * worker was stopped. Target < 100 ms. For information, the time from opening the page, which adds the
 * browser's own page load (about 150 ms for any extension page in headless Chromium on this machine).
 */
import type { Page } from '@playwright/test';
import { stopExtensionWorker } from '../e2e/support/stop-worker';
import { startEmulator } from '../e2e/emulator/server';
import { launchChromium } from './browser';
import { median, type BenchRow } from './measure';

/** Navigation start → first render, and the part of it after the popup's script started. */
async function popupTime(page: Page, url: string): Promise<{ total: number; script: number }> {
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('seraph-lens:popup-rendered').length > 0);
  const [rendered, started] = await page.evaluate(() =>
    ['seraph-lens:popup-rendered', 'seraph-lens:popup-start'].map((n) => performance.getEntriesByName(n)[0]!.startTime),
  );
  return { total: rendered!, script: rendered! - started! };
}

export async function popupBench(runs: number): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const browser = await launchChromium(true);
  try {
    const extensionId = new URL(browser.worker!.url()).host;
    const tab = await browser.context.newPage();
    await tab.goto(`${emulator.url}/__bench/loop?n=2000&batch=50`);
    await tab.waitForFunction(() => (window as unknown as { __benchDone?: boolean }).__benchDone === true, undefined, { timeout: 0 });
    const tabId = await browser.worker!.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url?.startsWith(u))?.id ?? -1, `${emulator.url}/__bench/loop`);
    const url = `chrome-extension://${extensionId}/src/popup/index.html?tabId=${tabId}`;
    const page = await browser.context.newPage();
    const warm: { total: number; script: number }[] = [];
    const cold: { total: number; script: number }[] = [];
    for (let run = 0; run <= runs; run++) {
      const w = await popupTime(page, url);
      await stopExtensionWorker(browser.context, extensionId);
      const c = await popupTime(page, url);
      if (run > 0) {
        warm.push(w);
        cold.push(c);
      }
    }
    const rows = (label: string, xs: { total: number; script: number }[]): BenchRow[] => {
      const total = median(xs.map((x) => x.total));
      const script = median(xs.map((x) => x.script));
      return [
        { bench: 'popup', case: `script start → rendered from the stored state, ${label}, 2000 requests in the tab`, value: +script.toFixed(1), unit: 'ms', target: '< 100 ms', met: script < 100 },
        { bench: 'popup', case: `  open → rendered, with the browser loading the page (info)`, value: Math.round(total), unit: 'ms' },
      ];
    };
    return [...rows('worker running', warm), ...rows('worker restarted', cold)];
  } finally {
    await browser.close();
    await emulator.close();
  }
}
