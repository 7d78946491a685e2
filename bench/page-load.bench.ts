/**
 * Page-load overhead: the emulator's Atlassian-like page (HTML + 300 subresources: scripts, styles, images,
 * /rest calls of which 10 answer 401) loaded in the same Chromium build with Seraph Lens (dist/chrome-dev,
 * which watches http://127.0.0.1/*) and with an empty extension, one browser each, alternating loads (which
 * side goes first alternates too), after warm-up loads on both. The time is the page's own: navigation start
 * to the moment both the load event has fired and every fetch has settled. Every answer is `no-store`, so
 * both sides fetch everything every time (no cache on either side). Median with ÷ without; target ≤ 1.03.
 *
 * The "with" side must really capture: after each load the harness waits until the worker has stored one
 * record per request the emulator answered for that load, and reports the counts (a load whose requests
 * were not all captured makes the row fail). Driven over a bare CDP pipe (cdp.ts), not Playwright, whose
 * per-request Network events would cost both sides more than the extension does.
 */
import { startEmulator } from '../e2e/emulator/server';
import { launchRaw, type RawBrowser, type Tab } from './cdp';
import { median, type BenchRow } from './measure';

const WARMUP = 2;

/** Records the worker has numbered, all tabs (the log's per-tab running numbers; kept across navigations by default). */
const CAPTURED = `chrome.storage.session.get('idx').then(({ idx }) => Object.values(idx ?? {}).reduce((sum, tab) => sum + tab.seq, 0))`;

async function load(tab: Tab, url: string): Promise<number> {
  await tab.goto(url);
  return tab.evaluate<number>('window.__benchSettled');
}

/** Waits until the worker has stored `want` more records than `before` (or gives up after `ms`); returns how many it stored. */
async function capturedSince(browser: RawBrowser, before: number, want: number, since: number, ms = 20_000): Promise<{ count: number; lagMs: number }> {
  const t0 = performance.now();
  let count = 0;
  for (;;) {
    const now = await browser.workerEval<number>(CAPTURED);
    count = now >= before ? now - before : now; // a cleared log starts again from 0
    if (count >= want || performance.now() - t0 > ms) return { count, lagMs: performance.now() - since };
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function pageLoadBench(runs: number): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const sides = { with: await launchRaw(true), without: await launchRaw(false) };
  try {
    const url = `${emulator.url}/__bench/page`;
    const tabs = { with: await sides.with.newTab(), without: await sides.without.newTab() };
    const times = { with: [] as number[], without: [] as number[] };
    const served: number[] = [];
    const captured: number[] = [];
    const lags: number[] = [];
    for (let run = 0; run < WARMUP + runs; run++) {
      const order = run % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const side of order) {
        const before = side === 'with' ? await sides.with.workerEval<number>(CAPTURED) : 0;
        const answered = emulator.requests.length;
        const t = await load(tabs[side], url);
        const done = performance.now();
        if (side === 'with') {
          // The browser may still ask for the favicon after the page is done: count what was answered by now.
          await new Promise((r) => setTimeout(r, 100));
          const want = emulator.requests.length - answered;
          const got = await capturedSince(sides.with, before, want, done);
          served.push(want);
          captured.push(got.count);
          lags.push(got.lagMs);
        } else {
          await new Promise((r) => setTimeout(r, 100)); // the same pause on both sides
        }
        if (run >= WARMUP) times[side].push(t);
      }
    }
    const w = median(times.with);
    const wo = median(times.without);
    const allCaptured = captured.every((c, i) => c === served[i]);
    const spread = (xs: number[]) => `${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}`;
    return [
      {
        bench: 'page-load',
        case: `Atlassian-like page, ${served[0]} requests, median of ${runs} loads each (+${WARMUP} warm-up), with ÷ empty extension`,
        value: Math.round(w),
        unit: 'ms',
        baseline: Math.round(wo),
        ratio: +(w / wo).toFixed(3),
        target: '≤ 1.03',
        met: w / wo <= 1.03 && allCaptured,
      },
      { bench: 'page-load', case: `  with − without, medians (info; ranges ${spread(times.with)} and ${spread(times.without)} ms)`, value: Math.round(w - wo), unit: 'ms' },
      {
        bench: 'page-load',
        case: `  captured ÷ answered by the emulator, ${served.length} loads with the extension`,
        value: captured.reduce((a, b) => a + b, 0),
        unit: 'requests',
        baseline: served.reduce((a, b) => a + b, 0),
        ratio: +(captured.reduce((a, b) => a + b, 0) / served.reduce((a, b) => a + b, 0)).toFixed(3),
        target: 'all, every load',
        met: allCaptured,
      },
      { bench: 'page-load', case: `  worker done storing a load's records, after the page (median, info)`, value: Math.round(median(lags)), unit: 'ms' },
    ];
  } finally {
    await sides.with.close();
    await sides.without.close();
    await emulator.close();
  }
}
