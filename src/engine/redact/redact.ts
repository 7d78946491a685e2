/**
 * The single place that knows what is secret. Exchanges are sanitized through it when they are built
 * (so nothing secret reaches storage, the UI or an export), and whole HAR files are redacted with it.
 *
 * By structure first: each secret is replaced where it stands (a header value, a cookie value, a parameter,
 * a JSON field, a form or multipart field, a URL part, a WebSocket frame). Then, for whole files, every value
 * so removed is swept out of the whole document in each of its spellings (sweep.ts; whole words only, so a
 * value inside a longer word changes nothing there). Known token formats (rules.ts) are secret under any
 * name; free text is also read decoded (decode.ts); content that cannot be read is removed with a
 * `[removed: …]` marker (fails closed). Headers fail closed
 * (header-policy.ts): only listed headers keep their values. Elsewhere a value is secret by its name or
 * by its shape (names.ts); known echo places have rules of their own (the REST login's `session.value`,
 * `atl_token` in links, forms and meta tags, JWTs anywhere).
 *
 * Kept: names, lengths, structure, attributes, and the user part of Basic credentials, all of which the
 * findings contract allows and the analysis needs. Everything is idempotent: redacting twice changes
 * nothing, because every redacted value is spelled with the marker from marker.ts (`[redacted N]`, in
 * URLs and `key=value` text percent-encoded as `%5Bredacted%20N%5D`) and markers are left alone.
 * Total: any JSON value in, a redacted copy out, never an exception (lone surrogates, non-string header
 * values and hostile nesting included), in time linear in the input.
 */
import { isRedactedMarker, isRemovedMarker, redactedMarker, removedMarker } from '../ground/marker';
import { Sweeper, collecting, noteAuthorization, noteSecret, spellingFilter, withoutNotes } from './sweep';
import { hasTokenHint, isKnownToken } from './rules';
import { decodedViews, mayBeEncoded } from './decode';
import { isRedactedCookieValue, redactCookieValue } from './cookie-value';
import { lowerName } from '../exchange/headers';
import { decodeBase64Utf8 } from '../ground/parse/authorization';
import { rewriteJson } from './json-rewrite';
import { headerRule } from './header-policy';
import { isIdentityName, isJwt, isSecretName, looksSecret } from './names';
import { mapUrlsInText, redactPairs, redactUrl, safeDecode } from './url';
import { redactText } from './text';
import { SSO_HAR_FIELD, ssoOfHarEntry } from '../sso/carry';
import { scrubSsoFacts } from './fact-text';
import { redactWhole, sanitizeAuthorization, sanitizeCookieHeader, sanitizeSetCookie, sanitizeSetCookieHeader } from './header-values';

export { redactUrl, redactText, sanitizeAuthorization, sanitizeSetCookie };
export { isSecretName } from './names';

// ---- headers -------------------------------------------------------------------------------------

/** A header's value as it may be kept: by the rule header-policy.ts gives its name, `[redacted N]` when it has none. */
export function sanitizeHeader(name: string, value: string): string {
  switch (headerRule(lowerName(name.trim()))) {
    case 'keep':
      return value;
    case 'url':
      return redactUrl(value);
    case 'url-text':
      return mapUrlsInText(value, (url) => redactUrl(url));
    case 'authorization':
      return sanitizeAuthorization(value);
    case 'cookie':
      return sanitizeCookieHeader(value);
    case 'set-cookie':
      return sanitizeSetCookieHeader(value);
    case 'no-check':
      return /^\s*no-check\s*$/i.test(value.length < 64 ? value : '') ? value : redactWhole(value);
    case null:
      return redactWhole(value);
  }
}

/**
 * One header as every path keeps it, the live capture (toExchange) and whole files (redactHar): sanitized by
 * sanitizeHeader, with what that removed noted for the sweep of the open collectors.
 */
export function redactHeader(name: string, value: string): string {
  const out = sanitizeHeader(name, value);
  if (out !== value) noteHeader(name, value, out);
  return out;
}

/** `a=1&os_password=x` → `a=1&os_password=%5Bredacted%201%5D`, order and encoding of the rest kept. */
export function redactUrlEncoded(query: string): string {
  return redactPairs(query, '&');
}

// ---- bodies ---------------------------------------------------------------------------------------

/** How deep bodies inside bodies (multipart parts) are read. */
const MAX_BODY_DEPTH = 3;

/**
 * JSON: values under secret keys (and everything inside them), name/value pairs, `session.value` of
 * /rest/auth/1/session, JWTs, long random tokens and secret URL parameters inside string values. Form
 * bodies: secret parameters. Multipart: each field by its name, its value by its own type. Anything
 * else: the free-text rules of text.ts. Other bytes are kept as they were.
 */
