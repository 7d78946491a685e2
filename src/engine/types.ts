/**
 * The engine's data model. Pure data: no browser APIs, no Node APIs.
 *
 * An Exchange is one HTTP request/response as the engine sees it, already stripped of secrets:
 * adapters (webRequest, devtools HAR entries, HAR files) build it through `toExchange()` so that no
 * Authorization value, cookie value, password or token ever reaches storage, the UI or an export.
 */

/** One header line. Lists keep the wire order and duplicates. */
export interface Header {
  name: string;
  value: string;
}

/**
 * What kind of secret was sent (ground/parse/credential-shape.ts), read before redaction and written into
 * the redaction marker (`Basic [redacted 36 user=fred shape=api-token]`) so live captures, redacted HAR files
 * and the CLI agree. `masked`: a placeholder people paste instead of the secret (`XXXX`, `<token>`, `$TOKEN`).
 */
export type CredentialShape = 'api-token' | 'password' | 'pat' | 'jwt' | 'oauth1' | 'masked' | 'unknown';

/** The non-secret parameters of OAuth 1.0 credentials (Application Links); values as sent, bounded. */
export interface OAuth1Facts {
  consumerKey: string | null;
  signatureMethod: string | null;
  /** `oauth_timestamp`: epoch seconds by the client's clock. */
  timestamp: number | null;
  version: string | null;
  realm: string | null;
}

/** How the request authenticated, as far as its headers tell. Never holds the secret itself. */
export type Credentials =
  | { scheme: 'basic'; user: string | null; shape: CredentialShape } // user part of Basic; null when undecodable
  | { scheme: 'bearer'; shape: CredentialShape }
  | { scheme: 'other'; name: string; shape: CredentialShape; oauth1?: OAuth1Facts } // e.g. "OAuth", "JWT", "Negotiate"
  | null;

export interface Exchange {
  /** Position in its source: the HAR entry index, or a running number in the live log. */
  index: number;
  /** Stable id within its source (webRequest requestId, HAR index as string, …). */
  id: string;
  /** Epoch milliseconds when the request started. */
  time: number;
  /** Total duration in ms where known. */
  durationMs?: number;
  tabId?: number;
  frameId?: number;
  /** Resource type where known: main_frame, sub_frame, xmlhttprequest, document, fetch, … */
  type?: string;
  method: string;
  url: string;
  /** 0 when the request got no response (network error, blocked). */
  status: number;
  /** Sanitized headers: secret values replaced by `redactedValue()` markers (see redact.ts). */
  requestHeaders: Header[];
  responseHeaders: Header[];
  /** Names of cookies the request carried (all of them, not only session cookies), in order. */
  cookiesSent: string[];
  credentials: Credentials;
  /**
   * Facts read from bodies where the adapter saw them (HAR files do, webRequest does not).
   * Only non-secret facts: the user name of a session probe, a search total.
   */
  bodyFacts?: BodyFacts;
  /**
   * The single-sign-on leg, where this exchange is part of it: read from the raw URL, `Location` and form
   * body before redaction. Facts only: never a SAML message, an assertion, an OIDC code or a token.
   */
  sso?: SsoFacts;
  /**
   * The SAML message as pretty XML with its secrets masked (redact/saml-view.ts): only on exchanges read from a
   * file the panel imports, which holds the message already. Never stored, never exported.
   */
  samlXml?: string;
  /** Headers left out to bound a stored record (background/storage-caps.ts): how many of each side. */
  headersCut?: { request: number; response: number };
}

/** What an exchange tells about single sign-on (sso/sso.ts). */
export interface SsoFacts {
  /** The Atlassian SSO endpoint the request went to (sso/endpoints.ts), null for other URLs. */
  endpoint: SsoEndpointKind | null;
  /** Where the SAML message was read: the request URL, the response's `Location`, or the posted form. */
  from?: 'url' | 'location' | 'form';
  saml?: SamlFacts;
  /** An OpenID Connect callback's outcome. */
  oidc?: OidcFacts;
  /**
   * The response sends the browser to an IdP: a SAMLRequest in its `Location`, or an OpenID Connect
   * authorization request whose redirect_uri is an Atlassian callback.
   */
  departs?: 'saml' | 'oidc';
  /** Epoch ms of the response's `Date` (the server's clock), for clock skew. */
  responseDate?: number;
  /** Why a SAML message could not be read (bad base64, DEFLATE, hostile XML): a fact, not an exception. */
  error?: string;
}

