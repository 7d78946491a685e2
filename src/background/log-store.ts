/**
 * Per-tab capture log persisted in `storage.session`, so a service-worker restart loses nothing.
 *
 * Writes append: each flush stores the new records as a fresh chunk key plus the small index, in one
 * `set` call. Nothing reads and rewrites the growing log (browser-testing.md measured that pattern at
 * 2-3x page-load time). The index is loaded once per worker life, before the first write or read.
 *
 *   idx            -> { [tabId]: TabIndex }
 *   log/<tab>/<n>  -> CapturedExchange[] as one JSON string
 *
 * Why a string: Chromium counts storage.session by its in-memory values, about 1.6 KB for a record of ~480
 * bytes of JSON (every object, array and string is a value with its own overhead); as one string a chunk
 * counts its length, so the 10 MB quota holds about three times as many records.
 *
 * All operations run one after another on a promise chain, so a snapshot read and later appends can
 * neither overlap nor miss each other.
 */
import type { CapturedExchange, TabSummary } from '../shared/protocol';

/** The subset of a StorageArea the store needs (chrome.storage.session via the polyfill). */
export interface KeyValueArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

interface TabIndex {
  /** Next running number for an exchange of this tab (Exchange.index). */
  seq: number;
  /** Next chunk number. */
  next: number;
  /** Stored chunks, oldest first: [chunk number, record count]. */
  chunks: [number, number][];
  unauthorized: number;
  dropped: number;
}
type Index = Record<string, TabIndex>;

export interface LogStoreOptions {
  maxPerTab: number;
  /** Called after new records are stored, in order. */
  onAppended(tabId: number, exchanges: CapturedExchange[], summary: TabSummary): void;
  /** How long appends wait to be batched into one chunk. */
  batchMs?: number;
}

const INDEX_KEY = 'idx';
const chunkKey = (tabId: number, n: number) => `log/${tabId}/${n}`;
const MAX_QUOTA_RETRIES = 8;

export class LogStore {
  private index: Index | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private buffer = new Map<number, Omit<CapturedExchange, 'index'>[]>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  private maxPerTab: number;

  constructor(
    private readonly area: KeyValueArea,
    private readonly opts: LogStoreOptions,
  ) {
    this.maxPerTab = opts.maxPerTab;
  }

  /** Retention changed in the options: applies from the next stored batch. */
  setMaxPerTab(max: number): void {
    this.maxPerTab = max;
  }

  /** Synchronous so webRequest listeners stay cheap; the record is stored on the next flush. */
  append(tabId: number, exchange: Omit<CapturedExchange, 'index'>): void {
    let list = this.buffer.get(tabId);
    if (!list) this.buffer.set(tabId, (list = []));
    list.push(exchange);
    this.timer ??= setTimeout(() => void this.flush(), this.opts.batchMs ?? 100);
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = new Map();
    return this.run(async (index) => {
      for (const [tabId, records] of batch) await this.store(index, tabId, records);
    });
  }

  read(tabId: number): Promise<{ exchanges: CapturedExchange[]; summary: TabSummary }> {
    return this.run(async (index) => {
      const tab = index[tabId];
      if (!tab || tab.chunks.length === 0) return { exchanges: [], summary: summarize(tabId, tab) };
      const keys = tab.chunks.map(([n]) => chunkKey(tabId, n));
      const got = await this.area.get(keys);
      const exchanges = keys.flatMap((k) => decodeChunk(got[k]));
      return { exchanges, summary: summarize(tabId, tab) };
    });
  }

  summary(tabId: number): Promise<TabSummary> {
    return this.run(async (index) => summarize(tabId, index[tabId]));
  }

  /** Forget a tab's records (clear button, tab closed, a navigation when the log is not kept), stored or not yet. */
  clear(tabId: number): Promise<TabSummary> {
    this.buffer.delete(tabId);
    return this.run(async (index) => {
      const tab = index[tabId];
      if (tab) {
        const keys = tab.chunks.map(([n]) => chunkKey(tabId, n));
        delete index[tabId];
        await this.area.set({ [INDEX_KEY]: index });
        await this.area.remove(keys);
      }
      return summarize(tabId, undefined);
    });
  }

