import type { Rule } from './rule';
import { requestLabel, listNames } from './rule';

/** Login and logout pages are anonymous by design. */
const EXPECTED_ANONYMOUS = /(?:^|\/)(?:login\.jsp|logout|secure\/Logout!default\.jspa)$/i;

/**
 * The bug class the product exists for: a page outside /rest served as anonymous although the browser
 * still believed it was signed in (it sent a session cookie, or the origin had named a user and nobody
 * logged out since).
 */
export const silentAnonymous: Rule = {
  code: 'silent-anonymous',
  severity: 'error',
  check({ f, origin }) {
    if (f.isRest || !f.isPage || f.ex.status >= 400 || f.ex.credentials !== null) return null;
    if (!f.ausername?.anonymous || EXPECTED_ANONYMOUS.test(f.path) || f.isLogout) return null;
    if (f.loginReason.outcome === 'OK') return null; // this very response signed someone in
    // Session cookies that stood for a signed-in user (or whose start we never saw). A session the
    // server gave an anonymous visitor (Jira hands every visitor a JSESSIONID) proves nothing.
    const sent = f.sessionCookiesSent.filter((name) => {
      const s = origin.sessions.liveSession(name);
      return !s || s.user !== null || !s.issuedAnonymous;
    });
    const wasSignedIn = origin.lastUser !== null && !origin.loggedOut;
    if (sent.length === 0 && !wasSignedIn) return null;
    const owner = sent.map((n) => origin.sessions.liveSession(n)?.user).find((u) => u) ?? origin.lastUser;
    const who = owner ? ` (it belonged to ${owner})` : '';
    const cause = sent.length
      ? `although the browser sent its ${listNames(sent)} session cookie${who}: that session has expired or is no longer valid`
      : `although ${owner} was signed in on this site and did not log out: the session ended without notice`;
    return {
      message: `${requestLabel(f)} was served to an anonymous visitor ${cause}, so the page shows only what anonymous users may see and nothing reports an error.`,
      fix: 'Sign in again; scripts and monitors should call /rest URLs or add os_authType=cookie, which answer 401 instead of anonymous content when the session is gone.',
    };
  },
};
