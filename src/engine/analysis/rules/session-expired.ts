import type { Rule } from './rule';
import { requestLabel, listNames, expectedSignIn, expiryNote } from './rule';

/**
 * A session cookie refused with 401 where Seraph reports dead sessions: under /rest, or with os_authType
 * cookie/any. Not when the request carried no session cookie (that is only a missing login), when the
 * cookie belonged to an anonymous visitor, after a logout, on a failed login (POST to the session
 * endpoint), or when the request brought its own credentials (a 401 then judges those).
 */
export const sessionExpired: Rule = {
  code: 'session-expired',
  severity: 'error',
  check({ f, origin }) {
    if (f.ex.status !== 401 || f.sessionCookiesSent.length === 0 || f.ex.credentials !== null) return null;
    if (!(f.isRest || f.osAuthType === 'cookie' || f.osAuthType === 'any')) return null;
    if (f.isSessionEndpoint && f.ex.method === 'POST') return null; // a failed login, not a dead session
    // A /rest 401 on a cookie never seen before: a script's saved session, most likely expired.
    const expected = expectedSignIn(f, origin, true);
    if (!expected) return null;
    const sent = expected.cookies.length ? expected.cookies : f.sessionCookiesSent;
    const why = f.isRest ? 'under /rest' : `with os_authType=${f.osAuthType}`;
    return {
      message: `${requestLabel(f)} was refused (401) although the browser sent its ${listNames(sent)} session cookie${expected.owner ? ` of ${expected.owner}` : ''}${expiryNote(f, origin, sent)}: the session has expired or was invalidated, which Seraph reports ${why}.`,
      fix: 'Sign in again (scripts: POST /rest/auth/1/session for a new session cookie, or use an API token); treat a 401 under /rest as "log in again".',
    };
  },
};
