import type { Rule } from './rule';
import { requestLabel } from './rule';
import { API_TOKEN_PAGE, tenantInfoUrl } from '../explain-tokens';
import { credentialsRefused, isCloudSiteHost, ofUser, refusal } from '../tokens';

/** Tokens made before 15 Dec 2024 were given a year from 13 Mar 2025: they expired between these days. */
const OLD_TOKENS_EXPIRED_FROM = Date.UTC(2026, 2, 14);

/** Basic email:token with an API-token-shaped secret refused by a Cloud site. */
export const cloudTokenRefused: Rule = {
  code: 'cloud-token-refused',
  severity: 'error',
  check({ f }) {
    const creds = f.ex.credentials;
    if (creds?.scheme !== 'basic' || creds.shape !== 'api-token' || !isCloudSiteHost(f.host)) return null;
    // Cloud also answers a scoped token at the site host with 403 "Failed to parse Connect Session Auth Token".
    const connect = f.ex.status === 403 && f.ex.bodyFacts?.connectTokenUnparsed === true;
    if (!credentialsRefused(f) && !connect) return null;
    // A scope answer names its own cause (scope-mismatch).
    if (f.ex.bodyFacts?.scopeMismatch) return null;
    if (connect) {
      return {
        message: `Atlassian Cloud refused the API token${ofUser(creds)} on ${requestLabel(f)} (403, "Failed to parse Connect Session Auth Token"): this is how the site host answers a scoped API token, which works only through https://api.atlassian.com/ex/jira/{cloudId} or /ex/confluence/{cloudId}.`,
        fix: `Call https://api.atlassian.com/ex/jira/{cloudId}/… (Confluence: /ex/confluence/{cloudId}/…) with the same Basic email:token, the cloudId from ${tenantInfoUrl(f.origin)}; or make a classic token at ${API_TOKEN_PAGE}.`,
      };
    }
    const oldTokens = f.ex.time >= OLD_TOKENS_EXPIRED_FROM ? '; those made before 15 Dec 2024 all expired between 14 Mar and 12 May 2026' : '';
    const anonymous = f.ex.status < 400 ? ' The request ran as anonymous.' : '';
    return {
      message:
        `Atlassian Cloud refused the API token${ofUser(creds)} on ${requestLabel(f)} (${refusal(f)}).${anonymous} ` +
        `In order of likelihood: the token has expired (tokens last at most a year${oldTokens}); it is a scoped token, which works only through ` +
        `https://api.atlassian.com/ex/jira/{cloudId} or /ex/confluence/{cloudId}, not the site host; it was revoked; or the email is not the token owner's.`,
      fix:
        `Check the token at ${API_TOKEN_PAGE} (its expiry date) and make a new one if it expired or is missing; for a scoped token call ` +
        `https://api.atlassian.com/ex/jira/{cloudId}/… with the cloudId from ${tenantInfoUrl(f.origin)}; send Authorization: Basic base64(email:token) with the token owner's email.`,
    };
  },
};
