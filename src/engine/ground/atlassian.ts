/** What the engine knows about Atlassian products, in one place (atlassian-auth.md, findings.md). */
import type { Product } from '../types';

/** Cookies that carry an Atlassian login. Extend as we learn more; never remove. */
export const SESSION_COOKIES = [
  'JSESSIONID',
  'seraph.rememberme.cookie',
  'cloud.session.token',
  'tenant.session.token',
  'studio.crowd.tokenkey',
  'crowd.token_key',
  '__ATL_TOKEN',
  'BITBUCKETSESSIONID',
] as const;
const SESSION_COOKIE_SET = new Set<string>(SESSION_COOKIES);

export function isSessionCookie(name: string): boolean {
  return SESSION_COOKIE_SET.has(name);
}

/**
 * Session cookies that servers also hand to anonymous visitors (Tomcat gives every Jira visitor a
 * JSESSIONID). Sending one proves nothing about being signed in; the others exist only after a login.
 */
const ANONYMOUS_CAPABLE_COOKIES = new Set(['JSESSIONID']);

export function isLoginOnlyCookie(name: string): boolean {
  return SESSION_COOKIE_SET.has(name) && !ANONYMOUS_CAPABLE_COOKIES.has(name);
}

/** Hosts that are Atlassian Cloud by name. */
const CLOUD_SUFFIXES = ['.atlassian.net', '.jira.com', '.jira-dev.com'];
const CLOUD_HOSTS = new Set(['api.atlassian.com', 'id.atlassian.com', 'auth.atlassian.com']);

export function isCloudHost(host: string): boolean {
  const h = host.toLowerCase();
  return CLOUD_HOSTS.has(h) || CLOUD_SUFFIXES.some((s) => h.endsWith(s));
}

/**
 * Response headers only Atlassian products send (lower case; findings.md, atlassian-auth.md §4, §8).
 * Real anonymous Confluence answers carry only `X-Confluence-Request-Time` and `X-ASEN`.
 */
export const FINGERPRINT_HEADERS: readonly string[] = [
  'x-ausername',
  'x-seraph-loginreason',
  'x-arequestid',
  'x-asessionid',
  'x-aaccountid',
  'x-asen',
  'x-confluence-request-time',
];

/**
 * Which product answered, from one exchange: `X-Confluence-Request-Time` (every Confluence Server/DC
 * answer), Bitbucket's session cookie, then the product's own URL shapes (with an optional context path;
 * Confluence Cloud lives under `/wiki` on the site's host). Null when the exchange says nothing.
 */
export function productSignal(headerNames: readonly string[], cookieNames: readonly string[], path: string): Product | null {
  if (headerNames.includes('x-confluence-request-time')) return 'confluence';
  if (cookieNames.includes('BITBUCKETSESSIONID')) return 'bitbucket';
  if (CONFLUENCE_PATH.test(path)) return 'confluence';
  if (BITBUCKET_PATH.test(path)) return 'bitbucket';
  if (JIRA_PATH.test(path)) return 'jira';
  return null;
}
const CONFLUENCE_PATH = /^\/wiki(?:\/|$)|^(?:\/[^/]+)?\/(?:display\/|spaces\/|pages\/|rest\/api\/(?:content|space)\b)|\.action$/;
const BITBUCKET_PATH = /^(?:\/[^/]+)?\/(?:rest\/api\/1\.0\/|scm\/|projects\/[^/]+\/repos\/)/;
const JIRA_PATH = /^\/jira(?:\/|$)|^(?:\/[^/]+)?\/(?:secure\/|browse\/|issues\/|rest\/(?:api\/(?:2|3|latest)|agile|greenhopper)\/)|\.jspa$|\/login\.jsp$/;

export interface UrlParts {
  origin: string;
  host: string;
  path: string;
  /** Raw query string without `?` ('' when none). */
  query: string;
}

const URL_SHAPE = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?/i;
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/**
 * Origin, host, path and query of an absolute http(s) URL. Hand-written because `new URL()` per
 * exchange was a measurable share of analysing a large HAR; anything unusual falls back to it.
 * The scheme `unknown` is a transcript's URL whose scheme the paste did not show (transcript/unknown.ts):
 * its origin is `unknown://host`, not the `null` new URL() gives every non-special scheme.
 */
