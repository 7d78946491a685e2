/**
 * Per-tab capture log persisted in `storage.session`: nothing that reached the worker is lost when the
 * browser stops it, at any moment, and one tab cannot take the storage every tab shares.
 *
 * ## Write-ahead journal, compacted in the background
 * Each record is written under its own journal key the moment the webRequest listener hands it over, in
 * that same task: `set()` sends the browser its request synchronously, and the browser applies it even if
 * the worker is stopped before the answer comes back (a stopped worker finishes the task it is running;
 * Chromium ends it between tasks). Clears are journaled the same way, so a replay keeps their order.
 * Every ~100 ms the compactor turns what was journaled into one chunk per tab and writes, in ONE `set`
 * (which the browser applies whole or not at all), the chunks, the index and the journal mark (how far
 * this worker's journal is compacted); only then does it remove the journal keys. A worker stopped
 * anywhere in between leaves either the journal entries past the mark or the chunk, never both live,
 * never neither. The next worker replays the journal past each old mark, in order, before anything else.
 *
 * ## Order by capture time, late journal writes merged into place
 * Each record carries `at`, the webRequest event's timeStamp (the browser's clock, the same for every worker
 * life). The browser usually delivers events in that order, and a compaction then appends. Around a worker stop
 * it does not, in two ways: Chromium can deliver an event of the dying worker's last moments to the next
 * worker after later ones, and it can apply a journal write of a stopped worker after the next worker has
 * loaded the log and stored its first records (the write was on its way when the worker died). So a new life
 * looks for journal keys of earlier lives again at each compaction during its first seconds (`getKeys` is
 * cheap), and any later life finds the rest at load. A compaction sorts its batch by `at`; a record older
 * than the newest one stored for its tab is merged into place: the tail chunks from the first later record on
 * are read, merged by `at`, renumbered and written back as one chunk in the same all-or-nothing `set`, and
 * the tab's panels get the log again. A clear
 * made by a later life is stamped too (`cuts`), so a late record from before it is not brought back.
 *
 *   idx                  -> { [tabId]: TabIndex }
 *   jmark                -> { [life]: next journal number not yet compacted }
 *   cuts                 -> { [tabId or '*']: [stamp, life] } the latest clear of each tab (or of all), for late records
 *   merged               -> how many records arrived out of capture order and were put in place (a diagnostic for the e2e test)
 *   relief               -> the latest tabs that lost records to free storage (ReliefNote[])
 *   lives                -> how many worker lives have loaded the log (a diagnostic: tests see restarts happen)
 *   log/<tab>/<n>        -> CapturedExchange[] as one JSON string
 *   j/<life>/<n>         -> one journal entry: `r<tabId>@<at> <record JSON>`, `c<tabId>@<at>` (clear) or `C@<at>` (clear all)
 *
 * `life` is this worker's start time (base 36, fixed width, so later lives sort later) plus a random tail.
 * Reads and appends never read and rewrite the growing log (browser-testing.md measured that pattern at
 * 2-3x page-load time). Why strings: Chromium counts storage.session by its in-memory values, about 1.6 KB
 * for a record of ~480 bytes of JSON; as one string a chunk counts its length.
 *
 * ## Fair, bounded storage
 * Records arrive with their header values capped (storage-caps.ts). The store counts each chunk's bytes
 * (key + JSON length) and keeps the sum of every tab's chunks under a budget below the quota. Over it, or
 * when the browser still refuses a write for quota, the tab using the most bytes loses its oldest chunk, and
 * again, until the log fits: one tab's flood cuts its own log first, and a tab is cut only while it is the
 * biggest. Each loss is counted per tab (`dropped`, `reclaimed`) and noted with the tab's site, so every
 * panel can say which tab lost what.
 *
 * All compaction, reads and clears run one after another on a promise chain.
 */
import type { CapturedExchange, ReliefNote, TabSummary } from '../shared/protocol';

/** The subset of a StorageArea the store needs (chrome.storage.session via the polyfill). */
export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  /** Chrome 130+, Firefox 143+; `get(null)` otherwise. */
  getKeys?(): Promise<string[]>;
  QUOTA_BYTES?: number;
}

