import type { Rule } from './rule';
import { requestLabel, listNames, expectedSignIn, expiryNote } from './rule';

/**
 * The bug class the product exists for: a response outside /rest served as anonymous although the browser
 * still believed it was signed in (it sent a session cookie that stood for a user, or the origin had named
 * a user and nobody logged out since).
 *
 * "Served as anonymous" means the response says so: `X-AUSERNAME: anonymous`. A response without the
 * header is not taken as anonymous: responses Seraph did not produce (proxies, caches, other services)
 * lack it, and guessing would flag them.
 * Not flagged: /rest (Seraph answers 401 there: session-expired), static resources (Seraph does not
 * authenticate them), login and logout pages, redirects to the login page (visible, not silent), error
 * answers, requests with their own credentials, the response of a successful login, and a response that
 * clears the session cookie it was sent (the server ended the session and said so).
 */
export const silentAnonymous: Rule = {
  code: 'silent-anonymous',
  severity: 'error',
  check({ f, origin }) {
    if (!f.ausername?.anonymous || f.isRest || f.isStatic || f.ex.status >= 400 || f.ex.status === 0) return null;
    if (f.isLoginPage || f.isLogout || f.redirectsToLogin || f.ex.credentials !== null) return null;
    if (f.loginReason.outcome === 'OK') return null; // this very response signed someone in
    // The server cleared a session cookie on this answer: it ended the session and said so, like a logout.
    if (f.setCookies.some((c) => (c.cleared || c.empty) && f.sessionCookiesSent.includes(c.name))) return null;
    // A JSESSIONID never seen before counts only when the server replaced it: it no longer knew that session.
    const replaced = f.setCookies.some((c) => c.name === 'JSESSIONID' && !c.empty && !c.cleared);
    const expected = expectedSignIn(f, origin, replaced);
    if (!expected) return null;
    const { cookies, owner } = expected;
    const who = owner ? ` (it belonged to ${owner})` : '';
    const cause = cookies.length
      ? `although the browser sent its ${listNames(cookies)} session cookie${who}${expiryNote(f, origin, cookies)}: that session has expired or is no longer valid`
      : `although ${owner} was signed in on this site and did not log out: the session ended without notice`;
    const what = f.isPage ? 'the page shows' : 'the answer holds';
    return {
      message: `${requestLabel(f)} was served to an anonymous visitor ${cause}, so ${what} only what anonymous users may see and nothing reports an error.`,
      fix: 'Sign in again; scripts and monitors should call /rest URLs or add os_authType=cookie, which answer 401 instead of anonymous content when the session is gone.',
    };
  },
};
