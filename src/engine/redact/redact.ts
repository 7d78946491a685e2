/**
 * The single place that knows what is secret. Exchanges are sanitized through it when they are built
 * (so nothing secret reaches storage, the UI or an export), and whole HAR files are redacted with it.
 *
 * Kept: names, lengths, structure, attributes, and the user part of Basic credentials, all of which the
 * findings contract allows and the analysis needs. Everything is idempotent: redacting twice changes
 * nothing, because every redacted value is spelled with the marker from marker.ts (`[redacted N]`, in
 * URLs and `key=value` text percent-encoded as `%5Bredacted%20N%5D`) and markers are left alone.
 */
import { isRedactedMarker, redactedMarker } from './marker';
import { isRedactedCookieValue, redactCookieValue } from './cookie-value';
import { lowerName } from '../exchange/headers';
import { SANITIZED_CREDENTIALS, decodeBase64Utf8, splitAuthorization } from '../analysis/parse/authorization';
import { rewriteJson } from './json-rewrite';
import { MIN_LENGTH, StringFinder } from './find-strings';

/** Told every secret value as it is removed, so that redactHar can remove it from everywhere else too. */
export type Found = ((secret: string) => void) | undefined;

// ---- what is secret -----------------------------------------------------------------------------

/**
 * Keys (JSON, query, form, cookie-like `key=value`) whose values are secret, matched on the key lowered
 * and stripped of `-`, `_`, `.` and spaces, so `os_password`, `newPassword`, `atl_token`, `API-Key`,
 * `client_secret` and `jsessionid` all match, and `os_authType` or `issueKey` do not.
 */
const SECRET_KEY =
  /passw|passcode|passphrase|pwd|secret|token|jwt|apikey|privatekey|accesskey|credential|signature|sessionid|assertion|samlresponse|samlart|codeverifier|^pass$|^pin$|^[th]?otp$|^auth$|^authorization$|^sig$|^cookie$|^ticket$/;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.slice(0, 200).toLowerCase().replace(/[-_.\s]/g, ''));
}

/** Query and form parameters: the secret keys, plus the OAuth authorization `code` of a redirect. */
export function isSecretParam(name: string): boolean {
  return isSecretKey(name) || /^\s*code\s*$/i.test(name);
}

/** A JWT (JWS: three base64url parts, JWE: five); the header is JSON, so it starts with `eyJ`. */
const JWT = /^eyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){2,4}$/;
const JWT_IN_TEXT = /\beyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){1,3}/g;

function looksSecretValue(value: string): boolean {
  return value.length > 16 && JWT.test(value);
}

/** Names of headers whose whole value is secret (besides Authorization, Cookie, Set-Cookie). */
const SECRET_HEADER = /token|secret|passw|api-?key|credential|signature|authoriz|xsrf|csrf|session|jwt|assertion|cookie/i;
/** Named like a secret but are not: the XSRF opt-out, correlation ids, auth diagnostics, CORS. */
const PUBLIC_HEADERS = new Set(['x-atlassian-token', 'x-asessionid', 'x-authentication-denied-reason', 'www-authenticate', 'proxy-authenticate']);
/** Headers that hold one URL (or a path), whose query may carry secrets: a login form sent by GET, an OAuth redirect. */
const URL_HEADERS = new Set(['location', 'content-location', 'referer', ':path']);
/** Headers with URLs inside other text. */
const URL_TEXT_HEADERS = new Set(['refresh', 'link']);

// ---- headers -------------------------------------------------------------------------------------

export function sanitizeHeader(name: string, value: string): string {
  return sanitizeHeaderValue(name, value, undefined);
}

function sanitizeHeaderValue(name: string, value: string, found: Found): string {
  const lower = lowerName(name.trim());
  if (lower === 'authorization' || lower === 'proxy-authorization') return sanitizeAuthorizationValue(value, found);
  if (lower === 'cookie') return sanitizeCookieHeader(value, found);
  if (lower === 'set-cookie' || lower === 'set-cookie2') return sanitizeSetCookieHeader(value, found);
  if (URL_HEADERS.has(lower)) return redactUrl(value, found);
  if (URL_TEXT_HEADERS.has(lower)) return value.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s<>"']+/gi, (url) => redactUrl(url, found));
  if (PUBLIC_HEADERS.has(lower) || lower.startsWith('access-control-')) return value;
  if (SECRET_HEADER.test(lower)) return redactWhole(value, found);
  return value;
}

