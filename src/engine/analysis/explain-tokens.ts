/**
 * API tokens, OAuth and Application Links in plain words (research/tokens-2026.md): what usually causes each
 * finding and what to do, with the URLs to use. Rules add the specifics (user, host, values) to the message.
 */
import type { Meaning } from './meaning';

/** Where Atlassian account holders make and revoke API tokens. */
export const API_TOKEN_PAGE = 'https://id.atlassian.com/manage-profile/security/api-tokens';
/** The gateway scoped tokens and OAuth 2.0 apps must call; `{cloudId}` from the site's tenant_info. */
export const GATEWAY = 'https://api.atlassian.com/ex/jira/{cloudId} (Confluence: https://api.atlassian.com/ex/confluence/{cloudId})';

/** `https://acme.atlassian.net/_edge/tenant_info`, where a site's cloudId is read without signing in. */
export function tenantInfoUrl(siteOrigin: string | null): string {
  return `${siteOrigin && /\.atlassian\.net$/i.test(siteOrigin) ? siteOrigin : 'https://<site>.atlassian.net'}/_edge/tenant_info`;
}

export const TOKEN_EXPLANATIONS = {
  'cloud-token-refused': {
    meaning: 'Atlassian Cloud refused Basic credentials whose secret is an API token.',
    fix: `Make a new API token at ${API_TOKEN_PAGE} and send it as Basic email:token; if it is a scoped token (service accounts only have those), call ${GATEWAY} instead of the site host.`,
  },
  'cloud-password-basic': {
    meaning: 'Atlassian Cloud no longer accepts account passwords in Basic authentication (since 2019); only API tokens work there.',
    fix: `Make an API token at ${API_TOKEN_PAGE} and send Authorization: Basic base64(email:token), with the account email as the user.`,
  },
  'scope-mismatch': {
    meaning: 'The token or app is not allowed to call this endpoint: it lacks a scope this endpoint needs, or a scoped token was sent where only classic tokens work.',
    fix: `At api.atlassian.com, add the missing scope to the token or the app (a new scoped token, or the app's permissions and a new consent); at the site host, call ${GATEWAY} with the scoped token, or use a classic token.`,
  },
  'token-wrong-scheme': {
    meaning: 'The token was sent with the wrong Authorization scheme for its kind.',
    fix: 'Cloud API tokens go in Authorization: Basic base64(email:token); Data Center personal access tokens go in Authorization: Bearer <token>.',
  },
  'oauth-refresh-rejected': {
    meaning: "Atlassian's OAuth 2.0 token endpoint refused the refresh token (invalid_grant): it is unknown, expired, was already used once (rotation), or the user changed their password.",
    fix: 'Send the user through the authorization (consent) flow again and store the new refresh token each time one is returned: a rotated refresh token works only once.',
  },
  'applink-oauth-problem': {
    meaning: 'An Application Link (OAuth 1.0) call was refused; the oauth_problem value names why.',
    fix: "Follow Atlassian's OAuth troubleshooting guide for that oauth_problem (https://confluence.atlassian.com/kb/oauth-troubleshooting-guide-719095274.html).",
  },
  'sso-policy-mismatch': {
    meaning: "Atlassian's login refused the single sign-on (authentication-policy-strategy-mismatch): the IdP's email is not the Atlassian account's, or the account is not in the authentication policy that uses this IdP.",
    fix: "Make the IdP send the user's Atlassian account email as NameID / email, and add the user to the authentication policy with this SSO in admin.atlassian.com (Security → Authentication policies); sign out of other Atlassian accounts first.",
  },
} as const satisfies Record<string, Meaning & { fix: string }>;
