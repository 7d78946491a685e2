/**
 * Serves the panel's port and the one-shot requests of the popup and the options page, following
 * src/shared/protocol.ts.
 */
import type { Runtime } from '../platform/browser';
import {
  PORT_NAME,
  isPanelToWorker,
  isRequestEnvelope,
  type CapturedExchange,
  type PauseState,
  type RequestEnvelope,
  type RequestMap,
  type TabSummary,
  type WorkerToPanel,
} from '../shared/protocol';
import type { OriginStatus } from '../engine/analysis/status';
import type { ReplayPlan } from '../engine/replay/plan';
import type { ReplayResponse } from '../engine/replay/outcome';
import type { WhoAmI } from '../shared/who-am-i';
import type { LogStore } from './log-store';

/** What the server needs beyond the log. */
export interface ServerActions {
  statuses(tabId: number, now: number): Promise<OriginStatus[]>;
  /** Forget every tab's records and state; resolves with the number of tabs that had some. */
  clearAll(): Promise<number>;
  replayWithCookies(plan: ReplayPlan): Promise<ReplayResponse>;
  whoAmI(origin: string): Promise<WhoAmI>;
  /** The record toggle (capture-pause.ts). */
  pauseState(tabId: number): Promise<PauseState>;
  setPaused(tabId: number, paused: boolean): Promise<PauseState>;
}

export class PanelServer {
  private readonly subscribers = new Map<number, Set<Runtime.Port>>();

  constructor(
    private readonly store: LogStore,
    private readonly actions: ServerActions,
  ) {}

  onConnect(port: Runtime.Port): void {
    if (port.name !== PORT_NAME) return;
    port.onMessage.addListener((msg: unknown) => void this.onPortMessage(port, msg));
    port.onDisconnect.addListener(() => {
      for (const ports of this.subscribers.values()) ports.delete(port);
    });
  }

  /** New records of a tab, in capture order, to every panel watching it. */
  broadcast(tabId: number, exchanges: CapturedExchange[], summary: TabSummary): void {
    this.send(tabId, { type: 'appended', tabId, exchanges, summary });
  }

  /** A tab's log was cleared (in order with its appends): its panels start over. */
  cleared(tabId: number, summary: TabSummary): void {
    this.send(tabId, { type: 'cleared', tabId, summary });
  }

  /** The tab's capture was paused or resumed, or counted more unrecorded responses. */
  paused(tabId: number, pause: PauseState): void {
    this.send(tabId, { type: 'paused', tabId, pause });
  }

  /** The tab's stored log changed other than at its end (late records merged into place): panels get it whole again. */
  async resend(tabId: number): Promise<void> {
    if (!this.subscribers.get(tabId)?.size) return;
    const { exchanges, summary } = await this.store.read(tabId);
    const pause = await this.actions.pauseState(tabId);
    this.send(tabId, { type: 'snapshot', tabId, exchanges, summary, pause });
  }

  async handleRequest(msg: unknown): Promise<RequestMap[keyof RequestMap]['response'] | undefined> {
    if (!isRequestEnvelope(msg)) return undefined;
    const envelope = msg as RequestEnvelope;
    if (envelope.kind === 'replay-with-cookies') {
      const { plan } = (envelope as RequestEnvelope<'replay-with-cookies'>).body;
      return this.actions.replayWithCookies(plan).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }));
    }
    if (envelope.kind === 'who-am-i') return this.actions.whoAmI((envelope as RequestEnvelope<'who-am-i'>).body.origin);
    if (envelope.kind === 'set-paused') {
      const { tabId, paused } = (envelope as RequestEnvelope<'set-paused'>).body;
      return this.actions.setPaused(tabId, paused);
    }
    if (envelope.kind === 'pause-state') return this.actions.pauseState((envelope as RequestEnvelope<'pause-state'>).body.tabId);
    await this.store.flush(); // answer with everything captured so far
    switch (envelope.kind) {
      case 'tab-summary':
        return this.store.summary((envelope as RequestEnvelope<'tab-summary'>).body.tabId);
      case 'tab-log':
        return this.store.read((envelope as RequestEnvelope<'tab-log'>).body.tabId);
      case 'tab-status': {
        const { tabId } = (envelope as RequestEnvelope<'tab-status'>).body;
        const now = Date.now();
        const [statuses, summary, pause] = await Promise.all([this.actions.statuses(tabId, now), this.store.summary(tabId), this.actions.pauseState(tabId)]);
        return { tabId, statuses, summary, now, pause };
      }
      case 'clear-all': {
        const tabs = await this.actions.clearAll();
        for (const tabId of this.subscribers.keys()) this.send(tabId, { type: 'cleared', tabId, summary: { tabId, captured: 0, unauthorized: 0, dropped: 0 } });
        return { tabs };
      }
      default:
        return undefined;
    }
  }

  private async onPortMessage(port: Runtime.Port, msg: unknown): Promise<void> {
    if (!isPanelToWorker(msg)) return;
    if (msg.type === 'subscribe') {
      await this.store.flush();
      const { exchanges, summary } = await this.store.read(msg.tabId);
      const pause = await this.actions.pauseState(msg.tabId);
      // Subscribed only after the snapshot: the store's queue orders later appends after this read.
      safePost(port, { type: 'snapshot', tabId: msg.tabId, exchanges, summary, pause });
      let ports = this.subscribers.get(msg.tabId);
      if (!ports) this.subscribers.set(msg.tabId, (ports = new Set()));
      ports.add(port);
    } else {
      await this.store.clear(msg.tabId); // the store's onCleared tells the tab's panels
    }
  }

  private send(tabId: number, msg: WorkerToPanel): void {
    for (const port of this.subscribers.get(tabId) ?? []) safePost(port, msg);
  }
}

function safePost(port: Runtime.Port, msg: WorkerToPanel): void {
  try {
    port.postMessage(msg);
  } catch {
    // The page went away; onDisconnect cleans up.
  }
}