interface TabIndex {
  /** Next running number for an exchange of this tab (Exchange.index). */
  seq: number;
  /** Next chunk number. */
  next: number;
  /** Stored chunks, oldest first: [chunk number, record count, bytes]. */
  chunks: [number, number, number?][];
  unauthorized: number;
  /** Records gone: the retention limit or freeing storage. */
  dropped: number;
  /** Of those, records dropped to free storage for the log of every tab. */
  reclaimed?: number;
  /** Origin of the tab's latest page, to name the tab when it loses records. */
  site?: string;
  /** The newest capture stamp stored: a record older than it is merged into place. */
  last?: number;
}
/** A stored record: the exchange and its capture stamp (read() returns the exchange alone). */
type Stored = CapturedExchange & { at?: number };
type Pending = { record: Omit<CapturedExchange, 'index'>; at: number };
/** The latest clear of a tab ('*': of all tabs): when and by which life. */
type Cuts = Record<string, [number, string]>;
type Index = Record<string, TabIndex>;
type Marks = Record<string, number>;

export interface LogStoreOptions {
  maxPerTab: number;
  /** Called after new records are stored, in order. */
  onAppended(tabId: number, exchanges: CapturedExchange[], summary: TabSummary): void;
  /** Called when a tab's log was cleared, in order with the appends. */
  onCleared?(tabId: number, summary: TabSummary): void;
  /** Called when late records were merged into a tab's stored log (not at its end): read it again. */
  onReordered?(tabId: number, summary: TabSummary): void;
  /** How long the compactor waits to batch journal entries into one chunk per tab. */
  batchMs?: number;
  /** Bytes the logs of all tabs may hold together; default 80 % of the area's quota (10 MB when unknown). */
  budgetBytes?: number;
  /** This worker's journal name (tests); a fresh one by default. */
  life?: string;
}

type Op =
  | { kind: 'record'; tabId: number; at: number; json: string; record?: Omit<CapturedExchange, 'index'> }
  | { kind: 'clear'; tabId: number; at: number }
  | { kind: 'clear-all'; at: number };
interface Entry {
  n: number;
  key: string;
  op: Op;
  written: Promise<unknown>;
}

export const INDEX_KEY = 'idx';
const MARK_KEY = 'jmark';
const RELIEF_KEY = 'relief';
const CUTS_KEY = 'cuts';
/** Records merged into place (not appended): tests print it. */
export const MERGED_KEY = 'merged';
/** How long a new life looks for late journal writes of earlier ones at each compaction. */
const LATE_SCAN_MS = 10_000;
/** Clears older than this cannot meet a late record any more. */
const CUT_KEEP_MS = 5 * 60_000;
/** How many worker lives have used the log (each start counts): tests read it to see that restarts happened. */
export const LIVES_KEY = 'lives';
const JOURNAL_PREFIX = 'j/';
const CHUNK_PREFIX = 'log/';
const chunkKey = (tabId: number, n: number) => `${CHUNK_PREFIX}${tabId}/${n}`;
const MAX_QUOTA_RETRIES = 64;
const RELIEF_NOTES = 8;
const DEFAULT_QUOTA = 10 * 1024 * 1024;

export function newLife(now = Date.now()): string {
  return now.toString(36).padStart(9, '0') + Math.random().toString(36).slice(2, 8).padEnd(6, '0');
}

