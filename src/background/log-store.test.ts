/**
 * The log store against an in-memory key-value area with storage.session's semantics (JSON copies,
 * a byte quota). The real storage.session is exercised by the e2e tests, including a worker restart.
 */
import { describe, expect, it } from 'vitest';
import { LogStore, newLife, type KeyValueArea } from './log-store';
import type { CapturedExchange, TabSummary } from '../shared/protocol';

class MemoryArea implements KeyValueArea {
  data = new Map<string, string>();
  constructor(private readonly quotaBytes = Infinity) {}
  async get(keys: string | string[] | null) {
    const out: Record<string, unknown> = {};
    for (const k of keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys]) if (this.data.has(k)) out[k] = JSON.parse(this.data.get(k)!);
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
    expect(log.summary).toMatchObject({ tabId: 1, captured: 2, unauthorized: 1, dropped: 0 });
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

/**
 * A worker stopped at any moment: an area that applies the first `alive` operations (each `set` or `remove`
 * as the browser would, whole) and then none, their promises never settling, as for a worker that is gone.
 */
class DyingArea implements KeyValueArea {
  ops = 0;
  constructor(
    private readonly inner: MemoryArea,
    private readonly alive: number,
  ) {}
  private step<T>(run: () => Promise<T>): Promise<T> {
    if (this.ops++ >= this.alive) return new Promise<T>(() => undefined);
    return run();
  }
  get(keys: string | string[] | null) {
    return this.step(() => this.inner.get(keys));
  }
  set(items: Record<string, unknown>) {
    return this.step(() => this.inner.set(items));
  }
  remove(keys: string | string[]) {
    return this.step(() => this.inner.remove(keys));
  }
}

const settle = () => new Promise((r) => setTimeout(r, 5));

describe('LogStore journal: a worker stopped at any moment', () => {
  it('a record is in storage as soon as append returns, before any flush', async () => {
    const area = new MemoryArea();
    const store = new LogStore(area, { maxPerTab: 1000, batchMs: 60_000, onAppended: () => undefined });
    store.append(1, exchange(0));
    await settle();
    expect([...area.data.keys()].filter((k) => k.startsWith('j/'))).toHaveLength(1);
    expect((await newStore(area).store.read(1)).exchanges.map((e) => e.id)).toEqual(['0']);
  });

  it('stopped at every operation of a run of appends, clears and compactions, the next worker has each record once, in order', async () => {
    // Tab 1: r0 r1 r2 | flush | r3 clear(1) r4 | tab 2: r5 r6 interleaved | flush | r7
    const script = async (store: LogStore) => {
      store.append(1, exchange(0));
      store.append(2, exchange(5));
      store.append(1, exchange(1));
      store.append(1, exchange(2));
      await store.flush();
      store.append(1, exchange(3));
      void store.clear(1).catch(() => undefined);
      store.append(1, exchange(4));
      store.append(2, exchange(6));
      await store.flush();
      store.append(1, exchange(7));
      await store.flush();
    };
    // Count the operations of a full run.
    const probe = new DyingArea(new MemoryArea(), Infinity);
    await script(newStore(probe).store);
    const total = probe.ops;
    expect(total).toBeGreaterThan(10);

    for (let alive = 0; alive <= total; alive++) {
      const inner = new MemoryArea();
      const dying = new DyingArea(inner, alive);
      void script(new LogStore(dying, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(1000) }));
      await settle();
      // The next worker, later.
      const next = new LogStore(inner, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(2000) });
      await next.flush();
      const ids1 = (await next.read(1)).exchanges.map((e) => e.id);
      const ids2 = (await next.read(2)).exchanges.map((e) => e.id);
      expect(ids2, `stopped after ${alive} of ${total}`).toEqual(['5', '6'].slice(0, ids2.length));
      // Tab 1: a prefix of 0 1 2 (3) before the clear, or after the clear 4 (7): never a record twice, never out of order.
      const afterClear = ids1.includes('4') || (ids1.length > 0 && ids1[0] === '7');
      if (afterClear) expect(['4,7', '4', '7']).toContain(ids1.join(','));
      else expect(['', '0', '0,1', '0,1,2', '0,1,2,3']).toContain(ids1.join(','));
      // Nothing left behind: no journal keys, no chunk the index does not name.
      await next.flush();
      expect([...inner.data.keys()].filter((k) => k.startsWith('j/')), `stopped after ${alive}`).toEqual([]);
    }
  });

