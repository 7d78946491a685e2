/**
 * webRequest → sanitized, compact exchanges in the tab's log.
 *
 * Listeners are narrowed to the hosts the extension may see (manifest host permissions), and only
 * ask for `extraHeaders` where Chrome hides Cookie/Set-Cookie without it (see platform/browser.ts).
 * Requests outside any tab (tabId -1: the worker's own replays, other extensions) are not logged.
 */
import { browser, extraInfoSpec } from '../platform/browser';
import { toExchange } from '../engine/exchange';
import { compactExchange } from '../engine/compact';
import { RequestAssembler, type HeadersReceivedDetails, type SendHeadersDetails } from './webrequest-adapter';
import type { LogStore } from './log-store';

export function captureFilter(): { urls: string[] } {
  const hosts = browser.runtime.getManifest().host_permissions ?? [];
  return { urls: hosts.length ? hosts : ['https://*.atlassian.net/*'] };
}

/** Must run synchronously at the top level of the worker so a restarted worker gets the events. */
export function startCapture(store: LogStore): void {
  const assembler = new RequestAssembler();
  const filter = captureFilter();
  const { webRequest } = browser;

  webRequest.onSendHeaders.addListener(
    (d) => assembler.onSendHeaders(d as SendHeadersDetails),
    filter,
    extraInfoSpec(['requestHeaders']) as never,
  );
  webRequest.onHeadersReceived.addListener(
    (d) => {
      if (d.tabId < 0) return;
      const raw = assembler.onHeadersReceived(d as HeadersReceivedDetails);
      const { index: _index, ...exchange } = compactExchange(toExchange(raw));
      store.append(d.tabId, exchange);
    },
    filter,
    extraInfoSpec(['responseHeaders']) as never,
  );
  webRequest.onCompleted.addListener((d) => assembler.onEnd(d.requestId), filter);
  webRequest.onErrorOccurred.addListener((d) => assembler.onEnd(d.requestId), filter);
}
