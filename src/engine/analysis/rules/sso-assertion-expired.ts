import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { ALLOWED_SKEW_MS, duration, expiredBy, iso, receivedAt, receivedResponse, validUntil } from '../sso';

/** The assertion reached the consumer after its NotOnOrAfter (conditions or subject confirmation), beyond the allowed drift. */
export const ssoAssertionExpired: Rule = {
  code: 'sso-assertion-expired',
  severity: 'error',
  check({ f }) {
    const saml = receivedResponse(f);
    if (!saml) return null;
    const late = expiredBy(f, saml);
    if (late === null) return null;
    const at = receivedAt(f);
    const issued = saml.assertionIssueInstant ?? saml.issueInstant;
    const behind = issued !== null && at.time - issued > ALLOWED_SKEW_MS ? ` The IdP dated it ${duration(at.time - issued)} earlier: a page left open that long, or the IdP's clock is behind.` : '';
    return {
      message: `The assertion${saml.nameId ? ` for ${saml.nameId}` : ''} was valid until ${iso(validUntil(saml)!)} but reached the consumer at ${iso(at.time)} (${at.byServer ? "the server's Date" : 'capture time'}), ${duration(late)} too late.${behind}`,
      fix: SSO_EXPLANATIONS['sso-assertion-expired'].fix,
    };
  },
};
