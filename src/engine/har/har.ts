/**
 * HAR 1.2 in and out. Strict on the document's shape (a clear one-line error), lenient on each entry
 * (a malformed entry is read as far as it can be, or skipped and counted, never fatal).
 * The DevTools network API hands out entries of the same shape as a file's: same code.
 */
import type { Exchange, Header } from '../types';
import { toExchangeKeeping, type ExchangeOptions, type RawBody, type RawExchange } from '../intake/to-exchange';
import { SSO_HAR_FIELD, ssoFactsFromJson } from '../sso/carry';
import { isKeptHeader } from '../exchange/compact';
import { firstHeader } from '../exchange/headers';
import { urlParts } from '../ground/atlassian';
import { decodeBase64Utf8 } from '../ground/parse/authorization';

export class HarError extends Error {
  override readonly name = 'HarError';
}

export interface HarReadResult {
  exchanges: Exchange[];
  entries: number;
  skipped: number;
}

type Json = Record<string, unknown>;
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `keep`: what the exchanges keep besides what the analysis reads (exchange.ts; the panel's imports). */
export function readHar(text: string, keep: ExchangeOptions = {}): HarReadResult {
  return readHarDocument(parseHarJson(text), keep);
}

/** JSON.parse (a leading BOM allowed) whose error is a one-line HarError naming line and column. */
export function parseHarJson(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new HarError(`not JSON: ${jsonErrorPlace(text, err)}`);
  }
}

/** Checks the document's shape and version (not its entries); throws a one-line HarError. */
export function checkHarDocument(doc: unknown): asserts doc is { log: Json & { entries: unknown[] } } {
  if (!isObj(doc)) throw new HarError('not a HAR file: the top level is not an object');
  if (!isObj(doc.log)) throw new HarError('not a HAR file: no "log" object');
  const version = doc.log.version;
  // Real tools write "1.2", "1.1", nothing, or (sloppily) the number 1.2: all are HAR 1.x.
  const isOneDotX = typeof version === 'string' ? /^\s*1(\.\d+)*\s*$/.test(version) : typeof version === 'number' && version >= 1 && version < 2;
  if (version !== undefined && version !== null && !isOneDotX) {
    throw new HarError(`unsupported HAR version ${JSON.stringify(version).slice(0, 20)} (expected 1.x)`);
  }
  if (!Array.isArray(doc.log.entries)) throw new HarError('not a HAR file: "log.entries" is not an array');
}

/** The same for an already parsed document. It releases the entries as it converts them. */
export function readHarDocument(doc: unknown, keep: ExchangeOptions = {}): HarReadResult {
  checkHarDocument(doc);
  const exchanges: Exchange[] = [];
  const entries = doc.log.entries;
  convertEntries(entries, 0, exchanges, keep);
  return { exchanges, entries: entries.length, skipped: entries.length - exchanges.length };
}

/**
 * Parsed HAR entries → exchanges appended to `into`, numbered from `first`; a malformed entry is skipped.
 * Each entry is let go once converted: a 100 MB document otherwise stays live (and traced by GC) until the end.
 */
export function convertEntries(entries: unknown[], first: number, into: Exchange[], keep: ExchangeOptions = {}): void {
  for (let k = 0; k < entries.length; k++) {
    const ex = fromHarEntry(entries[k], first + k, keep);
    entries[k] = null;
    if (ex) into.push(ex);
  }
}

/** One HAR entry (file or DevTools) → Exchange; null when it has no request or no absolute URL. */
export function fromHarEntry(entry: unknown, index: number, keep: ExchangeOptions = {}): Exchange | null {
  if (!isObj(entry) || !isObj(entry.request)) return null;
  const req = entry.request;
  const res = isObj(entry.response) ? entry.response : {};
  if (typeof req.url !== 'string' || !urlParts(req.url)) return null;
  const started = typeof entry.startedDateTime === 'string' ? Date.parse(entry.startedDateTime) : NaN;
  // Built field by field: this runs once per entry of files up to 100 MB.
  const raw: RawExchange = {
    index,
    id: String(index),
    time: Number.isFinite(started) ? started : 0,
    method: typeof req.method === 'string' && req.method ? req.method : 'GET',
    url: req.url,
    status: statusOf(res.status),
    requestHeaders: headersOf(req.headers, keep.allHeaders === true),
    responseHeaders: headersOf(res.headers, keep.allHeaders === true),
  };
  if (typeof entry.time === 'number' && Number.isFinite(entry.time)) raw.durationMs = Math.max(0, entry.time);
  if (typeof entry._resourceType === 'string') raw.type = entry._resourceType;
  const requestBody = bodyOf(req.postData);
  if (requestBody) raw.requestBody = requestBody;
  const responseBody = bodyOf(res.content);
  if (responseBody) raw.responseBody = responseBody;
  const sso = entry[SSO_HAR_FIELD] === undefined ? undefined : ssoFactsFromJson(entry[SSO_HAR_FIELD]);
  if (sso) raw.sso = sso;
  return toExchangeKeeping(raw, keep);
}

/** DevTools' network panel reports each request as a HAR entry (devtools.network in the extension API): the same reader. */
export const fromDevtoolsHarEntry = fromHarEntry;

