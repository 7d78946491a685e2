/**
 * Secrets in URLs and `name=value&…` lists, replaced where they stand: userinfo, secret parameters (by
 * name or by the value's shape), `;jsessionid=`-style path parameters, JWTs in path segments, URLs nested
 * in a parameter (`os_destination`, `redirect_uri`, `RelayState`). Every other byte stays as it was.
 * Every function here is one pass over its input (indexOf and character loops, no backtracking).
 */
import { isRedactedMarker, redactedMarker } from '../ground/marker';
import { isIdentityName, isJwt, isSecretName, looksSecret } from './names';
import { isKnownToken, replaceKnownTokens } from './rules';
import { noteSecret } from './sweep';

/** How many URLs deep a parameter's value is read as a URL of its own. */
const MAX_NESTED_URL = 3;

/** `[redacted N]` percent-encoded: `%5Bredacted%20N%5D` (ASCII only, so encoding never throws). */
export function encodedMarker(length: number): string {
  return encodeURIComponent(redactedMarker(length));
}

/** decodeURIComponent with `+` as space; the input itself when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** encodeURIComponent that never throws: a lone surrogate becomes U+FFFD first. */
export function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
  }
}

/** A secret parameter value (raw, percent-encoded) → its encoded marker, or itself when already redacted or empty. */
function redactedRaw(raw: string): string {
  const value = safeDecode(raw);
  if (value === '' || isRedactedMarker(value)) return raw;
  return encodedMarker(value.length);
}

/** Cheap pre-check: nothing in the URL could hold a secret (no query, fragment, path parameter, userinfo or JWT). */
function mayHoldSecret(url: string): boolean {
  return url.indexOf('?') >= 0 || url.indexOf('#') >= 0 || url.indexOf(';') >= 0 || url.indexOf('@') >= 0 || url.indexOf('eyJ') >= 0;
}

/** The URL with every secret replaced by its encoded marker; works on relative URLs and paths too. */
export function redactUrl(input: string, depth = 0): string {
  // Known token formats first, wherever they stand (a webhook's secret path, `?id=ghp_…`).
  const url = replaceKnownTokens(input, true);
  if (!mayHoldSecret(url)) return url;
  const hash = url.indexOf('#');
  const beforeHash = hash < 0 ? url : url.slice(0, hash);
  const q = beforeHash.indexOf('?');
  let out = redactPath(redactUserinfo(q < 0 ? beforeHash : beforeHash.slice(0, q)));
  if (q >= 0) out += `?${redactPairs(beforeHash.slice(q + 1), '&', depth)}`;
  // Fragments carry OAuth implicit-grant tokens (`#access_token=…`), also behind a SPA route (`#/cb?token=…`).
  if (hash >= 0) {
    const fragment = url.slice(hash + 1);
    const fq = fragment.indexOf('?');
    const route = fq < 0 ? fragment : fragment.slice(0, fq);
    out += '#' + (route.indexOf('=') >= 0 ? redactPairs(route, '&', depth) : redactPath(route));
    if (fq >= 0) out += `?${redactPairs(fragment.slice(fq + 1), '&', depth)}`;
  }
  return out;
}

function isSchemeChar(c: number, first: boolean): boolean {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return first ? letter : letter || (c >= 48 && c <= 57) || c === 0x2b || c === 0x2e || c === 0x2d;
}

/**
 * `scheme://user:password@host` keeps the user and loses the password; `scheme://TOKEN@host` (userinfo
 * without a password: a token, as git and many APIs take it) loses all of it. The userinfo ends at the
 * authority's last `@`, so a password containing `@` goes whole.
 */
function redactUserinfo(base: string): string {
  const sep = base.indexOf('://');
  if (sep <= 0) return base;
  for (let i = 0; i < sep; i++) if (!isSchemeChar(base.charCodeAt(i), i === 0)) return base;
  const start = sep + 3;
  let end = base.indexOf('/', start);
  if (end < 0) end = base.length;
  const at = base.lastIndexOf('@', end - 1);
  if (at < start) return base;
  const userinfo = base.slice(start, at);
  const colon = userinfo.indexOf(':');
  const user = colon < 0 ? '' : userinfo.slice(0, colon);
  const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1);
  if (secret !== '') noteSecret(safeDecode(secret));
  const kept = secret === '' ? secret : redactedRaw(secret);
  return `${base.slice(0, start)}${colon < 0 ? kept : `${user}:${kept}`}${base.slice(at)}`;
}

/** `;jsessionid=…` path parameters (Java servlet URL rewriting) and JWT-shaped path segments. */
function redactPath(path: string): string {
  if (path.indexOf(';') < 0 && path.indexOf('eyJ') < 0) return path;
  const segments = path.split('/');
  let changed = false;
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    const parts = seg.split(';');
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      const eq = p > 0 ? part.indexOf('=') : -1;
      let next = part;
      if (eq > 0 && isSecretName(safeDecode(part.slice(0, eq)), 'param')) {
        noteSecret(safeDecode(part.slice(eq + 1)));
        next = `${part.slice(0, eq + 1)}${redactedRaw(part.slice(eq + 1))}`;
      } else if (isJwt(safeDecode(part))) {
        noteSecret(safeDecode(part));
        next = encodedMarker(safeDecode(part).length);
      }
      if (next !== part) {
        parts[p] = next;
        changed = true;
      }
    }
    segments[s] = parts.join(';');
  }
  return changed ? segments.join('/') : path;
}

