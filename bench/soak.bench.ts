/**
 * Worker soak: N requests through one tab (the emulator's loop page, 50 at a time) with the extension;
 * the worker's JS heap (after a forced GC) and storage.session bytes at 1k, 10k and N. Target: flat once the
 * retention limit (5,000 per tab) is reached, i.e. the last figure ≤ 1.2 × the 10k one, and nothing lost
 * inside the limit: the log holds exactly the newest requests the page sent, once each.
 */
import { startEmulator } from '../e2e/emulator/server';
import { launchChromium, workerCdp } from './browser';
import type { BenchRow } from './measure';

interface Sample {
  sent: number;
  heap: number;
  storage: number;
}

export async function soakBench(total: number): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const browser = await launchChromium(true);
  const worker = browser.worker!;
  const cdp = await workerCdp(browser.context);
  try {
    const checkpoints = [1000, 10_000, total].filter((n, i, all) => n <= total && all.indexOf(n) === i);
    const page = await browser.context.newPage();
    const started = Date.now();
    await page.goto(`${emulator.url}/__bench/loop?n=${total}&batch=50`);
    const samples: Sample[] = [];
    for (const at of checkpoints) {
      await page.waitForFunction((n) => ((window as unknown as { __sent?: number }).__sent ?? 0) >= n, at, { timeout: 0, polling: 100 });
      const sent = await page.evaluate(() => (window as unknown as { __sent: number }).__sent);
      await cdp.call('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.call<{ usedSize: number }>('Runtime.getHeapUsage');
      const storage = await worker.evaluate(() => chrome.storage.session.getBytesInUse(null));
      samples.push({ sent, heap: usedSize, storage });
    }
    await page.waitForFunction(() => (window as unknown as { __benchDone?: boolean }).__benchDone === true, undefined, { timeout: 0 });
    const seconds = (Date.now() - started) / 1000;

    // Nothing lost inside the limit: the stored log is exactly the newest requests, each once.
    await new Promise((r) => setTimeout(r, 500));
    const logged = await worker.evaluate(async (origin) => {
      const { idx } = (await chrome.storage.session.get('idx')) as { idx: Record<string, { chunks: [number, number][] }> };
      const [tab, index] = Object.entries(idx)[0]!;
      const keys = index.chunks.map(([n]) => `log/${tab}/${n}`);
      const got = await chrome.storage.session.get(keys);
      return keys.flatMap((k) => (got[k] as { url: string }[]).filter((e) => e.url.startsWith(origin) && /[?&]i=\d+$/.test(e.url)).map((e) => Number(/i=(\d+)$/.exec(e.url)![1])));
    }, emulator.url);
    const unique = new Set(logged);
    const lowest = Math.min(...logged);
    const complete = unique.size === logged.length && logged.length === total - lowest && Math.max(...logged) === total - 1;

    const mb = (b: number) => +(b / 1024 / 1024).toFixed(2);
    const at10k = samples.find((s) => s.sent >= 10_000) ?? samples[0]!;
    const last = samples.at(-1)!;
    const rows: BenchRow[] = samples.map((s) => ({ bench: 'soak', case: `worker heap at ${s.sent} requests`, value: mb(s.heap), unit: 'MB' }));
    rows.push(...samples.map((s) => ({ bench: 'soak', case: `storage.session at ${s.sent} requests`, value: mb(s.storage), unit: 'MB' })));
    rows.push(
      { bench: 'soak', case: `heap, ${last.sent} ÷ ${at10k.sent} requests`, value: mb(last.heap), unit: 'MB', baseline: mb(at10k.heap), ratio: +(last.heap / at10k.heap).toFixed(2), target: '≤ 1.2 (flat)', met: last.heap / at10k.heap <= 1.2 },
      { bench: 'soak', case: `storage, ${last.sent} ÷ ${at10k.sent} requests`, value: mb(last.storage), unit: 'MB', baseline: mb(at10k.storage), ratio: +(last.storage / at10k.storage).toFixed(2), target: '≤ 1.2 (flat)', met: last.storage / at10k.storage <= 1.2 },
      { bench: 'soak', case: `log = the newest ${logged.length} of ${total}, once each (${seconds.toFixed(0)} s, ${Math.round(total / seconds)} req/s)`, value: unique.size, unit: 'records', target: 'none lost in the limit', met: complete },
    );
    return rows;
  } finally {
    await cdp.detach().catch(() => undefined);
    await browser.close();
    await emulator.close();
  }
}
