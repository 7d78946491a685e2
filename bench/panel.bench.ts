/**
 * Panel benchmark in real Chromium with the built extension (dist/chrome-dev):
 *  - import + first render of a 50,000-entry HAR ÷ JSON.parse of the same text in the same page
 *    (target ≤ 3);
 *  - the longest frame of work while scrolling through it (scroll, Preact re-render, layout) for a wheel step
 *    at 300 places over the list, median over the runs (target < 16 ms), and, for information, the longest
 *    of all runs and the frames of the scrollbar jumps between the places.
 * Parse, import and scrolling each start from a collected heap (CDP HeapProfiler.collectGarbage).
 */
import { chromium, type BrowserContext } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, DIST_CHROME } from '../e2e/support/paths';
import { QUIET_CHROMIUM_ARGS, extensionArgs } from '../e2e/support/launch';
import { generateHar, generateHarEntries } from './har-generator';
import { median, type BenchRow } from './measure';
import { startTaskTrace } from './trace';

/** Measured runs, after one warm-up run. */
const RUNS = 5;

export async function panelBench(entries = 50_000): Promise<BenchRow[]> {
  const { harUrl, context, id, close } = await openPanelBench(generateHarEntries(entries));
  try {
    const imports: number[] = [];
    const parses: number[] = [];
    const wheelSteps: number[] = [];
    const longestPerRun: number[] = [];
    let longestJump = 0;
    for (let run = 0; run < RUNS + 1; run++) {
      const { page, cdp } = await openPanelPage(context, id);
      // Each measurement starts from a collected heap, so neither pays for the other's garbage (a 100 MB
      // parse leaves plenty) nor for the fetch of the text.
      const collectGarbage = () => cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate(async (url) => {
        const har = await (await fetch(url)).text();
        Object.assign(globalThis, { benchHar: har, benchFile: new File([har], 'bench.har', { type: 'application/json' }) });
      }, harUrl);
      await collectGarbage();
      const parse = await page.evaluate(() => {
        const t0 = performance.now();
        JSON.parse((globalThis as { benchHar?: string }).benchHar!);
        return performance.now() - t0;
      });
      await collectGarbage();
      const t = await page.evaluate(async (parse) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="import-har"]')!;
        const dt = new DataTransfer();
        dt.items.add((globalThis as { benchFile?: File }).benchFile!);
        const t1 = performance.now();
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        // Done when the list, the findings and the timeline are on screen (the file name alone could come
        // first, and the panel draws the timeline of an import in a task of its own).
        while (
          !document.querySelector('[data-testid="imported"]') ||
          !document.querySelector('[data-testid="request-row"]') ||
          !document.querySelector('[data-testid="finding"], [data-testid="no-findings"]') ||
          !document.querySelector('[data-testid="sessions"]')
        ) {
          await new Promise((r) => setTimeout(r, 0));
        }
        void document.body.offsetHeight; // layout of the first render
        return { parse, imported: performance.now() - t1 };
      }, parse);
      // A user looks at the imported list before scrolling it: the browser collects the import's garbage
      // in that idle moment, which the benchmark does at once.
      await collectGarbage();
      // Scrolling through the list: at 300 places spread over it, the frame of one wheel step (100 px,
      // what a mouse-wheel notch scrolls), and separately the frame of the jump that got there (dragging
      // the scrollbar thumb: every row in view is new).
      // tsx keeps function names with a __name() helper the page does not have.
      await page.evaluate('globalThis.__name = (f) => f');
      const frame = await page.evaluate(async () => {
        const el = document.querySelector<HTMLElement>('.rows')!;
        const settle = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const step = async (y: number) => {
          const t0 = performance.now();
          el.scrollTop = y;
          el.dispatchEvent(new Event('scroll'));
          // Preact renders state changes in a microtask: a few awaited microtasks later the rows are
          // re-rendered (a timer would add its own clamping delay to the measurement).
          for (let k = 0; k < 4; k++) await Promise.resolve();
          void el.offsetHeight; // layout
          return performance.now() - t0;
        };
        let jump = 0;
        const wheels: number[] = [];
        for (let i = 0; i < 300; i++) {
          const y = Math.floor((i * el.scrollHeight) / 300);
          jump = Math.max(jump, await step(y));
          await settle();
          wheels.push(await step(y + 100));
          await settle();
        }
        return { wheels, jump };
      });
      if (run > 0) {
        // run 0 is the warm-up
        imports.push(t.imported);
        parses.push(t.parse);
        wheelSteps.push(...frame.wheels);
        longestPerRun.push(Math.max(...frame.wheels));
        longestJump = Math.max(longestJump, frame.jump);
      }
      await page.close();
    }
    // The longest step of each run (300 steps), median over the runs: one stall of the VM in one run does
    // not decide the row; the longest of all is printed beside it.
    const longestWheel = median(longestPerRun);
    const imp = median(imports);
    const par = median(parses);
    return [
      { bench: 'panel', case: `import + first render, ${entries} entries`, value: Math.round(imp), unit: 'ms', baseline: Math.round(par), ratio: +(imp / par).toFixed(2), target: '≤ 3 × JSON.parse', met: imp / par <= 3 },
      { bench: 'panel', case: `longest scroll frame, wheel step (work; median of ${RUNS} runs' longest)`, value: +longestWheel.toFixed(1), unit: 'ms', target: '< 16 ms', met: longestWheel < 16 },
      { bench: 'panel', case: `  longest of all ${wheelSteps.length} wheel steps (info; per run: ${longestPerRun.map((x) => x.toFixed(1)).join(', ')} ms)`, value: +Math.max(...wheelSteps).toFixed(1), unit: 'ms' },
      { bench: 'panel', case: `  wheel steps: median, 99th percentile of ${wheelSteps.length} (info)`, value: +median(wheelSteps).toFixed(1), unit: 'ms', baseline: +percentile(wheelSteps, 0.99).toFixed(1) },
      { bench: 'panel', case: 'longest frame, scrollbar jump (info)', value: +longestJump.toFixed(1), unit: 'ms' },
    ];
  } finally {
    await close();
  }
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/**
 * The panel's main thread while a HAR of `mb` MB is imported (parsed and analysed in the import worker):
 * the longest task it ran from the file's choice until the list, the findings and the timeline are on screen, final
 * render included, as the Long Tasks API reports it (tasks over 50 ms), and the longest gap between two
 * ticks of a MessageChannel heartbeat (what a click would wait at worst). Reported, not judged by a test;
 * the issue's target is no task over 100 ms. Median of the runs' longest, after a warm-up run.
 */
