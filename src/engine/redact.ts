/**
 * The single place that knows what is secret. Exchanges are sanitized through it when they are built
 * (so nothing secret reaches storage, the UI or an export), and whole HAR files are redacted with it.
 *
 * Kept: names, lengths, structure, attributes, and the user part of Basic credentials, all of which the
 * findings contract allows and the analysis needs. Everything is idempotent: redacting twice changes
 * nothing, because every redacted value is spelled with the marker from marker.ts and left alone.
 */
import { isRedactedMarker, redactedMarker } from './marker';
import { decodeBase64Utf8 } from './parse/authorization';

/** Names of headers whose whole value is secret (besides Authorization, Cookie, Set-Cookie). */
const SECRET_HEADER = /token|secret|passw|api[-_]?key|credential|signature/i;
/** Named like a secret but are not: correlation ids, the XSRF opt-out, auth diagnostics. */
const PUBLIC_HEADERS = new Set(['x-atlassian-token', 'x-asessionid', 'x-authentication-denied-reason', 'www-authenticate']);
/** Query, form and JSON keys whose values are secret. */
const SECRET_KEY =
  /^(?:os_password|password|passwd|pwd|pass|secret|client_secret|token|api_?token|access_?token|refresh_?token|id_?token|auth_?token|session_?token|jwt|api_?key|apikey|private_?key|otp|totp|code_verifier|signature|sig)$/i;
/** What sanitizeAuthorization writes after the scheme; anything else after a scheme is a secret. */
const SANITIZED_CREDENTIAL = /^\[redacted \d+(?: user=[^\]\s]*)?\]$/;
/** Cheap pre-check: a userinfo password, a secret-like key, or a dotted token could be in there. */
const MAYBE_SECRET_IN_URL = /:\/\/[^/@]*@|pass|pwd|secret|token|jwt|key|otp|verifier|sig|[\w-]{8,}\.[\w-]{8,}\./i;
const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}$/;
const MAX_BODY_CHARS = 50 * 1024 * 1024;
const MAX_DEPTH = 256;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

function looksSecretValue(value: string): boolean {
  return JWT.test(value);
}

// ---- headers -----------------------------------------------------------------------------------

export function sanitizeHeader(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') return sanitizeAuthorization(value);
  if (lower === 'cookie') return sanitizeCookieHeader(value);
  if (lower === 'set-cookie') return value.split('\n').map(sanitizeSetCookie).join('\n');
  if (PUBLIC_HEADERS.has(lower)) return value;
  if (SECRET_HEADER.test(lower)) return isRedactedMarker(value) ? value : redactedMarker(value.length);
  return value;
}

/** `Basic <b64>` → `Basic [redacted N user=fred]`; other schemes → `<Scheme> [redacted N]`. */
export function sanitizeAuthorization(value: string): string {
  const trimmed = value.trim();
  if (isRedactedMarker(trimmed)) return trimmed;
  const space = trimmed.search(/\s/);
  if (space < 0) return trimmed === '' ? trimmed : redactedMarker(trimmed.length);
  const scheme = trimmed.slice(0, space);
  const token = trimmed.slice(space).trim();
  if (SANITIZED_CREDENTIAL.test(token)) return `${scheme} ${token}`;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = decodeBase64Utf8(token);
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded !== null && colon >= 0) {
      return `${scheme} [redacted ${token.length} user=${encodeURIComponent(decoded.slice(0, colon))}]`;
    }
  }
  return `${scheme} ${redactedMarker(token.length)}`;
}

function sanitizeCookieHeader(value: string): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const v = part.slice(eq + 1).trim();
      return `${part.slice(0, eq)}=${isRedactedMarker(v) ? v : redactedMarker(v.length)}`;
    })
    .join(';');
}

