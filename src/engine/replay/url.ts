/**
 * The replay's URL: the captured URL with `os_authType` set (or left as captured). Hand-written rather than
 * URLSearchParams, because re-serialising would re-encode the other parameters (`+`, `%20`, keys without
 * `=`): a replay must send them byte for byte as the page did.
 */
export type AuthTypeChoice = 'basic' | 'cookie' | 'any' | null;

export const AUTH_TYPE_CHOICES: readonly AuthTypeChoice[] = [null, 'basic', 'cookie', 'any'];

export function authTypeLabel(t: AuthTypeChoice): string {
  return t === null ? 'as captured' : `os_authType=${t}`;
}

/**
 * What each os_authType does, in one line (atlassian-auth.md §2, §3), for the place it is chosen. `captured`
 * is the os_authType the captured URL already carried: "as captured" keeps it.
 */
export function explainAuthType(t: AuthTypeChoice, captured: AuthTypeChoice = null): string {
  switch (t) {
    case 'basic':
      return 'basic: only an Authorization header counts, cookies are ignored; 401 with a Basic challenge when it is missing or wrong.';
    case 'cookie':
      return 'cookie: only the session cookie counts; 401 when it is missing or no longer valid (tests the browser\'s session).';
    case 'any':
      return 'any: an Authorization header or a valid session cookie; 401 only when neither works.';
    default:
      return captured === null
        ? "as captured (no os_authType): Seraph's default: a dead session gets 401 under /rest, and is silently served as anonymous everywhere else."
        : `as captured: the URL already carries os_authType=${captured}, and it is kept.`;
  }
}

/**
 * `url` with `os_authType=<t>` where the first existing `os_authType` was (later ones removed), or at the end;
 * `null` keeps the query as captured. The fragment is dropped (never sent to a server). Throws for
 * anything but an absolute http(s) URL.
 */
export function withOsAuthType(url: string, t: AuthTypeChoice): string {
  if (!/^https?:\/\/[^/?#]+/i.test(url)) throw new Error(`Only http(s) URLs can be replayed: ${url.slice(0, 100)}`);
  const hash = url.indexOf('#');
  const noFragment = hash === -1 ? url : url.slice(0, hash);
  if (t === null) return noFragment;
  const q = noFragment.indexOf('?');
  const base = q === -1 ? noFragment : noFragment.slice(0, q);
  const parts = q === -1 || q === noFragment.length - 1 ? [] : noFragment.slice(q + 1).split('&');
  const out: string[] = [];
  let placed = false;
  for (const part of parts) {
    if (isOsAuthType(part)) {
      if (!placed) out.push(`os_authType=${t}`);
      placed = true;
    } else out.push(part);
  }
  if (!placed) out.push(`os_authType=${t}`);
  return `${base}?${out.join('&')}`;
}

function isOsAuthType(part: string): boolean {
  const eq = part.indexOf('=');
  const key = eq === -1 ? part : part.slice(0, eq);
  try {
    return decodeURIComponent(key.replace(/\+/g, ' ')) === 'os_authType';
  } catch {
    return key === 'os_authType';
  }
}

/** The origin of an http(s) URL, or null. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}
