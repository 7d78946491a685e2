import type { Rule } from './rule';
import { TOKEN_EXPLANATIONS } from '../explain-tokens';

/** Atlassian's login answers `error=access_denied` with `authentication-policy-strategy-mismatch`. */
export const ssoPolicyMismatch: Rule = {
  code: 'sso-policy-mismatch',
  severity: 'error',
  check({ f }) {
    const err = f.ex.bodyFacts?.loginError;
    // Raised where the browser lands on the error (its URL), not again on the redirect that sent it there.
    if (err?.error !== 'access_denied' || !err.description?.includes('authentication-policy-strategy-mismatch') || err.from !== 'url') return null;
    return {
      message: `Atlassian's login refused the single sign-on at ${f.origin}${f.path} (access_denied, authentication-policy-strategy-mismatch): the email the IdP sent is not the Atlassian account's, or the account is not in the authentication policy that uses this IdP.`,
      fix: TOKEN_EXPLANATIONS['sso-policy-mismatch'].fix,
    };
  },
};