export function urlParts(url: string): UrlParts | null {
  const m = URL_SHAPE.exec(url);
  if (m && /^(?:https?|unknown)$/i.test(m[1]!) && m[2] && !/[%\\\s]/.test(m[2])) {
    const scheme = m[1]!.toLowerCase();
    const host = m[2].toLowerCase();
    const port = m[3] && m[3] !== DEFAULT_PORT[scheme] ? `:${m[3]}` : '';
    return { origin: `${scheme}://${host}${port}`, host, path: m[4] || '/', query: m[5] ?? '' };
  }
  try {
    const u = new URL(url);
    return { origin: u.origin, host: u.hostname, path: u.pathname, query: u.search.slice(1) };
  } catch {
    return null;
  }
}

/**
 * Under `/rest`, where Seraph answers a dead session with 401. Seraph tests the servlet path, which
 * excludes the context path, and Data Center often runs under one (`https://host/jira/rest/...`,
 * Confluence Cloud's `/wiki/rest/...`). The context path is not visible in traffic, so `/rest` is accepted
 * after at most one leading segment: deeper paths (`/plugins/servlet/x/rest/...`) are not REST.
 */
export function isRestPath(path: string): boolean {
  return /^(?:\/[^/]+)?\/rest(?:\/|$)/.test(path);
}

export type OsAuthType = 'basic' | 'cookie' | 'any' | null;

/**
 * The `os_authType` of an absolute URL or of a raw query string (without `?`): the first occurrence, as
 * the server reads it; the value case-insensitively; unknown values are null (the default behaviour).
 */
export function osAuthType(urlOrQuery: string): OsAuthType {
  if (!urlOrQuery.includes('os_authType')) return null;
  const query = /^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrQuery) ? (urlParts(urlOrQuery)?.query ?? '') : urlOrQuery;
  const v = new URLSearchParams(query).get('os_authType')?.toLowerCase();
  return v === 'basic' || v === 'cookie' || v === 'any' ? v : null;
}

/** The REST session endpoint (login, who-am-I, logout), with an optional context path. */
export function isSessionEndpoint(path: string): boolean {
  return /^(?:\/[^/]+)?\/rest\/auth\/(?:1|latest)\/session\/?$/.test(path);
}

/** Jira's issue search REST resource (`/rest/api/2|3|latest/search`, Cloud's `/search/jql`), whose answer has a `total`. */
const SEARCH_PATH = /\/rest\/api\/(?:2|3|latest)\/search(?:\/jql)?\/?$/;
export function isSearchPath(path: string): boolean {
  return SEARCH_PATH.test(path);
}

/** Login pages: Jira `login.jsp`, Confluence `login.action` / `dologin.action`, Cloud `/login`. Anonymous by design. */
const LOGIN_PATH = /(?:^|\/)(?:login\.jsp|login\.action|dologin\.action|login)$/i;
export function isLoginPath(path: string): boolean {
  return LOGIN_PATH.test(path);
}

/** Pages that end a session when visited: Jira `/logout` and `Logout!default.jspa`, Confluence `logout.action`. */
const LOGOUT_PATH = /(?:^|\/)(?:logout|logout\.action|secure\/Logout!default\.jspa)$/i;
export function isLogoutPath(path: string): boolean {
  return LOGOUT_PATH.test(path);
}

/**
 * Static resources: Seraph does not authenticate most of them, so their X-AUSERNAME says nothing about the
 * session (`/s/<hash>/...` batches, `/download/resources/...`, images, scripts, styles, fonts).
 */
const STATIC_PATH = /^(?:\/[^/]+)?\/(?:s|download|images|static)\/|\.(?:js|mjs|css|map|png|gif|jpe?g|svg|ico|webp|woff2?|ttf|eot)$/i;
const STATIC_TYPE = /^(?:image\/|font\/|text\/css|(?:text|application)\/(?:x-)?javascript)/i;
export function isStaticResource(path: string, contentType: string | null): boolean {
  return STATIC_PATH.test(path) || (contentType !== null && STATIC_TYPE.test(contentType.trim()));
}

/**
 * Paths a Cloud site serves from services beside the product (the API gateway, edge and CDN paths): they
 * need not name the caller, so a missing X-AACCOUNTID there says nothing about the session.
 */
const BESIDE_PRODUCT_PATH = /^(?:\/wiki)?\/(?:gateway|_edge|cdn-cgi|edge|atlassian-connect|plugins\/servlet\/analytics)(?:\/|$)|^\/favicon\.ico$/i;
export function isProductAnswerPath(path: string): boolean {
  return !BESIDE_PRODUCT_PATH.test(path);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Cloud Basic auth wants an account email as the user part; anything else is a (legacy) username. */
export function isEmail(s: string): boolean {
  return EMAIL.test(s);
}