export interface BodyFacts {
  /** `name` of `GET /rest/auth/1/session`, or the username of a login POST. */
  user?: string;
  /** `session.name` of a `POST /rest/auth/1/session` response (the cookie name, not its value). */
  sessionCookieName?: string;
  /** `total` of a Jira search response. */
  searchTotal?: number;
  /** `errorMessages` of a JSON error body. */
  errorMessages?: string[];
  /**
   * Token and OAuth signals (exchange/auth-signals.ts). The body ones come from HAR files and transcripts
   * only (the live extension sees no bodies); the URL / Location ones everywhere. Short words, never a secret.
   */
  /** `scope does not match` (401) or `insufficient_scope` (403, or a Bearer challenge's `error`). */
  scopeMismatch?: 'scope does not match' | 'insufficient_scope';
  /** `Failed to parse Connect Session Auth Token`: Cloud read a Bearer value as a Connect session token. */
  connectTokenUnparsed?: true;
  /** `Basic authentication with passwords is deprecated`. */
  basicPasswordDeprecated?: true;
  /** An OAuth 1.0 `oauth_problem`, from a form-encoded body or `WWW-Authenticate: OAuth …`. */
  oauthProblem?: { problem: string; from: 'body' | 'www-authenticate' };
  /** The response's `Date` (epoch ms), kept where an OAuth 1.0 problem is to be judged against the request's timestamp. */
  serverDate?: number;
  /** An OAuth 2.0 token endpoint's JSON `error` and `error_description` (e.g. `invalid_grant`). */
  oauthError?: { error: string; description: string | null };
  /** `error` / `error_description` of an Atlassian login redirect (URL or Location), e.g. `access_denied`. */
  loginError?: { error: string; description: string | null; from: 'url' | 'location' };
  /** An IdP's own error seen in its answer: an Entra `AADSTS…` code, or Okta's "not assigned" 403. */
  idpError?: string;
}

export type Severity = 'error' | 'warning' | 'info';

export type FindingCode =
  | 'silent-anonymous'
  | 'session-expired'
  | 'captcha-required'
  | 'login-failed'
  | 'authorisation-failed'
  | 'cloud-basic-auth-username'
  | 'auth-required-no-challenge'
  | 'basic-challenge'
  | 'session-cookie-cleared'
  | 'logged-out'
  | 'sso-failed'
  | 'sso-assertion-expired'
  | 'sso-clock-skew'
  | 'sso-audience-mismatch'
  | 'sso-destination-mismatch'
  | 'sso-loop'
  | 'sso-user-unknown'
  | 'cloud-token-refused'
  | 'cloud-password-basic'
  | 'scope-mismatch'
  | 'token-wrong-scheme'
  | 'oauth-refresh-rejected'
  | 'applink-oauth-problem'
  | 'sso-policy-mismatch';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** Exchange.index of the entry that raised it. */
  entry: number;
  url: string;
  /** The request's method (reports show `#3 GET /rest/api/3/myself`); not part of the JSON output. */
  method?: string;
  /** One sentence: what happened. */
  message: string;
  /** One sentence: what to do. */
  fix: string;
}

export type Deployment = 'cloud' | 'server' | 'unknown';
export type Product = 'jira' | 'confluence' | 'bitbucket' | 'unknown';

export interface OriginInfo {
  origin: string;
  atlassian: boolean;
  deployment: Deployment;
  /** Which Atlassian product answers on this origin, from its fingerprints (findings.md); `unknown` until one shows. */
  product: Product;
}

export interface SessionEvent {
  /** `expired`: the cookie's expiry, or the session token's `exp` where the cookie has none (at that time). */
  kind: 'issued' | 'renewed' | 'sent' | 'cleared' | 'expired' | 'anonymous';
  entry: number;
  time: number;
}

/** The claims of a Cloud session token (a JWT) that the engine keeps; times in epoch ms. Never the token itself. */
export interface SessionToken {
  /** Atlassian account id (`sub`). */
  accountId: string | null;
  email: string | null;
  issuedAt: number | null;
  /** When the token was due to be refreshed (`refreshTimeout`). */
  refreshAt: number | null;
  expires: number | null;
}

export interface SessionInfo {
  origin: string;
  /** Session cookie name, e.g. JSESSIONID. */
  cookie: string;
  user: string | null;
  issuedEntry: number | null;
  /** Epoch ms of expiry, or null for a browser-session cookie. */
  expires: number | null;
  /**
   * Epoch ms of the `exp` claim of a session cookie whose value is a JWT (Cloud's session tokens), null
   * otherwise: the session's real end where the cookie itself never expires.
   */
  tokenExpires: number | null;
  /** The kept claims of that token, where the cookie is one. */
  token: SessionToken | null;
  clearedEntry: number | null;
  lastSentEntry: number | null;
  /**
   * Entry where the server first treated this session as anonymous, if it did: a page served as anonymous
   * (silent-anonymous) or a 401 under /rest (session-expired).
   */
  anonymousEntry: number | null;
  /** Timeline for the panel (bounded; oldest "sent" events collapse). */
  events: SessionEvent[];
  /** The single sign-on that created this session: its cookie was set by the consumer's answer or right after it. */
  sso?: SessionSso;
}