export function redactBody(text: string, mimeType = '', depth = 0): string {
  if (!text) return text;
  const mime = mimeType.toLowerCase();
  const start = firstNonSpace(text);
  if (start === '{' || start === '[' || mime.includes('json')) {
    const redacted = redactJsonText(text);
    if (redacted !== null) return redacted;
  }
  if (isFormShaped(text)) return redactPairs(text, '&');
  // Labelled a form but not shaped like one (a log, a truncated body): the pairs, then the text rules.
  if (mime.includes('x-www-form-urlencoded')) return redactText(redactPairs(text, '&'));
  if (depth < MAX_BODY_DEPTH && (mime.includes('multipart/') || (start === '-' && text.trimStart().startsWith('--')))) {
    const redacted = redactMultipart(text, mimeType, depth);
    if (redacted !== null) return redacted;
  }
  return redactText(text);
}

/** `a=1&b=2`, tested only on bodies up to 64 kB (forms are small). One pass. */
function isFormShaped(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 65_536) return false;
  let inName = true;
  let nameLength = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (inName) {
      if (c === 0x3d) {
        if (nameLength === 0) return false;
        inName = false;
      } else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x5f || c === 0x2e || c === 0x25 || c === 0x2b || c === 0x2a || c === 0x2d) nameLength++;
      else return false;
    } else if (c === 0x26) {
      inName = true;
      nameLength = 0;
    } else if (c <= 0x20) return false;
  }
  return !inName;
}

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length && i < 1024; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return '';
}

/** Where a JSON value stands: its key, its container, and what the keys above it say. */
interface JsonFrame {
  flags: number;
  key: string | null;
  parent: JsonFrame | null;
  /** For a container: the name of its name/value pair (`{"name": "password", "value": …}`), when it has one. */
  pairName?: string;
  /** For a container: its `value` member, seen before a secret name. */
  held?: { start: number; end: number; value: string; isString: boolean };
}
const SECRET = 1; // under a secret key: every value below is secret
const SESSION = 2; // inside a `session` object: its `value` (and `id`, `token`) is the session id
const IDENTITY = 4; // a name or id the analysis reads: never redacted by its shape
const PAIR_NAMES = new Set(['name', 'key', 'field', 'param', 'parameter', 'id', 'property']);
const PAIR_VALUES = new Set(['value', 'val', 'content']);
const SESSION_VALUES = new Set(['value', 'id', 'token', 'secret']);

const ROOT: JsonFrame = { flags: 0, key: null, parent: null };

function redactJsonText(text: string): string | null {
  return rewriteJson<JsonFrame>(text, ROOT, {
    child(parent, key) {
      let flags = parent.flags & SECRET;
      if (!flags && key !== null) {
        const lower = key.length <= 16 ? key.toLowerCase() : '';
        if (lower === 'session') flags = SESSION;
        else if ((parent.flags & SESSION && SESSION_VALUES.has(lower)) || isSecretName(key, 'json')) flags = SECRET;
        else if (isIdentityName(key)) flags = IDENTITY;
      } else if (!flags && key === null) flags = parent.flags & SESSION;
      return { flags, key, parent };
    },
    replace(frame, value, isString, start, end) {
      if (isString && isRedactedMarker(value)) return undefined;
      const container = frame.parent;
      const lower = frame.key !== null && frame.key.length <= 16 ? frame.key.toLowerCase() : '';
      if (container && isString && PAIR_NAMES.has(lower) && container.pairName === undefined) container.pairName = value;
      if (frame.flags & SECRET || (lower === 'session' && !(frame.flags & IDENTITY))) {
        if (isString) noteSecret(value);
        return JSON.stringify(redactedMarker(value.length));
      }
      if (container && PAIR_VALUES.has(lower)) {
        if (container.pairName !== undefined && isSecretName(container.pairName, 'param')) return pairValue(container.pairName, value, isString);
        container.held = { start, end, value, isString };
      }
      if (!isString) return undefined;
      // A known token format is a secret under any key, `key` and `id` included.
      if (isJwt(value) || isKnownToken(value)) {
        noteSecret(value);
        return JSON.stringify(redactedMarker(value.length));
      }
      if (!(frame.flags & IDENTITY) && looksSecret(value)) return JSON.stringify(redactedMarker(value.length));
      // A URL, a sentence or an embedded JSON text in a string value can carry a token of its own.
      if (value.length >= 8) {
        const cleaned = URL_START.test(value) ? redactUrl(value) : mayHoldSecretText(value) ? redactText(value) : value;
        if (cleaned !== value) return JSON.stringify(cleaned);
      }
      return undefined;
    },
    close(frame) {
      const held = frame.held;
      if (!held || frame.pairName === undefined || !isSecretName(frame.pairName, 'param')) return undefined;
      const text = pairValue(frame.pairName, held.value, held.isString);
      return text === undefined ? undefined : [{ start: held.start, end: held.end, text }];
    },
  });
}

