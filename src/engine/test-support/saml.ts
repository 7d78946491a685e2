/**
 * Test builders for SAML messages shaped like real ones (Atlassian's AuthnRequest, an IdP's signed
 * Response), encoded for the Redirect binding (raw DEFLATE + base64) or the POST binding (base64), and for
 * the SSO leg of a Data Center login as the browser records it. Tests only (Node's Buffer is fine here).
 */
import { deflateSync, strToU8 } from 'fflate';
import { toExchange, type RawExchange } from '../intake/to-exchange';
import type { Exchange, Header } from '../types';

export const SP = 'https://jira.example.com';
export const ACS = `${SP}/plugins/servlet/samlconsumer`;
export const IDP = 'https://idp.example.org';
export const IDP_ENTITY = `${IDP}/saml/metadata`;
export const IDP_SSO = `${IDP}/saml/sso`;
/** A planted secret: a signature value that must never show up in any output. */
export const SIGNATURE_SECRET = 'SIGVALUEc2VjcmV0LXNpZ25hdHVyZS1kby1ub3QtbGVhaw';

export const base64 = (s: string | Uint8Array) => Buffer.from(typeof s === 'string' ? strToU8(s) : s).toString('base64');
export const redirectEncode = (xml: string) => base64(deflateSync(strToU8(xml)));
export const iso = (ms: number) => new Date(ms).toISOString();

export function authnRequestXml(o: { id?: string; issueInstant?: number; prefix?: string } = {}): string {
  const p = o.prefix ?? 'samlp';
  const a = p === '' ? '' : 'saml:';
  const pp = p === '' ? '' : `${p}:`;
  return `<?xml version="1.0" encoding="UTF-8"?><${pp}AuthnRequest xmlns${p ? `:${p}` : ''}="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.id ?? '_req1'}" Version="2.0" IssueInstant="${iso(o.issueInstant ?? Date.UTC(2026, 10, 24, 10, 0, 0))}" Destination="${IDP_SSO}" AssertionConsumerServiceURL="${ACS}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><${a || 'saml:'}Issuer>${SP}</${a || 'saml:'}Issuer><${pp}NameIDPolicy Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified" AllowCreate="true"/></${pp}AuthnRequest>`;
}

export interface ResponseOpts {
  /** When the IdP issued it (epoch ms); the window is [now - 5 s, now + 5 min]. */
  now: number;
  status?: string;
  subStatus?: string;
  statusMessage?: string;
  nameId?: string;
  audience?: string;
  destination?: string;
  recipient?: string;
  /** Namespace prefix of the assertion elements: 'saml', 'saml2', or '' (default namespace). */
  prefix?: 'saml' | 'saml2' | '';
  encrypted?: boolean;
  validMs?: number;
  sessionMs?: number;
}

export function responseXml(o: ResponseOpts): string {
  const pfx = o.prefix ?? 'saml';
  const a = (name: string) => (pfx ? `${pfx}:${name}` : name);
  const nsDecl = pfx ? `xmlns:${pfx}="urn:oasis:names:tc:SAML:2.0:assertion"` : 'xmlns="urn:oasis:names:tc:SAML:2.0:assertion"';
  const status = o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success';
  const ok = status.endsWith(':Success');
  const valid = o.validMs ?? 5 * 60_000;
  const sig = (ref: string) =>
    `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="#${ref}"><ds:DigestValue>ZGlnZXN0</ds:DigestValue></ds:Reference></ds:SignedInfo><ds:SignatureValue>${SIGNATURE_SECRET}</ds:SignatureValue></ds:Signature>`;
  const assertion = `<${a('Assertion')} ${nsDecl} ID="_a1" Version="2.0" IssueInstant="${iso(o.now)}"><${a('Issuer')}>${IDP_ENTITY}</${a('Issuer')}>${sig('_a1')}<${a('Subject')}><${a('NameID')} Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${o.nameId ?? 'fred@example.com'}</${a('NameID')}><${a('SubjectConfirmation')} Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><${a('SubjectConfirmationData')} InResponseTo="_req1" NotOnOrAfter="${iso(o.now + valid)}" Recipient="${o.recipient ?? ACS}"/></${a('SubjectConfirmation')}></${a('Subject')}><${a('Conditions')} NotBefore="${iso(o.now - 5000)}" NotOnOrAfter="${iso(o.now + valid)}"><${a('AudienceRestriction')}><${a('Audience')}>${o.audience ?? SP}</${a('Audience')}></${a('AudienceRestriction')}></${a('Conditions')}><${a('AuthnStatement')} AuthnInstant="${iso(o.now - 1000)}" SessionIndex="_sess42" SessionNotOnOrAfter="${iso(o.now + (o.sessionMs ?? 8 * 3600_000))}"><${a('AuthnContext')}><${a('AuthnContextClassRef')}>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</${a('AuthnContextClassRef')}></${a('AuthnContext')}></${a('AuthnStatement')}><${a('AttributeStatement')}><${a('Attribute')} Name="email"><${a('AttributeValue')}>fred-secret-attr@example.com</${a('AttributeValue')}></${a('Attribute')}><${a('Attribute')} Name="groups"><${a('AttributeValue')}>jira-users</${a('AttributeValue')}></${a('Attribute')}></${a('AttributeStatement')}></${a('Assertion')}>`;
  const encrypted = `<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"><xenc:CipherData><xenc:CipherValue>Q2lwaGVy</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>`;
  const sub = o.subStatus ? `<samlp:StatusCode Value="${o.subStatus}"/>` : '';
  const msg = o.statusMessage ? `<samlp:StatusMessage>${o.statusMessage}</samlp:StatusMessage>` : '';
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" InResponseTo="_req1" Version="2.0" IssueInstant="${iso(o.now)}" Destination="${o.destination ?? ACS}"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${IDP_ENTITY}</saml:Issuer>${sig('_r1')}<samlp:Status><samlp:StatusCode Value="${status}">${sub}</samlp:StatusCode>${msg}</samlp:Status>${ok ? (o.encrypted ? encrypted : assertion) : ''}</samlp:Response>`;
}

