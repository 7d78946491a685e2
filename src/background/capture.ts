/**
 * webRequest → sanitized, compact exchanges in the tab's log.
 *
 * The listeners name every http(s) URL of the captured types (shared/captured-types.ts, with the reason),
 * but browsers only report requests to hosts the extension holds a permission for: the manifest's Atlassian
 * Cloud hosts and the self-hosted sites granted later in the options page (optional host permissions),
 * which are then captured without re-registering anything.
 * They only ask for `extraHeaders` where Chrome hides Cookie/Set-Cookie without it (platform/browser.ts).
 * Requests outside any tab (tabId -1: replays from extension pages, other extensions) are not logged, nor
 * those of a tab whose capture is paused (the record toggle, capture-pause.ts).
 */
import { browser, extraInfoSpec } from '../platform/browser';
import { LIVE_VIEW, toExchangeKeeping } from '../engine/intake/to-exchange';
import { compactExchange } from '../engine/exchange/compact';
import { capForStorage } from './storage-caps';
import { RequestAssembler, type BeforeRequestDetails, type HeadersReceivedDetails, type SendHeadersDetails } from './webrequest-adapter';
import type { LogStore } from './log-store';
import { CAPTURE_FILTER, SSO_FORM_POST_FILTER } from '../shared/captured-types';

export interface CaptureHooks {
  /** A new top-level navigation of the tab got its first response (before that response is appended). */
  onNavigation(tabId: number, at: number): void;
  /** The record toggle (capture-pause.ts); without it every tab records. */
  pauses?: CaptureGate;
}

/** Which tabs are paused; until `isReady` no response is kept or dropped (they wait, in order). */
export interface CaptureGate {
  readonly isReady: boolean;
  readonly ready: Promise<void>;
  paused(tabId: number): boolean;
  /** A paused tab's response was dropped. */
  skip(tabId: number): void;
}

/** Must run synchronously at the top level of the worker so a restarted worker gets the events. */
export function startCapture(store: LogStore, hooks: CaptureHooks): void {
  const assembler = new RequestAssembler();
  const filter = CAPTURE_FILTER;
  const navigations = new Map<number, string>();
  const { webRequest } = browser;
  const gate = hooks.pauses;
  // Responses seen before the pause state was read (a worker woken by one): decided in order once it is.
  let waiting: (() => void)[] | null = gate && !gate.isReady ? [] : null;
  if (waiting) {
    void gate!.ready.then(() => {
      const queued = waiting ?? [];
      waiting = null;
      for (const decide of queued) decide();
    });
  }

  // The SAML POST binding: the IdP's answer is a form the browser posts to the consumer URL. Bodies are read
  // only there (a URL filter and top-level documents), so no other request pays for it.
  webRequest.onBeforeRequest.addListener((d) => assembler.onBeforeRequest(d as BeforeRequestDetails), SSO_FORM_POST_FILTER, ['requestBody']);
  webRequest.onSendHeaders.addListener(
    (d) => assembler.onSendHeaders(d as SendHeadersDetails),
    filter,
    extraInfoSpec(['requestHeaders']) as never,
  );
  webRequest.onHeadersReceived.addListener(
    (d) => {
      if (d.tabId < 0) return;
      const tabId = d.tabId;
      // A redirect keeps its requestId, so a login POST → 302 → dashboard is one navigation.
      const at = d.timeStamp;
      const navigation = d.type === 'main_frame' && navigations.get(tabId) !== d.requestId;
      if (navigation) navigations.set(tabId, d.requestId);
      const raw = assembler.onHeadersReceived(d as HeadersReceivedDetails);
      const decide = () => {
        // Paused: nothing is appended, and a navigation does not clear what was recorded before the pause.
        if (gate?.paused(tabId)) return gate.skip(tabId);
        if (navigation) hooks.onNavigation(tabId, at);
        const { index: _index, ...exchange } = compactExchange(toExchangeKeeping(raw, LIVE_VIEW));
        // Journaled in this task: a worker stopped right after still has it; the event's time orders the log (log-store.ts).
        store.append(tabId, capForStorage(exchange), at);
      };
      if (waiting) waiting.push(decide);
      else decide();
    },
    filter,
    extraInfoSpec(['responseHeaders']) as never,
  );
  // No onCompleted / onErrorOccurred: every listener is one more message per request, and the assembler
  // drops a request at its response, or as the oldest of a bounded set when it never got one.
}