/** The `value` of a name/value pair whose name is secret: a header, a cookie or any other secret. */
function pairValue(name: string, value: string, isString: boolean): string | undefined {
  if (isString && isRedactedCookieValue(value)) return undefined;
  const lower = name.length <= 32 ? name.trim().toLowerCase() : '';
  const redacted =
    !isString ? redactedMarker(value.length) : (noteSecretPair(lower, value), lower === 'authorization' || lower === 'proxy-authorization' ? sanitizeAuthorization(value) : lower === 'cookie' ? sanitizeCookieHeader(value) : lower === 'set-cookie' ? sanitizeSetCookieHeader(value) : redactCookieValue(name, value));
  return isString && redacted === value ? undefined : JSON.stringify(redacted);
}

function noteSecretPair(lower: string, value: string): void {
  if (lower === 'authorization' || lower === 'proxy-authorization') noteAuthorization(value);
  else if (lower !== 'cookie' && lower !== 'set-cookie') noteSecret(value);
}

const URL_START = /^[a-z][a-z0-9+.-]{0,31}:\/\/\S*$/i;

/**
 * A request URL (and a HAR's `redirectURL`) by its own rules, then read decoded (decode.ts: a parameter
 * holding base64 JSON, entities, a URL encoded three times): what the text rules find there is swept out of
 * the URL in every spelling. The live capture (toExchange) and redactHar both use it.
 */
export function redactRequestUrl(url: string): string {
  const out = redactUrl(url);
  if (out.length < 16 || !mayBeEncoded(out)) return out;
  const { found } = collecting(() => {
    for (const view of decodedViews(out)) redactText(view);
  });
  return found.size ? new Sweeper(found).apply(out, true) : out;
}

/** Cheap pre-check before the text rules run on a JSON string value. */
function mayHoldSecretText(value: string): boolean {
  return value.indexOf('=') >= 0 || value.indexOf(':') >= 0 || value.indexOf('eyJ') >= 0 || value.indexOf('earer') >= 0 || value.indexOf('asic ') >= 0 || value.indexOf('&') >= 0 || value.indexOf('\\') >= 0 || value.indexOf('%') >= 0 || hasTokenHint(value);
}

/**
 * Multipart bodies, read part by part (one pass over the text with indexOf): a field named like a secret
 * (`name="password"`, `name=password`, `name='password'`) loses its value; any other field's value is
 * redacted as a body of its own type (JSON, form, text) and by its shape. Null when it is not multipart
 * after all (no boundary found).
 */
function redactMultipart(text: string, mimeType: string, depth: number): string | null {
  let boundary = mimeParam(mimeType, 'boundary'); // case matters: not the lowered type
  if (!boundary) {
    const t = text.trimStart();
    const eol = t.indexOf('\n');
    boundary = t.slice(2, eol < 0 ? t.length : eol).trim();
  }
  if (!boundary || boundary.length > 200) return null;
  const delimiter = `--${boundary}`;
  let first = text.indexOf(delimiter);
  while (first > 0 && text.charCodeAt(first - 1) !== 0x0a) first = text.indexOf(delimiter, first + 1);
  if (first < 0) return null;
  let out = redactText(text.slice(0, first)); // the preamble
  let at = first;
  while (at >= 0 && at < text.length) {
    // `at` is a delimiter line's start; the part runs from the next line to the line break before the next delimiter.
    const lineEnd = text.indexOf('\n', at);
    if (text.startsWith('--', at + delimiter.length) || lineEnd < 0) {
      out += text.slice(at, lineEnd < 0 ? text.length : lineEnd + 1);
      if (lineEnd >= 0) out += redactText(text.slice(lineEnd + 1)); // the epilogue
      break;
    }
    out += text.slice(at, lineEnd + 1);
    const partStart = lineEnd + 1;
    if (text.startsWith(delimiter, partStart)) {
      at = partStart; // an empty part
      continue;
    }
    const next = text.indexOf(`\n${delimiter}`, partStart);
    const partEnd = next < 0 ? text.length : next > partStart && text.charCodeAt(next - 1) === 0x0d ? next - 1 : next;
    out += redactPart(text.slice(partStart, partEnd), depth) + text.slice(partEnd, next < 0 ? text.length : next + 1);
    at = next < 0 ? -1 : next + 1;
  }
  return out;
}

function redactPart(part: string, depth: number): string {
  let headerEnd = part.indexOf('\r\n\r\n');
  let bodyStart = headerEnd + 4;
  const lf = part.indexOf('\n\n');
  if (lf >= 0 && (headerEnd < 0 || lf < headerEnd)) {
    headerEnd = lf;
    bodyStart = lf + 2;
  }
  if (headerEnd < 0) return redactText(part);
  const headers = part.slice(0, headerEnd);
  const body = part.slice(bodyStart);
  let name: string | null = null;
  let fileName: string | null = null;
  let type = '';
  for (const line of headers.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const header = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (header === 'content-disposition') {
      name = mimeParam(value, 'name');
      fileName = mimeParam(value, 'filename');
    } else if (header === 'content-type') type = value;
  }
  if (body === '' || isRedactedMarker(body)) return part;
  const head = part.slice(0, bodyStart);
  const dropped = unreadable(body, type, fileName);
  if (dropped !== null) return head + dropped;
  if (name !== null && isSecretName(name, 'param')) {
    noteSecret(body.trim());
    return head + redactedMarker(body.length);
  }
  if (isKnownToken(body.trim())) {
    noteSecret(body.trim());
    return head + redactedMarker(body.length);
  }
  if ((name === null || !isIdentityName(name)) && looksSecret(body.trim())) return head + redactedMarker(body.length);
  const redacted = redactBody(body, type, depth + 1);
  return redacted === body ? part : head + redacted;
}