interface RawOpts {
  method?: string;
  status?: number;
  location?: string;
  form?: string;
  headers?: Header[];
  cookies?: string;
  setCookie?: string[];
  user?: string | null;
  type?: string;
  date?: number | null;
}

/** The SSO leg as the browser records it, in time order, through toExchange. */
export class SsoTraffic {
  readonly log: Exchange[] = [];
  t: number;
  constructor(start = Date.UTC(2026, 10, 24, 10, 0, 0)) {
    this.t = start;
  }
  advance(ms: number): this {
    this.t += ms;
    return this;
  }
  raw(url: string, o: RawOpts = {}): Exchange {
    this.t += 500;
    const responseHeaders: Header[] = [{ name: 'Content-Type', value: 'text/html;charset=UTF-8' }];
    if (o.date !== null) responseHeaders.push({ name: 'Date', value: new Date(o.date ?? this.t).toUTCString() });
    if (o.location) responseHeaders.push({ name: 'Location', value: o.location });
    if (o.user !== null && url.startsWith(SP)) responseHeaders.push({ name: 'X-AUSERNAME', value: o.user ?? 'anonymous' });
    for (const c of o.setCookie ?? []) responseHeaders.push({ name: 'Set-Cookie', value: c });
    responseHeaders.push(...(o.headers ?? []));
    const requestHeaders: Header[] = o.cookies ? [{ name: 'Cookie', value: o.cookies }] : [];
    const raw: RawExchange = {
      index: this.log.length,
      id: String(this.log.length),
      time: this.t,
      method: o.method ?? 'GET',
      url,
      status: o.status ?? 200,
      type: o.type ?? 'main_frame',
      requestHeaders,
      responseHeaders,
      ...(o.form !== undefined ? { requestBody: { text: o.form, mimeType: 'application/x-www-form-urlencoded' } } : {}),
    };
    const ex = toExchange(raw);
    this.log.push(ex);
    return ex;
  }
  /** Jira sends the browser to the IdP with an AuthnRequest (Redirect binding). */
  depart(path = '/plugins/servlet/external-login'): Exchange {
    return this.raw(SP + path, { status: 302, location: `${IDP_SSO}?SAMLRequest=${encodeURIComponent(redirectEncode(authnRequestXml()))}&RelayState=relay-secret-1` });
  }
  /** The IdP's login page receives it. */
  atIdp(): Exchange {
    return this.raw(`${IDP_SSO}?SAMLRequest=${encodeURIComponent(redirectEncode(authnRequestXml()))}&RelayState=relay-secret-1`, { user: null });
  }
  /** The browser posts the IdP's response to the consumer. */
  consume(xml: string, o: RawOpts = {}): Exchange {
    const form = `SAMLResponse=${encodeURIComponent(base64(xml))}&RelayState=relay-secret-1`;
    return this.raw(ACS, { method: 'POST', status: 302, location: `${SP}/secure/Dashboard.jspa`, form, ...o });
  }
}
