/**
 * Panel state: the tab's captured exchanges run through the same engine as the CLI, so the panel shows
 * the same findings for the same traffic. Plain data in, plain data out; no browser APIs.
 */
import { createAnalyzer, type Analyzer } from '../engine/analysis/analyzer';
import type { Finding, SessionInfo } from '../engine/types';
import { RECORDING, type CapturedExchange, type PauseState, type TabSummary, type WorkerToPanel } from '../shared/protocol';
import type { ImportDerived } from './import-derived';

export interface PanelView {
  /** Bumped on every change: the lists below are the model's own (not copied per message), so
   *  components key their memos on this instead of on array identity. */
  version: number;
  tabId: number;
  /** 'live' for the tab's capture; the file name for an imported HAR (read-only). */
  source: 'live' | ImportedSource;
  connected: boolean;
  exchanges: readonly CapturedExchange[];
  findings: readonly Finding[];
  findingsByEntry: ReadonlyMap<number, Finding[]>;
  sessions: readonly SessionInfo[];
  summary: TabSummary;
  /** The record toggle: whether the worker records this tab (live only). */
  pause: PauseState;
  /** An imported HAR's ticks, story and finding groups, derived by the import worker (null: the components derive them). */
  derived: ImportDerived | null;
}

/** What is on screen instead of the live log: a file or pasted text, read-only. */
export interface ImportedSource {
  /** The file's name, or "pasted text". */
  imported: string;
  entries: number;
  skipped: number;
  /** How the text was read when it was not a HAR: "curl -v transcript", "HTTPie transcript", … */
  format?: string;
  /** What a transcript did not give (scheme, host, the request, …), in words: never invented. */
  lacks?: string[];
}

export class PanelModel {
  private analyzer: Analyzer = createAnalyzer();
  private exchanges: CapturedExchange[] = [];
  private findings: Finding[] = [];
  private byEntry = new Map<number, Finding[]>();
  private sessions = new Map<string, SessionInfo>();
  private summary: TabSummary;
  private connected = false;
  private source: PanelView['source'] = 'live';
  private version = 0;
  private derived: ImportDerived | null = null;
  private pause: PauseState = RECORDING;
  /** Requests seen only by DevTools (origins without a host permission); kept across snapshots. */
  private fromDevtools: CapturedExchange[] = [];

  constructor(private readonly tabId: number) {
    this.summary = { tabId, captured: 0, unauthorized: 0, dropped: 0 };
  }

  apply(msg: WorkerToPanel): void {
    if (msg.type === 'paused') {
      this.pause = msg.pause;
      return;
    }
    if (msg.type === 'snapshot' && msg.pause) this.pause = msg.pause;
    if (this.source !== 'live') return; // an imported HAR is on screen; live traffic waits
    if (msg.type === 'snapshot' || msg.type === 'cleared') this.reset();
    if (msg.type === 'snapshot') this.load([...msg.exchanges, ...this.fromDevtools]);
    else if (msg.type === 'cleared') this.fromDevtools = [];
    else if (msg.type === 'appended') for (const ex of msg.exchanges) this.add(ex);
    this.summary = msg.summary;
    this.connected = true;
  }

  /**
   * A request only DevTools saw. Its origin is one the worker does not capture, so analysing it out of
   * order with the worker's records is safe: the engine's state is per origin.
   */
  addFromDevtools(ex: CapturedExchange): void {
    if (this.pause.paused) return; // the record toggle stops these too
    this.fromDevtools.push(ex);
    if (this.source === 'live') this.add(ex);
  }

  /** Shows a HAR file instead of the live log (read-only), through the same engine. */
  showImported(name: string, exchanges: readonly CapturedExchange[], skipped: number): void {
    this.reset();
    this.load(exchanges);
    this.source = { imported: name, entries: exchanges.length + skipped, skipped };
    this.summary = { tabId: this.tabId, captured: exchanges.length, unauthorized: exchanges.filter((e) => e.status === 401).length, dropped: 0 };
  }

  /**
   * Shows a HAR file already analysed elsewhere (the import worker ran the same engine over it and derived
   * what the view shows of the whole log), read-only. Takes the arrays and the index as they are: the caller
   * hands them over, so nothing here walks the log.
   */
  showAnalysed(
    name: string,
    imported: { exchanges: CapturedExchange[]; findings: Finding[]; findingsByEntry: Map<number, Finding[]>; unauthorized: number; sessions: SessionInfo[]; skipped: number; derived: ImportDerived; format?: string; lacks?: string[] },
  ): void {
    this.reset();
    this.exchanges = imported.exchanges;
    this.findings = imported.findings;
    this.byEntry = imported.findingsByEntry;
    for (const s of imported.sessions) this.sessions.set(sessionKey(s), s);
    this.derived = imported.derived;
    this.source = { imported: name, entries: imported.exchanges.length + imported.skipped, skipped: imported.skipped };
    if (imported.format) this.source.format = imported.format;
    if (imported.lacks?.length) this.source.lacks = imported.lacks;
    this.summary = { tabId: this.tabId, captured: imported.exchanges.length, unauthorized: imported.unauthorized, dropped: 0 };
  }

  /** What only DevTools saw (hosts without a permission), in arrival order: part of the log and its export. */
  devtoolsOnly(): readonly CapturedExchange[] {
    return this.fromDevtools;
  }

  /** Back to the live log; the caller re-subscribes for a fresh snapshot. */
  backToLive(): void {
    this.source = 'live';
    this.reset();
  }

  view(): PanelView {
    return {
      version: ++this.version,
      tabId: this.tabId,
      source: this.source,
      connected: this.connected,
      exchanges: this.exchanges,
      findings: this.findings,
      findingsByEntry: this.byEntry,
      sessions: [...this.sessions.values()],
      summary: this.summary,
      pause: this.pause,
      derived: this.derived,
    };
  }

  private reset(): void {
    this.analyzer = createAnalyzer();
    this.exchanges = [];
    this.findings = [];
    this.byEntry = new Map();
    this.sessions = new Map();
    this.derived = null;
  }

  /** A whole log at once: no per-exchange deltas, the result once at the end (same engine, same findings). */
  private load(exchanges: readonly CapturedExchange[]): void {
    for (const ex of exchanges) this.analyzer.feed(ex);
    const result = this.analyzer.result();
    this.exchanges = exchanges.slice();
    for (const f of result.findings) this.index(f);
    for (const s of result.sessions) this.sessions.set(sessionKey(s), s);
  }

  private add(ex: CapturedExchange): void {
    this.exchanges.push(ex);
    const delta = this.analyzer.add(ex);
    for (const f of delta.findings) this.index(f);
    for (const s of delta.sessions) this.sessions.set(sessionKey(s), s);
  }

  private index(f: Finding): void {
    this.findings.push(f);
    const list = this.byEntry.get(f.entry);
    if (list) list.push(f);
    else this.byEntry.set(f.entry, [f]);
  }
}

/** Sessions are identified by origin, cookie and the entry that issued them. */
export function sessionKey(s: SessionInfo): string {
  return `${s.origin} ${s.cookie} ${s.issuedEntry ?? 'x'}`;
}
