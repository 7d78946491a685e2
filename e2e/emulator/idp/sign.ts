/**
 * The IdP's signing key and the two things it signs: SAML XML (enveloped XML-DSig with xml-crypto, the way
 * real IdPs sign a Response and its Assertion) and OIDC id_tokens (RS256 JWTs with node:crypto). One RSA key
 * pair per process, made at first use: generating one per emulator would slow every test that turns SSO on.
 */
import { createSign, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SignedXml } from 'xml-crypto';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const XML_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export interface IdpKeys {
  privateKeyPem: string;
  publicKeyPem: string;
  publicKey: KeyObject;
  /** The JWK `kid` of the key, for id_token headers. */
  kid: string;
}

let keys: IdpKeys | undefined;

export function idpKeys(): IdpKeys {
  if (!keys) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = {
      privateKeyPem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      publicKey: pair.publicKey,
      kid: 'emulator-idp-1',
    };
  }
  return keys;
}

/**
 * Signs the element with the given ID (an Assertion or the Response), putting <ds:Signature> right after its
 * <saml:Issuer>, where the SAML schema wants it. Sign the Assertion first, then the Response, so the
 * Response's digest covers the Assertion's signature, as IdPs that sign both do.
 */
export function signSamlElement(xml: string, id: string, elementName: 'Assertion' | 'Response'): string {
  const sig = new SignedXml({ privateKey: idpKeys().privateKeyPem, canonicalizationAlgorithm: XML_C14N, signatureAlgorithm: RSA_SHA256 });
  const self = `//*[local-name(.)='${elementName}' and @ID='${id}']`;
  sig.addReference({ xpath: self, digestAlgorithm: SHA256, transforms: [ENVELOPED, XML_C14N] });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${self}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** An RS256 JWT signed with the IdP key (OIDC id_token). */
export function signJwt(claims: Record<string, unknown>): string {
  const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: idpKeys().kid }));
  const body = b64url(JSON.stringify(claims));
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(idpKeys().privateKeyPem);
  return `${head}.${body}.${b64url(signature)}`;
}

/** The claims of an RS256 JWT whose signature the IdP key verifies; null for anything else. */
export function verifyJwt(token: string): Record<string, unknown> | null {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return null;
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== 'RS256') return null;
    const ok = createVerify('RSA-SHA256').update(`${head}.${body}`).verify(idpKeys().publicKey, Buffer.from(signature, 'base64url'));
    if (!ok) return null;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
