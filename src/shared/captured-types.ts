import { SSO_CONSUMER_MATCH_PATTERNS } from '../engine/sso/endpoints';

/**
 * Which requests the worker captures: documents, frames and fetch/XHR. That is where Seraph says who you
 * are (X-AUSERNAME, 401s, login reasons) and sets or clears the session cookie. Scripts, styles, images and
 * fonts are left out: each watched request costs every page load a round trip through the browser (more so
 * with `extraHeaders`), and on a Jira page they are most of the requests (bench/page-load.bench.ts measures
 * it: README, Performance). While DevTools is open the panel lists them from DevTools' own network log.
 */
export const CAPTURED_TYPES = ['main_frame', 'sub_frame', 'xmlhttprequest'] as const;

/**
 * The webRequest filter of the capture listeners: every http(s) URL of those types (browsers report only
 * hosts the extension holds a permission for).
 */
export const CAPTURE_FILTER = { urls: ['https://*/*', 'http://*/*'], types: [...CAPTURED_TYPES] };

/**
 * Where the worker reads request bodies: top-level form posts to single-sign-on consumer URLs, which carry
 * the IdP's SAML response (the POST binding). The engine decodes the facts and drops the assertion
 * (engine/sso). Nothing else has its body read.
 */
export const SSO_FORM_POST_FILTER = { urls: [...SSO_CONSUMER_MATCH_PATTERNS], types: ['main_frame' as const] };

/** DevTools' HAR `_resourceType` values of the requests the worker captures. */
const CAPTURED_RESOURCE_TYPES = new Set(['document', 'xhr', 'fetch']);

/**
 * Whether the worker captured a request DevTools reports (its origin being watched). A browser that does
 * not say the type (Firefox's HAR entries have no `_resourceType`) is taken as captured, so nothing shows twice.
 */
export function workerCapturesResourceType(resourceType: unknown): boolean {
  return typeof resourceType !== 'string' || CAPTURED_RESOURCE_TYPES.has(resourceType);
}
