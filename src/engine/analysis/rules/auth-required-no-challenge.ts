import type { Rule } from './rule';
import { requestLabel } from './rule';
import { isSsoConsumer } from '../../sso/endpoints';

/**
 * A 401 that a plain client cannot answer, to a request that sent no credentials: no `WWW-Authenticate`,
 * or only `OAuth realm=…`, which real Server/DC REST 401s carry (atlassian-auth.md §4) and which leaves a
 * client waiting for a Basic or Bearer challenge as stuck as none. Not raised when the request sent its own
 * Authorization or the answer reports a login outcome (the 401 judges those: login-failed), nor when it relied on a session cookie: that is a
 * browser's XHR, and session-expired says what happened (raising this on every such call buried it). Nor on
 * an SSO consumer (SAML consumer, OIDC callback): its 401 is an error page for a browser, not an API challenge.
 */
export const authRequiredNoChallenge: Rule = {
  code: 'auth-required-no-challenge',
  severity: 'warning',
  check({ f }) {
    if (f.ex.status !== 401 || f.ex.credentials !== null || f.sessionCookiesSent.length > 0) return null;
    // The SSO consumer's 401 is the SSO app's error page for a browser: the sso-* findings tell that story.
    if (isSsoConsumer(f.ex.sso?.endpoint)) return null;
    // A login outcome on the answer means credentials were tried (a capture may miss the request headers).
    if (f.loginReason.all.some((r) => r.endsWith('_FAILED') || r === 'AUTHENTICATION_DENIED')) return null;
    if (f.challenges.some((c) => !isOAuthOnly(c.scheme))) return null;
    const oauth = f.challenges.length > 0;
    return {
      message: oauth
        ? `${requestLabel(f)} answered 401 with only an OAuth challenge (WWW-Authenticate: OAuth realm=…), which a client waiting for a Basic or Bearer challenge cannot answer, so it never sends its credentials.`
        : `${requestLabel(f)} answered 401 without a WWW-Authenticate challenge, so clients that wait for a challenge before sending credentials never send them.`,
      fix: 'Send credentials up front (preemptive Basic auth, e.g. curl -u or an Authorization header; a Bearer personal access token on Data Center), or add os_authType=basic to get a Basic challenge.',
    };
  },
};

/** OAuth 1.0a's challenge: meant for OAuth (application link) clients, not for people or scripts with a password. */
function isOAuthOnly(scheme: string): boolean {
  return scheme.toLowerCase() === 'oauth';
}
