/**
 * SSO facts carried in a HAR entry (`_seraphSso`), so a redacted HAR or the panel's export keeps what the
 * SAML message said after the message itself is gone: `redact` writes them before it removes the message,
 * the export writes the exchange's facts, and the reader uses them where the entry no longer holds a
 * readable message. A HAR is untrusted input: the field is rebuilt key by key with the types and caps the
 * decoder itself produces, and anything else in it is dropped.
 */
import type { SamlFacts, SsoFacts } from '../types';
import { SSO_ENDPOINTS, type SsoEndpointKind } from './endpoints';
import { SAML_LIMITS } from './saml';

export const SSO_HAR_FIELD = '_seraphSso';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const KINDS = new Set<string>(SSO_ENDPOINTS.map((e) => e.kind));

function str(x: unknown): string | null {
  if (typeof x !== 'string') return null;
  return x.length > SAML_LIMITS.maxValue + 1 ? x.slice(0, SAML_LIMITS.maxValue) + '…' : x;
}
const time = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) && Math.abs(x) <= 8.64e15 ? x : null);
const strs = (x: unknown): string[] => (Array.isArray(x) ? x.slice(0, SAML_LIMITS.maxAttributeNames).map(str).filter((s): s is string => s !== null) : []);

function saml(x: unknown): SamlFacts | undefined {
  if (!isObj(x)) return undefined;
  const message = str(x.message);
  if (message === null) return undefined;
  const status = isObj(x.status) ? { code: str(x.status.code), subCode: str(x.status.subCode), message: str(x.status.message) } : null;
  return {
    binding: x.binding === 'post' ? 'post' : 'redirect',
    message,
    id: str(x.id),
    inResponseTo: str(x.inResponseTo),
    issueInstant: time(x.issueInstant),
    issuer: str(x.issuer),
    destination: str(x.destination),
    acsUrl: str(x.acsUrl),
    status,
    nameId: str(x.nameId),
    nameIdFormat: str(x.nameIdFormat),
    sessionIndex: str(x.sessionIndex),
    audiences: strs(x.audiences),
    assertionIssuer: str(x.assertionIssuer),
    assertionIssueInstant: time(x.assertionIssueInstant),
    notBefore: time(x.notBefore),
    notOnOrAfter: time(x.notOnOrAfter),
    subjectNotBefore: time(x.subjectNotBefore),
    subjectNotOnOrAfter: time(x.subjectNotOnOrAfter),
    recipient: str(x.recipient),
    authnInstant: time(x.authnInstant),
    sessionNotOnOrAfter: time(x.sessionNotOnOrAfter),
    attributeNames: strs(x.attributeNames),
    responseSigned: x.responseSigned === true,
    assertionSigned: x.assertionSigned === true,
    assertionEncrypted: x.assertionEncrypted === true,
  };
}

/** The facts of a `_seraphSso` field, rebuilt; undefined when it holds none worth keeping. */
export function carriedSsoFacts(x: unknown): SsoFacts | undefined {
  if (!isObj(x)) return undefined;
  const endpoint = typeof x.endpoint === 'string' && KINDS.has(x.endpoint) ? (x.endpoint as SsoEndpointKind) : null;
  const facts: SsoFacts = { endpoint };
  if (x.from === 'url' || x.from === 'location' || x.from === 'form') facts.from = x.from;
  const s = saml(x.saml);
  if (s) facts.saml = s;
  if (isObj(x.oidc)) {
    facts.oidc = {
      error: str(x.oidc.error),
      errorDescription: str(x.oidc.errorDescription),
      statePresent: x.oidc.statePresent === true,
      codePresent: x.oidc.codePresent === true,
      tokenPresent: x.oidc.tokenPresent === true,
    };
  }
  if (x.departs === 'saml' || x.departs === 'oidc') facts.departs = x.departs;
  const date = time(x.responseDate);
  if (date !== null) facts.responseDate = date;
  const error = str(x.error);
  if (error !== null) facts.error = error;
  return hasMessageFacts(facts) ? facts : undefined;
}

/** Whether the facts say more than "this URL is an SSO endpoint" (which the URL itself still tells). */
export function hasMessageFacts(f: SsoFacts | undefined): f is SsoFacts {
  return !!f && (f.saml !== undefined || f.oidc !== undefined || f.departs !== undefined || f.error !== undefined);
}

/**
 * The facts an entry should carry: those read from its message where it still has one; else those it
 * already carried (a second redaction, an import of an export), which know more than a redacted message.
 */
export function ssoFactsToCarry(decoded: SsoFacts | undefined, carried: unknown): SsoFacts | undefined {
  if (decoded?.saml || decoded?.oidc) return decoded;
  const kept = carriedSsoFacts(carried);
  if (kept) return decoded?.endpoint && !kept.endpoint ? { ...kept, endpoint: decoded.endpoint } : kept;
  return hasMessageFacts(decoded) ? decoded : undefined;
}
