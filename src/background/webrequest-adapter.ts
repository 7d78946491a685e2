/**
 * Pairs webRequest events into RawExchanges. Pure (no browser calls) so it is unit-tested directly;
 * src/background/capture.ts feeds it the real events.
 *
 * onSendHeaders gives the request headers (Cookie, Authorization: what was sent), onHeadersReceived
 * the status and response headers. A redirect fires onHeadersReceived for the 3xx and then
 * onSendHeaders again with the same requestId, so each response becomes its own exchange.
 */
import type { Header } from '../engine/types';
import type { RawExchange } from '../engine/intake/to-exchange';
import { formDataToText } from '../engine/sso/sso';

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
/** onBeforeRequest with `requestBody`: registered only for single-sign-on consumer URLs (capture.ts). */
export interface BeforeRequestDetails extends Common {
  requestBody?: { formData?: Record<string, string[]>; raw?: { bytes?: ArrayBuffer }[]; error?: string } | null;
}
export interface HeadersReceivedDetails extends Common {
  statusCode: number;
  responseHeaders?: WebRequestHeader[];
}

/** Requests whose response never came (aborted, worker restarted) must not pile up. */
const MAX_PENDING = 2000;
/** Form bodies waiting for their response: a few SSO posts at a time, so a handful is plenty. */
const MAX_PENDING_FORMS = 20;
/** A SAML POST is tens of KB; a bigger form is not one, and is not kept. */
const MAX_FORM_CHARS = 512 * 1024;

export function toHeaders(list: WebRequestHeader[] | undefined): Header[] {
  if (!list) return [];
  return list.map((h) => ({
    name: h.name,
    // Chrome delivers non-UTF-8 values as bytes; keep them readable, byte for byte.
    value: h.value !== undefined ? utf8FromByteString(h.value) : h.binaryValue ? String.fromCharCode(...Array.from(h.binaryValue)) : '',
  }));
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Firefox gives a header value as a byte string: each byte one character (Latin-1), so a UTF-8 user name
 * arrives as mojibake (`Ù…Ø­Ù…Ø¯`). Chromium decodes valid UTF-8 itself (and gives other bytes as
 * binaryValue). Decode here, where headers enter the worker, so both browsers keep the same text: a value
 * whose characters are all bytes (≤ U+00FF), with at least one above ASCII, that is valid UTF-8 as bytes,
 * is decoded as UTF-8; anything else is left as it is (in Chromium a value that is already text only
 * changes if it was UTF-8 read as Latin-1 by the server, which is the same mojibake).
 */
export function utf8FromByteString(value: string): string {
  let high = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) return value;
    if (c > 0x7f) high = true;
  }
  if (!high) return value;
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) bytes[i] = value.charCodeAt(i);
  try {
    return UTF8.decode(bytes);
  } catch {
    return value;
  }
}

/**
 * The form fields of a POST as `application/x-www-form-urlencoded` text, the way a HAR's postData holds
 * them (engine/sso), so the engine reads a live capture and a HAR file alike. Only for the URLs the capture
 * asked bodies for; null when the body is not a form (or too big to be a SAML post).
 */
export function formBodyText(body: BeforeRequestDetails['requestBody']): string | null {
  if (!body?.formData) return null;
  const { text } = formDataToText(body.formData);
  return text.length <= MAX_FORM_CHARS ? text : null;
}

export class RequestAssembler {
  private readonly pending = new Map<string, { time: number; headers: Header[] }>();
  private readonly forms = new Map<string, string>();

  /** A top-level form post to an SSO consumer: its fields go with the response (the SAML POST binding). */
  onBeforeRequest(d: BeforeRequestDetails): void {
    const text = d.method.toUpperCase() === 'POST' ? formBodyText(d.requestBody) : null;
    if (text === null) return;
    if (this.forms.size >= MAX_PENDING_FORMS) this.forms.delete(this.forms.keys().next().value!);
    this.forms.set(d.requestId, text);
  }

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
    // A redirect's next hop is a GET with the same requestId: the form belongs to this first response only.
    const form = this.forms.get(d.requestId);
    this.forms.delete(d.requestId);
    const time = sent?.time ?? d.timeStamp;
    const raw: RawExchange = {
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
    if (form !== undefined) raw.requestBody = { text: form, mimeType: 'application/x-www-form-urlencoded' };
    return raw;
  }

  get pendingCount(): number {
    return this.pending.size + this.forms.size;
  }
}
