/**
 * Cloud credentials on the two hosts that take them (tokens-2026.md §§1, 2, 5): the site
 * (`acme.atlassian.net`) and the API gateway (`api.atlassian.com/ex/{product}/{cloudId}`). Classic API tokens
 * work on both; scoped tokens and OAuth 2.0 access tokens only at the gateway; passwords nowhere. The
 * answers use the texts real servers were seen sending.
 */
import { ANONYMOUS, type Directory, type Identification, type LoginRecords, type Presented } from './auth';
import type { OAuth2Tokens } from './oauth2';

export interface CannedAnswer {
  status: 401 | 403;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json;charset=UTF-8';
const json = (status: 401 | 403, value: unknown): CannedAnswer => ({ status, contentType: JSON_TYPE, body: JSON.stringify(value) });

/** ID-9034, Pipedream #20210: a token without the scope an endpoint needs; also a scoped token at the site (Community qaq-p/3089340). */
export const SCOPE_MISMATCH = json(401, { code: 401, message: 'Unauthorized; scope does not match' });
/** Two spaces after the full stop, and the Confluence link even on Jira, as recorded (elastic/integrations #3684 and others). */
export const PASSWORD_BASIC_DEPRECATED =
  'Basic authentication with passwords is deprecated.  For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/';
/** An API token (or anything not a Connect JWT) sent as Bearer to a site: 4 reports, this exact text (spaced as reported). */
export const CONNECT_PARSE_FAILURE: CannedAnswer = { status: 403, contentType: JSON_TYPE, body: '{"error": "Failed to parse Connect Session Auth Token"}' };
/** Cloud's REST 401 for a caller whose credentials failed (node-jira-client #255, gajira-login #59). */
export const CLIENT_MUST_AUTHENTICATE = { message: 'Client must be authenticated to access this resource.', 'status-code': 401 };
/** Chosen: no capture shows the gateway's answer to a bad or expired credential; the shape follows its scope answer. */
export const GATEWAY_UNAUTHORIZED = json(401, { code: 401, message: 'Unauthorized' });

const refused = (answer: CannedAnswer, scheme: 'basic' | 'bearer', extra: Partial<Extract<Identification, { kind: 'refused' }>> = {}): Identification => ({
  kind: 'refused',
  status: answer.status,
  reason: null,
  scheme,
  answer,
  ...extra,
});

/** Basic `email:secret` at the site host. */
export function cloudSiteBasic(login: string, secret: string, directory: Directory, records: LoginRecords): Identification {
  const match = directory.cloudToken(login, secret);
  if (match?.token.status === 'active') {
    if (match.token.kind === 'scoped') return refused(SCOPE_MISMATCH, 'basic', { login });
    if (match.user.appAccess === false) return { kind: 'refused', status: 401, reason: 'AUTHORISATION_FAILED', scheme: 'basic', login };
    return { kind: 'caller', caller: { user: match.user, session: null, via: 'basic', staleSessionCookie: false } };
  }
  // Expired or revoked: the request runs as anonymous with AUTHENTICATED_FAILED (jira.js#418); not a failed login for CAPTCHA.
  if (match) return { kind: 'caller', caller: ANONYMOUS, reason: 'AUTHENTICATED_FAILED' };
  records.failed(login);
  return refused({ status: 401, contentType: 'text/plain;charset=UTF-8', body: PASSWORD_BASIC_DEPRECATED }, 'basic', { reason: 'AUTHENTICATED_FAILED', login });
}

/** Bearer at the site host: an OAuth 2.0 access token is refused (it works at the gateway only); anything else is not a Connect token. */
export function cloudSiteBearer(token: string, oauth: OAuth2Tokens): Identification {
  if (oauth.accessGrant(token)) return refused(json(401, CLIENT_MUST_AUTHENTICATE), 'bearer');
  return refused(CONNECT_PARSE_FAILURE, 'bearer');
}

/** api.atlassian.com/ex/…: Basic with a classic or scoped API token, or Bearer with an OAuth 2.0 access token; `scope` is what the endpoint needs. */
export function gatewayIdentify(presented: Presented, scope: string, directory: Directory, oauth: OAuth2Tokens): Identification {
  if (presented.kind === 'basic') {
    const match = directory.cloudToken(presented.login, presented.secret);
    if (match?.token.status !== 'active') return refused(GATEWAY_UNAUTHORIZED, 'basic', { login: presented.login });
    if (match.token.kind === 'scoped' && !match.token.scopes?.includes(scope)) return refused(SCOPE_MISMATCH, 'basic', { login: presented.login });
    return { kind: 'caller', caller: { user: match.user, session: null, via: 'basic', staleSessionCookie: false } };
  }
  if (presented.kind === 'bearer') {
    const grant = oauth.accessGrant(presented.token);
    if (!grant) return refused(GATEWAY_UNAUTHORIZED, 'bearer');
    if (!grant.scopes.includes(scope)) return refused(SCOPE_MISMATCH, 'bearer');
    return { kind: 'caller', caller: { user: grant.user, session: null, via: 'bearer', staleSessionCookie: false } };
  }
  return refused(GATEWAY_UNAUTHORIZED, 'basic');
}
