import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { destinationMatches, receivedResponse } from '../sso';

/** The response's Destination is not the URL it was posted to. */
export const ssoDestinationMismatch: Rule = {
  code: 'sso-destination-mismatch',
  severity: 'error',
  check({ f }) {
    const saml = receivedResponse(f);
    if (!saml || destinationMatches(f.ex.url, saml.destination)) return null;
    return {
      message: `The IdP addressed its response to ${saml.destination}, but it was posted to ${f.origin}${f.path}.`,
      fix: SSO_EXPLANATIONS['sso-destination-mismatch'].fix,
    };
  },
};