  it('once every journal write was sent, a stop anywhere later loses nothing', async () => {
    const base = new MemoryArea();
    const probe = new DyingArea(base, Infinity);
    const { store } = newStore(probe);
    for (let i = 0; i < 20; i++) store.append(1 + (i % 3), exchange(i));
    await store.flush();
    const total = probe.ops;
    for (let alive = 20; alive <= total; alive++) {
      const inner = new MemoryArea();
      const dying = new DyingArea(inner, alive);
      const s = new LogStore(dying, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(1000) });
      for (let i = 0; i < 20; i++) s.append(1 + (i % 3), exchange(i));
      void s.flush().catch(() => undefined);
      await settle();
      const next = new LogStore(inner, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(2000) });
      for (let tab = 1; tab <= 3; tab++) {
        const { exchanges } = await next.read(tab);
        const want = Array.from({ length: 20 }, (_, i) => i).filter((i) => 1 + (i % 3) === tab).map(String);
        expect(exchanges.map((e) => e.id), `stopped after ${alive} of ${total}, tab ${tab}`).toEqual(want);
        expect(exchanges.map((e) => e.index)).toEqual(want.map((_, k) => k));
      }
    }
  });

  it('records of several stopped lives come back in the order of the lives, before the new one', async () => {
    const area = new MemoryArea();
    const lives = [newLife(1000), newLife(2000), newLife(3000)];
    for (const [k, life] of lives.entries()) {
      const s = new LogStore(area, { maxPerTab: 1000, batchMs: 10_000, onAppended: () => undefined, life });
      s.append(1, exchange(k * 2));
      s.append(1, exchange(k * 2 + 1));
      await settle(); // stopped before its compaction timer fired
    }
    const { store, appended } = newStore(area);
    store.append(1, exchange(6));
    await store.flush();
    expect((await store.read(1)).exchanges.map((e) => e.id)).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(appended.flatMap((a) => a.exchanges.map((e) => e.id))).toEqual(['0', '1', '2', '3', '4', '5', '6']);
  });
});

/** storage.session in Chrome 130+: lists its keys without reading the values (the new life's late-write scan uses it). */
class KeyedArea extends MemoryArea {
  async getKeys() {
    return [...this.data.keys()];
  }
}

