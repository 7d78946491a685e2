/**
 * SSO facts carried in a HAR file. A redacted HAR (the `redact` command, the recorded fixtures, the panel's
 * export) no longer holds the SAML messages or OIDC parameters the facts are read from, so their facts
 * travel beside them in the entry's custom field `_seraphSso` (HAR allows fields starting with `_`): the
 * same analysis before and after redaction. Read back from a file, the field is untrusted input: it is
 * rebuilt field by field with types checked and lengths capped, never taken as it is.
 */
import type { Header, OidcFacts, SamlFacts, SsoFacts } from '../types';
import { SSO_ENDPOINTS, type SsoEndpointKind } from './endpoints';
import { ssoFacts } from './sso';

export const SSO_HAR_FIELD = '_seraphSso';
const MAYBE_SSO = /\/plugins\/servlet\/|\/saml\/sso\.action|\/\/(?:id|auth)\.atlassian\.com|SAML/i;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const MAX = 512;
const str = (x: unknown): string | null => (typeof x === 'string' ? x.slice(0, MAX) : null);
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const bool = (x: unknown): boolean => x === true;
const strs = (x: unknown, max: number): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string').slice(0, max).map((s) => s.slice(0, MAX)) : []);
const KINDS = new Set<string>(SSO_ENDPOINTS.map((e) => e.kind));

/** Carried facts as the engine's SsoFacts, or undefined when the value is not facts. */
export function ssoFactsFromJson(x: unknown): SsoFacts | undefined {
  if (!isObj(x)) return undefined;
  const endpoint = typeof x.endpoint === 'string' && KINDS.has(x.endpoint) ? (x.endpoint as SsoEndpointKind) : null;
  // Keys in the order ssoFacts() writes them, so a second redaction writes the same text (redact is idempotent).
  const out: SsoFacts = { endpoint };
  if (x.from === 'url' || x.from === 'location' || x.from === 'form') out.from = x.from;
  const saml = samlFromJson(x.saml);
  if (saml) out.saml = saml;
  const error = str(x.error);
  if (error !== null) out.error = error;
  const oidc = oidcFromJson(x.oidc);
  if (oidc) out.oidc = oidc;
  if (x.departs === 'saml' || x.departs === 'oidc') out.departs = x.departs;
  const date = num(x.responseDate);
  if (date !== null) out.responseDate = date;
  return out;
}

function samlFromJson(x: unknown): SamlFacts | undefined {
  if (!isObj(x) || typeof x.message !== 'string' || (x.binding !== 'redirect' && x.binding !== 'post')) return undefined;
  const st = isObj(x.status) ? x.status : null;
  return {
    binding: x.binding,
    message: x.message.slice(0, MAX),
    id: str(x.id),
    inResponseTo: str(x.inResponseTo),
    issueInstant: num(x.issueInstant),
    issuer: str(x.issuer),
    destination: str(x.destination),
    acsUrl: str(x.acsUrl),
    status: st ? { code: str(st.code), subCode: str(st.subCode), message: str(st.message) } : null,
    nameId: str(x.nameId),
    nameIdFormat: str(x.nameIdFormat),
    sessionIndex: str(x.sessionIndex),
    audiences: strs(x.audiences, 20),
    assertionIssuer: str(x.assertionIssuer),
    assertionIssueInstant: num(x.assertionIssueInstant),
    notBefore: num(x.notBefore),
    notOnOrAfter: num(x.notOnOrAfter),
    subjectNotBefore: num(x.subjectNotBefore),
    subjectNotOnOrAfter: num(x.subjectNotOnOrAfter),
    recipient: str(x.recipient),
    authnInstant: num(x.authnInstant),
    sessionNotOnOrAfter: num(x.sessionNotOnOrAfter),
    attributeNames: strs(x.attributeNames, 50),
    responseSigned: bool(x.responseSigned),
    assertionSigned: bool(x.assertionSigned),
    assertionEncrypted: bool(x.assertionEncrypted),
  };
}

function oidcFromJson(x: unknown): OidcFacts | undefined {
  if (!isObj(x)) return undefined;
  return { error: str(x.error), errorDescription: str(x.errorDescription), statePresent: bool(x.statePresent), codePresent: bool(x.codePresent), tokenPresent: bool(x.tokenPresent) };
}

/**
 * The SSO facts of a raw HAR entry, for redactHar to carry: read from its raw request and response, else
 * the facts it already carries (a second redaction finds only markers where the messages were).
 */
export function ssoOfHarEntry(entry: Obj): SsoFacts | undefined {
  const req = isObj(entry.request) ? entry.request : null;
  const res = isObj(entry.response) ? entry.response : {};
  const carried = ssoFactsFromJson(entry[SSO_HAR_FIELD]);
  if (!req || typeof req.url !== 'string') return carried;
  const post = isObj(req.postData) ? req.postData : null;
  const status = typeof res.status === 'number' ? res.status : 0;
  // Redaction walks every entry: only those that can hold SSO facts are read.
  const maybe = MAYBE_SSO.test(req.url) || (status >= 300 && status < 400) || (typeof post?.text === 'string' && post.text.includes('SAML'));
  if (!maybe) return carried;
  const headers = (list: unknown): Header[] =>
    Array.isArray(list) ? list.filter((h): h is Obj => isObj(h) && typeof h.name === 'string' && typeof h.value === 'string').map((h) => ({ name: h.name as string, value: h.value as string })) : [];
  const computed = ssoFacts({
    method: typeof req.method === 'string' ? req.method : 'GET',
    url: req.url,
    status,
    responseHeaders: headers(res.headers),
    ...(post && typeof post.text === 'string' ? { requestBody: { text: post.text, ...(typeof post.mimeType === 'string' ? { mimeType: post.mimeType } : {}) } } : {}),
  });
  return preferred(computed, carried);
}

/** Facts read from the messages themselves win; carried facts stand in where only redaction markers are left. */
export function preferred(computed: SsoFacts | undefined, carried: SsoFacts | undefined): SsoFacts | undefined {
  if (computed && (computed.saml || computed.oidc || !carried)) return computed;
  return carried ?? computed;
}