function redactWhole(value: string, found: Found): string {
  if (isRedactedMarker(value)) return value;
  found?.(value);
  return redactedMarker(value.length);
}

/**
 * `Basic <b64>` → `Basic [redacted N user=fred]` (the user percent-encoded), `Bearer <t>` →
 * `Bearer [redacted N]`, a bare token → `[redacted N]`. N is the length of what was removed.
 */
export function sanitizeAuthorization(value: string): string {
  return sanitizeAuthorizationValue(value, undefined);
}

function sanitizeAuthorizationValue(value: string, found: Found): string {
  const { scheme, credentials } = splitAuthorization(value);
  if (scheme === null) return credentials === '' ? value : redactWhole(credentials, found);
  if (credentials === '') return scheme;
  if (SANITIZED_CREDENTIALS.test(credentials)) return `${scheme} ${credentials}`;
  found?.(credentials);
  if (scheme.toLowerCase() === 'basic') {
    const decoded = decodeBase64Utf8(credentials);
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded !== null && colon >= 0) {
      found?.(decoded.slice(colon + 1));
      const user = encodeURIComponent(decoded.slice(0, colon));
      return `${scheme} ${redactedMarker(credentials.length).slice(0, -1)} user=${user}]`;
    }
  }
  return `${scheme} ${redactedMarker(credentials.length)}`;
}

/** Every value replaced, names and order kept. A part without `=` is a nameless cookie: its text is the value. */
function sanitizeCookieHeader(value: string, found: Found): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      const v = (eq < 0 ? part : part.slice(eq + 1)).trim();
      if (v === '' || isRedactedCookieValue(v)) return part;
      foundCookieValue(v, found);
      const marker = eq < 0 ? redactedMarker(v.length) : redactCookieValue(part.slice(0, eq), v);
      return eq < 0 ? part.replace(v, marker) : `${part.slice(0, eq)}=${marker}`;
    })
    .join(';');
}

function foundCookieValue(v: string, found: Found): void {
  if (!found) return;
  found(v);
  if (v.length > 2 && v.startsWith('"') && v.endsWith('"')) found(v.slice(1, -1));
}

/**
 * One cookie per line; tools that fold several into one line with `, ` are split where a comma is
 * followed by `name=` (an `Expires` date's comma is followed by a day number, never by `=`).
 */
function sanitizeSetCookieHeader(value: string, found: Found): string {
  return value
    .split('\n')
    .map((line) =>
      line
        .split(/(,(?=\s*[^\s=;,]+=))/)
        .map((piece, i) => (i % 2 === 1 ? piece : sanitizeSetCookie(piece, found)))
        .join(''),
    )
    .join('\n');
}

/** Only the value between the first `=` and the first `;` is secret; attributes stay verbatim, an empty value stays empty. */
export function sanitizeSetCookie(line: string, found?: Found): string {
  const semi = line.indexOf(';');
  const pair = semi < 0 ? line : line.slice(0, semi);
  const attrs = semi < 0 ? '' : line.slice(semi);
  const eq = pair.indexOf('=');
  const v = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  if (v === '' || isRedactedCookieValue(v)) return line;
  foundCookieValue(v, found);
  const redacted = eq < 0 ? redactedMarker(v.length) : redactCookieValue(pair.slice(0, eq), v);
  return `${eq < 0 ? pair.slice(0, pair.indexOf(v)) : pair.slice(0, eq + 1)}${redacted}${attrs}`;
}

// ---- URLs and `key=value` lists ------------------------------------------------------------------

/** Cheap pre-check (this runs per exchange): nothing in the URL could be a secret. */
const MAYBE_SECRET_IN_URL = /@|pass|pwd|secret|token|jwt|key|otp|pin|sig|auth|code|saml|session|ticket|credential|assertion|verifier|cookie|eyJ/i;
const ENCODED_MARKER_START = '%5Bredacted';