// ---- content that cannot be read: removed whole (fails closed) ------------------------------------

/** Key and certificate files by type or name: removed whole, whatever they hold. */
const KEY_FILE_TYPE = /pem|pkcs|x509|x-x509|pkix|pgp-keys|keystore|jks/i;
const KEY_FILE_NAME = /\.(?:pem|key|p12|pfx|jks|keystore|crt|cer|der|p8|gpg|asc|ppk)$|^id_(?:rsa|dsa|ecdsa|ed25519)$/i;

/**
 * Why a body cannot stay: its marker when it is binary (control characters, undecodable bytes) or a key or
 * certificate file; null when it is text to be redacted by the rules.
 */
function unreadable(body: string, type: string, fileName: string | null): string | null {
  if (isRemovedMarker(body)) return null;
  if (KEY_FILE_TYPE.test(type) || (fileName !== null && KEY_FILE_NAME.test(fileName.trim())) || (fileName !== null && body.indexOf('-----BEGIN ') >= 0)) return removedMarker(utf8Length(body), 'key or certificate');
  if (isBinaryText(body)) return removedMarker(utf8Length(body), 'binary');
  return null;
}

/**
 * Text that is not text: C0 control characters other than whitespace, U+FFFD (bytes that were not UTF-8)
 * or lone surrogates in more than 1 in 32 of its first 64 K characters, 3 at least (compressed, image or other bytes).
 */
export function isBinaryText(text: string): boolean {
  const n = Math.min(text.length, 65_536);
  if (n === 0) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x00) || c === 0xfffd || c === 0x7f) bad++;
    else if (c === 0x00 && i !== n - 1) bad++; // a trailing NUL ends a STOMP frame
    else if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else bad++;
    } else if (c >= 0xdc00 && c <= 0xdfff) bad++;
  }
  return bad >= 3 && bad * 32 > n;
}

function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return bytes;
}

/** A parameter of a header value (`boundary=…`, `name="…"`, `name=…`, `name='…'`), unquoted; null when absent. */
function mimeParam(value: string, param: string): string | null {
  for (const piece of value.split(';')) {
    const eq = piece.indexOf('=');
    if (eq < 0 || piece.slice(0, eq).trim().toLowerCase() !== param) continue;
    let v = piece.slice(eq + 1).trim();
    if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) v = v.slice(1, -1);
    return v;
  }
  return null;
}

// ---- whole HAR files ------------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
/** Largest base64 body decoded to be redacted as text. */
const MAX_BASE64_BODY = 64 * 1024 * 1024;

/** HAR fields whose values are facts of the exchange, not text: left as they are. */
const FACT_FIELDS = new Set(['startedDateTime', 'time', 'method', 'httpVersion', 'status', 'statusText', 'mimeType', 'encoding', 'headersSize', 'bodySize', 'size', 'compression', 'pageref', 'serverIPAddress', 'connection', '_resourceType', 'opcode', 'type']);

/**
 * A redacted copy of a HAR document (any shape is tolerated; the input is not modified).
 *
 * Every field HAR gives a meaning (URLs, headers, cookies, query strings, bodies, WebSocket frames) is
 * redacted by its own rule above; every other string of the document (page titles, Chrome's `_initiator`
 * stacks, fields of other tools) by its key's name, its own shape, and the URL and free-text rules.
 */
export function redactHar<T>(har: T): T {
  return redactHarFound(har).har;
}

/** redactHar, and the values it found and swept out of the whole document (tests compare analyses with them). */
export function redactHarFound<T>(har: T): { har: T; found: Set<string> } {
  const { result: copy, found } = collecting(() => redactHarStructure(har));
  // Every value removed somewhere is removed everywhere, in each of its spellings (sweep.ts).
  if (found.size) sweepHar(copy, new Sweeper(found));
  return { har: copy, found };
}

/**
 * One element of `log.entries` redacted by structure alone, in place (the streaming redactor, redact-stream.ts,
 * parses each entry itself): exactly what redactHarStructure does to it inside a whole document, noting what it
 * replaces in the open collectors. Entries are independent: nothing in one changes how another is redacted.
 */
