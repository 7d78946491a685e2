/**
 * webRequest → sanitized, compact exchanges in the tab's log.
 *
 * The listeners name every http(s) URL of the captured types (shared/captured-types.ts, with the reason),
 * but browsers only report requests to hosts the extension holds a permission for: the manifest's Atlassian
 * Cloud hosts and the self-hosted sites granted later in the options page (optional host permissions),
 * which are then captured without re-registering anything.
 * They only ask for `extraHeaders` where Chrome hides Cookie/Set-Cookie without it (platform/browser.ts).
 * Requests outside any tab (tabId -1: replays from extension pages, other extensions) are not logged.
 */
import { browser, extraInfoSpec } from '../platform/browser';
import { toExchange } from '../engine/exchange/exchange';
import { compactExchange } from '../engine/exchange/compact';
import { capForStorage } from './storage-caps';
import { RequestAssembler, type HeadersReceivedDetails, type SendHeadersDetails } from './webrequest-adapter';
import type { LogStore } from './log-store';
import { CAPTURE_FILTER } from '../shared/captured-types';

export interface CaptureHooks {
  /** A new top-level navigation of the tab got its first response (before that response is appended). */
  onNavigation(tabId: number, at: number): void;
}

/** Must run synchronously at the top level of the worker so a restarted worker gets the events. */
export function startCapture(store: LogStore, hooks: CaptureHooks): void {
  const assembler = new RequestAssembler();
  const filter = CAPTURE_FILTER;
  const navigations = new Map<number, string>();
  const { webRequest } = browser;

  webRequest.onSendHeaders.addListener(
    (d) => assembler.onSendHeaders(d as SendHeadersDetails),
    filter,
    extraInfoSpec(['requestHeaders']) as never,
  );
  webRequest.onHeadersReceived.addListener(
    (d) => {
      if (d.tabId < 0) return;
      // A redirect keeps its requestId, so a login POST → 302 → dashboard is one navigation.
      if (d.type === 'main_frame' && navigations.get(d.tabId) !== d.requestId) {
        navigations.set(d.tabId, d.requestId);
        hooks.onNavigation(d.tabId, d.timeStamp);
      }
      const raw = assembler.onHeadersReceived(d as HeadersReceivedDetails);
      const { index: _index, ...exchange } = compactExchange(toExchange(raw));
      // Journaled in this task: a worker stopped right after still has it; the event's time orders the log (log-store.ts).
      store.append(d.tabId, capForStorage(exchange), d.timeStamp);
    },
    filter,
    extraInfoSpec(['responseHeaders']) as never,
  );
  // No onCompleted / onErrorOccurred: every listener is one more message per request, and the assembler
  // drops a request at its response, or as the oldest of a bounded set when it never got one.
}