/**
 * `a=1&os_password=x` → `a=1&os_password=%5Bredacted%201%5D`: a value is secret by its name (names.ts),
 * or by its shape (a JWT, a long random token) where the name says nothing; a value that is a URL of its
 * own is redacted as one. A part without `=` is a bare value, judged by its shape. Order and encoding of
 * everything else are kept.
 */
export function redactPairs(text: string, separator: string, depth = 0): string {
  let out = '';
  let copied = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(separator, start);
    if (end < 0) end = text.length;
    const replacement = redactPair(text.slice(start, end), depth);
    if (replacement !== null) {
      out += text.slice(copied, start) + replacement;
      copied = end;
    }
    start = end + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** The redacted pair, or null when it stays as it is. */
function redactPair(part: string, depth: number): string | null {
  const eq = part.indexOf('=');
  if (eq < 0) {
    const value = safeDecode(part);
    return looksSecret(value) ? encodedMarker(value.length) : null;
  }
  const raw = part.slice(eq + 1);
  if (raw === '') return null;
  const value = safeDecode(raw);
  if (isRedactedMarker(value)) return null;
  const name = safeDecode(part.slice(0, eq)).trim();
  if (isAmzCredential(name)) return amzCredential(part, eq, value);
  if (isSecretName(name, 'param') || isJwt(value) || isKnownToken(value)) {
    noteSecret(value);
    return `${part.slice(0, eq)}=${encodedMarker(value.length)}`;
  }
  if (value.length > 16 && looksSecret(value) && !isIdentityName(name)) return `${part.slice(0, eq)}=${encodedMarker(value.length)}`;
  if (depth < MAX_NESTED_URL && (value.indexOf('?') >= 0 || value.indexOf('#') >= 0 || value.indexOf('@') >= 0) && looksLikeUrl(value)) {
    const inner = redactUrl(value, depth + 1);
    if (inner !== value) return `${part.slice(0, eq)}=${safeEncode(inner)}`;
  }
  // A URL encoded twice (`continue=https%253A%252F%252F…%253Fapi_token%253D…`): decoded once more, read, encoded twice again.
  if (depth < MAX_NESTED_URL && ENCODED_URL.test(value)) {
    const decoded = safeDecode(value);
    if (decoded !== value && looksLikeUrl(decoded)) {
      const inner = redactUrl(decoded, depth + 1);
      if (inner !== decoded) return `${part.slice(0, eq)}=${safeEncode(safeEncode(inner))}`;
    }
  }
  return null;
}

/** A parameter value that is still a percent-encoded URL after one decoding: `https%3A%2F%2F…`, `%2Fpath%3Fa%3D…`. */
const ENCODED_URL = /^(?:[a-z][a-z0-9+.-]{0,31}%3a|%2f)/i;

/** AWS SigV4's `X-Amz-Credential` (`AKID/20261124/us-east-1/s3/aws4_request`): the scope is kept, the key id is not. */
function isAmzCredential(name: string): boolean {
  return name.length <= 32 && name.toLowerCase() === 'x-amz-credential';
}

function amzCredential(part: string, eq: number, value: string): string | null {
  const slash = value.indexOf('/');
  const keyId = slash < 0 ? value : value.slice(0, slash);
  if (keyId === '' || isRedactedMarker(keyId)) return null;
  noteSecret(keyId);
  const scope = slash < 0 ? '' : value.slice(slash);
  return `${part.slice(0, eq)}=${encodedMarker(keyId.length)}${safeEncode(scope)}`;
}

/** An absolute URL or a path (a parameter value worth reading as a URL). */
function looksLikeUrl(value: string): boolean {
  if (value.startsWith('/')) return true;
  const sep = value.indexOf('://');
  if (sep <= 0 || sep > 32) return false;
  for (let i = 0; i < sep; i++) if (!isSchemeChar(value.charCodeAt(i), i === 0)) return false;
  return true;
}

/** Characters that end a URL written inside text. */
function endsUrl(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e || c === 0x60 || c === 0x5c || c === 0x7b || c === 0x7d || c === 0x7f;
}

/**
 * Every `scheme://…` URL inside `text` through `map` (linear: each `://` is looked at once, each URL
 * read once). Returns the same string when nothing changed.
 */
export function mapUrlsInText(text: string, map: (url: string) => string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  for (;;) {
    const lowest = from;
    const sep = text.indexOf('://', from);
    if (sep < 0) break;
    let start = sep;
    while (start > lowest && isSchemeChar(text.charCodeAt(start - 1), false)) start--;
    while (start < sep && !isSchemeChar(text.charCodeAt(start), true)) start++;
    let end = sep + 3;
    while (end < text.length && !endsUrl(text.charCodeAt(end))) end++;
    if (start < sep) {
      const url = text.slice(start, end);
      const mapped = map(url);
      if (mapped !== url) {
        out += text.slice(copied, start) + mapped;
        copied = end;
      }
    }
    from = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