/** How a session was signed in through SSO; times in epoch ms. */
export interface SessionSso {
  /** The consumer exchange (the IdP's answer arriving at the Atlassian side). */
  entry: number;
  protocol: 'saml' | 'oidc';
  /** The IdP (SAML Issuer); null for OIDC, whose id_token is never read. */
  issuer: string | null;
  nameId: string | null;
  authnInstant: number | null;
  /** How long the IdP allowed the session (SessionNotOnOrAfter). */
  sessionNotOnOrAfter: number | null;
}

/** One SSO message or callback seen in the log, for reports (CLI JSON `sso`). */
export interface SsoEntry {
  entry: number;
  /** The exchange's URL (already redacted). */
  url: string;
  sso: SsoFacts;
}

/** What one incremental step returns: only what changed. */
export interface AnalysisDelta {
  findings: Finding[];
  sessions: SessionInfo[];
  origins: OriginInfo[];
}

export interface AnalysisResult {
  findings: Finding[];
  sessions: SessionInfo[];
  origins: OriginInfo[];
  /** Exchanges with SSO facts, in entry order (the analyzer fills it; optional for other producers). */
  sso?: SsoEntry[];
}

// The facts of single sign-on messages and what adapters hand to toExchange live here, with the rest of the
// data model, so that this file imports nothing.

export type SamlBinding = 'redirect' | 'post';

export interface SamlStatus {
  /** Top-level status code URI, e.g. `urn:oasis:names:tc:SAML:2.0:status:Success`. */
  code: string | null;
  /** Second-level status code URI (e.g. `…:status:AuthnFailed`), where the IdP sent one. */
  subCode: string | null;
  message: string | null;
}

/** The facts of one SAML message; times are epoch ms. */
export interface SamlFacts {
  binding: SamlBinding;
  /** The message element: AuthnRequest, Response, LogoutRequest, LogoutResponse, … */
  message: string;
  id: string | null;
  inResponseTo: string | null;
  issueInstant: number | null;
  issuer: string | null;
  destination: string | null;
  /** AuthnRequest's AssertionConsumerServiceURL. */
  acsUrl: string | null;
  status: SamlStatus | null;
  nameId: string | null;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  audiences: string[];
  /** The assertion's own issuer and IssueInstant (may differ from the response's). */
  assertionIssuer: string | null;
  assertionIssueInstant: number | null;
  /** Conditions' window. */
  notBefore: number | null;
  notOnOrAfter: number | null;
  /** The bearer SubjectConfirmationData's window and recipient. */
  subjectNotBefore: number | null;
  subjectNotOnOrAfter: number | null;
  recipient: string | null;
  authnInstant: number | null;
  /** How long the IdP allows the SP's session (AuthnStatement's SessionNotOnOrAfter). */
  sessionNotOnOrAfter: number | null;
  /** Names of the assertion's attributes (never their values). */
  attributeNames: string[];
  responseSigned: boolean;
  assertionSigned: boolean;
  assertionEncrypted: boolean;
}

export interface OidcFacts {
  error: string | null;
  errorDescription: string | null;
  statePresent: boolean;
  /** A `code` came back (its value is never kept). */
  codePresent: boolean;
  /** An `id_token` or `access_token` came back in the URL (implicit flow; values never kept). */
  tokenPresent: boolean;
}

export type SsoEndpointKind =
  /** Starts an SSO login on the Atlassian side (answers with a redirect or form to the IdP). */
  | 'saml-login'
  /** Where the IdP posts its SAML response (Assertion Consumer Service). */
  | 'saml-consumer'
  | 'oidc-login'
  /** Where the OpenID Connect provider sends the browser back (`code` or `error`). */
  | 'oidc-callback'
  /** Crowd Data Center acting as the SAML IdP of the other products. */
  | 'crowd-idp'
  /** Cloud's login hosts (id.atlassian.com, auth.atlassian.com), except the consumer below. */
  | 'cloud-login'
  /** Cloud's SAML consumer on auth.atlassian.com. */
  | 'cloud-saml-consumer';

export interface RawBody {
  text?: string;
  mimeType?: string;
}

/** What an adapter saw: the Exchange's own fields, raw headers (secrets included) and bodies. */
export type RawExchange = Pick<
  Exchange,
  'index' | 'id' | 'time' | 'durationMs' | 'tabId' | 'frameId' | 'type' | 'method' | 'url' | 'status' | 'requestHeaders' | 'responseHeaders'
> & {
  requestBody?: RawBody;  responseBody?: RawBody;
  /** SSO facts a redacted HAR carried (sso/carry.ts), already validated: used where the messages are gone. */
  sso?: SsoFacts;
};
