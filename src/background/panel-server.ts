/**
 * Serves the panel's port and the one-shot requests of the popup, following src/shared/protocol.ts.
 */
import type { Runtime } from '../platform/browser';
import {
  PORT_NAME,
  isPanelToWorker,
  isRequestEnvelope,
  type CapturedExchange,
  type RequestEnvelope,
  type RequestMap,
  type TabSummary,
  type WorkerToPanel,
} from '../shared/protocol';
import type { LogStore } from './log-store';

export class PanelServer {
  private readonly subscribers = new Map<number, Set<Runtime.Port>>();

  constructor(private readonly store: LogStore) {}

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

  async handleRequest(msg: unknown): Promise<RequestMap[keyof RequestMap]['response'] | undefined> {
    if (!isRequestEnvelope(msg)) return undefined;
    const { kind, body } = msg as RequestEnvelope;
    await this.store.flush(); // answer with everything captured so far
    if (kind === 'tab-summary') return this.store.summary(body.tabId);
    return this.store.read(body.tabId);
  }

  private async onPortMessage(port: Runtime.Port, msg: unknown): Promise<void> {
    if (!isPanelToWorker(msg)) return;
    if (msg.type === 'subscribe') {
      await this.store.flush();
      const { exchanges, summary } = await this.store.read(msg.tabId);
      // Subscribed only after the snapshot: the store's queue orders later appends after this read.
      safePost(port, { type: 'snapshot', tabId: msg.tabId, exchanges, summary });
      let ports = this.subscribers.get(msg.tabId);
      if (!ports) this.subscribers.set(msg.tabId, (ports = new Set()));
      ports.add(port);
    } else {
      const summary = await this.store.clear(msg.tabId);
      this.send(msg.tabId, { type: 'cleared', tabId: msg.tabId, summary });
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
