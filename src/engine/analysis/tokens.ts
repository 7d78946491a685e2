/**
 * What the token rules share: which Atlassian hosts are Cloud sites and which the API gateway, and whether
 * an answer refused the credentials (research/tokens-2026.md §1, §5).
 */
import type { Credentials } from '../types';
import type { ExchangeFacts } from './facts';

/** A Cloud site (`acme.atlassian.net`), as opposed to the gateway or the identity hosts. */
export function isCloudSiteHost(host: string): boolean {
  const h = host.toLowerCase();
  return h.endsWith('.atlassian.net') || h.endsWith('.jira.com') || h.endsWith('.jira-dev.com');
}

/** The API gateway scoped tokens and OAuth 2.0 apps call (`api.atlassian.com/ex/{product}/{cloudId}`). */
export function isGatewayHost(host: string): boolean {
  return host.toLowerCase() === 'api.atlassian.com';
}

/**
 * The server refused the credentials: 401, or Seraph's AUTHENTICATED_FAILED (Cloud answers a bad token on a
 * page open to anonymous users with 200 and AUTHENTICATED_FAILED: it ran as anonymous).
 */
export function credentialsRefused(f: ExchangeFacts): boolean {
  return f.ex.status === 401 || f.loginReason.all.includes('AUTHENTICATED_FAILED');
}

/** "GET 401" or "200 with AUTHENTICATED_FAILED", for messages. */
export function refusal(f: ExchangeFacts): string {
  return f.loginReason.all.includes('AUTHENTICATED_FAILED') ? `${f.ex.status} with AUTHENTICATED_FAILED` : String(f.ex.status);
}

/** ` of fred@example.com` where Basic named a user. */
export function ofUser(creds: Credentials): string {
  return creds?.scheme === 'basic' && creds.user ? ` of ${creds.user}` : '';
}

/** The site's origin on a Cloud site host (for its tenant_info URL), else null. */
export function siteOrigin(f: ExchangeFacts): string | null {
  return isCloudSiteHost(f.host) ? f.origin : null;
}
