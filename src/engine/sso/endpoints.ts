/**
 * The single-sign-on endpoints of Atlassian products, in one place with the source of each path.
 * The analysis recognises the SSO leg of a login by these, and the live capture reads request bodies only
 * for the consumer URLs (a SAML POST-binding response arrives as a form post there).
 *
 * Data Center ("SSO 2.0", the bundled "SSO for Atlassian Data Center" app; Jira 8.15+, Confluence 7.12+,
 * Bitbucket 7.12+, Bamboo 8.1+). The paths sit under the product's base URL, which may carry a context
 * path (`https://host/jira/plugins/servlet/…`), so they are matched at the end of the path.
 * - `/plugins/servlet/samlconsumer`: the SAML Assertion Consumer Service URL the IdP posts to (shown on the
 *   product's SSO screen, which Atlassian's page tells to copy into the IdP); the SP's entity id ("Audience
 *   URL") is the base URL. Atlassian's page names the screen, not the path: the path is the one every IdP
 *   guide for these products gives (e.g. Keycloak/Entra set-ups for Bitbucket DC) and the app's own constant.
 *   https://confluence.atlassian.com/doc/saml-sso-for-confluence-data-center-879955981.html
 * - `/plugins/servlet/external-login` (optionally `/<idp id>`): starts an SSO login (sends the browser to the
 *   IdP): "log in using the following URL: BASE-URL/plugins/servlet/external-login" (the Confluence 6 DC
 *   SAML page, https://confluence.atlassian.com/display/CONF610/SAML+SSO+for+Confluence+Data+Center).
 * - `/plugins/servlet/oidc/callback`: the OpenID Connect redirect URL;
 *   `/plugins/servlet/oidc/initiate-login`: starts an OIDC login.
 *   https://confluence.atlassian.com/enterprise/openid-connect-for-atlassian-data-center-applications-987142159.html
 * Crowd SSO 2.0 (Crowd Data Center as the IdP for the other products, which keep their samlconsumer):
 * - `/console/secure/saml/sso.action` on the Crowd host: Crowd's "IdP SSO URL".
 *   https://confluence.atlassian.com/security/crowd-sso-2-0-1409289252.html
 * Marketplace app "SAML SSO" by resolution (older Server sites): `/plugins/servlet/samlsso` is both its
 * login and its reply (consumer) URL; Microsoft's Entra tutorials for "SAML SSO for Jira/Confluence by
 * resolution" give `https://<server-base-url>/plugins/servlet/samlsso` as identifier and reply URL, and
 * resolution's own page says SSO runs when "the samlsso-Servlet is called directly".
 *   https://resolution.atlassian.net/wiki/pages/diffpages.action?originalId=62488585&pageId=1748271146
 * Cloud (Atlassian Guard / Access): the login page is `https://id.atlassian.com/login`; the SP of a SAML
 * configuration is `https://auth.atlassian.com/saml/<id>` (entity id) with the consumer
 * `https://auth.atlassian.com/login/callback?connection=saml-<id>`; `auth.atlassian.com/authorize` starts a
 * login. Okta's Atlassian Cloud guide and Atlassian's "SAML single sign-on" page:
 *   https://saml-doc.okta.com/SAML_Docs/How-to-Configure-SAML-2.0-for-Atlassian-Cloud.html
 *   https://technicalfellow.com/2019/12/notes-from-the-field-configuring-atlassian-access-with-workspace-one-access
 *   (quoting https://confluence.atlassian.com/cloud/saml-single-sign-on-943953302.html)
 */
import { urlParts } from '../ground/atlassian';
import type { SsoEndpointKind } from '../types';
export type { SsoEndpointKind };

export interface SsoEndpoint {
  kind: SsoEndpointKind;
  /** Where the path is documented. */
  source: string;
  /** Matches the URL's path (host checked separately where `host` is set). */
  path: RegExp;
  host?: string;
  /** The same paths as webRequest match patterns (the extension platforms' "match patterns" syntax), for the capture's filter. */
  matchPatterns: string[];
}