export async function importTaskBench(mb = 150, runs = 3): Promise<BenchRow[]> {
  const { harUrl, context, id, close } = await openPanelBench(generateHar(mb * 1024 * 1024));
  try {
    const longest: number[] = [];
    const gaps: number[] = [];
    const totals: number[] = [];
    const threadTimes: number[] = [];
    let entries = 0;
    for (let run = 0; run < runs + 1; run++) {
      const { page, cdp } = await openPanelPage(context, id);
      await page.evaluate(async (url) => {
        const har = await (await fetch(url)).blob();
        Object.assign(globalThis, { benchFile: new File([har], 'bench.har', { type: 'application/json' }) });
      }, harUrl);
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate('globalThis.__name = (f) => f');
      const stopTrace = await startTaskTrace(cdp);
      const r = await page.evaluate(async () => {
        const tasks: number[] = [];
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) tasks.push(e.duration);
        });
        observer.observe({ type: 'longtask' });
        // Heartbeat: a message to itself, again and again; the longest wait between two is the longest
        // stretch the main thread could not answer.
        let maxGap = 0;
        let last = performance.now();
        let beating = true;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const now = performance.now();
          maxGap = Math.max(maxGap, now - last);
          last = now;
          if (beating) setTimeout(() => channel.port2.postMessage(0), 1);
        };
        channel.port2.postMessage(0);
        const input = document.querySelector<HTMLInputElement>('[data-testid="import-har"]')!;
        const dt = new DataTransfer();
        dt.items.add((globalThis as { benchFile?: File }).benchFile!);
        const t0 = performance.now();
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
        while (
          !document.querySelector('[data-testid="imported"]') ||
          !document.querySelector('[data-testid="request-row"]') ||
          !document.querySelector('[data-testid="finding"], [data-testid="no-findings"]') ||
          !document.querySelector('[data-testid="sessions"]')
        ) {
          await new Promise((r) => setTimeout(r, 20));
        }
        void document.body.offsetHeight;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))); // the first frame's tasks too
        beating = false;
        observer.disconnect();
        const summary = document.querySelector('[data-testid="summary"]')?.textContent ?? '';
        return { longest: Math.max(0, ...tasks), count: tasks.length, maxGap, total: performance.now() - t0, summary };
      });
      const traced = await stopTrace();
      if (run > 0) {
        longest.push(r.longest);
        gaps.push(r.maxGap);
        totals.push(r.total);
        threadTimes.push(Math.max(0, ...traced.map((t) => t.thread)));
      }
      entries = Number(/(\d+) requests/.exec(r.summary)?.[1] ?? 0);
      await page.close();
    }
    const value = median(longest);
    return [
      { bench: 'panel', case: `longest main-thread task while importing ${mb} MB (${entries} entries; median of ${runs} runs' longest; per run: ${longest.map((x) => x.toFixed(0)).join(', ')} ms; 0 = none over 50 ms)`, value: +value.toFixed(0), unit: 'ms', target: '< 100 ms (info)', met: value < 100 },
      { bench: 'panel', case: `  longest main-thread task's thread time (CPU it ran; trace) while importing ${mb} MB (median; per run: ${threadTimes.map((x) => x.toFixed(0)).join(', ')} ms; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores)`, value: +median(threadTimes).toFixed(0), unit: 'ms', target: '< 100 ms (info)', met: median(threadTimes) < 100 },
      { bench: 'panel', case: `  longest heartbeat gap while importing ${mb} MB (info; per run: ${gaps.map((x) => x.toFixed(0)).join(', ')} ms)`, value: +median(gaps).toFixed(0), unit: 'ms' },
      { bench: 'panel', case: `  import of ${mb} MB until list, findings and timeline are on screen (info)`, value: Math.round(median(totals)), unit: 'ms' },
    ];
  } finally {
    await close();
  }
}

/** A fresh panel page (no live tab behind it) showing every row, and a CDP session on it. */
async function openPanelPage(context: BrowserContext, id: string) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${id}/src/panel/index.html?tabId=999999`);
  await page.waitForSelector('[data-testid="filter-auth-only"]');
  // Show every row: the benchmarks are about the full list.
  await page.getByTestId('filter-auth-only').uncheck();
  return { page, cdp: await context.newCDPSession(page) };
}

/**
 * A Chromium with the store build and a loopback server for the HAR text (a 100 MB string is too big for a
 * CDP message: the page fetches it instead).
 */
async function openPanelBench(text: string) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
    res.end(text);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const harUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bench.har`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-bench-'));
  const close = async () => {
    server.close();
    await context?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--disable-gpu', ...QUIET_CHROMIUM_ARGS, ...extensionArgs(DIST_CHROME)],
    });
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    return { harUrl, context, id: new URL(sw.url()).host, close };
  } catch (e) {
    await close();
    throw e;
  }
}
