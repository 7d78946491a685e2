import type { Rule } from './rule';
import { requestLabel, listNames } from './rule';

/** A session cookie refused with 401 where Seraph reports dead sessions: under /rest, or with os_authType cookie/any. */
export const sessionExpired: Rule = {
  code: 'session-expired',
  severity: 'error',
  check({ f, origin }) {
    if (f.ex.status !== 401 || f.sessionCookiesSent.length === 0 || f.ex.credentials !== null) return null;
    if (!(f.isRest || f.osAuthType === 'cookie' || f.osAuthType === 'any')) return null;
    if (f.isSessionEndpoint && f.ex.method === 'POST') return null; // a failed login, not a dead session
    const owner = f.sessionCookiesSent.map((n) => origin.sessions.liveSession(n)?.user).find((u) => u) ?? origin.lastUser;
    const why = f.isRest ? 'under /rest' : `with os_authType=${f.osAuthType}`;
    return {
      message: `${requestLabel(f)} was refused (401) although the browser sent its ${listNames(f.sessionCookiesSent)} session cookie${owner ? ` of ${owner}` : ''}: the session has expired or was invalidated, which Seraph reports ${why}.`,
      fix: 'Sign in again (scripts: POST /rest/auth/1/session for a new session cookie, or use an API token); treat a 401 under /rest as "log in again".',
    };
  },
};
