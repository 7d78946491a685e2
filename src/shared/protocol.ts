/**
 * The message catalogue between the background worker and the extension pages (panel, popup).
 * One module, typed both ways, with runtime guards because messages cross a process boundary.
 *
 * Two channels:
 *  - a long-lived Port named PORT_NAME for the panel (snapshot + live appends, survives nothing:
 *    the client reconnects and re-subscribes when the worker restarts);
 *  - one-shot requests (`runtime.sendMessage`) for the popup and simple actions.
 */
import type { Exchange } from '../engine/types';

export const PROTOCOL_VERSION = 1;
export const PORT_NAME = 'seraph-lens/panel';

/** What the worker keeps of one captured exchange: a sanitized, compacted Exchange. */
export type CapturedExchange = Exchange;

export interface TabSummary {
  tabId: number;
  captured: number;
  unauthorized: number;
  /** Entries dropped by the retention limit or a full storage quota. */
  dropped: number;
}

// ---- port messages -------------------------------------------------------------------------

export type PanelToWorker =
  | { type: 'subscribe'; version: number; tabId: number }
  | { type: 'clear'; tabId: number };

export type WorkerToPanel =
  | { type: 'snapshot'; tabId: number; exchanges: CapturedExchange[]; summary: TabSummary }
  | { type: 'appended'; tabId: number; exchanges: CapturedExchange[]; summary: TabSummary }
  | { type: 'cleared'; tabId: number; summary: TabSummary };

// ---- one-shot requests ---------------------------------------------------------------------

export interface RequestMap {
  'tab-summary': { request: { tabId: number }; response: TabSummary };
  'tab-log': { request: { tabId: number }; response: { exchanges: CapturedExchange[]; summary: TabSummary } };
}
export type RequestType = keyof RequestMap;
export type RequestEnvelope<K extends RequestType = RequestType> = { kind: K; body: RequestMap[K]['request'] };

// ---- runtime guards ------------------------------------------------------------------------

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
const isTabId = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

export function isPanelToWorker(x: unknown): x is PanelToWorker {
  if (!isRecord(x) || !isTabId(x.tabId)) return false;
  if (x.type === 'subscribe') return x.version === PROTOCOL_VERSION;
  return x.type === 'clear';
}

export function isRequestEnvelope(x: unknown): x is RequestEnvelope {
  if (!isRecord(x) || !isRecord(x.body)) return false;
  return (x.kind === 'tab-summary' || x.kind === 'tab-log') && isTabId(x.body.tabId);
}

export function isWorkerToPanel(x: unknown): x is WorkerToPanel {
  return isRecord(x) && isTabId(x.tabId) && (x.type === 'snapshot' || x.type === 'appended' || x.type === 'cleared');
}
