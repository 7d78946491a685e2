/**
 * Pairs webRequest events into RawExchanges. Pure (no browser calls) so it is unit-tested directly;
 * src/background/capture.ts feeds it the real events.
 *
 * onSendHeaders gives the request headers (Cookie, Authorization: what was sent), onHeadersReceived
 * the status and response headers. A redirect fires onHeadersReceived for the 3xx and then
 * onSendHeaders again with the same requestId, so each response becomes its own exchange.
 */
import type { Header } from '../engine/types';
import type { RawExchange } from '../engine/exchange/exchange';

export interface WebRequestHeader {
  name: string;
  value?: string;
  binaryValue?: ArrayLike<number>;
}

interface Common {
  requestId: string;
  url: string;
  method: string;
  tabId: number;
  frameId: number;
  type: string;
  timeStamp: number;
}
export interface SendHeadersDetails extends Common {
  requestHeaders?: WebRequestHeader[];
}
export interface HeadersReceivedDetails extends Common {
  statusCode: number;
  responseHeaders?: WebRequestHeader[];
}

/** Requests whose response never came (aborted, worker restarted) must not pile up. */
const MAX_PENDING = 2000;

export function toHeaders(list: WebRequestHeader[] | undefined): Header[] {
  if (!list) return [];
  return list.map((h) => ({
    name: h.name,
    // Chrome delivers non-UTF-8 values as bytes; keep them readable, byte for byte.
    value: h.value ?? (h.binaryValue ? String.fromCharCode(...Array.from(h.binaryValue)) : ''),
  }));
}

export class RequestAssembler {
  private readonly pending = new Map<string, { time: number; headers: Header[] }>();

  onSendHeaders(d: SendHeadersDetails): void {
    if (this.pending.size >= MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.delete(d.requestId); // re-insert keeps Map order = age order
    this.pending.set(d.requestId, { time: d.timeStamp, headers: toHeaders(d.requestHeaders) });
  }

  /** The response of one hop. Request headers are unknown when the request started before a restart. */
  onHeadersReceived(d: HeadersReceivedDetails): RawExchange {
    const sent = this.pending.get(d.requestId);
    this.pending.delete(d.requestId);
    const time = sent?.time ?? d.timeStamp;
    return {
      index: 0, // assigned by the log store
      id: d.requestId,
      time: Math.round(time),
      durationMs: Math.max(0, Math.round(d.timeStamp - time)),
      tabId: d.tabId,
      frameId: d.frameId,
      type: d.type,
      method: d.method,
      url: d.url,
      status: d.statusCode,
      requestHeaders: sent?.headers ?? [],
      responseHeaders: toHeaders(d.responseHeaders),
    };
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
