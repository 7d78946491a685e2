/**
 * `Authorization` → the scheme and, for Basic, the user part. The secret is dropped here and never
 * returned. Also reads the sanitized spelling made by redact.ts (`Basic [redacted 12 user=fred]`), so a
 * redacted HAR analyses the same as the original.
 */
import type { Credentials } from '../../types';

/**
 * What redact.ts writes after the scheme: the marker of marker.ts, for Basic with the user part
 * percent-encoded inside it. Shared with redact.ts so both agree on what is already redacted.
 */
export const SANITIZED_CREDENTIALS = /^\[redacted \d+(?: user=([^\]\s]*))?\]$/;

/** What `credentials.name` says for a bare token sent without any scheme. */
export const NO_SCHEME = '(no scheme)';

/** Schemes in use (IANA registry and common vendor ones); any other word must look like a name, not a token. */
const KNOWN_SCHEMES = new Set([
  'basic', 'bearer', 'digest', 'negotiate', 'ntlm', 'kerberos', 'oauth', 'jwt', 'hoba', 'mutual', 'vapid', 'dpop',
  'scram-sha-1', 'scram-sha-256', 'privatetoken', 'concealed', 'aws4-hmac-sha256', 'ssws', 'token', 'apikey', 'sharedkey',
]);
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
  if (scheme === null) return credentials === '' ? null : { scheme: 'other', name: NO_SCHEME };
  const lower = scheme.toLowerCase();
  if (lower === 'basic') return { scheme: 'basic', user: basicUser(credentials) };
  if (lower === 'bearer') return { scheme: 'bearer' };
  return { scheme: 'other', name: scheme };
}

/** The user part of Basic credentials (raw base64 or the sanitized spelling); null when there is none. */
function basicUser(token: string): string | null {
  const sanitized = SANITIZED_CREDENTIALS.exec(token);
  if (sanitized) return sanitized[1] === undefined ? null : safeDecodeURIComponent(sanitized[1]);
  const decoded = decodeBase64Utf8(token);
  if (decoded === null) return null;
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(0, colon);
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
