import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { requestLabel } from '../../request-number';
import { SSO_LOOP_WINDOW_MS, duration, isDeparture, isReturn, showsSignIn } from '../sso';

/** Atlassian → IdP → Atlassian → IdP again within a short time, nobody signed in between. Once per loop. */
export const ssoLoop: Rule = {
  code: 'sso-loop',
  severity: 'error',
  check({ f, origin }) {
    const trail = origin.ssoTrail;
    if (!isDeparture(f) || trail.looping || !trail.lastDeparture) return null;
    const returned = trail.returned || isReturn(f);
    const signedIn = trail.signedIn || showsSignIn(f);
    const gap = f.ex.time - trail.lastDeparture.time;
    if (!returned || signedIn || gap > SSO_LOOP_WINDOW_MS || gap < 0) return null;
    return {
      message: `The browser was sent to the identity provider again ${duration(gap)} after the previous trip (request ${requestLabel(trail.lastDeparture.entry)}), although the IdP had answered and no session was created in between: a sign-in loop.`,
      fix: SSO_EXPLANATIONS['sso-loop'].fix,
    };
  },
};