export function redactHarEntryInPlace(entry: unknown): unknown {
  const holder = [entry];
  const stack: unknown[] = [];
  const seen = new Set<object>([holder]);
  if (isObj(entry)) {
    seen.add(entry);
    const sso = ssoOfHarEntry(entry);
    redactEntry(entry, stack, seen);
    if (sso) setOwn(entry, SSO_HAR_FIELD, scrubSsoFacts(sso));
  } else visitField(holder as unknown as Json, '0', stack);
  redactRest(stack, seen);
  return holder[0];
}

/** The document around the entries (entries empty), by structure alone: redactHarStructure, for the streaming redactor. */
export const redactHarSkeleton = <T>(har: T): T => redactHarStructure(har);

/** The sweep of redactHarFound over one part of a document (an entry, the skeleton): in place, or the new string. */
export function sweepHarPart(part: unknown, sweeper: Sweeper): unknown {
  const holder = [part];
  sweepHar(holder, sweeper);
  return holder[0];
}

function redactHarStructure<T>(har: T): T {
  const copy = cloneJson(har);
  const stack: unknown[] = [];
  const seen = new Set<object>(); // a document built in code may share or even cycle its objects
  const log = isObj(copy) && isObj(copy.log) ? copy.log : null;
  if (log) {
    seen.add(copy as object);
    seen.add(log);
    for (const key of Object.keys(log)) if (key !== 'entries') visitField(log, key, stack);
    const entries = log.entries;
    if (Array.isArray(entries)) {
      seen.add(entries);
      for (let k = 0; k < entries.length; k++) {
        const entry = entries[k];
        if (isObj(entry) && !seen.has(entry)) {
          seen.add(entry);
          // SSO facts are read before the messages they come from are redacted, and carried beside them.
          const sso = ssoOfHarEntry(entry);
          redactEntry(entry, stack, seen);
          if (sso) setOwn(entry, SSO_HAR_FIELD, scrubSsoFacts(sso));
        } else visitField(entries as unknown as Json, String(k), stack);
      }
    } else if (entries !== undefined) visitField(log, 'entries', stack);
    if (isObj(copy)) for (const key of Object.keys(copy)) if (key !== 'log') visitField(copy, key, stack);
  } else stack.push(copy);
  redactRest(stack, seen);
  return copy as T;
}

function redactEntry(entry: Json, stack: unknown[], seen: Set<object>): void {
  for (const key of Object.keys(entry)) {
    const value = entry[key];
    if ((key === 'request' || key === 'response') && isObj(value) && !seen.has(value)) {
      seen.add(value);
      redactMessage(value, key === 'request', stack, seen);
    } else if (key === '_webSocketMessages' && Array.isArray(value) && !seen.has(value)) {
      // Chrome's HAR keeps WebSocket frames here; a login over a socket (STOMP `passcode:`) carries its secret in `data`.
      seen.add(value);
      for (const frame of value) {
        if (isObj(frame) && !seen.has(frame)) {
          seen.add(frame);
          for (const fk of Object.keys(frame)) {
            if (fk === 'data' && typeof frame.data === 'string') setOwn(frame, 'data', redactFrame(frame.data, frame.opcode));
            else visitField(frame, fk, stack);
          }
        } else stack.push(frame);
      }
    } else if (key === SSO_HAR_FIELD) {
      // Carried SSO facts (validated, not secret) are read again and replaced after redaction: nothing in them is a found secret.
      const sub: unknown[] = [];
      visitField(entry, key, sub);
      withoutNotes(() => redactRest(sub, seen));
    } else visitField(entry, key, stack);
  }
}

function redactMessage(msg: Json, isRequest: boolean, stack: unknown[], seen: Set<object>): void {
  for (const key of Object.keys(msg)) {
    const value = msg[key];
    if ((key === 'url' || key === 'redirectURL') && typeof value === 'string') setOwn(msg, key, redactRequestUrl(value));
    else if (key === 'headers' && Array.isArray(value)) {
      for (const h of value) {
        if (!isObj(h)) {
          stack.push(h);
          continue;
        }
        const name = typeof h.name === 'string' ? h.name : '';
        for (const hk of Object.keys(h)) {
          if (hk === 'value') setOwn(h, 'value', redactHeaderValue(name, h.value));
          else if (hk !== 'name') visitField(h, hk, stack);
        }
        if (typeof h.name !== 'string') visitField(h, 'name', stack);
      }
    } else if (key === 'cookies' && Array.isArray(value)) {
      for (const c of value) {
        if (!isObj(c)) {
          stack.push(c);
          continue;
        }
        const name = typeof c.name === 'string' ? c.name : '';
        for (const ck of Object.keys(c)) {
          if (ck === 'value') setOwn(c, 'value', redactCookieField(name, c.value));
          else if (ck !== 'name') visitField(c, ck, stack);
        }
      }
    } else if (key === 'queryString' && Array.isArray(value)) {
      for (const p of value) redactNamedValue(p, stack);
    } else if (key === (isRequest ? 'postData' : 'content') && isObj(value) && !seen.has(value)) {
      seen.add(value);
      const mime = typeof value.mimeType === 'string' ? value.mimeType : '';
      for (const bk of Object.keys(value)) {
        const bv = value[bk];
        if (bk === 'text' && typeof bv === 'string') {
          const text = value.encoding === 'base64' ? redactBase64Body(bv, mime) : isBinaryText(bv) && !isRedactedMarker(bv) ? removedMarker(utf8Length(bv), 'binary') : redactBody(bv, mime);
          setOwn(value, 'text', text);
          // Removed content is no longer base64: a reader must not decode the marker.
          if (isRemovedMarker(text) && value.encoding === 'base64') delete value.encoding;
        } else if (bk === 'params' && Array.isArray(bv)) for (const p of bv) redactNamedValue(p, stack);
        else visitField(value, bk, stack);
      }
    } else visitField(msg, key, stack);
  }
}

