/**
 * Worker soak: N requests through one tab (the emulator's loop page, 50 fetches at a time, alternating a 200
 * and a 401 /rest call) with Seraph Lens (dist/chrome-dev). The loop pauses at 1k and 10k; at each pause and
 * at N, once the worker has stored every record, the worker's JS heap (CDP on the worker: forced GC, then
 * Runtime.getHeapUsage) and storage.session bytes (getBytesInUse in the worker) are read.
 *
 * Targets: flat once the retention limit (5,000 per tab) is reached: heap and storage at N ≤ 1.2 × the figure
 * at a point already past the limit (10k, or 6k when N is only 10k); and nothing lost inside the limit: the
 * log holds the newest requests the page sent, at least the limit's worth, each once, each with the
 * X-AREQUESTID the page itself received for it, in the page's order (batch after batch; inside one batch of
 * concurrent fetches the order is the network's, reported for information). Driven over a bare CDP pipe
 * (cdp.ts) so the harness adds no per-request work.
 */
import { startEmulator } from '../e2e/emulator/server';
import { launchRaw, type RawBrowser } from './cdp';
import type { BenchRow } from './measure';

const BATCH = 50;
const LIMIT = 5000; // the default retention (src/shared/settings.ts); read back from the worker below

interface Sample {
  sent: number;
  heap: number;
  storage: number;
}

interface TabLog {
  seq: number;
  dropped: number;
  /** Records of the loop's calls, in log order: call number and the X-AREQUESTID stored. */
  calls: { i: number; id: string | null }[];
  other: number;
}

/** The loop tab's index entry and records, straight from storage.session. */
function readTabLog(browser: RawBrowser, origin: string): Promise<TabLog> {
  return browser.workerEval<TabLog>(`(async () => {
    const tabs = await chrome.tabs.query({ url: ${JSON.stringify(`${origin}/__bench/loop*`)} });
    const { idx } = await chrome.storage.session.get('idx');
    const tab = idx?.[tabs[0]?.id];
    if (!tab) return { seq: 0, dropped: 0, calls: [], other: 0 };
    const keys = tab.chunks.map(([n]) => 'log/' + tabs[0].id + '/' + n);
    const got = await chrome.storage.session.get(keys);
    const records = keys.flatMap((k) => (typeof got[k] === 'string' ? JSON.parse(got[k]) : got[k] ?? []));
    const calls = [];
    let other = 0;
    for (const r of records) {
      const m = /[?&]i=(\\d+)$/.exec(r.url);
      if (!m) { other++; continue; }
      const h = r.responseHeaders.find((h) => h.name.toLowerCase() === 'x-arequestid');
      calls.push({ i: Number(m[1]), id: h ? h.value : null });
    }
    return { seq: tab.seq, dropped: tab.dropped, calls, other };
  })()`);
}

