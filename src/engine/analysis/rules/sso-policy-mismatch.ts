import type { Rule } from './rule';
import { TOKEN_EXPLANATIONS } from '../explain-tokens';

/** The redirect and the page it lands on are one refusal when the landing follows within this time. */
const SAME_REFUSAL_MS = 60_000;

/**
 * Atlassian's login answers `error=access_denied` with `authentication-policy-strategy-mismatch`. Raised on the
 * redirect that carries it (a script or a HAR may hold only that), and on the page the browser lands on only when
 * no such redirect came just before it (a paste of the final page alone).
 */
export const ssoPolicyMismatch: Rule = {
  code: 'sso-policy-mismatch',
  severity: 'error',
  check({ f, origin }) {
    const err = f.ex.bodyFacts?.loginError;
    if (err?.error !== 'access_denied' || !err.description?.includes('authentication-policy-strategy-mismatch')) return null;
    const told = origin.ssoTrail.policyRefusal;
    if (err.from === 'url' && told && f.ex.time - told.time <= SAME_REFUSAL_MS && sameTarget(told.to, f.ex.url)) return null;
    return {
      message: `Atlassian's login refused the single sign-on at ${f.origin}${f.path} (access_denied, authentication-policy-strategy-mismatch): the email the IdP sent is not the Atlassian account's, or the account is not in the authentication policy that uses this IdP.`,
      fix: TOKEN_EXPLANATIONS['sso-policy-mismatch'].fix,
    };
  },
};

/** Whether the landing URL is where the redirect pointed (query aside: both are sanitized the same way). */
function sameTarget(location: string, url: string): boolean {
  const base = (u: string) => u.split(/[?#]/, 1)[0];
  return location === '' || base(location) === base(url) || url.endsWith(base(location)!);
}
