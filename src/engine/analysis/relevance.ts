/** Which exchanges the panel's "auth-relevant only" filter keeps. */
import type { Exchange } from '../types';
import { isSessionCookie, isSessionEndpoint, urlParts } from '../ground/atlassian';

const AUTH_HEADERS = new Set(['x-seraph-loginreason', 'www-authenticate', 'x-authentication-denied-reason']);

export function isAuthRelevant(ex: Exchange, hasFindings: boolean): boolean {
  if (hasFindings || ex.status === 401 || ex.status === 403 || ex.credentials !== null) return true;
  // The single-sign-on leg: an SSO endpoint, a SAML message, an OIDC callback, a redirect to the IdP.
  if (ex.sso) return true;
  for (const h of ex.responseHeaders) {
    const name = h.name.toLowerCase();
    if (AUTH_HEADERS.has(name)) return true;
    if (name === 'set-cookie' && isSessionCookie(h.value.slice(0, h.value.indexOf('=')).trim())) return true;
  }
  const path = urlParts(ex.url)?.path ?? '';
  return isSessionEndpoint(path) || /(?:^|\/)(?:login\.jsp|logout)$/.test(path);
}