/**
 * A header value of any JSON type. Strings go through sanitizeHeader; numbers and booleans too (kept as
 * they were when nothing changed, so the HAR reader reads them alike); arrays item by item (the reader
 * joins them); objects lose every string and number inside them.
 */
function redactHeaderValue(name: string, value: unknown): unknown {
  if (typeof value === 'string') return redactHeader(name, value);
  if (typeof value === 'number' || typeof value === 'boolean') {
    const text = String(value);
    const sanitized = sanitizeHeader(name, text);
    return sanitized === text ? value : sanitized;
  }
  if (Array.isArray(value)) return value.map((item) => redactHeaderValue(name, item));
  if (isObj(value)) return redactAllLeaves(value);
  return value;
}

/**
 * What a header's sanitizing removed, noted for the sweep: Authorization's credentials, a whole value that
 * failed closed (weakly: only when it looks like a token, an unlisted header may hold anything). Cookies
 * note their own values (cookie-value.ts); URLs theirs (url.ts).
 */
function noteHeader(name: string, value: string, out: string): void {
  const rule = headerRule(lowerName(name.trim()));
  if (rule === 'authorization') noteAuthorization(value);
  else if ((rule === null || rule === 'no-check') && isRedactedMarker(out)) noteSecret(value.trim(), !isSecretName(name, 'json'));
}

/** A cookie's value of any JSON type, through redactCookieValue. */
function redactCookieField(name: string, value: unknown): unknown {
  if (typeof value === 'string') return value === '' || isRedactedCookieValue(value) ? value : redactCookieValue(name, value);
  if (typeof value === 'number' || typeof value === 'boolean') return redactedMarker(String(value).length);
  if (value !== null && typeof value === 'object') return redactAllLeaves(value);
  return value;
}

/** `{name, value}` of queryString and params: by the name, the value's shape, or the URL and text rules. */
function redactNamedValue(p: unknown, stack: unknown[]): void {
  if (!isObj(p)) {
    stack.push(p);
    return;
  }
  const name = typeof p.name === 'string' ? safeDecode(p.name) : '';
  const fileName = typeof p.fileName === 'string' ? p.fileName : null;
  const type = typeof p.contentType === 'string' ? p.contentType : '';
  for (const key of Object.keys(p)) {
    if (key === 'value' && typeof p.value === 'string' && p.value !== '' && (fileName !== null || type !== '')) {
      // A file of a multipart form (HAR's postData.params[].fileName): a key, a certificate or bytes go whole.
      const dropped = unreadable(p.value, type, fileName);
      setOwn(p, 'value', dropped ?? redactNamedField(name, p.value));
    } else if (key === 'value') setOwn(p, 'value', redactNamedField(name, p.value));
    else if (key !== 'name') visitField(p, key, stack);
  }
}

function redactNamedField(name: string, value: unknown): unknown {
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'object') return redactAllLeaves(value);
  const text = String(value);
  if (text === '' || isRedactedMarker(text)) return value;
  if (isSecretName(name, 'param') || isJwt(text) || isKnownToken(text)) {
    noteSecret(text);
    return redactedMarker(text.length);
  }
  if (!isIdentityName(name) && looksSecret(text)) return redactedMarker(text.length);
  if (typeof value !== 'string') return value;
  return URL_START.test(text) || text.startsWith('/') ? redactUrl(text) : mayHoldSecretText(text) ? redactText(text) : text;
}

/** Fails closed for junk where a HAR expects text: every string and number inside becomes a marker (keys and shape kept). */
function redactAllLeaves(value: object): unknown {
  return mapLeaves(value, (leaf) => (typeof leaf === 'string' && (leaf === '' || isRedactedMarker(leaf)) ? leaf : redactedMarker(String(leaf).length)));
}

/**
 * A copy of a JSON value with each string and number leaf replaced by `replace(leaf, key, parent)` (keys and
 * shape kept). Iterative, each object once: hostile input can be deep or shared.
 */
function mapLeaves(value: object, replace: (leaf: string | number, key: string, parent: Json) => unknown): unknown {
  const copy = cloneJson(value);
  const stack: unknown[] = [copy];
  const seen = new Set<object>();
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const obj = node as Json;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (typeof v === 'string' || typeof v === 'number') {
        const next = replace(v, key, obj);
        if (next !== v) setOwn(obj, key, next);
      } else if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
  return copy;
}