describe('LogStore: a late journal write of a stopped worker is merged into place', () => {
  // The stopped life's journal write that the browser applies only after the next life has started (Chromium).
  const lateWrite = (area: MemoryArea, life: string, n: number, tabId: number, at: number, status = 200, id = at) =>
    area.set({ [`j/${life}/${n}`]: `r${tabId}@${at} ${JSON.stringify(exchange(id, status))}` });
  const ids = async (store: LogStore, tabId = 1) => (await store.read(tabId)).exchanges.map((e) => [e.id, e.index]);

  it('landing after the next worker stored its first records, it goes where its capture time puts it, renumbered, and panels are told to read again', async () => {
    const area = new KeyedArea();
    const dead = newLife(1000);
    const a = new LogStore(area, { maxPerTab: 1000, batchMs: 60_000, onAppended: () => undefined, life: dead });
    a.append(1, exchange(10), 10);
    a.append(1, exchange(20), 20);
    await settle(); // stopped before compacting; its third write (n = 2, captured at 30) is still on its way
    const reordered: number[] = [];
    const appended: string[] = [];
    const b = new LogStore(area, {
      maxPerTab: 1000,
      batchMs: 60_000,
      life: newLife(2000),
      onAppended: (_t, ex) => appended.push(...ex.map((e) => e.id)),
      onReordered: (tabId, summary) => reordered.push(tabId, summary.captured, summary.unauthorized),
    });
    b.append(1, exchange(40), 40);
    await b.flush();
    b.append(1, exchange(50), 50);
    await b.flush(); // two chunks of this life stored
    await lateWrite(area, dead, 2, 1, 30, 401);
    b.append(1, exchange(60), 60);
    await b.flush();
    expect(await ids(b)).toEqual([['10', 0], ['20', 1], ['30', 2], ['40', 3], ['50', 4], ['60', 5]]);
    expect(reordered).toEqual([1, 5, 1]); // merged before 60 was appended
    expect(appended).toEqual(['10', '20', '40', '50', '60']);
    expect((await area.get('merged')).merged).toBe(1);
    // Nothing left behind, and the next life reads the same.
    expect([...area.data.keys()].filter((k) => k.startsWith('j/'))).toEqual([]);
    expect(await ids(newStore(area).store)).toEqual([['10', 0], ['20', 1], ['30', 2], ['40', 3], ['50', 4], ['60', 5]]);
  });

  it('an event delivered after later ones (Chromium, around a worker stop) goes where its capture time puts it, in a batch or after one', async () => {
    const area = new KeyedArea();
    const reordered: number[] = [];
    const appended: string[] = [];
    const b = new LogStore(area, {
      maxPerTab: 1000,
      batchMs: 60_000,
      onAppended: (_t, ex) => appended.push(...ex.map((e) => e.id)),
      onReordered: (tabId) => reordered.push(tabId),
    });
    b.append(1, exchange(20), 20);
    b.append(1, exchange(10), 10); // same batch, delivered second
    b.append(1, exchange(30), 30);
    await b.flush();
    b.append(1, exchange(50), 50);
    await b.flush();
    b.append(1, exchange(40), 40); // a later batch, older than what is stored
    b.append(1, exchange(60), 60);
    await b.flush();
    expect(await ids(b)).toEqual([['10', 0], ['20', 1], ['30', 2], ['40', 3], ['50', 4], ['60', 5]]);
    expect(appended).toEqual(['10', '20', '30', '50']);
    expect(reordered).toEqual([1]);
    expect((await area.get('merged')).merged).toBe(2); // 10 within its batch, 40 after a stored batch
  });

  it('found only by a later life (no key listing, or past the first seconds), it is merged into place at load', async () => {
    const area = new MemoryArea(); // no getKeys: the live scan is skipped
    const dead = newLife(1000);
    const a = new LogStore(area, { maxPerTab: 1000, batchMs: 60_000, onAppended: () => undefined, life: dead });
    a.append(1, exchange(10), 10);
    await settle();
    const b = new LogStore(area, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(2000) });
    for (const at of [30, 40, 50]) b.append(1, exchange(at), at);
    await b.flush();
    await lateWrite(area, dead, 1, 1, 20);
    b.append(1, exchange(60), 60);
    await b.flush();
    expect((await ids(b)).map(([id]) => id)).toEqual(['10', '30', '40', '50', '60']); // not seen by this life
    const c = new LogStore(area, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(3000) });
    c.append(1, exchange(70), 70);
    await c.flush();
    expect(await ids(c)).toEqual([['10', 0], ['20', 1], ['30', 2], ['40', 3], ['50', 4], ['60', 5], ['70', 6]]);
    expect((await c.read(1)).summary.captured).toBe(7);
  });

  it('a late record from before a clear made by the next life stays cleared; one from after it is kept', async () => {
    const area = new KeyedArea();
    const t = Date.now(); // clears are remembered for minutes of the browser's clock
    const dead = newLife(1000);
    const a = new LogStore(area, { maxPerTab: 1000, batchMs: 60_000, onAppended: () => undefined, life: dead });
    a.append(1, exchange(10), t + 10);
    await settle();
    const b = new LogStore(area, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(2000) });
    await b.clear(1, t + 25); // a navigation at 25
    b.append(1, exchange(30), t + 30);
    b.append(1, exchange(50), t + 50);
    await b.flush();
    await lateWrite(area, dead, 1, 1, t + 20, 200, 20); // captured before the navigation
    await lateWrite(area, dead, 2, 1, t + 40, 200, 40); // after it (the old worker saw it first)
    await b.flush();
    expect((await ids(b)).map(([id]) => id)).toEqual(['30', '40', '50']);
  });

  it('with equal capture times, the stored record stays first; records of one life keep their journal order', async () => {
    const area = new KeyedArea();
    const dead = newLife(1000);
    const b = new LogStore(area, { maxPerTab: 1000, batchMs: 1, onAppended: () => undefined, life: newLife(2000) });
    b.append(1, exchange(1), 5);
    b.append(1, exchange(2), 5);
    b.append(1, exchange(3), 7);
    await b.flush();
    await lateWrite(area, dead, 0, 1, 5);
    await b.flush();
    expect((await ids(b)).map(([id]) => id)).toEqual(['1', '2', '5', '3']);
  });
});