/** A number, or a numeric string from a lenient writer; anything else is "no response" (0). */
function statusOf(status: unknown): number {
  if (typeof status === 'number') return Number.isInteger(status) && status >= 0 && status <= 999 ? status : 0;
  return typeof status === 'string' && /^\d{1,3}$/.test(status.trim()) ? Number(status) : 0;
}

/** `all`: every header; otherwise only those the analysis reads (most of a large HAR's headers are not). */
function headersOf(list: unknown, all: boolean): Header[] {
  if (!Array.isArray(list)) return [];
  const out: Header[] = [];
  for (const h of list) {
    // `Date` too: not kept on the exchange, but the SSO facts read the server's clock from it (toExchange).
    if (isObj(h) && typeof h.name === 'string' && (all || isKeptHeader(h.name) || (h.name.length === 4 && h.name.toLowerCase() === 'date'))) out.push({ name: h.name, value: headerText(h.name, h.value) });
  }
  return out;
}

/** A header value as text; sloppy writers use numbers, null, or arrays (one Set-Cookie per item). */
function headerText(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  // Items are read like the value itself, so an object (whose own toString may be anything) is never called.
  if (Array.isArray(value)) return value.map((item) => (Array.isArray(item) ? '' : headerText(name, item))).join(name.toLowerCase() === 'cookie' ? '; ' : '\n');
  return value === null || value === undefined || typeof value === 'object' ? '' : String(value);
}

/** Base64 bodies are decoded only when small and JSON: the facts live in small JSON answers. */
const MAX_BASE64_FACT_BODY = 256 * 1024;

function bodyOf(body: unknown): RawBody | null {
  if (!isObj(body) || typeof body.text !== 'string') return null;
  const mimeType = typeof body.mimeType === 'string' ? body.mimeType : undefined;
  let text: string | null = body.text;
  if (body.encoding === 'base64') text = mimeType?.includes('json') ? decodeBase64Utf8(body.text, MAX_BASE64_FACT_BODY) : null;
  if (text === null) return null;
  return mimeType === undefined ? { text } : { text, mimeType };
}

/**
 * "line 3, column 14" for a JSON.parse error. V8 says "at position N" for most errors, but for an
 * unexpected token it only quotes the text around it (10 characters either side, "..." where cut):
 * find that excerpt in the text to recover the position.
 */
export function jsonErrorPlace(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const lc = /line (\d+) column (\d+)/.exec(msg);
  if (lc) return `line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(msg);
  if (pos) return lineColumn(text, Number(pos[1]));
  const tok = /^Unexpected token '([\s\S]*?)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(msg);
  if (tok) {
    const [, token = '', cutBefore, excerpt = ''] = tok;
    const start = cutBefore ? text.indexOf(excerpt) : 0;
    // Cut: the token sits 10 characters in. Uncut: the excerpt is the file's start and at most 10
    // characters follow the token.
    const within = cutBefore ? 10 : excerpt.indexOf(token, Math.max(0, excerpt.length - 10 - token.length));
    if (start >= 0 && within >= 0) return lineColumn(text, start + within);
  }
  return text.trim() === '' ? 'the file is empty' : 'unexpected end of the file';
}

function lineColumn(text: string, p: number): string {
  const before = text.slice(0, p);
  return `line ${before.split('\n').length}, column ${p - before.lastIndexOf('\n')}`;
}

// ---- export ---------------------------------------------------------------------------------------

const nameValues = (headers: readonly Header[]) => headers.map((h) => ({ name: h.name, value: h.value }));

/** A HAR 1.2 document of sanitized exchanges (the panel's export). Bodies were never kept. */
export function exchangesToHar(exchanges: readonly Exchange[], creator: { name: string; version: string }) {
  return {
    log: {
      version: '1.2',
      creator,
      pages: [],
      entries: exchanges.map((ex) => ({
        startedDateTime: new Date(validTime(ex.time)).toISOString(),
        time: duration(ex),
        request: {
          method: ex.method,
          url: ex.url,
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: nameValues(ex.requestHeaders),
          queryString: queryOf(ex.url),
          headersSize: -1,
          bodySize: -1,
        },
        response: {
          status: ex.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          cookies: [],
          headers: nameValues(ex.responseHeaders),
          content: { size: -1, mimeType: firstHeader(ex.responseHeaders, 'content-type') ?? '' },
          redirectURL: firstHeader(ex.responseHeaders, 'location') ?? '',
          headersSize: -1,
          bodySize: -1,
        },
        cache: {},
        timings: { send: 0, wait: duration(ex), receive: 0 },
        ...(ex.type ? { _resourceType: ex.type } : {}),
        // The SSO facts: the messages they were read from were never kept (sso/carry.ts).
        ...(ex.sso ? { [SSO_HAR_FIELD]: ex.sso } : {}),
      })),
    },
  };
}

/** A time Date can print (toISOString throws past ±8.64e15 ms or on NaN); otherwise the epoch. */
const validTime = (t: number) => (Number.isFinite(t) && Math.abs(t) <= 8.64e15 ? t : 0);
/** HAR wants a non-negative number of milliseconds. */
const duration = (ex: Exchange) => (ex.durationMs !== undefined && Number.isFinite(ex.durationMs) && ex.durationMs > 0 ? ex.durationMs : 0);

function queryOf(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}
