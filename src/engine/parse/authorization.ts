/**
 * `Authorization` → the scheme and, for Basic, the user part. The secret is dropped here and never
 * returned. Also reads the sanitized spelling made by redact.ts, so redacted HAR files analyse the same.
 */
import type { Credentials } from '../types';

/** `Basic [redacted user=fred]`: the sanitized form; the user is percent-encoded. */
const SANITIZED_BASIC = /^\[redacted(?: \d+)?(?: user=([^\]]*))?\]$/;

export function parseAuthorization(value: string): Credentials {
  const trimmed = value.trim();
  const space = trimmed.search(/\s/);
  const scheme = space < 0 ? trimmed : trimmed.slice(0, space);
  const rest = space < 0 ? '' : trimmed.slice(space).trim();
  if (!scheme) return null;
  const lower = scheme.toLowerCase();
  if (lower === 'basic') return { scheme: 'basic', user: basicUser(rest) };
  if (lower === 'bearer') return { scheme: 'bearer' };
  return { scheme: 'other', name: scheme.slice(0, 40) };
}

function basicUser(token: string): string | null {
  const sanitized = SANITIZED_BASIC.exec(token);
  if (sanitized) return sanitized[1] === undefined ? null : safeDecodeURIComponent(sanitized[1]);
  const decoded = decodeBase64Utf8(token);
  if (decoded === null) return null;
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(0, colon);
}

/** Lenient base64 (missing padding, URL-safe alphabet); null when it is not base64 or not UTF-8. */
export function decodeBase64Utf8(token: string): string | null {
  const clean = token.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean) || clean.length % 4 === 1 || clean.length > 16_384) return null;
  try {
    const binary = atob(clean + '='.repeat((4 - (clean.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
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