/**
 * A field HAR gives no meaning here: strings are redacted in place by the key's name, their own shape,
 * and the URL and text rules; numbers under a secret name become markers; objects and arrays are walked.
 */
function visitField(obj: Json, key: string, stack: unknown[]): void {
  const value = obj[key];
  if (typeof value === 'string') {
    if (FACT_FIELDS.has(key)) return;
    const next = redactLooseString(key, value);
    if (next !== value) setOwn(obj, key, next);
  } else if (typeof value === 'number') {
    if (!Array.isArray(obj) && isSecretName(key, 'json')) setOwn(obj, key, redactedMarker(String(value).length));
  } else if (typeof value === 'object' && value !== null) stack.push(value);
}

function redactLooseString(key: string | null, value: string): string {
  if (value === '' || isRedactedMarker(value)) return value;
  const named = key !== null && !/^\d+$/.test(key);
  if ((named && isSecretName(key, 'json')) || isJwt(value) || isKnownToken(value)) {
    noteSecret(value);
    return redactedMarker(value.length);
  }
  if (!(named && isIdentityName(key)) && looksSecret(value)) return redactedMarker(value.length);
  if (URL_START.test(value)) return redactRequestUrl(value);
  return redactText(value);
}

/** Walks what is left (iteratively: any depth, shared and cyclic objects once). */
function redactRest(stack: unknown[], seen: Set<object>): void {
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const obj = node as Json;
    for (const key of Object.keys(obj)) visitField(obj, key, stack);
  }
}

/**
 * A base64 body (HAR's `encoding: "base64"`) is decoded, redacted as text and encoded again. One that is
 * not UTF-8 text (an image, compressed bytes) cannot be read, so it is removed (`[removed: 2.1 KB binary]`,
 * issue 25.4); one that is not even base64 is replaced by a marker of its length.
 */
function redactBase64Body(text: string, mime: string): string {
  if (text === '' || isRedactedMarker(text)) return text;
  const decoded = decodeBase64Utf8(text.replace(/\s+/g, ''), MAX_BASE64_BODY);
  // Not UTF-8 text (an image, compressed bytes, a key store): it cannot be read, so it cannot stay.
  if (decoded === null) return /^[A-Za-z0-9+/=\s]*$/.test(text) ? removedMarker(Math.floor((text.replace(/[\s=]+/g, '').length * 3) / 4), 'binary') : redactedMarker(text.length);
  if (isBinaryText(decoded)) return removedMarker(utf8Length(decoded), 'binary');
  const mapped = redactBody(decoded, mime);
  return mapped === decoded ? text : encodeBase64Utf8(mapped);
}

/**
 * A WebSocket frame's data: a text frame is a body of its own (STOMP, JSON, socket.io's `42[…]`); a binary
 * frame (opcode 2, base64 in Chrome's HAR) cannot be read and is removed whole.
 */
function redactFrame(data: string, opcode: unknown): string {
  if (data === '' || isRedactedMarker(data)) return data;
  if (opcode === 2 || opcode === '2') return removedMarker(Math.floor((data.replace(/[\s=]+/g, '').length * 3) / 4), 'binary frame');
  if (isBinaryText(data)) return removedMarker(utf8Length(data), 'binary frame');
  const io = redactSocketIo(data);
  return io ?? redactBody(data);
}

/** Socket.IO / Engine.IO event names whose arguments are credentials: `42["authenticate","…"]`. */
const AUTH_EVENTS = new Set(['auth', 'authenticate', 'authentication', 'authorize', 'login', 'signin', 'token', 'credentials', 'identify', 'session']);

/**
 * A Socket.IO frame (`42["event", arg, …]`, `42/ns,7["event", …]`): the JSON after the packet prefix is
 * redacted as JSON (names and shapes), and every string argument of an authentication event is secret.
 * Null when the frame is not one.
 */