/**
 * Redacts secret query and fragment parameters (by name, or JWT-shaped values), `;jsessionid=`-style
 * path parameters (Java servlet URL rewriting), JWTs in the path, and the password of `user:pw@`.
 * The rest stays byte for byte. Works on relative URLs and paths too.
 */
export function redactUrl(url: string, found?: Found): string {
  if (!MAYBE_SECRET_IN_URL.test(url)) return url;
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const q = beforeHash.indexOf('?');
  let out = redactPath(stripUrlPassword(q < 0 ? beforeHash : beforeHash.slice(0, q), found), found);
  if (q >= 0) out += `?${redactPairs(beforeHash.slice(q + 1), /(&)/, found)}`;
  // Fragments carry OAuth implicit-grant tokens (`#access_token=…`), also behind a SPA route (`#/cb?token=…`).
  if (hash >= 0) out += `#${redactJwts(redactPairs(url.slice(hash + 1), /([&?])/, found), found)}`;
  return out;
}

function stripUrlPassword(base: string, found: Found): string {
  return base.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):([^/@]*)@/i, (_, user: string, pw: string) => {
    if (pw.startsWith(ENCODED_MARKER_START) && isRedactedMarker(safeDecode(pw))) return `${user}:${pw}@`;
    found?.(pw);
    found?.(safeDecode(pw));
    return `${user}:${encodeURIComponent(redactedMarker(safeDecode(pw).length))}@`;
  });
}

