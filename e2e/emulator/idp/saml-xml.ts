/**
 * SAML 2.0 messages as the emulator's SP and IdP write them: the AuthnRequest (HTTP-Redirect binding:
 * raw DEFLATE, then base64, then URL-encoded, SAML bindings §3.4.4.1) and the Response with one Assertion
 * (HTTP-POST binding: base64 of the XML). Pure string building; signing is in sign.ts.
 */
import { randomUUID } from 'node:crypto';
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

export const NS_PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const NS_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
} as const;
export const NAMEID_UNSPECIFIED = 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
const POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

/** Atlassian's SSO app uses OneLogin's java-saml, whose message IDs look like this. */
export const samlId = () => `ONELOGIN_${randomUUID()}`;

/** xs:dateTime in UTC without milliseconds, as most IdPs write it. */
export const samlTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function xmlEsc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface AuthnRequestFields {
  id: string;
  issueInstant: number;
  /** The IdP's SSO URL. */
  destination: string;
  /** Where the IdP must post the Response (the SP's consumer). */
  acsUrl: string;
  /** The SP entity id: Atlassian Data Center uses its base URL. */
  issuer: string;
}

export function authnRequestXml(f: AuthnRequestFields): string {
  return (
    `<samlp:AuthnRequest xmlns:samlp="${NS_PROTOCOL}" xmlns:saml="${NS_ASSERTION}" ID="${xmlEsc(f.id)}" Version="2.0" IssueInstant="${samlTime(f.issueInstant)}"` +
    ` Destination="${xmlEsc(f.destination)}" ProtocolBinding="${POST_BINDING}" AssertionConsumerServiceURL="${xmlEsc(f.acsUrl)}">` +
    `<saml:Issuer>${xmlEsc(f.issuer)}</saml:Issuer><samlp:NameIDPolicy Format="${NAMEID_UNSPECIFIED}" AllowCreate="true"/></samlp:AuthnRequest>`
  );
}

/** The SAMLRequest query value of the Redirect binding (before URL encoding). */
export const encodeRedirect = (xml: string) => Buffer.from(deflateSync(strToU8(xml))).toString('base64');
export const decodeRedirect = (value: string) => strFromU8(inflateSync(Buffer.from(value, 'base64')));
/** The SAMLResponse form value of the POST binding. */
export const encodePost = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
export const decodePost = (value: string) => Buffer.from(value, 'base64').toString('utf8');

export interface ResponseFields {
  responseId: string;
  assertionId: string;
  issuer: string;
  issueInstant: number;
  /** Response/@Destination: the consumer URL the IdP believes it posts to. */
  destination: string;
  inResponseTo: string;
  /** null: a Success Response with an Assertion. Otherwise the failure status, message, and no Assertion. */
  failure: { status: string; subStatus: string; message: string } | null;
  nameId: string;
  /** SubjectConfirmationData/@Recipient. */
  recipient: string;
  audience: string;
  notBefore: number;
  notOnOrAfter: number;
  authnInstant: number;
  sessionIndex: string;
  sessionNotOnOrAfter: number;
  attributes: Record<string, string>;
}

function statusXml(f: ResponseFields): string {
  if (!f.failure) return `<samlp:Status><samlp:StatusCode Value="${STATUS.success}"/></samlp:Status>`;
  return (
    `<samlp:Status><samlp:StatusCode Value="${xmlEsc(f.failure.status)}"><samlp:StatusCode Value="${xmlEsc(f.failure.subStatus)}"/></samlp:StatusCode>` +
    `<samlp:StatusMessage>${xmlEsc(f.failure.message)}</samlp:StatusMessage></samlp:Status>`
  );
}

function assertionXml(f: ResponseFields): string {
  const attrs = Object.entries(f.attributes)
    .map(([name, value]) => `<saml:Attribute Name="${xmlEsc(name)}"><saml:AttributeValue>${xmlEsc(value)}</saml:AttributeValue></saml:Attribute>`)
    .join('');
  return (
    `<saml:Assertion xmlns:saml="${NS_ASSERTION}" ID="${xmlEsc(f.assertionId)}" Version="2.0" IssueInstant="${samlTime(f.issueInstant)}">` +
    `<saml:Issuer>${xmlEsc(f.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${NAMEID_UNSPECIFIED}">${xmlEsc(f.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${xmlEsc(f.inResponseTo)}"` +
    ` NotOnOrAfter="${samlTime(f.notOnOrAfter)}" Recipient="${xmlEsc(f.recipient)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${samlTime(f.notBefore)}" NotOnOrAfter="${samlTime(f.notOnOrAfter)}">` +
    `<saml:AudienceRestriction><saml:Audience>${xmlEsc(f.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${samlTime(f.authnInstant)}" SessionIndex="${xmlEsc(f.sessionIndex)}" SessionNotOnOrAfter="${samlTime(f.sessionNotOnOrAfter)}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attrs ? `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` : '') +
    `</saml:Assertion>`
  );
}

/** The unsigned Response XML. */
export function responseXml(f: ResponseFields): string {
  return (
    `<samlp:Response xmlns:samlp="${NS_PROTOCOL}" xmlns:saml="${NS_ASSERTION}" ID="${xmlEsc(f.responseId)}" Version="2.0" IssueInstant="${samlTime(f.issueInstant)}"` +
    ` Destination="${xmlEsc(f.destination)}" InResponseTo="${xmlEsc(f.inResponseTo)}">` +
    `<saml:Issuer>${xmlEsc(f.issuer)}</saml:Issuer>${statusXml(f)}${f.failure ? '' : assertionXml(f)}</samlp:Response>`
  );
}