export class LogStore {
  private index: Index | null = null;
  private marks: Marks = {};
  private cuts: Cuts = {};
  private merged = 0;
  private loadedAt = 0;
  private relief: ReliefNote[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  /** Journaled, not yet compacted, in journal order. */
  private pending: Entry[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly life: string;
  private n = 0;
  private lives = 0;
  private maxPerTab: number;
  private readonly budget: number;

  constructor(
    private readonly area: KeyValueArea,
    private readonly opts: LogStoreOptions,
  ) {
    this.maxPerTab = opts.maxPerTab;
    this.life = opts.life ?? newLife();
    this.budget = opts.budgetBytes ?? Math.floor(0.8 * (area.QUOTA_BYTES ?? DEFAULT_QUOTA));
  }

  /** Retention changed in the options: applies from the next stored batch. */
  setMaxPerTab(max: number): void {
    this.maxPerTab = max;
  }

  /**
   * Synchronous and durable: the record is journaled in this task (one small `set`), compacted later.
   * `exchange` should already be capped for storage (storage-caps.ts); `at` is when it was captured (the
   * webRequest event's timeStamp), which orders the log.
   */
  append(tabId: number, exchange: Omit<CapturedExchange, 'index'>, at = Date.now()): void {
    this.journal({ kind: 'record', tabId, at, json: JSON.stringify(exchange), record: exchange });
  }

  /** Compacts everything journaled so far; resolves once it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.run(() => this.compactPending());
  }

  read(tabId: number): Promise<{ exchanges: CapturedExchange[]; summary: TabSummary }> {
    return this.run(async (index) => {
      const tab = index[tabId];
      if (!tab || tab.chunks.length === 0) return { exchanges: [], summary: this.summarize(tabId, tab) };
      const keys = tab.chunks.map(([n]) => chunkKey(tabId, n));
      const got = await this.area.get(keys);
      const exchanges = keys.flatMap((k) => decodeChunk(got[k]).map(withoutStamp));
      return { exchanges, summary: this.summarize(tabId, tab) };
    });
  }

  summary(tabId: number): Promise<TabSummary> {
    return this.run(async (index) => this.summarize(tabId, index[tabId]));
  }

  /**
   * Forget a tab's records (clear button, tab closed, a navigation when the log is not kept): the clear is
   * journaled now, in order with the records around it, and applied by the next compaction.
   */
  clear(tabId: number, at = Date.now()): Promise<TabSummary> {
    this.journal({ kind: 'clear', tabId, at });
    return this.flush().then(() => this.summarize(tabId, undefined));
  }

  /** Forget every tab's records (options page); resolves with how many tabs had some. */
  clearAll(): Promise<number> {
    const before = this.run(async (index) => Object.keys(index).length);
    this.journal({ kind: 'clear-all', at: Date.now() });
    return Promise.all([before, this.flush()]).then(([tabs]) => tabs);
  }

  tabIds(): Promise<number[]> {
    return this.run(async (index) => Object.keys(index).map(Number));
  }

  private journal(op: Op): void {
    const n = this.n++;
    const key = `${JOURNAL_PREFIX}${this.life}/${n}`;
    const value = op.kind === 'record' ? `r${op.tabId}@${op.at} ${op.json}` : op.kind === 'clear' ? `c${op.tabId}@${op.at}` : `C@${op.at}`;
    // Sent to the browser now; a quota error only means the record waits in memory for the compactor.
    const written = this.area.set({ [key]: value }).catch(() => undefined);
    this.pending.push({ n, key, op, written });
    this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.opts.batchMs ?? 100);
  }

  private run<T>(task: (index: Index) => Promise<T>): Promise<T> {
    const next = this.chain.then(async () => task(await this.load()));
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Once per worker life: the index, then what earlier lives journaled but did not compact, replayed in order. */
  private async load(): Promise<Index> {
    if (this.index) return this.index;
    const keys = await this.keys();
    const got = await this.area.get([INDEX_KEY, MARK_KEY, RELIEF_KEY, LIVES_KEY, CUTS_KEY, MERGED_KEY]);
    this.lives = (typeof got[LIVES_KEY] === 'number' ? got[LIVES_KEY] : 0) + 1;
    this.merged = typeof got[MERGED_KEY] === 'number' ? got[MERGED_KEY] : 0;
    // A full storage must not keep a restarted worker from reading its log: the count is written again with the
    // next compaction, which frees room first.
    await this.area.set({ [LIVES_KEY]: this.lives }).catch((err: unknown) => {
      if (!isQuotaError(err)) throw err;
    });
    const index = isObject(got[INDEX_KEY]) ? (got[INDEX_KEY] as Index) : {};
    const marks = isObject(got[MARK_KEY]) ? (got[MARK_KEY] as Marks) : {};
    this.cuts = isObject(got[CUTS_KEY]) ? (got[CUTS_KEY] as Cuts) : {};
    this.relief = Array.isArray(got[RELIEF_KEY]) ? (got[RELIEF_KEY] as ReliefNote[]) : [];

    const lives = new Set<string>();
    const stale: string[] = [];
    for (const key of keys) {
      if (key.startsWith(JOURNAL_PREFIX)) {
        const [, life, num] = key.split('/');
        if (life && life !== this.life) lives.add(life);
        if (life && Number(num) < (marks[life] ?? 0)) stale.push(key); // compacted by a worker stopped before it removed them
      } else if (key.startsWith(CHUNK_PREFIX)) {
        const [, tab, num] = key.split('/');
        if (!index[tab!]?.chunks.some(([c]) => String(c) === num)) stale.push(key); // evicted or cleared, not yet removed
      }
    }
    // Marks of lives with no journal left are done with.
    for (const life of Object.keys(marks)) if (!lives.has(life)) delete marks[life];
    this.index = index;
    this.marks = marks;
    this.loadedAt = Date.now();
    // Nothing may run before the replay: appends of this life come after those of earlier lives.
    await this.replayEarlierLives(keys);
    if (stale.length) await this.area.remove(stale);
    return this.index;
  }

  private async keys(): Promise<string[]> {
    return this.area.getKeys ? await this.area.getKeys() : Object.keys(await this.area.get(null));
  }

  /** Journal entries of earlier lives past their marks, one compaction per life, oldest life first. */
  private async replayEarlierLives(keys: string[]): Promise<void> {
    const journaled: { life: string; n: number; key: string }[] = [];
    for (const key of keys) {
      if (!key.startsWith(JOURNAL_PREFIX)) continue;
      const [, life, num] = key.split('/');
      const n = Number(num);
      if (!life || life === this.life || !Number.isInteger(n)) continue;
      if (n >= (this.marks[life] ?? 0)) journaled.push({ life, n, key });
    }
    if (!journaled.length) return;
    journaled.sort((a, b) => (a.life < b.life ? -1 : a.life > b.life ? 1 : a.n - b.n));
    const values = await this.area.get(journaled.map((j) => j.key));
    for (const life of [...new Set(journaled.map((j) => j.life))]) {
      const ofLife: Entry[] = [];
      for (const j of journaled) {
        if (j.life !== life) continue;
        const op = decodeOp(values[j.key]);
        if (op) ofLife.push({ n: j.n, key: j.key, op, written: Promise.resolve() });
      }
      if (ofLife.length) await this.compact(ofLife, life);
    }
  }

  private async compactPending(): Promise<void> {
    // A journal write of the worker before this one can land after this one loaded (Chromium): take it in
    // before this life's own records, merged into place by its stamp.
    if (this.area.getKeys && Date.now() - this.loadedAt < LATE_SCAN_MS) await this.replayEarlierLives(await this.keys());
    while (this.pending.length) {
      // Up to and including the first clear, so a panel sees the appends before it and then the clear.
      const cut = this.pending.findIndex((e) => e.op.kind !== 'record');
      const batch = this.pending.splice(0, cut < 0 ? this.pending.length : cut + 1);
      try {
        await this.compact(batch, this.life);
      } catch (err) {
        this.pending.unshift(...batch); // stays journaled; the next flush tries again
        this.timer ??= setTimeout(() => void this.flush().catch(() => undefined), this.opts.batchMs ?? 100);
        throw err;
      }
    }
  }

  /**
   * Journal entries of one life, in order → chunks, index and mark in one `set`; then the journal keys go.
   * Records older than their tab's newest stored one (late writes of an earlier life) are merged into place.
   */
  private async compact(entries: Entry[], life: string): Promise<void> {
    await Promise.all(entries.map((e) => e.written)); // the removal below must not overtake a journal write
    // Worked on a copy: a failed write leaves the index as stored, and the entries are compacted again later.
    const index = structuredClone(this.index!);
    const reliefBefore = this.relief;
    const cuts = pruneCuts({ ...this.cuts });
    const batches = new Map<number, Pending[]>();
    const cleared: number[] = [];
    const removed: string[] = [];
    for (const { op } of entries) {
      if (op.kind === 'record') {
        // Cleared since by a later life (a late write of a stopped worker): it stays cleared.
        const cut = Math.max(cutOf(cuts[op.tabId], life), cutOf(cuts['*'], life));
        if (op.at < cut) continue;
        let list = batches.get(op.tabId);
        if (!list) batches.set(op.tabId, (list = []));
        list.push({ record: op.record ?? (JSON.parse(op.json) as Omit<CapturedExchange, 'index'>), at: op.at });
        continue;
      }
      const where = op.kind === 'clear' ? String(op.tabId) : '*';
      if (!cuts[where] || cuts[where][0] < op.at) cuts[where] = [op.at, life];
      const tabs = op.kind === 'clear' ? [String(op.tabId)] : Object.keys(index);
      for (const t of tabs) {
        const tab = index[t];
        if (tab) removed.push(...tab.chunks.map(([n]) => chunkKey(Number(t), n)));
        delete index[t];
        batches.delete(Number(t));
        cleared.push(Number(t));
      }
      if (op.kind === 'clear-all') {
        for (const t of batches.keys()) cleared.push(t);
        batches.clear();
        this.relief = [];
      } else {
        this.relief = this.relief.filter((r) => r.tabId !== op.tabId);
      }
    }

    const items: Record<string, unknown> = {};
    const appended: [number, CapturedExchange[]][] = [];
    const reordered: number[] = [];
    const fresh = new Set<string>();
    let merged = this.merged;
    for (const [tabId, batch] of batches) {
      const tab = (index[tabId] ??= { seq: 0, next: 0, chunks: [], unauthorized: 0, dropped: 0 });
      // The log is in capture-time order. The browser almost always delivers events in that order, but not
      // around a worker stop: an event of the dying worker's last moments can reach the next worker after
      // later ones, and a journal write of the dying worker can land after the next worker stored newer
      // records. Either way the record is older than the tab's newest stored one and is merged into place.
      const ordered = sortByStamp(batch);
      merged += deliveredLate(batch, tab.last);
      const late = tab.last !== undefined && ordered[0]!.at < tab.last;
      let numbered: Stored[];
      if (late) {
        // Late: read back the stored tail from the first record newer than the oldest new one, merge, renumber.
        const tail: Stored[] = [];
        while (tab.chunks.length) {
          const [n] = tab.chunks.at(-1)!;
          const key = chunkKey(tabId, n);
          const chunk = decodeChunk((await this.area.get(key))[key]);
          tab.chunks.pop();
          removed.push(key);
          tail.unshift(...chunk);
          if (chunk.length && stampOf(chunk[0]!) <= ordered[0]!.at) break;
        }
        const start = tail[0]?.index ?? tab.seq;
        const mixed = mergeByStamp(tail.map((r) => ({ record: r, at: stampOf(r) })), ordered);
        numbered = mixed.map(({ record, at }, k) => ({ ...record, index: start + k, at }) as Stored);
        tab.seq = start + numbered.length;
        reordered.push(tabId);
      } else {
        numbered = ordered.map(({ record, at }) => ({ ...record, index: tab.seq++, at }) as Stored);
        appended.push([tabId, numbered.map(withoutStamp)]);
      }
      for (const r of ordered) if (tab.last === undefined || r.at > tab.last) tab.last = r.at;
      tab.unauthorized += ordered.filter((r) => r.record.status === 401).length;
      const page = ordered.findLast((r) => r.record.type === 'main_frame')?.record ?? (tab.site ? undefined : ordered[0]!.record);
      if (page) tab.site = originOf(page.url);
      const n = tab.next++;
      const key = chunkKey(tabId, n);
      const value = JSON.stringify(numbered);
      tab.chunks.push([n, numbered.length, key.length + value.length]);
      items[key] = value;
      fresh.add(key);
      removed.push(...evictBeyond(tab, this.maxPerTab).map((c) => chunkKey(tabId, c)));
    }
    removed.push(...this.relieve(index, this.budget, fresh));
    const marks = { ...this.marks, [life]: entries.at(-1)!.n + 1 };
    items[CUTS_KEY] = cuts;
    if (merged !== this.merged) items[MERGED_KEY] = merged;
    try {
      await this.setWithQuotaRelief(index, items, marks, removed, fresh);
    } catch (err) {
      this.relief = reliefBefore;
      throw err;
    }
    this.index = index;
    this.marks = marks;
    this.cuts = cuts;
    this.merged = merged;
    const gone = [...removed, ...entries.map((e) => e.key)].filter((k) => !fresh.has(k));
    if (gone.length) await this.area.remove(gone);
    for (const t of cleared) this.opts.onCleared?.(t, this.summarize(t, undefined));
    for (const [tabId, numbered] of appended) this.opts.onAppended(tabId, numbered, this.summarize(tabId, index[tabId]));
    for (const tabId of reordered) this.opts.onReordered?.(tabId, this.summarize(tabId, index[tabId]));
  }

  /**
   * Drops the oldest chunks of the tab holding the most bytes, one at a time, until all tabs together hold at
   * most `budget`. Chunks written by this compaction stay. Returns the keys to remove.
   */
  private relieve(index: Index, budget: number, keep: Set<string>): string[] {
    const bytes = new Map(Object.entries(index).map(([t, tab]) => [t, tabBytes(tab)]));
    let total = [...bytes.values()].reduce((a, b) => a + b, 0);
    const removed: string[] = [];
    const lost = new Map<string, number>();
    while (total > budget) {
      const victim = [...bytes.entries()]
        .filter(([t]) => index[t]!.chunks.some(([n]) => !keep.has(chunkKey(Number(t), n))))
        .sort((a, b) => b[1] - a[1])[0];
      if (!victim) break;
      const [t] = victim;
      const tab = index[t]!;
      const at = tab.chunks.findIndex(([n]) => !keep.has(chunkKey(Number(t), n)));
      const [[n, count, size = 0]] = tab.chunks.splice(at, 1) as [[number, number, number?]];
      tab.dropped += count;
      tab.reclaimed = (tab.reclaimed ?? 0) + count;
      bytes.set(t, bytes.get(t)! - size);
      total -= size;
      lost.set(t, (lost.get(t) ?? 0) + count);
      removed.push(chunkKey(Number(t), n));
      if (size === 0) break; // unknown sizes (an older index): one chunk per pass
    }
    for (const [t, records] of lost) this.note(Number(t), index[t]!, records);
    return removed;
  }

  private note(tabId: number, tab: TabIndex, records: number): void {
    const prior = this.relief.find((r) => r.tabId === tabId);
    const note: ReliefNote = { tabId, site: tab.site ?? '', records: (prior?.records ?? 0) + records, bytes: tabBytes(tab), at: Date.now() };
    this.relief = [note, ...this.relief.filter((r) => r.tabId !== tabId)].slice(0, RELIEF_NOTES);
  }

  /** A full quota (other data shares the area) drops more of the biggest tab and tries again. */
  private async setWithQuotaRelief(index: Index, items: Record<string, unknown>, marks: Marks, removed: string[], keep: Set<string>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.area.set({ ...items, [INDEX_KEY]: index, [MARK_KEY]: marks, [RELIEF_KEY]: this.relief, [LIVES_KEY]: this.lives });
        return;
      } catch (err) {
        if (attempt >= MAX_QUOTA_RETRIES || !isQuotaError(err)) throw err;
        const total = Object.values(index).reduce((sum, tab) => sum + tabBytes(tab), 0);
        const more = this.relieve(index, total - 1, keep);
        if (!more.length) throw err;
        removed.push(...more);
        // Removing first frees the room the retry needs; these chunks are no longer in the stored index's future.
        await this.area.remove(more);
      }
    }
  }

