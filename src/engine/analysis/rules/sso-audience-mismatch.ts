import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { audienceMatches, isSuccess, receivedResponse } from '../sso';

/** The assertion's audience is not the service provider it was posted to. */
export const ssoAudienceMismatch: Rule = {
  code: 'sso-audience-mismatch',
  severity: 'error',
  check({ f }) {
    const saml = receivedResponse(f);
    if (!saml || !isSuccess(saml) || audienceMatches(f.ex.url, saml.audiences)) return null;
    return {
      message: `The assertion is for ${saml.audiences.map((a) => `"${a}"`).join(', ')}, but it was posted to ${f.origin}${f.path}, whose entity id is its base URL.`,
      fix: SSO_EXPLANATIONS['sso-audience-mismatch'].fix,
    };
  },
};