function redactSocketIo(data: string): string | null {
  // The prefix by a bounded expression on the frame's start; the payload runs to the end (no `[\s\S]*`).
  const m = data.length <= 1024 * 1024 ? /^\d{1,4}(?:\/[\w./-]{0,128},)?\d{0,12}(?=\[)/.exec(data.slice(0, 160)) : null;
  const payload = m ? data.slice(m[0].length).trimEnd() : '';
  if (!m || !payload.endsWith(']')) return null;
  const prefix = m[0];
  let args: unknown;
  try {
    args = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!Array.isArray(args) || typeof args[0] !== 'string') return null;
  const event = args[0].length <= 64 ? args[0].toLowerCase().replace(/[^a-z]/g, '') : '';
  if (AUTH_EVENTS.has(event) || isSecretName(args[0], 'json')) {
    const out = [args[0], ...args.slice(1).map((a) => (typeof a === 'string' ? secretString(a) : typeof a === 'object' && a !== null ? redactAuthArgument(a) : a))];
    return prefix + JSON.stringify(out);
  }
  const redacted = redactJsonText(payload);
  return redacted === null ? null : redacted === payload ? data : prefix + redacted;
}

function secretString(value: string): string {
  if (value === '' || isRedactedMarker(value)) return value;
  noteSecret(value);
  return redactedMarker(value.length);
}

/**
 * An authentication event's object argument: every string and number is secret but those under identity
 * names (`user`, `username`, `email`, `id`: who signs in is not a secret, and support needs it).
 */
function redactAuthArgument(value: object): unknown {
  return mapLeaves(value, (leaf, key, parent) => {
    const identity = !Array.isArray(parent) && isIdentityName(key) && !isSecretName(key, 'json');
    if (identity) return leaf;
    return typeof leaf === 'string' ? secretString(leaf) : redactedMarker(String(leaf).length);
  });
}

/** HAR fields holding URLs: swept with percent-encoded markers, so they stay URLs. */
const URL_FIELDS = new Set(['url', 'redirectURL']);

/** The sweep over the redacted document: every string forEachSweptString names, base64 bodies encoded again. */
function sweepHar(doc: unknown, sweeper: Sweeper): void {
  forEachSweptString(doc, (obj, key, text, base64) => {
    const swept = sweeper.apply(text, !base64 && (URL_FIELDS.has(key) || (key === 'value' && URL_START.test(text))));
    if (swept !== text) setOwn(obj, key, base64 ? encodeBase64Utf8(swept) : swept);
  });
}

/**
 * Each string of `doc` the sweep reads, with the object and key it stands under: keys are left alone, and so are
 * carried SSO facts (read from the message and validated field by field: facts, never a secret) and a listed
 * header's value (a fact the analysis reads that holds no secret by policy: `X-AUSERNAME: anonymous` stays even
 * if some cookie's value was `anonymous`). A base64 body is handed over decoded (`base64` true) when it decodes
 * to text. Iterative, each object once.
 */
function forEachSweptString(doc: unknown, visit: (obj: Json, key: string, text: string, base64: boolean) => void): void {
  const stack: unknown[] = [doc];
  const seen = new Set<object>();
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const obj = node as Json;
    const base64 = obj.encoding === 'base64' && typeof obj.text === 'string';
    const keptHeader = typeof obj.name === 'string' && obj.name.length <= 64 && headerRule(lowerName(obj.name.trim())) === 'keep';
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (key === SSO_HAR_FIELD) continue;
      if (typeof v === 'string') {
        if (keptHeader && key === 'value') continue;
        const decoded = base64 && key === 'text' ? decodeBase64Utf8(v.replace(/\s+/g, ''), MAX_BASE64_BODY) : null;
        visit(obj, key, decoded ?? v, decoded !== null);
      } else if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
}

/**
 * The sweep of redactHarFound over one exchange as toExchange builds it (the live capture, a HAR's entry, a
 * replay): every value its own headers, URL and facts gave up, removed from every string it keeps (its URL
 * percent-encoded), in place. Its SSO facts are validated facts, never swept, as in a HAR.
 */
export function sweepExchange<T extends { sso?: unknown }>(ex: T, found: ReadonlySet<string>): T {
  // Most exchanges hold none of their found values (cookie values are already markers): nothing to compile.
  const mayHold = spellingFilter(sweptStrings(ex));
  const present = [...found].filter(mayHold);
  if (present.length === 0) return ex;
  const { sso: _sso, ...rest } = ex;
  sweepHar(rest, new Sweeper(present));
  Object.assign(ex, rest);
  return ex;
}

/**
 * Every string sweepHar would sweep in `doc` (base64 texts decoded as it decodes them), one per line: what the
 * filter of sweepExchange reads. Cheaper than JSON.stringify of the exchange (once per exchange of a large
 * HAR), and no key or escape of JSON's to let values through for nothing.
 */
function sweptStrings(doc: unknown): string {
  let out = '';
  forEachSweptString(doc, (_obj, _key, text) => {
    out += text + '\n';
  });
  return out;
}

function encodeBase64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A JSON-like deep copy without recursion; own `__proto__` keys stay own properties. */
function cloneJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const copies = new Map<object, unknown>();
  const copyOf = (v: object): object => {
    const c = Array.isArray(v) ? [] : {};
    copies.set(v, c);
    stack.push([v, c]);
    return c;
  };
  const stack: [object, object][] = [];
  const root = copyOf(value);
  while (stack.length) {
    const [src, dst] = stack.pop()!;
    for (const key of Object.keys(src)) {
      const v = (src as Json)[key];
      if (typeof v === 'object' && v !== null) setOwn(dst, key, copies.get(v) ?? copyOf(v));
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) setOwn(dst, key, v);
    }
  }
  return root;
}

/** Assignment would call the `__proto__` setter for such keys; defining the property cannot. */
function setOwn(target: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else (target as Json)[key] = value;
}
