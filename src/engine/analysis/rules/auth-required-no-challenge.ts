import type { Rule } from './rule';
import { requestLabel } from './rule';

export const authRequiredNoChallenge: Rule = {
  code: 'auth-required-no-challenge',
  severity: 'warning',
  check({ f }) {
    if (f.ex.status !== 401 || f.challenges.length > 0) return null;
    return {
      message: `${requestLabel(f)} answered 401 without a WWW-Authenticate challenge, so clients that wait for a challenge before sending credentials never send them.`,
      fix: 'Send credentials up front (preemptive Basic auth, e.g. curl -u or an Authorization header), or add os_authType=basic to get a Basic challenge.',
    };
  },
};
