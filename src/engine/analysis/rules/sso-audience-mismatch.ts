import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { audienceMatches, consumerAccepted, isSuccess, normalUrl, receivedResponse } from '../sso';

/** The assertion's audience is not the service provider it was posted to. */
export const ssoAudienceMismatch: Rule = {
  code: 'sso-audience-mismatch',
  severity: 'error',
  check({ f }) {
    const saml = receivedResponse(f);
    if (!saml || !isSuccess(saml) || audienceMatches(f.ex.url, saml.audiences, consumerAccepted(f))) return null;
    const servlet = f.path.indexOf('/plugins/servlet/');
    const entityId = servlet >= 0 ? `${f.origin}${f.path.slice(0, servlet)}` : null;
    return {
      message: `The assertion is for ${saml.audiences.map((a) => `"${a}"`).join(', ')}, but it was posted to ${f.origin}${f.path}, whose entity id is ${entityId ? `its base URL "${entityId}"` : 'its base URL'}${why(saml.audiences, f.origin + f.path, entityId)}.`,
      fix: SSO_EXPLANATIONS['sso-audience-mismatch'].fix,
    };
  },
};

/** Why a near miss is still a miss: java-saml compares the audience with the entity id exactly. */
function why(audiences: readonly string[], consumer: string, entityId: string | null): string {
  const n = audiences.map((a) => normalUrl(a));
  if (n.includes(normalUrl(consumer))) return ': the consumer URL is not the entity id, and the audience must equal the entity id exactly';
  if (entityId && n.includes(normalUrl(entityId))) return ': they differ only in spelling (case, port or a trailing slash), and the audience must equal the entity id exactly';
  if (entityId && n.some((a) => a !== null && entityId.startsWith(a + '/'))) return ': the audience lacks the context path, and the audience must equal the entity id exactly';
  return '';
}
