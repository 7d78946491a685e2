/**
 * `Authorization` → the scheme and, for Basic, the user part. The secret is dropped here and never
 * returned. Also reads the sanitized spelling made by redact.ts (`Basic [redacted 12 user=fred]`), so a
 * redacted HAR analyses the same as the original.
 */
import type { CredentialShape, Credentials } from '../../types';
import { isMaskedSecret, secretShape, shapeOf } from './credential-shape';
import { oauth1Facts } from './oauth1';

/**
 * What redact.ts writes after the scheme: the marker of marker.ts, for Basic with the user part
 * percent-encoded inside it, and the secret's shape (credential-shape.ts) where it was known; markers
 * written before shapes existed have none and read as `unknown`. Shared with redact.ts so both agree on
 * what is already redacted.
 */
export const SANITIZED_CREDENTIALS = /^\[redacted \d+(?: user=([^\]\s]*))?(?: shape=([a-z0-9-]{1,16}))?\]$/;

/** What `credentials.name` says for a bare token sent without any scheme. */
export const NO_SCHEME = '(no scheme)';

/** Schemes in use (IANA registry and common vendor ones); any other word must look like a name, not a token. */
const KNOWN_SCHEMES = new Set([
  'basic', 'bearer', 'digest', 'negotiate', 'ntlm', 'kerberos', 'oauth', 'jwt', 'hoba', 'mutual', 'vapid', 'dpop',
  'scram-sha-1', 'scram-sha-256', 'privatetoken', 'concealed', 'aws4-hmac-sha256', 'ssws', 'token', 'apikey', 'sharedkey',
]);
/** Schemes whose credentials are one token: a Bearer token, an API token, a PAT. */
const TOKEN_SCHEMES = new Set(['bearer', 'token', 'apikey']);
const SCHEME_LIKE = /^[A-Za-z][A-Za-z-]{0,19}$/;

export interface AuthorizationParts {
  /** The scheme as written, or null when the value is a bare token (or empty). */
  scheme: string | null;
  /** Everything after the scheme (the whole value when there is no scheme); '' when none. */
  credentials: string;
}

/**
 * Splits an Authorization value. A first word counts as a scheme only when it is a known scheme or looks
 * like one: otherwise it is the start of a secret (`Authorization: <token>` is common) and must neither
 * be kept by redaction nor reported as a scheme name.
 */
export function splitAuthorization(value: string): AuthorizationParts {
  const trimmed = value.trim();
  const space = trimmed.search(/\s/);
  const word = space < 0 ? trimmed : trimmed.slice(0, space);
  const known = KNOWN_SCHEMES.has(word.toLowerCase());
  if (space < 0) return known ? { scheme: word, credentials: '' } : { scheme: null, credentials: trimmed };
  if (known || SCHEME_LIKE.test(word)) return { scheme: word, credentials: trimmed.slice(space).trim() };
  return { scheme: null, credentials: trimmed };
}

export function parseAuthorization(value: string): Credentials {
  const { scheme, credentials } = splitAuthorization(value);
  // A bare token is redacted to a plain marker (no room for a shape): unknown, so a redacted copy reads the same.
  if (scheme === null) return credentials === '' ? null : { scheme: 'other', name: NO_SCHEME, shape: 'unknown' };
  const lower = scheme.toLowerCase();
  if (lower === 'basic') return { scheme: 'basic', ...basicParts(credentials) };
  if (lower === 'bearer') return { scheme: 'bearer', shape: credentialsShape(scheme, credentials) };
  const oauth1 = lower === 'oauth' ? oauth1Facts(credentials) : null;
  if (oauth1) return { scheme: 'other', name: scheme, shape: 'oauth1', oauth1 };
  return { scheme: 'other', name: scheme, shape: credentialsShape(scheme, credentials) };
}

/**
 * The shape of what follows the scheme (not Basic): read back from a sanitized marker, else from the value
 * itself. A JWT scheme carries a JWT whatever it looks like.
 */
export function credentialsShape(scheme: string, credentials: string): CredentialShape {
  const sanitized = SANITIZED_CREDENTIALS.exec(credentials);
  if (sanitized) return shapeOf(sanitized[2]);
  if (credentials === '') return 'unknown';
  const lower = scheme.toLowerCase();
  if (lower === 'jwt') return isMaskedSecret(credentials) ? 'masked' : 'jwt';
  // Token-carrying schemes are classified; the rest (Negotiate, Digest, AWS4…) have shapes of their own.
  if (TOKEN_SCHEMES.has(lower)) return secretShape(credentials);
  return isMaskedSecret(credentials) ? 'masked' : 'unknown';
}

/** The user part of Basic credentials (raw base64 or the sanitized spelling; null when there is none) and the password's shape. */
function basicParts(token: string): { user: string | null; shape: CredentialShape } {
  const sanitized = SANITIZED_CREDENTIALS.exec(token);
  if (sanitized) return { user: sanitized[1] === undefined ? null : safeDecodeURIComponent(sanitized[1]), shape: shapeOf(sanitized[2]) };
  const decoded = decodeBase64Utf8(token);
  // Not base64 at all: a placeholder pasted instead of it (`Basic <base64>`, `Basic $AUTH`)?
  if (decoded === null) return { user: null, shape: isMaskedSecret(token) ? 'masked' : 'unknown' };
  const colon = decoded.indexOf(':');
  if (colon < 0) return { user: null, shape: 'unknown' };
  return { user: decoded.slice(0, colon), shape: secretShape(decoded.slice(colon + 1)) };
}

/** The shape of Basic credentials (the password part), for redaction; unknown when they do not decode. */
export function basicShape(token: string): CredentialShape {
  return basicParts(token).shape;
}

/**
 * Lenient base64 (missing padding, URL-safe alphabet) → UTF-8 text; null when it is not base64, not
 * UTF-8, or longer than `maxLength` characters (credentials are short; bodies pass a larger limit).
 */
export function decodeBase64Utf8(token: string, maxLength = 16_384): string | null {
  if (token.length > maxLength) return null;
  const clean = token.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1) return null;
  try {
    const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function safeDecodeURIComponent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
