/**
 * Panel state: the tab's captured exchanges run through the same engine as the CLI, so the panel shows
 * the same findings for the same traffic. Plain data in, plain data out; no browser APIs.
 */
import { createAnalyzer, type Analyzer } from '../engine/analyzer';
import type { Finding, SessionInfo } from '../engine/types';
import type { CapturedExchange, TabSummary, WorkerToPanel } from '../shared/protocol';

export interface PanelView {
  tabId: number;
  connected: boolean;
  exchanges: readonly CapturedExchange[];
  findings: readonly Finding[];
  findingsByEntry: ReadonlyMap<number, Finding[]>;
  sessions: readonly SessionInfo[];
  summary: TabSummary;
}

export class PanelModel {
  private analyzer: Analyzer = createAnalyzer();
  private exchanges: CapturedExchange[] = [];
  private findings: Finding[] = [];
  private byEntry = new Map<number, Finding[]>();
  private sessions = new Map<string, SessionInfo>();
  private summary: TabSummary;
  private connected = false;

  constructor(private readonly tabId: number) {
    this.summary = { tabId, captured: 0, unauthorized: 0, dropped: 0 };
  }

  apply(msg: WorkerToPanel): void {
    if (msg.type === 'snapshot' || msg.type === 'cleared') this.reset();
    if (msg.type !== 'cleared') for (const ex of msg.exchanges) this.add(ex);
    this.summary = msg.summary;
    this.connected = true;
  }

  view(): PanelView {
    return {
      tabId: this.tabId,
      connected: this.connected,
      exchanges: this.exchanges.slice(),
      findings: this.findings.slice(),
      findingsByEntry: new Map(this.byEntry),
      sessions: [...this.sessions.values()],
      summary: this.summary,
    };
  }

  private reset(): void {
    this.analyzer = createAnalyzer();
    this.exchanges = [];
    this.findings = [];
    this.byEntry = new Map();
    this.sessions = new Map();
  }

  private add(ex: CapturedExchange): void {
    this.exchanges.push(ex);
    const delta = this.analyzer.add(ex);
    for (const f of delta.findings) {
      this.findings.push(f);
      const list = this.byEntry.get(f.entry);
      if (list) list.push(f);
      else this.byEntry.set(f.entry, [f]);
    }
    for (const s of delta.sessions) this.sessions.set(`${s.origin} ${s.cookie} ${s.issuedEntry ?? 'x'}`, s);
  }
}