  private summarize(tabId: number, tab: TabIndex | undefined): TabSummary {
    const summary: TabSummary = {
      tabId,
      captured: tab ? total(tab) : 0,
      unauthorized: tab?.unauthorized ?? 0,
      dropped: tab?.dropped ?? 0,
    };
    if (tab?.reclaimed) summary.reclaimed = tab.reclaimed;
    if (tab) summary.bytes = tabBytes(tab);
    if (this.relief.length) summary.relief = this.relief.slice();
    return summary;
  }
}

function decodeOp(stored: unknown): Op | null {
  if (typeof stored !== 'string') return null;
  // Entries journaled before stamps had none: a record then falls back to its own times; such a clear cuts nothing.
  const m = /^(?:C|([rc])(\d+))(?:@(-?[\d.e+]+))?(?: |$)/.exec(stored);
  if (!m) return null;
  const stamp = m[3] !== undefined ? Number(m[3]) : undefined;
  if (!m[1]) return { kind: 'clear-all', at: stamp ?? 0 };
  const tabId = Number(m[2]);
  if (m[1] === 'c') return { kind: 'clear', tabId, at: stamp ?? 0 };
  const json = stored.slice(m[0].length);
  let record: Omit<CapturedExchange, 'index'>;
  try {
    record = JSON.parse(json) as Omit<CapturedExchange, 'index'>;
  } catch {
    return null;
  }
  return { kind: 'record', tabId, at: stamp ?? stampOf(record), json, record };
}

