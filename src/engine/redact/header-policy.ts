/**
 * Which header values survive redaction: the one list. Fail closed: a header not named here keeps its
 * name and loses its value (`[redacted N]`), so an auth header nobody thought of (`Authentication: Bearer …`,
 * `X-Auth-Key`, `Ocp-Apim-Subscription-Key`, a vendor's `X-Foo-Session`) can never leak. The live capture
 * (toExchange → sanitizeHeader), the panel's export and the CLI's `redact` all go through this list.
 *
 * How a listed value is kept:
 * - `keep`: verbatim;
 * - `url`: one URL or path, through redactUrl (secret parameters, userinfo, JWTs removed);
 * - `url-text`: text with URLs inside, each through redactUrl;
 * - `authorization`: the scheme, and the user part of Basic credentials;
 * - `cookie`, `set-cookie`: names and attributes, each value through redactCookieValue;
 * - `no-check`: only the literal `no-check` (anything else is redacted).
 */
export type HeaderRule = 'keep' | 'url' | 'url-text' | 'authorization' | 'cookie' | 'set-cookie' | 'no-check';

const POLICY: { rule: HeaderRule; why: string; names: string[] }[] = [
  { rule: 'authorization', why: 'the credential scheme and the Basic user name are what the analysis reports; the secret is dropped', names: ['authorization', 'proxy-authorization'] },
  { rule: 'cookie', why: 'which cookies were sent, in order; the XSRF login suffix and a Cloud token’s claims (cookie-value.ts)', names: ['cookie'] },
  { rule: 'set-cookie', why: 'which cookies were set, renewed or cleared, with their attributes (expiry, path, domain)', names: ['set-cookie', 'set-cookie2'] },
  {
    rule: 'keep',
    why: 'Atlassian’s answer about who you are and why a login failed (atlassian-auth.md §4, §8): the analysis reads each',
    names: ['x-ausername', 'x-auserid', 'x-aaccountid', 'x-seraph-loginreason', 'www-authenticate', 'proxy-authenticate'],
  },
  { rule: 'url-text', why: 'CAPTCHA_CHALLENGE and its login-url (the analysis reads the prefix)', names: ['x-authentication-denied-reason'] },
  {
    rule: 'keep',
    why: 'Atlassian correlation ids and product fingerprints (X-ASESSIONID is a hash of the session, not the session id); the analysis recognises origins and products by them',
    names: ['x-arequestid', 'x-asessionid', 'x-asen', 'x-anodeid', 'x-confluence-request-time', 'atl-traceid', 'x-atlassian-traceid'],
  },
  { rule: 'no-check', why: 'Atlassian’s XSRF opt-out, whose only meaningful value is the literal no-check', names: ['x-atlassian-token'] },
  { rule: 'url', why: 'where a redirect or a request went (the analysis reads Location; OAuth and SAML put secrets in them, so their parameters are redacted)', names: ['location', 'content-location', 'referer', ':path'] },
  { rule: 'url-text', why: 'redirects and links written inside other text', names: ['refresh', 'link'] },
  { rule: 'keep', why: 'HTTP/2 request and response lines', names: [':method', ':scheme', ':authority', ':status', ':protocol'] },
  {
    rule: 'keep',
    why: 'what was sent and answered, and when: content negotiation, caching and dates explain redirects, stale pages and cookie expiry (Date is the server clock)',
    names: [
      'content-type', 'content-length', 'content-encoding', 'content-language', 'content-range', 'content-disposition', 'transfer-encoding',
      'cache-control', 'pragma', 'expires', 'date', 'age', 'last-modified', 'etag', 'if-none-match', 'if-modified-since', 'vary',
      'accept', 'accept-encoding', 'accept-language', 'accept-ranges', 'range', 'retry-after',
    ],
  },
  { rule: 'keep', why: 'which client, host and page made the request (same-site and CORS decisions depend on them)', names: ['host', 'origin', 'user-agent', 'x-requested-with', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest', 'sec-fetch-user', 'upgrade-insecure-requests', 'dnt', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'priority'] },
  { rule: 'keep', why: 'the servers and proxies in the way', names: ['server', 'via', 'connection', 'keep-alive', 'upgrade', 'alt-svc'] },
  {
    rule: 'keep',
    why: 'CORS: whether a cross-origin request may carry cookies or Authorization',
    names: [
      'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers',
      'access-control-expose-headers', 'access-control-max-age', 'access-control-request-method', 'access-control-request-headers',
      'access-control-allow-private-network', 'access-control-request-private-network', 'timing-allow-origin',
    ],
  },
  { rule: 'keep', why: 'security policy that decides whether cookies and frames work', names: ['strict-transport-security', 'x-frame-options', 'x-content-type-options', 'x-xss-protection', 'referrer-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'cross-origin-embedder-policy'] },
  { rule: 'keep', why: 'Atlassian Cloud rate limiting (a 429 is not an auth failure)', names: ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-nearlimit', 'ratelimit-reason'] },
];

const RULES = new Map<string, HeaderRule>();
for (const { rule, names } of POLICY) for (const n of names) RULES.set(n, rule);

/** How a header's value is kept, by its lower-case name; null: not listed, the value is redacted. */
export function headerRule(lowerName: string): HeaderRule | null {
  return RULES.get(lowerName) ?? null;
}

/** The list with reasons, for SECURITY.md and the tests. */
export const HEADER_POLICY: readonly { rule: HeaderRule; why: string; names: readonly string[] }[] = POLICY;
