import type { Rule } from './rule';
import { requestLabel, listNames, expectedSignIn, expiryNote } from './rule';

/**
 * The bug class the product exists for: a response outside /rest served as anonymous although the browser
 * still believed it was signed in (it sent a session cookie that stood for a user, or the origin had named
 * a user and nobody logged out since).
 *
 * "Served as anonymous" (findings.md, atlassian-auth.md §8):
 * - strong, raised at once: `X-AUSERNAME: anonymous`, or the XSRF cookie ending in `lout` on the answer;
 * - weak: no caller named (no X-AACCOUNTID on Cloud, no X-AUSERNAME on Confluence) by an origin that named
 *   its callers before. Responses beside the product (gateway, edge, proxies) lack the header in healthy
 *   sessions too, so a weak answer is held until a second signal (a strong one, a /rest 401) confirms the
 *   session is gone, and dropped when the origin names the user again.
 * Not flagged: /rest (Seraph answers 401 there: session-expired), static resources and services beside the
 * product, login and logout pages, redirects to the login page (visible, not silent), error answers,
 * requests with their own credentials, the response of a successful login, and a response that clears the
 * session cookie it was sent (the server ended the session and said so).
 */
export const silentAnonymous: Rule = {
  code: 'silent-anonymous',
  severity: 'error',
  check({ f, origin }) {
    const weak = f.anonymousBy === null && f.caller === null && f.xsrf !== 'lin' && origin.namesCallersBy !== null && f.isPage;
    if (f.anonymousBy === null && !weak) return null;
    if (f.isRest || !f.isProductAnswer || f.ex.status >= 400 || f.ex.status < 200) return null;
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
    // X-AUSERNAME: anonymous says it in so many words; the other signals are named.
    const how =
      f.anonymousBy === 'x-ausername' ? ''
      : f.anonymousBy === 'xsrf' ? ' (its XSRF cookie ends in lout)'
      : ` (it named no user: no ${origin.namesCallersBy === 'x-aaccountid' ? 'X-AACCOUNTID' : 'X-AUSERNAME'})`;
    return {
      message: `${requestLabel(f)} was served to an anonymous visitor${how} ${cause}, so ${what} only what anonymous users may see and nothing reports an error.`,
      fix: 'Sign in again; scripts and monitors should call /rest URLs or add os_authType=cookie, which answer 401 instead of anonymous content when the session is gone.',
      held: weak && !origin.sessionGoneConfirmed,
    };
  },
};
