import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { requestLabel } from '../../request-number';
import { SSO_FOLLOW_MS, consumerAccepted, isDeparture, receivedResponse, samlProblem } from '../sso';
import { isSsoConsumer } from '../../sso/endpoints';

/**
 * The consumer accepted the assertion but the user is not signed in: either the consumer itself answers
 * with an error page although the assertion passes every check an SP makes (the Atlassian SSO app refuses
 * an unknown or disabled user there), or it redirected on and the next page of the origin is anonymous or
 * an error page.
 */
export const ssoUserUnknown: Rule = {
  code: 'sso-user-unknown',
  severity: 'error',
  check({ f, origin }) {
    const { fix } = SSO_EXPLANATIONS['sso-user-unknown'];
    const saml = receivedResponse(f);
    if (saml && isSsoConsumer(f.ex.sso?.endpoint) && !consumerAccepted(f) && !isDeparture(f) && !samlProblem(f, saml) && !origin.ssoTrail.looping && f.ex.status >= 200) {
      return {
        message: `The IdP signed in ${saml.nameId ?? 'a user'}${saml.issuer ? ` (${saml.issuer})` : ''} with a valid assertion, but ${f.origin} answered ${f.ex.status} instead of signing the user in: the user is unknown there or may not log in.`,
        fix,
      };
    }
    const accepted = origin.sso.accepted;
    if (!accepted || accepted.entry === f.ex.index || f.ex.time - accepted.time > SSO_FOLLOW_MS) return null;
    if (!f.isPage || f.isStatic || !f.isProductAnswer || (f.ex.status >= 300 && f.ex.status < 400)) return null;
    const anonymous = f.anonymousBy !== null && f.caller === null;
    if (!anonymous && f.ex.status < 400) return null;
    return {
      message: `After the IdP signed in ${accepted.nameId ?? 'the user'} (request ${requestLabel(accepted.entry)}) and ${f.origin} accepted it, ${f.path} was served ${anonymous ? 'as anonymous' : `as an error (${f.ex.status})`}.`,
      fix,
    };
  },
};
