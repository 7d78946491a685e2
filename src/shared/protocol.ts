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
import type { OriginStatus } from '../engine/analysis/status';
import type { ReplayPlan } from '../engine/replay/plan';
import type { ReplayResponse } from '../engine/replay/outcome';
import type { WhoAmI } from './who-am-i';

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
  /** Of `dropped`, entries dropped to free storage shared by every tab (this tab held the most bytes). */
  reclaimed?: number;
  /** Bytes this tab's stored log takes (JSON characters of its chunks and their keys). */
  bytes?: number;
  /** The latest tabs that lost records to free storage, newest first (any tab's, so every panel can say it). */
  relief?: ReliefNote[];
}

/** One tab that lost records to free storage: which tab (and its site), how many in all, and when last. */
export interface ReliefNote {
  tabId: number;
  /** Origin of the tab's latest page ('' when unknown). */
  site: string;
  records: number;
  /** The tab's stored bytes after the last loss. */
  bytes: number;
  at: number;
}

/**
 * Whether capture is paused for a tab (the record toggle). While paused the worker drops the tab's responses
 * and counts them; the log keeps what was recorded before. Kept in storage.session, so it survives a restart.
 */
export interface PauseState {
  paused: boolean;
  /** When the pause began (epoch ms); null when recording. */
  since: number | null;
  /** Responses of the tab not recorded since the pause began. */
  skipped: number;
}
export const RECORDING: PauseState = Object.freeze({ paused: false, since: null, skipped: 0 }) as PauseState;

// ---- port messages -------------------------------------------------------------------------

export type PanelToWorker =
  | { type: 'subscribe'; version: number; tabId: number }
  | { type: 'clear'; tabId: number };

export type WorkerToPanel =
  | { type: 'snapshot'; tabId: number; exchanges: CapturedExchange[]; summary: TabSummary; pause?: PauseState }
  | { type: 'appended'; tabId: number; exchanges: CapturedExchange[]; summary: TabSummary }
  | { type: 'cleared'; tabId: number; summary: TabSummary }
  /** The tab's capture was paused or resumed, or more responses went unrecorded while paused. */
  | { type: 'paused'; tabId: number; pause: PauseState };

// ---- one-shot requests ---------------------------------------------------------------------

/** The auth status of a tab's Atlassian origins, as the badge shows it (engine/analysis/status.ts). */
export interface TabStatusReply {
  tabId: number;
  statuses: OriginStatus[];
  summary: TabSummary;
  /** The worker's clock when it answered (countdowns start from here). */
  now: number;
  /** Absent from replies stored before the record toggle existed: recording. */
  pause?: PauseState;
}

/**
 * Where the worker leaves each tab's latest TabStatusReply in storage.session, so the popup can render at
 * once from it (without waking the worker) and then ask for a fresh one.
 */
export const STATUS_KEY_PREFIX = 'status/';
export const statusKey = (tabId: number) => `${STATUS_KEY_PREFIX}${tabId}`;

/**
 * A request the popup asked to see (its "#5" links, issue #26), left in storage.session under `revealKey(tabId)`:
 * an extension cannot open DevTools, so the tab's panel selects it now if open, or when it opens. `at` (epoch
 * ms) lets an old wish lapse (REVEAL_FRESH_MS).
 */
export interface RevealRequest {
  entry: number;
  at: number;
}
export const revealKey = (tabId: number) => `reveal/${tabId}`;
export const REVEAL_FRESH_MS = 10 * 60_000;

/** A stored RevealRequest still worth honouring at `now`, else null (storage is read back, so checked). */
export function freshReveal(x: unknown, now: number): RevealRequest | null {
  if (typeof x !== 'object' || x === null) return null;
  const { entry, at } = x as Record<string, unknown>;
  if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < 0 || typeof at !== 'number') return null;
  return now - at <= REVEAL_FRESH_MS && at <= now + 60_000 ? { entry, at } : null;
}

export interface RequestMap {
  'tab-summary': { request: { tabId: number }; response: TabSummary };
  'tab-log': { request: { tabId: number }; response: { exchanges: CapturedExchange[]; summary: TabSummary } };
  'tab-status': { request: { tabId: number }; response: TabStatusReply };
  /** Options page: forget every tab's captured requests (settings stay). */
  'clear-all': { request: Record<string, never>; response: { tabs: number } };
  /**
   * A replay with the browser's cookies, sent by the worker: a page's fetch would make the browser show its
   * login dialog on a Basic challenge (and wait for it). Plans carrying an Authorization header are refused:
   * typed credentials never leave the panel.
   */
  'replay-with-cookies': { request: { plan: ReplayPlan }; response: ReplayResponse | { error: string } };
  /** `GET /rest/auth/1/session` with the browser's cookies, sent by the worker for the same reason. */
  'who-am-i': { request: { origin: string }; response: WhoAmI };
  /** The record toggle (panel, popup): pause or resume capture for one tab; answers the new state. */
  'set-paused': { request: { tabId: number; paused: boolean }; response: PauseState };
  'pause-state': { request: { tabId: number }; response: PauseState };
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

const BODY_GUARDS: Record<RequestType, (body: Record<string, unknown>) => boolean> = {
  'tab-summary': (b) => isTabId(b.tabId),
  'tab-log': (b) => isTabId(b.tabId),
  'tab-status': (b) => isTabId(b.tabId),
  'clear-all': () => true,
  'replay-with-cookies': (b) => isCookiePlan(b.plan),
  'who-am-i': (b) => typeof b.origin === 'string' && /^https?:\/\/[^/]+$/i.test(b.origin),
  'set-paused': (b) => isTabId(b.tabId) && typeof b.paused === 'boolean',
  'pause-state': (b) => isTabId(b.tabId),
};

/** A plan the worker may send: browser cookies, an http(s) URL, no Authorization header, plain header pairs. */
export function isCookiePlan(x: unknown): x is ReplayPlan {
  if (!isRecord(x) || x.credentials !== 'include' || typeof x.url !== 'string' || !/^https?:\/\//i.test(x.url)) return false;
  if (typeof x.method !== 'string' || !Array.isArray(x.headers)) return false;
  return x.headers.every((h) => isRecord(h) && typeof h.name === 'string' && typeof h.value === 'string' && !/^(proxy-)?authorization$/i.test(h.name));
}

export function isRequestEnvelope(x: unknown): x is RequestEnvelope {
  if (!isRecord(x) || !isRecord(x.body) || typeof x.kind !== 'string' || !Object.hasOwn(BODY_GUARDS, x.kind)) return false;
  return BODY_GUARDS[x.kind as RequestType](x.body);
}

export function isWorkerToPanel(x: unknown): x is WorkerToPanel {
  return isRecord(x) && isTabId(x.tabId) && (x.type === 'snapshot' || x.type === 'appended' || x.type === 'cleared' || x.type === 'paused');
}
