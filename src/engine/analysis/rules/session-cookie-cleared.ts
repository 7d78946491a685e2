import type { Rule } from './rule';
import { isSessionCookie } from '../../ground/atlassian';
import { listNames } from './rule';

export const sessionCookieCleared: Rule = {
  code: 'session-cookie-cleared',
  severity: 'info',
  check({ f }) {
    // setCookies holds each cookie's final state: a clear followed by a new value is a renewal, not listed here.
    const cleared = f.setCookies.filter((c) => c.cleared && isSessionCookie(c.name)).map((c) => c.name);
    if (cleared.length === 0) return null;
    return {
      message: `The server removed the ${listNames([...new Set(cleared)])} session cookie, so the browser is no longer signed in on this site.`,
      fix: 'Expected after a logout; otherwise sign in again, and check whether something (another tab, a script, an SSO timeout) logged you out.',
    };
  },
};