/** A record's capture stamp: the one stored with it, else when its response came (records stored before stamps). */
function stampOf(r: { at?: number; time: number; durationMs?: number }): number {
  return typeof r.at === 'number' ? r.at : r.time + (r.durationMs ?? 0);
}

function withoutStamp(r: Stored): CapturedExchange {
  if (r.at === undefined) return r;
  const { at: _at, ...rest } = r;
  return rest;
}

/** Stable: records of equal stamps keep their journal order. */
function sortByStamp(batch: Pending[]): Pending[] {
  for (let k = 1; k < batch.length; k++) if (batch[k]!.at < batch[k - 1]!.at) return batch.slice().sort((a, b) => a.at - b.at);
  return batch;
}

/**
 * How many records of a batch came after one captured later than them, in the batch or already stored (`last`,
 * the newest stored stamp): each counted once (a diagnostic, `merged`).
 */
function deliveredLate(batch: Pending[], last: number | undefined): number {
  let newest = last ?? -Infinity;
  let late = 0;
  for (const { at } of batch) {
    if (at < newest) late++;
    else newest = at;
  }
  return late;
}

/** Both in stamp order → one list in stamp order; on equal stamps the stored record stays first. */
function mergeByStamp<A extends { at: number }, B extends { at: number }>(stored: A[], late: B[]): (A | B)[] {
  const out: (A | B)[] = [];
  let i = 0;
  let j = 0;
  while (i < stored.length || j < late.length) {
    if (j >= late.length || (i < stored.length && stored[i]!.at <= late[j]!.at)) out.push(stored[i++]!);
    else out.push(late[j++]!);
  }
  return out;
}

/** The stamp before which a record of `life` was cleared by another life (-Infinity: none). */
function cutOf(cut: [number, string] | undefined, life: string): number {
  return cut && cut[1] !== life ? cut[0] : -Infinity;
}

function pruneCuts(cuts: Cuts): Cuts {
  const before = Date.now() - CUT_KEEP_MS;
  for (const [k, [at]] of Object.entries(cuts)) if (at < before) delete cuts[k];
  return cuts;
}

/** A stored chunk: a JSON string, or an array as written before chunks were strings; anything else is lost data, not an error. */
function decodeChunk(stored: unknown): Stored[] {
  if (Array.isArray(stored)) return stored as Stored[];
  if (typeof stored !== 'string') return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? (parsed as Stored[]) : [];
  } catch {
    return [];
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

function total(tab: TabIndex): number {
  return tab.chunks.reduce((sum, [, size]) => sum + size, 0);
}

function tabBytes(tab: TabIndex): number {
  return tab.chunks.reduce((sum, [, , bytes]) => sum + (bytes ?? 0), 0);
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

export function isQuotaError(err: unknown): boolean {
  return /quota/i.test(String((err as Error)?.message ?? err));
}
