/**
 * Messages → RawExchanges: requests paired with the responses that follow them, each URL built only from
 * what the paste shows (Host, `:authority`, an absolute target, a command's URL, curl's connection and
 * TLS lines), the time from the response's `Date`, and a list of what the transcript lacked.
 */
import type { Header } from '../types';
import type { RawExchange } from '../intake/to-exchange';
import { SANITIZED_CREDENTIALS, splitAuthorization } from '../ground/parse/authorization';
import { isRedactedMarker } from '../ground/marker';
import { commandUrl, type CommandRequest } from './curl-command';
import { isMasked } from './lines';
import type { Assembled, Message } from './messages';
import { UNKNOWN_HOST, UNKNOWN_METHOD, UNKNOWN_SCHEME, maskShape, maskedBasic, maskedSecret, type Lack } from './unknown';

/** Exchanges read from one paste at most (each costs a little memory; a real paste has a handful). */
export const MAX_EXCHANGES = 100_000;

export interface Built {
  exchanges: RawExchange[];
  lacks: Set<Lack>;
  skipped: number;
}

interface Pair {
  request: Message | null;
  response: Message | null;
  /** A command's: the one JSON body pasted alone before it (and after any other message), if no answer follows. */
  before?: Message | null;
}

export function buildExchanges(a: Assembled): Built {
  const pairs: Pair[] = [];
  const waiting: Pair[] = []; // requests without their response yet, oldest first
  let waitingHead = 0;
  let command: Pair | null = null; // a pasted curl command whose output has not shown its request
  let skipped = a.dropped;
  // JSON bodies pasted alone since the last message: a command after them may claim one (see `before`).
  let bodies: Message[] = [];
  for (const m of a.messages) {
    if (m.alone === 'body') {
      bodies.push(m);
      continue;
    }
    const before = bodies.length === 1 ? bodies[0]! : null;
    bodies = [];
    if (m.kind === 'request') {
      if (m.command) {
        const pair: Pair = { request: m, response: null, before };
        pairs.push(pair);
        command = pair;
        continue;
      }
      if (command && command.response === null) {
        // The command's own request, as curl -v shows it: that one is the exchange; the command adds its body.
        const c = command.request!.command!;
        if (c.body !== null && m.body.length === 0 && m.method === (c.method ?? m.method)) m.body = [c.body];
        command.request = m;
        waiting.push(command);
        command = null;
        continue;
      }
      const pair = { request: m, response: null };
      pairs.push(pair);
      waiting.push(pair);
      continue;
    }
    // Interim answers (100 Continue, 103 Early Hints) come before the real one.
    if (m.status >= 100 && m.status < 200 && m.status !== 101) continue;
    if (waitingHead < waiting.length) {
      waiting[waitingHead++]!.response = m;
    } else if (command && command.response === null) {
      command.response = m; // `curl -i`: the command is the request, the output its answer
      command = null;
    } else pairs.push({ request: null, response: m });
  }
  // "Here is the error: {…}. And here is my call: curl …": the body printed before the command that got it
  // is its answer when nothing else answers it, and nothing else claims the body. Status and headers unknown.
  for (const p of pairs) if (p.response === null && p.before && p.request?.command && !p.request.target) p.response = p.before;
  if (pairs.length > MAX_EXCHANGES) {
    skipped += pairs.length - MAX_EXCHANGES;
    pairs.length = MAX_EXCHANGES;
  }

  const lacks = new Set<Lack>();
  const exchanges: RawExchange[] = [];
  const times = timesOf(pairs, lacks);
  for (let index = 0; index < pairs.length; index++) {
    const { request, response } = pairs[index]!;
    if (!request) lacks.add('request');
    if (!response) lacks.add('response');
    if (response && response.status === 0) lacks.add('status');
    if (response?.alone === 'body') lacks.add('response-headers');
    if (request?.truncated || response?.truncated) skipped++;
    const requestHeaders = request ? requestHeadersOf(request, lacks) : [];
    const responseHeaders = response ? response.headers.slice() : [];
    const raw: RawExchange = {
      index,
      id: String(index),
      time: times[index]!,
      method: request ? methodOf(request) : UNKNOWN_METHOD,
      url: request ? urlOf(request, a.schemes, lacks) : unknownUrl(lacks),
      status: response?.status ?? 0,
      requestHeaders,
      responseHeaders,
    };
    const requestBody = request ? (request.command && !request.target ? commandBody(request.command, requestHeaders) : bodyOf(request, requestHeaders)) : null;
    if (requestBody) raw.requestBody = requestBody;
    const responseBody = response ? bodyOf(response, responseHeaders) : null;
    if (responseBody) raw.responseBody = responseBody;
    exchanges.push(raw);
  }
  return { exchanges, lacks, skipped };
}

function methodOf(m: Message): string {
  return m.pseudo.method || m.method || m.command?.method || 'GET';
}

function unknownUrl(lacks: Set<Lack>): string {
  lacks.add('scheme');
  lacks.add('host');
  return `${UNKNOWN_SCHEME}://${UNKNOWN_HOST}/`;
}