/** Waits until the worker has numbered at least `want` records for the tab and no more come for a while (it stores a batch every ~100 ms). */
async function stored(browser: RawBrowser, origin: string, want: number): Promise<number> {
  const t0 = Date.now();
  let last = -1;
  for (;;) {
    const seq = await browser.workerEval<number>(`(async () => {
      const tabs = await chrome.tabs.query({ url: ${JSON.stringify(`${origin}/__bench/loop*`)} });
      const { idx } = await chrome.storage.session.get('idx');
      return idx?.[tabs[0]?.id]?.seq ?? 0;
    })()`);
    if ((seq >= want && seq === last) || Date.now() - t0 > 30_000) return seq;
    last = seq;
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function soakBench(total: number): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  const browser = await launchRaw();
  try {
    const limit = await browser.workerEval<number>(
      `chrome.storage.local.get('settings').then(({ settings }) => settings?.maxPerTab ?? ${LIMIT})`,
    );
    // Flat is judged from a point past the limit: 10k when there is room after it, else 1.2 × the limit.
    const reference = total >= 5 * 10_000 ? 10_000 : Math.ceil((1.2 * limit) / BATCH) * BATCH;
    const checkpoints = [...new Set([1000, 10_000, reference, total])].filter((n) => n <= total).sort((a, b) => a - b);
    const pauses = checkpoints.filter((n) => n < total);
    const tab = await browser.newTab();
    const started = Date.now();
    await tab.goto(`${emulator.url}/__bench/loop?n=${total}&batch=${BATCH}&pause=${pauses.join(',')}`);
    const samples: Sample[] = [];
    let sendingMs = 0;
    for (const at of checkpoints) {
      const t0 = Date.now();
      await tab.evaluate(`window.__until(${at})`);
      sendingMs += Date.now() - t0;
      // Everything the page sent is stored, plus the page itself (not the favicon: an image).
      await stored(browser, emulator.url, at + 1);
      await browser.cdp.send('HeapProfiler.collectGarbage', {}, browser.workerSession!);
      const { usedSize } = await browser.cdp.send<{ usedSize: number }>('Runtime.getHeapUsage', {}, browser.workerSession!);
      const storage = await browser.workerEval<number>('chrome.storage.session.getBytesInUse(null)');
      samples.push({ sent: at, heap: usedSize, storage });
      if (at < total) await tab.evaluate('window.__resume()');
    }
    const seconds = (Date.now() - started) / 1000;

    // What the page received, call by call, and what the worker kept.
    const log = await readTabLog(browser, emulator.url);
    const kept = log.calls.length;
    const pageIds = await tab.evaluate<(string | null)[]>(`window.__ids.slice(${total - kept})`);
    const once = new Set(log.calls.map((c) => c.i)).size === kept;
    const contiguous = once && Math.min(...log.calls.map((c) => c.i)) === total - kept && Math.max(...log.calls.map((c) => c.i)) === total - 1;
    const sameIds = log.calls.every((c) => c.id !== null && c.id === pageIds[c.i - (total - kept)]);
    const batchOrder = log.calls.every((c, k) => k === 0 || Math.floor(c.i / BATCH) >= Math.floor(log.calls[k - 1]!.i / BATCH));
    const exactOrder = log.calls.filter((c, k) => k > 0 && c.i < log.calls[k - 1]!.i).length;
    const enough = kept >= Math.min(total, limit);
    const complete = contiguous && sameIds && batchOrder && enough;

    const mb = (b: number) => +(b / 1024 / 1024).toFixed(2);
    const ref = samples.find((s) => s.sent === reference)!;
    const last = samples.at(-1)!;
    const rows: BenchRow[] = samples.map((s) => ({ bench: 'soak', case: `worker heap after GC, ${s.sent} requests`, value: mb(s.heap), unit: 'MB' }));
    rows.push(...samples.map((s) => ({ bench: 'soak', case: `storage.session bytes in use, ${s.sent} requests`, value: mb(s.storage), unit: 'MB' })));
    rows.push(
      { bench: 'soak', case: `heap, ${last.sent} ÷ ${ref.sent} requests (limit ${limit}/tab)`, value: mb(last.heap), unit: 'MB', baseline: mb(ref.heap), ratio: +(last.heap / ref.heap).toFixed(2), target: '≤ 1.2 (flat)', met: last.heap / ref.heap <= 1.2 },
      { bench: 'soak', case: `storage, ${last.sent} ÷ ${ref.sent} requests (limit ${limit}/tab)`, value: mb(last.storage), unit: 'MB', baseline: mb(ref.storage), ratio: +(last.storage / ref.storage).toFixed(2), target: '≤ 1.2 (flat)', met: last.storage / ref.storage <= 1.2 },
      {
        bench: 'soak',
        case:
          `log = the newest ${kept} of ${total} calls, each once, with the X-AREQUESTID the page got, in batch order` +
          (complete ? '' : ` (${contiguous ? '' : 'GAPS '}${sameIds ? '' : 'IDS DIFFER '}${batchOrder ? '' : 'OUT OF ORDER '}${enough ? '' : 'TOO FEW'})`.replace(' )', ')')) +
          ` (${log.seq} captured in all, ${log.dropped} rotated out)`,
        value: kept,
        unit: 'records',
        target: `none lost, ≥ ${Math.min(total, limit)} kept`,
        met: complete,
      },
      { bench: 'soak', case: `  within-batch swaps vs the page's call order (info: the network's order)`, value: exactOrder, unit: 'pairs' },
      { bench: 'soak', case: `  elapsed (info): ${Math.round(total / (sendingMs / 1000))} req/s while sending`, value: Math.round(seconds), unit: 's' },
    );
    return rows;
  } finally {
    await browser.close();
    await emulator.close();
  }
}
