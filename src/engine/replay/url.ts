/**
 * The replay's URL: the captured URL with Atlassian's `os_authType` set, or left as captured.
 *
 * Hand-written rather than URLSearchParams: re-serialising would re-encode the other parameters (`+`,
 * `%20`, `%2F`, empty values, keys without `=`), and a replay must send them byte for byte as the page did.
 * The fragment is always dropped (browsers never send it). Only the query is touched, so the origin of the
 * result is the origin of the input.
 */
import { isRedactedMarker } from '../marker';
import { hasControl, printable } from './text';

export type AuthType = 'basic' | 'cookie' | 'any';
/** `null` = as captured (no os_authType added, an existing one kept). */
export type AuthTypeChoice = AuthType | null;

/** The choices in display order: as captured, basic, cookie, any. */
export const AUTH_TYPE_CHOICES: readonly AuthTypeChoice[] = [null, 'basic', 'cookie', 'any'];

export function authTypeLabel(t: AuthTypeChoice): string {
  return t === null ? 'as captured' : `os_authType=${t}`;
}

/** A URL the replay cannot use; `message` is a sentence for the user. */
export class ReplayUrlError extends Error {
  override name = 'ReplayUrlError';
}


interface SplitUrl {
  /** scheme://authority/path, fragment and query removed. */
  base: string;
  /** The raw query without `?`; null when the URL has no `?` at all. */
  query: string | null;
}

function split(url: string): SplitUrl {
  if (!/^https?:\/\//i.test(url)) throw new ReplayUrlError(`Only http(s) URLs can be replayed: ${printable(url)}`);
  // The URL parser silently deletes tabs and newlines and trims other controls, so such a URL would not be
  // sent byte for byte. Browsers never record them; a hand-edited HAR might.
  if (hasControl(url)) throw new ReplayUrlError(`The URL contains control characters and cannot be replayed as captured: ${printable(url)}`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ReplayUrlError(`Not a valid URL: ${printable(url)}`);
  }
  if (parsed.username || parsed.password) throw new ReplayUrlError('The URL carries a user name or password; fetch() refuses such URLs. Use typed credentials instead.');
  const hash = url.indexOf('#');
  const noFragment = hash < 0 ? url : url.slice(0, hash);
  const q = noFragment.indexOf('?');
  return q < 0 ? { base: noFragment, query: null } : { base: noFragment.slice(0, q), query: noFragment.slice(q + 1) };
}

function join({ base, query }: SplitUrl): string {
  return query === null ? base : `${base}?${query}`;
}

/** The decoded key of one raw `key=value` part (form decoding, as the servlet container reads it). */
function keyOf(part: string): string {
  const eq = part.indexOf('=');
  return decodeForm(eq < 0 ? part : part.slice(0, eq));
}

function decodeForm(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * `url` with `os_authType=<t>`: put where the first existing `os_authType` key was (later ones removed), or
 * appended at the end. `null` leaves the query exactly as captured. Every other parameter keeps its place
 * and its exact spelling. The fragment is dropped. Keys are compared decoded and case-sensitively, as the
 * server compares them (`os%5FauthType` is the same parameter, `OS_AUTHTYPE` is not).
 * @throws ReplayUrlError for anything but an absolute http(s) URL without user info or control characters.
 */
export function withAuthType(url: string, t: AuthTypeChoice): string {
  const parts = split(url);
  if (t === null) return join(parts);
  const out: string[] = [];
  let placed = false;
  for (const part of parts.query ? parts.query.split('&') : []) {
    if (keyOf(part) !== 'os_authType') out.push(part);
    else if (!placed) {
      out.push(`os_authType=${t}`);
      placed = true;
    }
  }
  if (!placed) out.push(`os_authType=${t}`);
  return `${parts.base}?${out.join('&')}`;
}

/** The origin (`https://host[:port]`, lower-case, default port omitted) of an http(s) URL; null otherwise. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

const ENCODED_MARKER = /%5Bredacted(?:%20|\+| )\d/i;

/** True when `text` holds a redaction marker, raw (`[redacted 12]`, `[redacted 9 user=fred]`) or percent-encoded. */
export function containsRedaction(text: string): boolean {
  return /\[redacted \d/.test(text) || ENCODED_MARKER.test(text) || isRedactedMarker(text);
}

export interface RedactionCleanup {
  url: string;
  /** Decoded keys of the parameters removed, in order. */
  removed: string[];
}

/**
 * Removes the query parameters whose value was redacted at capture (sending the marker would send a wrong
 * secret: `os_password=[redacted 7]` is a failed login, and failed logins lead to CAPTCHA). When
 * `os_password` goes, `os_username` goes with it so that no half login is attempted. Everything else is
 * kept byte for byte; the fragment is dropped.
 * @throws ReplayUrlError like withAuthType, and when the path itself holds a marker.
 */
export function withoutRedactedParams(url: string): RedactionCleanup {
  const parts = split(url);
  if (containsRedaction(parts.base)) throw new ReplayUrlError('A secret was removed from this URL\'s path at capture; it cannot be replayed.');
  if (parts.query === null) return { url: parts.base, removed: [] };
  const all = parts.query.split('&');
  const redacted = all.filter((p) => containsRedaction(p));
  if (redacted.length === 0) return { url: join(parts), removed: [] };
  const drop = new Set(redacted);
  if (redacted.some((p) => keyOf(p) === 'os_password')) for (const p of all) if (keyOf(p) === 'os_username') drop.add(p);
  const removed: string[] = [];
  const kept: string[] = [];
  for (const p of all) {
    if (drop.has(p)) {
      const k = keyOf(p);
      if (!removed.includes(k)) removed.push(k);
    } else kept.push(p);
  }
  return { url: kept.length ? `${parts.base}?${kept.join('&')}` : parts.base, removed };
}