/** Only the value between the first `=` and the first `;` is secret; attributes stay verbatim. */
export function sanitizeSetCookie(line: string): string {
  const semi = line.indexOf(';');
  const pair = semi < 0 ? line : line.slice(0, semi);
  const attrs = semi < 0 ? '' : line.slice(semi);
  const eq = pair.indexOf('=');
  if (eq < 0) return isRedactedMarker(pair.trim()) ? line : redactedMarker(pair.trim().length) + attrs;
  const v = pair.slice(eq + 1).trim();
  return `${pair.slice(0, eq)}=${isRedactedMarker(v) ? v : redactedMarker(v.length)}${attrs}`;
}

// ---- URLs and form bodies ------------------------------------------------------------------------

/** Redacts secret query parameters (by name, or JWT-shaped values) and URL passwords; the rest stays byte for byte. */
export function redactUrl(url: string): string {
  // Fast path for the common case (called per exchange): nothing that could be secret in the URL.
  if (!MAYBE_SECRET_IN_URL.test(url)) return url;
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  const q = beforeHash.indexOf('?');
  const base = stripUrlPassword(q < 0 ? beforeHash : beforeHash.slice(0, q));
  if (q < 0) return base + fragment;
  return `${base}?${redactUrlEncoded(beforeHash.slice(q + 1))}${fragment}`;
}

function stripUrlPassword(base: string): string {
  return base.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):([^/@]*)@/i, (_, user: string, pw: string) =>
    pw.startsWith('%5Bredacted') ? `${user}:${pw}@` : `${user}:${encodeURIComponent(redactedMarker(pw.length))}@`,
  );
}

/** `a=1&os_password=x` → `a=1&os_password=%5Bredacted%201%5D`, order and encoding of the rest kept. */
export function redactUrlEncoded(query: string): string {
  return query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const key = safeDecode(part.slice(0, eq));
      const raw = part.slice(eq + 1);
      const value = safeDecode(raw);
      if (isRedactedMarker(value)) return part;
      if (isSecretKey(key) || looksSecretValue(value)) return `${part.slice(0, eq)}=${encodeURIComponent(redactedMarker(value.length))}`;
      return part;
    })
    .join('&');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

// ---- bodies ---------------------------------------------------------------------------------------

export function redactBody(text: string, mimeType = ''): string {
  if (!text) return text;
  const mime = mimeType.toLowerCase();
  const trimmed = text.trimStart();
  if (mime.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const redacted = redactJsonText(text);
    if (redacted !== null) return redacted;
  }
  if (mime.includes('x-www-form-urlencoded') || /^[\w.%-]+=[^&\s]*(&[\w.%-]+=[^&\s]*)*$/.test(text.trim())) {
    return redactUrlEncoded(text);
  }
  // Unknown text: catch `"password": "…"`-style fragments of broken JSON.
  return text.replace(/("([A-Za-z_]+)"\s*:\s*")((?:[^"\\]|\\.)*)"/g, (m, head: string, key: string, v: string) =>
    isSecretKey(key) && !isRedactedMarker(v) ? `${head}${redactedMarker(v.length)}"` : m,
  );
}

/** Parsed, walked, re-serialized; null when the text is not JSON. */
function redactJsonText(text: string): string | null {
  if (text.length > MAX_BODY_CHARS) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  return JSON.stringify(redactJsonValue(doc));
}

/** Redacts in place and returns the value. Iterative and depth-limited: hostile nesting cannot blow the stack. */
export function redactJsonValue(doc: unknown): unknown {
  if (typeof doc === 'string') return looksSecretValue(doc) ? redactedMarker(doc.length) : doc;
  const stack: { node: unknown; depth: number; parentKey: string }[] = [{ node: doc, depth: 0, parentKey: '' }];
  while (stack.length) {
    const { node, depth, parentKey } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > MAX_DEPTH) {
      // Beyond any real payload: keep nothing of it rather than risk a secret.
      for (const k of Object.keys(node)) setOwn(node, k, '[redacted: too deep]');
      continue;
    }
    for (const key of Object.keys(node)) {
      const value = (node as Record<string, unknown>)[key];
      const secretHere =
        isSecretKey(key) ||
        // POST /rest/auth/1/session answers {"session": {"name": "JSESSIONID", "value": "<secret>"}}
        (parentKey.toLowerCase() === 'session' && key === 'value');
      if (typeof value === 'string') {
        if (isRedactedMarker(value)) continue;
        if (secretHere || looksSecretValue(value)) setOwn(node, key, redactedMarker(value.length));
      } else if (secretHere && (typeof value === 'number' || typeof value === 'boolean')) {
        setOwn(node, key, redactedMarker(String(value).length));
      } else if (typeof value === 'object' && value !== null) {
        stack.push({ node: value, depth: depth + 1, parentKey: key });
      }
    }
  }
  return doc;
}