  /** Forget every tab's records (options page); returns how many tabs had some. */
  clearAll(): Promise<number> {
    this.buffer.clear();
    return this.run(async (index) => {
      const tabs = Object.keys(index);
      const keys = tabs.flatMap((t) => index[t]!.chunks.map(([n]) => chunkKey(Number(t), n)));
      for (const t of tabs) delete index[t];
      await this.area.set({ [INDEX_KEY]: index });
      if (keys.length) await this.area.remove(keys);
      return tabs.length;
    });
  }

  tabIds(): Promise<number[]> {
    return this.run(async (index) => Object.keys(index).map(Number));
  }

  private run<T>(task: (index: Index) => Promise<T>): Promise<T> {
    const next = this.chain.then(async () => task(await this.loadIndex()));
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async loadIndex(): Promise<Index> {
    if (!this.index) {
      const got = await this.area.get(INDEX_KEY);
      const stored = got[INDEX_KEY];
      this.index = stored && typeof stored === 'object' ? (stored as Index) : {};
    }
    return this.index;
  }

  private async store(index: Index, tabId: number, records: Omit<CapturedExchange, 'index'>[]): Promise<void> {
    const tab = (index[tabId] ??= { seq: 0, next: 0, chunks: [], unauthorized: 0, dropped: 0 });
    const numbered = records.map((r) => ({ ...r, index: tab.seq++ }) as CapturedExchange);
    tab.unauthorized += numbered.filter((r) => r.status === 401).length;
    const n = tab.next++;
    tab.chunks.push([n, numbered.length]);
    const evicted = evictBeyond(tab, this.maxPerTab);
    await this.setWithQuotaRelief(index, { [chunkKey(tabId, n)]: JSON.stringify(numbered), [INDEX_KEY]: index });
    if (evicted.length) await this.area.remove(evicted.map((c) => chunkKey(tabId, c)));
    this.opts.onAppended(tabId, numbered, summarize(tabId, tab));
  }

  /** A full quota drops the oldest chunks of the busiest tab, counts them, and tries again. */
  private async setWithQuotaRelief(index: Index, items: Record<string, unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.area.set(items);
        return;
      } catch (err) {
        if (attempt >= MAX_QUOTA_RETRIES || !isQuotaError(err)) throw err;
        const busiest = Object.entries(index).sort((a, b) => total(b[1]) - total(a[1]))[0];
        const oldest = busiest?.[1].chunks[0];
        if (!busiest || !oldest || busiest[1].chunks.length < 2) throw err;
        busiest[1].chunks.shift();
        busiest[1].dropped += oldest[1];
        await this.area.remove(chunkKey(Number(busiest[0]), oldest[0]));
      }
    }
  }
}

/** A stored chunk: a JSON string, or an array as written before chunks were strings; anything else is lost data, not an error. */
function decodeChunk(stored: unknown): CapturedExchange[] {
  if (Array.isArray(stored)) return stored as CapturedExchange[];
  if (typeof stored !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed as CapturedExchange[]) : [];
  } catch {
    return [];
  }
}

function total(tab: TabIndex): number {
  return tab.chunks.reduce((sum, [, size]) => sum + size, 0);
}

/** Ring buffer: drop whole oldest chunks while the tab holds more than `max` records. */
function evictBeyond(tab: TabIndex, max: number): number[] {
  const evicted: number[] = [];
  let count = total(tab);
  while (tab.chunks.length > 1 && count - tab.chunks[0]![1] >= max) {
    const [n, size] = tab.chunks.shift()!;
    count -= size;
    tab.dropped += size;
    evicted.push(n);
  }
  return evicted;
}

function summarize(tabId: number, tab: TabIndex | undefined): TabSummary {
  return {
    tabId,
    captured: tab ? total(tab) : 0,
    unauthorized: tab?.unauthorized ?? 0,
    dropped: tab?.dropped ?? 0,
  };
}

function isQuotaError(err: unknown): boolean {
  return /quota/i.test(String((err as Error)?.message ?? err));
}
