import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { ALLOWED_SKEW_MS, duration, iso, receivedAt, receivedResponse, skewOf, validFrom } from '../sso';

/** The assertion reached the consumer before its NotBefore, or its times disagree with the response Date, beyond the allowed skew. */
export const ssoClockSkew: Rule = {
  code: 'sso-clock-skew',
  severity: 'error',
  check({ f }) {
    const saml = receivedResponse(f);
    if (!saml) return null;
    const skew = skewOf(f, saml);
    if (!skew) return null;
    const at = receivedAt(f);
    const clock = at.byServer ? "the server's clock" : 'the capture time';
    const allowed = duration(ALLOWED_SKEW_MS);
    const message =
      skew.kind === 'not-yet-valid'
        ? `The assertion only becomes valid at ${iso(validFrom(saml)!)}, ${duration(skew.by)} after it reached the consumer (${iso(at.time)} by ${clock}; ${allowed} of drift are allowed): the IdP's clock is ahead.`
        : `The IdP dated the assertion ${iso(saml.assertionIssueInstant ?? saml.issueInstant!)}, ${duration(skew.by)} ahead of ${clock} (${iso(at.time)}; ${allowed} of drift are allowed).`;
    return { message, fix: SSO_EXPLANATIONS['sso-clock-skew'].fix };
  },
};