/** Only what the paste shows: otherwise the unknown markers of unknown.ts. */
function urlOf(m: Message, schemes: Map<string, 'http' | 'https'>, lacks: Set<Lack>): string {
  let scheme: string | null = null;
  let authority: string | null = null;
  let path = m.pseudo.path || m.target || '/';
  const c = m.command;
  if (c && !m.target) {
    const u = c.url ? commandUrl(c.url, c.tool === 'https' ? 'https' : 'http') : { scheme: null, authority: null, path: '/' };
    scheme = u.scheme;
    authority = u.authority;
    path = u.path;
  } else if (/^https?:\/\//i.test(path)) {
    // The absolute form (a request to a proxy): everything is there.
    const u = commandUrl(path, 'http');
    scheme = u.scheme;
    authority = u.authority;
    path = u.path;
  }
  authority ??= headerOf(m.headers, 'host') ?? (m.pseudo.authority || null);
  const announced = m.announced ? commandUrl(m.announced, 'http') : null;
  if (authority === null && announced) authority = announced.authority;
  if (authority === null && m.connection) authority = m.connection.host + (m.connection.port && m.connection.port !== 443 && m.connection.port !== 80 ? `:${m.connection.port}` : '');
  if (authority !== null) authority = authority.trim().toLowerCase();
  if (scheme === null) {
    const s = m.pseudo.scheme?.toLowerCase();
    if (s === 'http' || s === 'https') scheme = s;
  }
  if (scheme === null && announced && announced.authority === authority) scheme = announced.scheme;
  if (scheme === null && m.connection && authority !== null && hostOf(authority) === m.connection.host) {
    // curl's TLS lines are the evidence for https; a connection to port 80 without them is plain http.
    if (m.connection.tls) scheme = 'https';
    else if (m.connection.port === 80) scheme = 'http';
  }
  if (scheme === null && authority !== null) scheme = schemes.get(authority) ?? schemes.get(hostOf(authority)) ?? null;
  if (scheme === null) lacks.add('scheme');
  if (authority === null || authority === '' || /[\s/\\@]/.test(authority)) {
    lacks.add('host');
    authority = UNKNOWN_HOST;
  }
  if (scheme === 'https') authority = authority.replace(/:443$/, '');
  if (scheme === 'http') authority = authority.replace(/:80$/, '');
  if (!path.startsWith('/')) path = '/';
  return `${scheme ?? UNKNOWN_SCHEME}://${authority}${path}`;
}

const hostOf = (authority: string) => (authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, ''));

function headerOf(headers: readonly Header[], name: string): string | null {
  for (const h of headers) if (h.name.length === name.length && h.name.toLowerCase() === name) return h.value;
  return null;
}

/** The request's headers; a command's -u and --oauth2-bearer become Authorization; masked secrets stay masked. */
function requestHeadersOf(m: Message, lacks: Set<Lack>): Header[] {
  const c: CommandRequest | null = m.command && !m.target ? m.command : null;
  const headers = c ? c.headers.slice() : m.headers.slice();
  if (c && !headers.some((h) => h.name.toLowerCase() === 'authorization')) {
    if (c.basic) {
      const { user, secret } = c.basic;
      if (secret === null) lacks.add('secret');
      headers.push({ name: 'Authorization', value: secret === null ? maskedBasic(user, maskShape(c.basic.mask)) : `Basic ${base64Utf8(`${user}:${secret}`)}` });
    } else if (c.bearer) {
      if (c.bearer.token === null) lacks.add('secret');
      headers.push({ name: 'Authorization', value: `Bearer ${c.bearer.token ?? maskedSecret(maskShape(c.bearer.mask))}` });
    }
  }
  for (let k = 0; k < headers.length; k++) {
    const h = headers[k]!;
    if (h.name.toLowerCase() !== 'authorization') continue;
    const { scheme, credentials } = splitAuthorization(h.value);
    if (credentials === '' || SANITIZED_CREDENTIALS.test(credentials) || isRedactedMarker(credentials) || !isMasked(credentials)) continue;
    lacks.add('secret');
    headers[k] = { name: h.name, value: scheme ? `${scheme} ${maskedSecret(maskShape(credentials))}` : maskedSecret() };
  }
  return headers;
}

function base64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function bodyOf(m: Message, headers: readonly Header[]): { text: string; mimeType?: string } | null {
  if (m.body.length === 0) return null;
  // Trailing blank lines are the paste's, not the body's.
  let end = m.body.length;
  while (end > 0 && m.body[end - 1]!.trim() === '') end--;
  if (end === 0) return null;
  let text = m.body.slice(0, end).join('\n');
  // Prose pasted right after a JSON body ("thanks!") is not part of it: cut after the last closing bracket.
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    const close = text.lastIndexOf(first === '{' ? '}' : ']');
    if (close > 0) text = text.slice(0, close + 1);
  }
  const mimeType = headerOf(headers, 'content-type');
  return mimeType === null ? { text } : { text, mimeType };
}

function commandBody(c: CommandRequest, headers: readonly Header[]): { text: string; mimeType?: string } | null {
  if (c.body === null || c.body === '') return null;
  const mimeType = headerOf(headers, 'content-type');
  return mimeType === null ? { text: c.body } : { text: c.body, mimeType };
}

/**
 * Each exchange's time: its response's `Date`; without one, the last known time before it (or the first
 * after it), so the order stays; with no Date anywhere, a synthetic clock from the epoch, a second apart.
 */
function timesOf(pairs: readonly Pair[], lacks: Set<Lack>): number[] {
  const times: (number | null)[] = pairs.map(({ response }) => {
    const d = response ? headerOf(response.headers, 'date') : null;
    const t = d && d.length < 128 ? Date.parse(d) : NaN;
    return Number.isFinite(t) ? t : null;
  });
  if (times.some((t) => t === null)) lacks.add('date');
  const first = times.find((t) => t !== null) ?? null;
  let last: number | null = null;
  return times.map((t, k) => {
    if (t !== null) return (last = t);
    if (first === null) return k * 1000;
    return last ?? first;
  });
}