describe('LogStore: fair, bounded storage', () => {
  const big = (i: number, chars: number) => ({ ...exchange(i), responseHeaders: [{ name: 'WWW-Authenticate', value: 'x'.repeat(chars) }] });

  it('counts each tab in bytes and, over the budget, drops from the tab holding the most bytes, not the most records', async () => {
    const area = new MemoryArea();
    const store = new LogStore(area, { maxPerTab: 100_000, batchMs: 1, budgetBytes: 400_000, onAppended: () => undefined });
    for (let i = 0; i < 1000; i++) store.append(1, exchange(i)); // many small records
    await store.flush();
    const quiet = await store.read(1);
    expect(quiet.exchanges).toHaveLength(1000);
    const quietBytes = quiet.summary.bytes!;
    expect(quietBytes).toBeGreaterThan(100_000);
    for (let i = 0; i < 30; i++) {
      store.append(2, big(i, 10_000)); // few big records
      await store.flush();
    }
    const q = await store.read(1);
    const h = await store.read(2);
    expect(q.exchanges).toHaveLength(1000);
    expect(q.summary.dropped).toBe(0);
    expect(h.summary.reclaimed).toBeGreaterThan(0);
    expect(h.exchanges.length + h.summary.dropped).toBe(30);
    expect(h.exchanges.at(-1)?.id).toBe('29');
    expect(q.summary.bytes! + h.summary.bytes!).toBeLessThanOrEqual(400_000);
    // Every tab's summary says which tab lost what.
    expect(q.summary.relief).toEqual([expect.objectContaining({ tabId: 2, site: 'https://x.atlassian.net', records: h.summary.reclaimed })]);
  });

  it('relieves the biggest first, down to the next biggest (max-min fair), then both', async () => {
    const area = new MemoryArea();
    const store = new LogStore(area, { maxPerTab: 100_000, batchMs: 1, budgetBytes: 60_000, onAppended: () => undefined });
    for (let i = 0; i < 60; i++) {
      store.append(1, big(i, 1000));
      store.append(2, big(100 + i, 1000));
      store.append(2, big(200 + i, 1000));
      await store.flush();
    }
    const a = (await store.read(1)).summary;
    const b = (await store.read(2)).summary;
    expect(a.bytes! + b.bytes!).toBeLessThanOrEqual(60_000);
    // Tab 2 writes twice as fast; once tab 1 reached half the budget, each holds about half (within two of tab 2's chunks).
    expect(a.reclaimed).toBeGreaterThan(0);
    expect(Math.abs(a.bytes! - b.bytes!)).toBeLessThanOrEqual(2 * 2_400);
    expect(b.reclaimed).toBeGreaterThan(a.reclaimed ?? 0);
  });

  it('on a quota error (other data in the area) drops from the biggest tab in bytes and keeps going', async () => {
    const area = new MemoryArea(60_000);
    const store = new LogStore(area, { maxPerTab: 100_000, batchMs: 1, onAppended: () => undefined });
    for (let i = 0; i < 100; i++) store.append(1, exchange(i));
    await store.flush();
    for (let i = 0; i < 20; i++) {
      store.append(2, big(i, 3000));
      await store.flush();
    }
    const quiet = await store.read(1);
    const loud = await store.read(2);
    expect(quiet.exchanges).toHaveLength(100);
    expect(loud.summary.reclaimed).toBeGreaterThan(0);
    expect(loud.exchanges.at(-1)?.id).toBe('19');
  });

  it('clearing a tab forgets its relief note', async () => {
    const store = new LogStore(new MemoryArea(), { maxPerTab: 100_000, batchMs: 1, budgetBytes: 20_000, onAppended: () => undefined });
    for (let i = 0; i < 10; i++) {
      store.append(2, big(i, 5000));
      await store.flush();
    }
    expect((await store.summary(1)).relief).toHaveLength(1);
    await store.clear(2);
    expect((await store.summary(1)).relief).toBeUndefined();
  });
});

