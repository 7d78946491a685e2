import type { Rule } from './rule';
import { requestLabel } from './rule';
import { API_TOKEN_PAGE } from '../explain-tokens';
import { credentialsRefused, isCloudSiteHost } from '../tokens';

/**
 * A token sent with the wrong scheme: a Cloud API token as Bearer (Cloud then reads it as a Connect session
 * token: 403 `Failed to parse Connect Session Auth Token`), or a Data Center PAT as a Basic password.
 */
export const tokenWrongScheme: Rule = {
  code: 'token-wrong-scheme',
  severity: 'error',
  check({ f, origin }) {
    const creds = f.ex.credentials;
    if (creds?.scheme === 'bearer' && isCloudSiteHost(f.host)) {
      const parsed = f.ex.bodyFacts?.connectTokenUnparsed === true;
      const tokenShaped = creds.shape === 'api-token' && (f.ex.status === 401 || f.ex.status === 403);
      if (!parsed && !tokenShaped) return null;
      return {
        message: `${requestLabel(f)} sent ${creds.shape === 'api-token' ? 'an API token' : 'a token'} as Authorization: Bearer to Atlassian Cloud, which refused it (${f.ex.status}${parsed ? ', "Failed to parse Connect Session Auth Token"' : ''}): Cloud reads a Bearer value as an OAuth 2.0 or Connect token, not an API token.`,
        fix: `Send the API token as Authorization: Basic base64(email:token) with your account email (tokens: ${API_TOKEN_PAGE}); Bearer is for OAuth 2.0 access tokens at https://api.atlassian.com/ex/jira/{cloudId}.`,
      };
    }
    if (creds?.scheme === 'basic' && creds.shape === 'pat' && origin.info.deployment !== 'cloud' && credentialsRefused(f)) {
      return {
        message: `${requestLabel(f)} sent what looks like a personal access token as the Basic password${creds.user ? ` of ${creds.user}` : ''}, and the server refused it (${f.ex.status}): Data Center reads a Basic password as the account password.`,
        fix: 'Send the personal access token alone as Authorization: Bearer <token> (no user name); a PAT is never a Basic password.',
      };
    }
    return null;
  },
};
