/**
 * Page-load overhead: the emulator's Atlassian-like page (about 300 requests: HTML, scripts, styles,
 * images, /rest calls, a few 401s) loaded in the same Chromium build with and without the extension,
 * alternating runs, the browser cache disabled on both sides; median time until every request of the page
 * has settled, with ÷ without. Target ≤ 1.03. The "with" side must really capture: the count is reported.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { startEmulator } from '../e2e/emulator/server';
import { capturedCount, launchChromium } from './browser';
import { median, type BenchRow } from './measure';

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return page;
}

/** One load: navigation start to the moment the page's last request settled (performance.now in the page). */
async function load(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __benchDone?: boolean }).__benchDone === true, undefined, { timeout: 60_000 });
  return page.evaluate(() => performance.now());
}

export async function pageLoadBench(runs: number): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const withExt = await launchChromium(true);
  const without = await launchChromium(false);
  try {
    const url = `${emulator.url}/__bench/page`;
    const pages = { with: await openPage(withExt.context), without: await openPage(without.context) };
    const times = { with: [] as number[], without: [] as number[] };
    const before = await capturedCount(withExt.worker!);
    for (let run = 0; run <= runs; run++) {
      // Alternate which side goes first, so neither always runs on a warmer machine.
      const order = run % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const side of order) {
        const t = await load(pages[side], url);
        if (run > 0) times[side].push(t); // run 0 warms up both
      }
    }
    await new Promise((r) => setTimeout(r, 500)); // the last batch reaches storage
    const perLoad = Math.round(((await capturedCount(withExt.worker!)) - before) / (runs + 1));
    const w = median(times.with);
    const wo = median(times.without);
    return [
      {
        bench: 'page-load',
        case: `300-request page, median of ${runs} (${perLoad} captured per load)`,
        value: Math.round(w), unit: 'ms', baseline: Math.round(wo), ratio: +(w / wo).toFixed(3), target: '≤ 1.03 × no extension', met: w / wo <= 1.03 && perLoad > 250,
      },
    ];
  } finally {
    await withExt.close();
    await without.close();
    await emulator.close();
  }
}