function redactPath(base: string, found: Found): string {
  let out = base;
  if (out.includes(';')) {
    out = out.replace(/;([^;/?#=]+)=([^;/?#]*)/g, (m, name: string, value: string) =>
      isSecretParam(safeDecode(name)) ? `;${name}=${redactedParamValue(value, found)}` : m,
    );
  }
  return redactJwts(out, found);
}

function redactJwts(urlPart: string, found: Found): string {
  return urlPart.includes('eyJ') ? urlPart.replace(JWT_IN_TEXT, (jwt) => encodeURIComponent(redactedMarkerOf(jwt, found))) : urlPart;
}

/** `a=1&os_password=x` → `a=1&os_password=%5Bredacted%201%5D`, order and encoding of the rest kept. */
export function redactUrlEncoded(query: string, found?: Found): string {
  return redactPairs(query, /(&)/, found);
}

/** `separator` must be a regular expression with one capturing group, so the separators are kept. */
function redactPairs(text: string, separator: RegExp, found: Found): string {
  return text
    .split(separator)
    .map((part, i) => {
      if (i % 2 === 1) return part; // a separator
      const eq = part.indexOf('=');
      if (eq < 0) return part;
      const raw = part.slice(eq + 1);
      if (raw === '') return part;
      const value = safeDecode(raw);
      if (isRedactedMarker(value)) return part;
      if (isSecretParam(safeDecode(part.slice(0, eq))) || looksSecretValue(value)) return `${part.slice(0, eq)}=${redactedParamValue(raw, found)}`;
      return part;
    })
    .join('');
}

/** The encoded marker for a raw (percent-encoded) parameter value, or the value itself when already redacted. */
function redactedParamValue(raw: string, found: Found): string {
  const value = safeDecode(raw);
  if (value === '' || isRedactedMarker(value)) return raw;
  found?.(raw);
  found?.(value);
  return encodeURIComponent(redactedMarker(value.length));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** redactedMarker, also telling `found` what was removed. */
function redactedMarkerOf(secret: string, found: Found): string {
  found?.(secret);
  return redactedMarker(secret.length);
}

// ---- bodies ---------------------------------------------------------------------------------------

/**
 * JSON: values under secret keys (and everything inside them), `session.value` of /rest/auth/1/session,
 * JWTs and secret URL parameters inside string values. Form bodies: secret parameters. Multipart: secret
 * fields. Anything else: known secret patterns (see redactText). Other bytes are kept as they were.
 */
export function redactBody(text: string, mimeType = '', found?: Found): string {
  if (!text) return text;
  const mime = mimeType.toLowerCase();
  const start = firstNonSpace(text);
  if (start === '{' || start === '[' || mime.includes('json')) {
    const redacted = redactJsonText(text, found);
    if (redacted !== null) return redacted;
  }
  if (mime.includes('x-www-form-urlencoded') || FORM_SHAPE.test(text)) return redactPairs(text, /(&)/, found);
  if (mime.includes('multipart/')) return redactText(redactMultipart(text, found), found);
  return redactText(text, found);
}

/** `a=1&b=2`, tested only on bodies up to 64 kB (forms are small; the test is linear but not free). */
const FORM_SHAPE = {
  test: (text: string) => text.length <= 65_536 && /^[\w.%+*-]+=[^&\s]*(?:&[\w.%+*-]+=[^&\s]*)*$/.test(text.trim()),
};

function firstNonSpace(text: string): string {
  for (let i = 0; i < text.length && i < 1024; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\ufeff') return c;
  }
  return '';
}

/** State bits while walking a JSON document. */
const SECRET = 1; // under a secret key: every value below is secret
const SESSION = 2; // inside a `session` object: its `value` is the session id

function redactJsonText(text: string, found: Found): string | null {
  return rewriteJson<number>(text, 0, {
    child(parent, key) {
      if (parent & SECRET || key === null) return parent & SECRET;
      if (isSecretKey(key) || (parent & SESSION && key === 'value')) return SECRET;
      return key.toLowerCase() === 'session' ? SESSION : 0;
    },
    replace(state, value, isString) {
      if (isString && isRedactedMarker(value)) return undefined;
      if (state & SECRET || (isString && looksSecretValue(value))) return JSON.stringify(redactedMarkerOf(value, found));
      // A URL, a sentence or an embedded JSON text in a string value can carry a token of its own.
      if (isString && value.length >= 8) {
        const cleaned = URL_START.test(value) ? redactUrl(value, found) : MAYBE_SECRET_IN_TEXT.test(value) ? redactText(value, found) : value;
        if (cleaned !== value) return JSON.stringify(cleaned);
      }
      return undefined;
    },
  });
}

const URL_START = /^[a-z][a-z0-9+.-]*:\/\/\S*$/i;
/** Cheap pre-check before the text patterns run on a JSON string value. */
const MAYBE_SECRET_IN_TEXT = /=|eyJ|"\s*:|authoriz|bearer/i;

/** Multipart form fields named like secrets (`name="password"`) lose their value. */
function redactMultipart(text: string, found: Found): string {
  return text.replace(/(\bname="([^"\r\n]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([\s\S]*?)(?=\r?\n--)/g, (m, head: string, name: string, value: string) =>
    isSecretParam(name) && value !== '' && !isRedactedMarker(value) ? head + redactedMarkerOf(value, found) : m,
  );
}

/** An already redacted value where a text rule would look for a secret: the rule leaves it. */
const MARKER_AHEAD = String.raw`(?!\[redacted \d|%5Bredacted%20)`;
const SECRET_PATTERNS: [RegExp, (found: Found, ...groups: string[]) => string][] = [
  // `"password": "…"` in text that is not valid JSON (a truncated body, a log line, a script).
  [
    /("([\w.$-]{1,64})"\s*:\s*")((?:[^"\\\r\n]|\\.){1,65536})"/g,
    (found, m, head, key, v) => (isSecretKey(key!) && !isRedactedMarker(v!) ? `${head}${redactedMarkerOf(v!, found)}"` : m!),
  ],
  // `Authorization: Basic …` in a log or a copied curl command, also as `"authorization": "…"`
  // (`authorization=…` is left to the key=value rule, which stops at the value's end).
  [
    /(\b(?:proxy-)?authorization["']?\s*:\s*["']?)(?=[A-Za-z[])([^"'\r\n]{1,16384})/gi,
    (found, _m, head, value) => head! + sanitizeAuthorizationValue(value!, found),
  ],
  // A bearer token on its own (at least 16 characters with a digit, so prose does not match).
  [new RegExp(String.raw`\b(Bearer\s+)${MARKER_AHEAD}(?=[\w.~+/-]*\d)([\w.~+/-]{16,}=*)`, 'g'), (found, _m, head, t) => head! + redactedMarkerOf(t!, found)],
  // `<input name="atl_token" value="…">`, `<meta name="atlassian-token" content="…">`.
  [/<(?:input|meta)\b[^<>]{0,4096}>/gi, (found, tag) => redactTag(tag!, found)],
  // `key=value` in links, scripts and logs: `?atl_token=…`, `password=…`, `;jsessionid=…`.
  [
    new RegExp(String.raw`(^|[?&;,\s"'(])([A-Za-z][\w.%-]{0,63})=${MARKER_AHEAD}([^&\s"'<>;,)]+)`, 'g'),
    (found, m, head, key, v) => (isSecretParam(safeDecode(key!)) ? `${head}${key}=${redactedParamValue(v!, found)}` : m!),
  ],
  [JWT_IN_TEXT, (found, jwt) => redactedMarkerOf(jwt!, found)],
];

/** Known secret patterns in free text; everything else is left as it is. */
export function redactText(text: string, found?: Found): string {
  let out = text;
  // The callback's last two arguments are the offset and the whole text; the patterns have no named groups.
  for (const [pattern, replace] of SECRET_PATTERNS) out = out.replace(pattern, (...args: unknown[]) => replace(found, ...(args.slice(0, -2) as string[])));
  return out;
}

function redactTag(tag: string, found: Found): string {
  const name = /\b(?:name|id|property)\s*=\s*(["'])(.*?)\1/i.exec(tag)?.[2];
  if (name === undefined || !isSecretKey(name)) return tag;
  return tag.replace(/(\b(?:value|content)\s*=\s*)(["'])(.*?)\2/i, (m, head: string, q: string, v: string) =>
    v === '' || isRedactedMarker(v) ? m : `${head}${q}${redactedMarkerOf(v, found)}${q}`,
  );
}

// ---- whole HAR files ------------------------------------------------------------------------------

type Json = Record<string, unknown>;
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const asArray = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
/** Largest base64 body decoded to be redacted as text. */
const MAX_BASE64_BODY = 64 * 1024 * 1024;

/**
 * A redacted copy of a HAR document (any shape is tolerated; the input is not modified).
 *
 * First every field that HAR gives a meaning (URLs, headers, cookies, query strings, bodies, WebSocket
 * frames) is redacted by the rules above, which also collect each secret value they remove. Then every
 * string of the document (bodies, page titles, Chrome's `_initiator` stacks, fields of other tools) loses
 * any occurrence of those values: a session id echoed in a script, the XSRF token a page embeds.
 */
export function redactHar<T>(har: T): T {
  const copy = cloneJson(har);
  const secrets = new StringFinder();
  const lengths = new Map<string, number>();
  const found = (s: string) => {
    if (!worthFinding(s)) return;
    secrets.add(s);
    lengths.set(s, s.length);
    const encoded = encodeURIComponent(s);
    if (encoded !== s && encoded.length >= MIN_LENGTH) {
      secrets.add(encoded);
      lengths.set(encoded, s.length);
    }
  };
  const entries = isObj(copy) && isObj(copy.log) ? asArray(copy.log.entries) : [];
  for (const entry of entries) {
    if (!isObj(entry)) continue;
    if (isObj(entry.request)) redactMessage(entry.request, true, found);
    if (isObj(entry.response)) redactMessage(entry.response, false, found);
    // Chrome's HAR keeps WebSocket frames here; a login over a socket carries its password in `data`.
    for (const frame of asArray(entry._webSocketMessages)) {
      if (isObj(frame) && typeof frame.data === 'string') frame.data = redactBody(frame.data, '', found);
    }
  }
  removeEverywhere(copy, (text, inUrl) =>
    secrets.replaceAll(text, (m) => {
      const marker = redactedMarker(lengths.get(m) ?? m.length);
      return inUrl ? encodeURIComponent(marker) : marker;
    }),
  );
  return copy as T;
}

/**
 * Secrets worth searching for everywhere: long enough not to match ordinary text, and not a lower-case
 * word or a number (a cookie `view=expanded` must not erase the word from every page, nor an id every count).
 */
function worthFinding(s: string): boolean {
  return s.length >= MIN_LENGTH && !isRedactedMarker(s) && !/^(?:[a-z]+|\d+)$/.test(s);
}

function redactMessage(msg: Json, isRequest: boolean, found: Found): void {
  if (typeof msg.url === 'string') msg.url = redactUrl(msg.url, found);
  if (typeof msg.redirectURL === 'string') msg.redirectURL = redactUrl(msg.redirectURL, found);
  for (const h of asArray(msg.headers)) {
    // Sloppy tools write numbers or arrays as values: read them as text so nothing escapes redaction.
    if (isObj(h) && typeof h.name === 'string' && h.value !== undefined && h.value !== null) {
      const value = Array.isArray(h.value) ? h.value.map(String).join('\n') : String(h.value);
      h.value = sanitizeHeaderValue(h.name, value, found);
    }
  }
  for (const c of asArray(msg.cookies)) {
    if (isObj(c) && c.value !== undefined && c.value !== null && typeof c.value !== 'object') {
      const v = String(c.value);
      if (v !== '' && !isRedactedCookieValue(v)) {
        foundCookieValue(v, found);
        c.value = redactCookieValue(typeof c.name === 'string' ? c.name : '', v);
      }
    }
  }
  for (const p of asArray(msg.queryString)) redactNamedValue(p, found);
  const body = isRequest ? msg.postData : msg.content;
  if (isObj(body)) {
    const mime = typeof body.mimeType === 'string' ? body.mimeType : '';
    if (typeof body.text === 'string') body.text = body.encoding === 'base64' ? redactBase64Body(body.text, mime, found) : redactBody(body.text, mime, found);
    for (const p of asArray(body.params)) redactNamedValue(p, found);
  }
}

function redactNamedValue(p: unknown, found: Found): void {
  if (!isObj(p) || typeof p.name !== 'string' || p.value === undefined || p.value === null || typeof p.value === 'object') return;
  const value = String(p.value);
  if (value === '' || isRedactedMarker(value)) return;
  if (isSecretParam(safeDecode(p.name)) || looksSecretValue(value)) p.value = redactedMarkerOf(value, found);
  else if (typeof p.value === 'string' && value.includes('=')) p.value = redactText(value, found);
}

/**
 * A base64 body (HAR's `encoding: "base64"`) is decoded, redacted as text and encoded again. One that is
 * not UTF-8 text (an image) is left alone; a textual one that cannot be decoded is replaced, to be safe.
 */
function redactBase64Body(text: string, mime: string, found: Found): string {
  return mapBase64Text(text, mime, (decoded) => redactBody(decoded, mime, found));
}

function mapBase64Text(text: string, mime: string, map: (decoded: string) => string): string {
  if (isRedactedMarker(text)) return text;
  const decoded = decodeBase64Utf8(text.replace(/\s+/g, ''), MAX_BASE64_BODY);
  if (decoded === null) return /^[A-Za-z0-9+/=\s]*$/.test(text) && !/json|text|form|xml|javascript/i.test(mime) ? text : redactedMarker(text.length);
  const mapped = map(decoded);
  return mapped === decoded ? text : encodeBase64Utf8(mapped);
}

function encodeBase64Utf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const STRUCTURED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'set-cookie2']);

/**
 * Applies `scrub` to every string value of the document (iteratively: any depth). URL-shaped strings
 * also go through redactUrl; base64 bodies are scrubbed decoded.
 */
function removeEverywhere(doc: unknown, scrub: (text: string, inUrl: boolean) => string): void {
  const stack: unknown[] = [doc];
  const seen = new Set<object>(); // a document built in code may share or even cycle its objects
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    const obj = node as Json;
    const base64Text = isObj(node) && node.encoding === 'base64' && typeof node.text === 'string';
    // Their own rules already left nothing secret in these, and a marker dropped inside one would change
    // how it parses (a Cookie part without `=` is a value), so the next redaction would differ.
    const structured = typeof obj.name === 'string' && STRUCTURED_HEADERS.has(obj.name.trim().toLowerCase());
    for (const key of Object.keys(obj)) {
      const value = obj[key];
      if (structured && key === 'value') continue;
      if (typeof value === 'string') {
        let next: string;
        if (base64Text && key === 'text') next = mapBase64Text(value, typeof obj.mimeType === 'string' ? obj.mimeType : '', (d) => scrub(d, false));
        else if (URL_START.test(value)) next = scrub(redactUrl(value), true);
        else next = scrub(value, false);
        if (next !== value) setOwn(obj, key, next);
      } else if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
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
