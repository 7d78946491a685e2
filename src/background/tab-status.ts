/**
 * The engine's live state per tab, for the badge and the popup: one incremental analyzer per tab, fed
 * with each stored batch. After a worker restart (memory gone) it is rebuilt from the stored log on first
 * use, so the state survives exactly as far as the log does.
 *
 * Bounded memory: once an analyzer has taken in half the retention limit on top of the log it was built
 * from, it is rebuilt from the retained log (the ring buffer), so a tab with 100k requests holds the state of
 * at most 1.5 × the limit, like a tab that has just passed it (the soak benchmark checks the heap is flat).
 * Each rebuild re-reads one retained log per half limit appended: twice the analysis work, still cheap.
 * Running numbers (Exchange.index) keep a rebuild and concurrent appends from counting a record twice.
 */
import { createAnalyzer, type Analyzer, type AnalyzerOptions } from '../engine/analysis/analyzer';
import { originStatuses, type OriginStatus } from '../engine/analysis/status';
import type { CapturedExchange } from '../shared/protocol';

/** Records taken in since the last (re)build, as a share of the retention limit, that trigger a rebuild. */
const REBUILD_AFTER = 0.5;

interface TabAnalysis {
  analyzer: Analyzer;
  /** The next running number not yet analysed. */
  next: number;
  /** Records taken in since the last (re)build. */
  fed: number;
}

export interface TabStatusOptions {
  /** The tab's retained log, oldest first (LogStore.read). */
  readLog(tabId: number): Promise<CapturedExchange[]>;
  analyzerOptions(): AnalyzerOptions;
  retention(): number;
}

export class TabStatusTracker {
  private readonly tabs = new Map<number, Promise<TabAnalysis>>();

  constructor(private readonly opts: TabStatusOptions) {}

  /** Takes in records just stored for the tab, in order. */
  append(tabId: number, exchanges: readonly CapturedExchange[]): Promise<void> {
    const current = this.tabs.get(tabId);
    const next = (current ?? this.build(tabId)).then((t) => {
      if (current && t.fed > REBUILD_AFTER * this.opts.retention()) return this.build(tabId); // includes these records
      feed(t, exchanges);
      return t;
    });
    this.tabs.set(tabId, next);
    return next.then(() => undefined);
  }

  async statuses(tabId: number, now: number): Promise<OriginStatus[]> {
    let t = this.tabs.get(tabId);
    if (!t) this.tabs.set(tabId, (t = this.build(tabId)));
    return originStatuses((await t).analyzer.result(), now);
  }

  /** Tabs whose state is in memory. */
  known(): number[] {
    return [...this.tabs.keys()];
  }

  forget(tabId: number): void {
    this.tabs.delete(tabId);
  }

  /** Settings changed (self-hosted sites): every tab is analysed again on next use. */
  forgetAll(): void {
    this.tabs.clear();
  }

  private build(tabId: number): Promise<TabAnalysis> {
    const fresh = (): TabAnalysis => ({ analyzer: createAnalyzer(this.opts.analyzerOptions()), next: 0, fed: 0 });
    return this.opts.readLog(tabId).then(
      (log) => {
        const t = fresh();
        feed(t, log);
        t.fed = 0;
        return t;
      },
      // Storage unreadable: start from what arrives next rather than never again.
      () => fresh(),
    );
  }
}

function feed(t: TabAnalysis, exchanges: readonly CapturedExchange[]): void {
  for (const ex of exchanges) {
    if (ex.index < t.next) continue;
    t.analyzer.feed(ex);
    t.next = ex.index + 1;
    t.fed++;
  }
}