const DC_SAML = 'https://confluence.atlassian.com/doc/saml-sso-for-confluence-data-center-879955981.html';
const DC_OIDC = 'https://confluence.atlassian.com/enterprise/openid-connect-for-atlassian-data-center-applications-987142159.html';
const CROWD = 'https://confluence.atlassian.com/security/crowd-sso-2-0-1409289252.html';
const RESOLUTION = 'https://resolution.atlassian.net/wiki/pages/diffpages.action?originalId=62488585&pageId=1748271146';
const CLOUD = 'https://saml-doc.okta.com/SAML_Docs/How-to-Configure-SAML-2.0-for-Atlassian-Cloud.html';

/** A servlet path under any context path, optionally followed by one more segment (an IdP id). */
const servlet = (p: string) => new RegExp(`/plugins/servlet/${p}(?:/[^/]*)?/?$`, 'i');
/** `*` in a match pattern's path also matches the context path before `/plugins`. */
const anyHost = (p: string) => [`*://*/*${p}`, `*://*/*${p}/*`, `*://*/*${p}?*`];

export const SSO_ENDPOINTS: readonly SsoEndpoint[] = [
  { kind: 'saml-consumer', source: DC_SAML, path: servlet('samlconsumer'), matchPatterns: anyHost('plugins/servlet/samlconsumer') },
  { kind: 'saml-login', source: DC_SAML, path: servlet('external-login'), matchPatterns: anyHost('plugins/servlet/external-login') },
  { kind: 'oidc-callback', source: DC_OIDC, path: /\/plugins\/servlet\/oidc\/callback\/?$/i, matchPatterns: anyHost('plugins/servlet/oidc/callback') },
  { kind: 'oidc-login', source: DC_OIDC, path: /\/plugins\/servlet\/oidc\/initiate-login\/?$/i, matchPatterns: anyHost('plugins/servlet/oidc/initiate-login') },
  { kind: 'crowd-idp', source: CROWD, path: /\/console\/secure\/saml\/sso\.action$/i, matchPatterns: anyHost('console/secure/saml/sso.action') },
  { kind: 'saml-consumer', source: RESOLUTION, path: /\/plugins\/servlet\/samlsso\/?$/i, matchPatterns: anyHost('plugins/servlet/samlsso') },
  {
    kind: 'cloud-saml-consumer',
    source: CLOUD,
    host: 'auth.atlassian.com',
    path: /^\/login\/callback\/?$/,
    matchPatterns: ['https://auth.atlassian.com/login/callback*'],
  },
  { kind: 'cloud-login', source: CLOUD, host: 'auth.atlassian.com', path: /^\//, matchPatterns: ['https://auth.atlassian.com/*'] },
  { kind: 'cloud-login', source: CLOUD, host: 'id.atlassian.com', path: /^\/login(?:\/|$)/, matchPatterns: ['https://id.atlassian.com/login*'] },
];

/** Every endpoint's match patterns, for webRequest filters (the live capture reads bodies only there). */
export const SSO_MATCH_PATTERNS: readonly string[] = [...new Set(SSO_ENDPOINTS.flatMap((e) => e.matchPatterns))];

/** Only the consumers receive the SAML POST-binding response: the URLs whose request bodies are worth reading. */
export const SSO_CONSUMER_MATCH_PATTERNS: readonly string[] = [
  ...new Set(SSO_ENDPOINTS.filter((e) => e.kind === 'saml-consumer' || e.kind === 'cloud-saml-consumer').flatMap((e) => e.matchPatterns)),
];

/** The kind of Atlassian SSO endpoint an absolute URL is, or null. */
export function ssoEndpointOf(url: string): SsoEndpointKind | null {
  const parts = urlParts(url);
  if (!parts) return null;
  for (const e of SSO_ENDPOINTS) {
    if (e.host !== undefined && e.host !== parts.host) continue;
    if (e.path.test(parts.path)) return e.kind;
  }
  return null;
}

/** Consumers: where an IdP's answer arrives at the Atlassian side. */
export function isSsoConsumer(kind: SsoEndpointKind | null | undefined): boolean {
  return kind === 'saml-consumer' || kind === 'cloud-saml-consumer' || kind === 'oidc-callback';
}

/** Endpoints that send the browser to the IdP. */
export function isSsoStart(kind: SsoEndpointKind | null | undefined): boolean {
  return kind === 'saml-login' || kind === 'oidc-login' || kind === 'cloud-login';
}
