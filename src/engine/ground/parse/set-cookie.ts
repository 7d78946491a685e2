/**
 * Set-Cookie (RFC 6265 §5.2), read the way browsers read it: lenient on content, `Max-Age` beats
 * `Expires`, dates by the §5.1.1 algorithm (which accepts RFC 1123, RFC 850, asctime, two-digit years and
 * missing "GMT"). Hand-written because the usual libraries hand dates to `new Date()`, which is not that
 * algorithm. Values are never kept: only their length (redaction markers count as their secret's length).
 */
import { originalCookieValueLength, type LoginState, type SessionTokenClaims } from '../cookie-facts';
import { withValueFacts } from './cookie';

export interface SetCookie {
  name: string;
  valueLength: number;
  /** The value is empty (how servers often clear a cookie). */
  empty: boolean;
  /** Expiry, epoch ms; null = browser-session cookie. */
  expires: number | null;
  maxAge?: number;
  /** Max-Age ≤ 0, or Expires not after the response time: the server removes the cookie. */
  cleared: boolean;
  path?: string;
  domain?: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  /** `atlassian.xsrf.token` only: whether the value ends in `lin` or `lout`. */
  loginState?: LoginState;
  /** Cloud session tokens only: the JWT's kept claims. */
  claims?: SessionTokenClaims;
}

/** About 110 years: far beyond any real session, small enough that `responseTime + maxAge` is a valid date. */
const MAX_AGE_CAP_S = 400 * 86400 * 100;

/** One Set-Cookie line; null when the line sets nothing (§5.2: no `=` or an empty name). Never throws. */
export function parseSetCookie(value: string, responseTime: number): SetCookie | null {
  const semi = value.indexOf(';');
  const pair = semi < 0 ? value : value.slice(0, semi);
  const eq = pair.indexOf('=');
  if (eq < 0) return null; // §5.2 step 2: no '=' → ignore the whole line
  const name = pair.slice(0, eq).trim();
  if (!name) return null;
  const rawValue = pair.slice(eq + 1).trim();
  const cookie: SetCookie = {
    name,
    valueLength: originalCookieValueLength(rawValue),
    empty: rawValue === '' || rawValue === '""',
    expires: null,
    cleared: false,
    secure: false,
    httpOnly: false,
  };
  let expiresAttr: number | null = null;
  let maxAgeAttr: number | null = null;
  for (const part of semi < 0 ? [] : value.slice(semi + 1).split(';')) {
    const aeq = part.indexOf('=');
    const attr = (aeq < 0 ? part : part.slice(0, aeq)).trim().toLowerCase();
    const av = aeq < 0 ? '' : part.slice(aeq + 1).trim();
    switch (attr) {
      case 'expires': {
        const t = parseCookieDate(av);
        if (t !== null) expiresAttr = t;
        break;
      }
      case 'max-age':
        // §5.2.2: digits, optionally negative; anything else is ignored. Capped so the expiry stays a valid date.
        if (/^-?\d+$/.test(av)) maxAgeAttr = Math.max(-MAX_AGE_CAP_S, Math.min(Number(av), MAX_AGE_CAP_S));
        break;
      case 'path':
        // §5.2.4: a path not starting with '/' means the default path, which depends on the request URL.
        if (av.startsWith('/')) cookie.path = av;
        else delete cookie.path;
        break;
      case 'domain':
        // §5.2.3: an empty Domain is ignored; a leading dot is dropped.
        if (av) cookie.domain = av.replace(/^\./, '').toLowerCase();
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'samesite':
        if (av) cookie.sameSite = av;
        break;
    }
  }
  if (maxAgeAttr !== null) {
    cookie.maxAge = maxAgeAttr;
    cookie.expires = maxAgeAttr <= 0 ? 0 : responseTime + maxAgeAttr * 1000;
    cookie.cleared = maxAgeAttr <= 0;
  } else if (expiresAttr !== null) {
    cookie.expires = expiresAttr;
    cookie.cleared = expiresAttr <= responseTime;
  }
  return withValueFacts(cookie, rawValue);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** RFC 6265 §5.1.1 cookie-date; epoch ms or null. */
export function parseCookieDate(input: string): number | null {
  if (input.length > 256) return null;
  // RFC 6265 §5.1.1 delimiters: %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E
  // eslint-disable-next-line no-control-regex
  const tokens = input.split(/[\x09\x20-\x2F\x3B-\x40\x5B-\x60\x7B-\x7E]+/).filter(Boolean);
  let time: [number, number, number] | null = null;
  let day: number | null = null;
  let month: number | null = null;
  let year: number | null = null;
  for (const t of tokens) {
    const tm: RegExpExecArray | null = time === null ? /^(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\D.*)?$/.exec(t) : null;
    if (tm) {
      time = [Number(tm[1]), Number(tm[2]), Number(tm[3])];
      continue;
    }
    const dm: RegExpExecArray | null = day === null ? /^(\d{1,2})(?:\D.*)?$/.exec(t) : null;
    if (dm) {
      day = Number(dm[1]);
      continue;
    }
    const mi: number = month === null ? MONTHS.indexOf(t.slice(0, 3).toLowerCase()) : -1;
    if (mi >= 0) {
      month = mi;
      continue;
    }
    const ym: RegExpExecArray | null = year === null ? /^(\d{2,4})(?:\D.*)?$/.exec(t) : null;
    if (ym) year = Number(ym[1]);
  }
  if (time === null || day === null || month === null || year === null) return null;
  if (year >= 70 && year <= 99) year += 1900;
  else if (year >= 0 && year <= 69) year += 2000;
  if (day < 1 || day > 31 || year < 1601 || time[0] > 23 || time[1] > 59 || time[2] > 59) return null;
  const ms = Date.UTC(year, month, day, time[0], time[1], time[2]);
  // Date.UTC rolls 31 Feb into March; the algorithm says such a date fails.
  return new Date(ms).getUTCDate() === day ? ms : null;
}
