/**
 * How a cookie's value is redacted without losing the facts ground/cookie-facts.ts reads from it: the XSRF
 * cookie's login suffix and a session token's kept claims stay, the rest becomes a marker.
 */
import { redactedMarker } from '../ground/marker';
import { LOGIN_SUFFIX, isSessionTokenCookie, isXsrfCookie, sessionTokenClaims } from '../ground/cookie-facts';
import { noteSecret } from './sweep';

/** Already in its redacted form: a marker, or a marker followed by an XSRF login suffix. */
export function isRedactedCookieValue(value: string): boolean {
  return /^"?\[redacted \d{1,12}(?: claims:[A-Za-z0-9_-]{1,4096})?\](?:[|_](?:lin|lout))?"?$/.test(value.length < 4200 ? value : '');
}

/**
 * The redacted form of one cookie's value: a marker of the value's length, keeping the XSRF cookie's
 * login suffix and a session token's kept claims. Idempotent. `found` is told each secret removed.
 */
export function redactCookieValue(name: string, value: string, found?: (secret: string) => void): string {
  if (value === '' || isRedactedCookieValue(value)) return value;
  if (isXsrfCookie(name)) {
    const m = LOGIN_SUFFIX.exec(value);
    if (m) {
      const quoted = value.startsWith('"') && value.endsWith('"') && value.length >= 2;
      const secret = value.slice(quoted ? 1 : 0, m.index);
      found?.(secret);
      noteSecret(secret);
      const suffix = value.slice(m.index, quoted ? -1 : undefined);
      return secret === '' ? value : `${quoted ? '"' : ''}${redactedMarker(secret.length)}${suffix}${quoted ? '"' : ''}`;
    }
  }
  found?.(value);
  noteSecret(value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value);
  if (isSessionTokenCookie(name)) {
    const claims = sessionTokenClaims(value);
    if (claims) return redactedMarker(value.length, base64UrlOf(JSON.stringify(claims)));
  }
  return redactedMarker(value.length);
}

function base64UrlOf(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