/** Assignment would call the `__proto__` setter for such keys; defining the property cannot. */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

// ---- whole HAR files ------------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A redacted copy of a HAR document (any shape is tolerated; unknown parts are left as they are). */
export function redactHar<T>(har: T): T {
  const copy = JSON.parse(JSON.stringify(har)) as unknown;
  const entries = isObj(copy) && isObj(copy.log) && Array.isArray(copy.log.entries) ? copy.log.entries : [];
  for (const entry of entries) {
    if (!isObj(entry)) continue;
    if (isObj(entry.request)) redactMessage(entry.request, true);
    if (isObj(entry.response)) redactMessage(entry.response, false);
    // Chrome's HAR keeps WebSocket frames here; a login over a socket carries its password in `data`.
    for (const frame of asArray(entry._webSocketMessages)) {
      if (isObj(frame) && typeof frame.data === 'string') frame.data = redactBody(frame.data);
    }
  }
  return copy as T;
}

function redactMessage(msg: Json, isRequest: boolean): void {
  if (typeof msg.url === 'string') msg.url = redactUrl(msg.url);
  if (typeof msg.redirectURL === 'string') msg.redirectURL = redactUrl(msg.redirectURL);
  for (const h of asArray(msg.headers)) {
    // Sloppy tools write numbers or arrays as values: read them as text so nothing escapes redaction.
    if (isObj(h) && typeof h.name === 'string' && h.value !== undefined && h.value !== null) {
      const value = Array.isArray(h.value) ? h.value.map(String).join('\n') : String(h.value);
      h.value = sanitizeHeader(h.name, value);
    }
  }
  for (const c of asArray(msg.cookies)) {
    if (isObj(c) && typeof c.value === 'string' && !isRedactedMarker(c.value)) c.value = redactedMarker(c.value.length);
  }
  for (const p of asArray(msg.queryString)) redactNamedValue(p);
  const body = isRequest ? msg.postData : msg.content;
  if (isObj(body)) {
    const mime = typeof body.mimeType === 'string' ? body.mimeType : '';
    if (typeof body.text === 'string' && body.encoding !== 'base64') body.text = redactBody(body.text, mime);
    else if (typeof body.text === 'string') body.text = redactBase64Body(body.text, mime);
    for (const p of asArray(body.params)) redactNamedValue(p);
  }
}

/**
 * A base64 body (HAR's `encoding: "base64"`) is decoded, redacted as text and encoded again. One that is
 * not UTF-8 text (an image) is left alone; one that cannot be decoded at all is replaced, to be safe.
 */
function redactBase64Body(text: string, mime: string): string {
  const decoded = decodeBase64Utf8(text.replace(/\s+/g, ''));
  if (decoded === null) return /^[A-Za-z0-9+/=\s]*$/.test(text) && !/json|text|form|xml|javascript/i.test(mime) ? text : redactedMarker(text.length);
  const redacted = redactBody(decoded, mime);
  return redacted === decoded ? text : encodeBase64Utf8(redacted);
}

function encodeBase64Utf8(s: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(s)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function redactNamedValue(p: unknown): void {
  if (!isObj(p) || typeof p.name !== 'string' || typeof p.value !== 'string' || isRedactedMarker(p.value)) return;
  if (isSecretKey(p.name) || looksSecretValue(p.value)) p.value = redactedMarker(p.value.length);
}

const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
