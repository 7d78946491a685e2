/**
 * The log store against an in-memory key-value area with storage.session's semantics (JSON copies,
 * a byte quota). The real storage.session is exercised by the e2e tests, including a worker restart.
 */
import { describe, expect, it } from 'vitest';
import { LogStore, type KeyValueArea } from './log-store';
import type { CapturedExchange, TabSummary } from '../shared/protocol';

class MemoryArea implements KeyValueArea {
  data = new Map<string, string>();
  constructor(private readonly quotaBytes = Infinity) {}
  async get(keys: string | string[]) {
    const out: Record<string, unknown> = {};
    for (const k of Array.isArray(keys) ? keys : [keys]) if (this.data.has(k)) out[k] = JSON.parse(this.data.get(k)!);
    return out;
  }
  async set(items: Record<string, unknown>) {
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(items)) next.set(k, JSON.stringify(v));
    const bytes = [...next].reduce((s, [k, v]) => s + k.length + v.length, 0);
    if (bytes > this.quotaBytes) throw new Error('QUOTA_BYTES quota exceeded');
    this.data = next;
  }
  async remove(keys: string | string[]) {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}

function exchange(i: number, status = 200): Omit<CapturedExchange, 'index'> {
  return { id: String(i), time: i, method: 'GET', url: `https://x.atlassian.net/p/${i}`, status, requestHeaders: [], responseHeaders: [], cookiesSent: [], credentials: null };
}

function newStore(area: KeyValueArea, maxPerTab = 1000) {
  const appended: { tabId: number; exchanges: CapturedExchange[]; summary: TabSummary }[] = [];
  const store = new LogStore(area, { maxPerTab, batchMs: 1, onAppended: (tabId, exchanges, summary) => appended.push({ tabId, exchanges, summary }) });
  return { store, appended };
}

describe('LogStore', () => {
  it('numbers records per tab, counts 401s and reports appends in order', async () => {
    const { store, appended } = newStore(new MemoryArea());
    store.append(1, exchange(0));
    store.append(1, exchange(1, 401));
    store.append(2, exchange(2, 401));
    await store.flush();
    const log = await store.read(1);
    expect(log.exchanges.map((e) => e.index)).toEqual([0, 1]);
    expect(log.summary).toEqual({ tabId: 1, captured: 2, unauthorized: 1, dropped: 0 });
    expect(appended.map((a) => [a.tabId, a.exchanges.length])).toEqual([[1, 2], [2, 1]]);
  });

  it('a new store on the same area (a restarted worker) continues the log without loss or reuse of numbers', async () => {
    const area = new MemoryArea();
    const first = newStore(area).store;
    for (let i = 0; i < 5; i++) first.append(4, exchange(i));
    await first.flush();
    const second = newStore(area).store;
    second.append(4, exchange(5, 401));
    await second.flush();
    const log = await second.read(4);
    expect(log.exchanges.map((e) => e.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(log.exchanges.map((e) => e.id)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(log.summary.unauthorized).toBe(1);
  });

  it('keeps at most maxPerTab records, dropping whole oldest chunks, and says how many', async () => {
    const area = new MemoryArea();
    const { store } = newStore(area, 10);
    for (let i = 0; i < 30; i++) {
      store.append(1, exchange(i));
      if (i % 4 === 3) await store.flush();
    }
    await store.flush();
    const log = await store.read(1);
    expect(log.exchanges.length).toBeLessThanOrEqual(10 + 4);
    expect(log.exchanges.length + log.summary.dropped).toBe(30);
    expect(log.exchanges.at(-1)?.id).toBe('29');
    expect([...area.data.keys()].filter((k) => k.startsWith('log/1/')).length).toBeLessThanOrEqual(4);
  });

  it('on a full quota drops the oldest records of the busiest tab and keeps going', async () => {
    const area = new MemoryArea(6000);
    const { store } = newStore(area, 100_000);
    for (let i = 0; i < 60; i++) {
      store.append(i < 50 ? 1 : 2, exchange(i));
      await store.flush();
    }
    const busy = await store.read(1);
    const quiet = await store.read(2);
    expect(busy.summary.dropped).toBeGreaterThan(0);
    expect(busy.exchanges.length + busy.summary.dropped).toBe(50);
    expect(quiet.exchanges.length).toBe(10);
    expect(quiet.summary.dropped).toBe(0);
  });

  it('clear forgets a tab and its keys', async () => {
    const area = new MemoryArea();
    const { store } = newStore(area);
    store.append(1, exchange(0));
    await store.flush();
    await store.clear(1);
    expect((await store.read(1)).exchanges).toEqual([]);
    expect([...area.data.keys()].filter((k) => k.startsWith('log/'))).toEqual([]);
  });

  it('clear also drops records not yet flushed; clearAll forgets every tab and its keys', async () => {
    const area = new MemoryArea();
    const { store } = newStore(area);
    store.append(1, exchange(0));
    await store.flush();
    store.append(1, exchange(1));
    await store.clear(1);
    await store.flush();
    expect((await store.read(1)).exchanges).toEqual([]);
    store.append(2, exchange(2));
    store.append(3, exchange(3));
    await store.flush();
    expect(await store.clearAll()).toBe(2);
    expect(await store.tabIds()).toEqual([]);
    expect([...area.data.keys()].filter((k) => k.startsWith('log/'))).toEqual([]);
  });

  it('a new retention limit applies from the next batch', async () => {
    const { store } = newStore(new MemoryArea(), 1000);
    for (let i = 0; i < 30; i++) {
      store.append(1, exchange(i));
      await store.flush();
    }
    store.setMaxPerTab(10);
    store.append(1, exchange(30));
    await store.flush();
    const { exchanges, summary } = await store.read(1);
    expect(exchanges.map((e) => e.index)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(summary.dropped).toBe(21);
  });

  it('stores each chunk as one JSON string (Chromium counts storage.session per value, not per byte of JSON)', async () => {
    const area = new MemoryArea();
    const { store } = newStore(area);
    store.append(1, exchange(1));
    store.append(1, exchange(2, 401));
    await store.flush();
    const stored = (await area.get('log/1/0'))['log/1/0'];
    expect(typeof stored).toBe('string');
    expect((JSON.parse(stored as string) as CapturedExchange[]).map((e) => [e.index, e.status])).toEqual([[0, 200], [1, 401]]);
  });

  it('reads chunks written as arrays (before chunks were strings) and skips a chunk that is not JSON', async () => {
    const area = new MemoryArea();
    const { store } = newStore(area);
    store.append(1, exchange(1));
    store.append(1, exchange(2));
    await store.flush();
    store.append(1, exchange(3));
    await store.flush();
    store.append(1, exchange(4));
    await store.flush();
    const first = JSON.parse((await area.get('log/1/0'))['log/1/0'] as string) as CapturedExchange[];
    await area.set({ 'log/1/0': first, 'log/1/1': '{not json' });
    const { exchanges } = await newStore(area).store.read(1);
    expect(exchanges.map((e) => e.index)).toEqual([0, 1, 3]);
  });
});
