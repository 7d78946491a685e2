/**
 * Reads the facts of a SAML message and forgets the message. The HTTP-Redirect binding carries it in the
 * `SAMLRequest` / `SAMLResponse` query parameter (base64 of raw DEFLATE); the HTTP-POST binding in a form
 * field of the same name (base64, no compression). A response's assertion is a bearer credential: only the
 * facts below leave this module, never the XML, a signature or a value of an attribute.
 */
import { Inflate, strFromU8 } from 'fflate';
import { child, children, find, parseXml, type XmlElement } from './xml';
import type { SamlBinding, SamlStatus, SamlFacts } from '../types';
export type { SamlBinding, SamlStatus, SamlFacts };

export const SAML_LIMITS = {
  /** Characters of the base64 parameter (a 512 KB XML is about 700 KB of base64). */
  maxEncoded: 1024 * 1024,
  /** Bytes after inflating: a decompression bomb stops here. */
  maxInflated: 512 * 1024,
  /** Attribute names kept per message. */
  maxAttributeNames: 50,
  /** Characters kept of any one value. */
  maxValue: 512,
  /** Characters kept of an attribute name, and audiences kept: the facts stay a few KB even for hostile input. */
  maxAttributeName: 128,
  maxAudiences: 10,
} as const;

export type SamlDecode = { ok: true; facts: SamlFacts } | { ok: false; error: string };

/** Decodes a SAML parameter value (already URL-decoded) of either binding. Never throws. */
export function decodeSamlParam(value: string, binding: SamlBinding): SamlDecode {
  const xml = samlXmlOfParam(value, binding);
  return xml.ok ? samlFactsOfXml(xml.xml, binding) : xml;
}

/** The XML text of a SAML parameter value (base64, DEFLATEd for the Redirect binding), within the limits. Never throws. */
export function samlXmlOfParam(value: string, binding: SamlBinding): { ok: true; xml: string } | { ok: false; error: string } {
  if (value.length > SAML_LIMITS.maxEncoded) return { ok: false, error: `SAML message too large (${value.length} characters)` };
  const bytes = base64Bytes(value);
  if (!bytes) return { ok: false, error: 'SAML message is not valid base64' };
  if (binding === 'redirect') {
    const inflated = inflateCapped(bytes, SAML_LIMITS.maxInflated);
    return inflated.ok ? { ok: true, xml: strFromU8(inflated.bytes) } : inflated;
  }
  if (bytes.length > SAML_LIMITS.maxInflated) return { ok: false, error: `SAML message too large (${bytes.length} bytes)` };
  return { ok: true, xml: strFromU8(bytes) };
}

/** The facts of a SAML message's XML. Never throws. */
export function samlFactsOfXml(xml: string, binding: SamlBinding): SamlDecode {
  if (!/^\s*(?:<\?xml[^>]*\?>\s*)?</.test(xml.slice(0, 200))) return { ok: false, error: 'SAML message is not XML' };
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, error: `SAML message rejected: ${parsed.error}` };
  try {
    return { ok: true, facts: factsOf(parsed.root, binding) };
  } catch (err) {
    // factsOf only reads a bounded tree; this is a bug guard, not an expected path.
    return { ok: false, error: `SAML message unreadable (${String(err).slice(0, 80)})` };
  }
}

const SAML_PROTOCOL = new Set(['AuthnRequest', 'Response', 'LogoutRequest', 'LogoutResponse', 'ArtifactResolve', 'ArtifactResponse', 'AttributeQuery', 'AuthnQuery']);

function factsOf(root: XmlElement, binding: SamlBinding): SamlFacts {
  const assertion = child(root, 'Assertion');
  const subject = child(assertion, 'Subject') ?? child(root, 'Subject');
  const nameIdEl = child(subject, 'NameID');
  const conditions = child(assertion, 'Conditions');
  const bearer = children(subject, 'SubjectConfirmation').find((s) => /:bearer$/.test(s.attrs.Method ?? '')) ?? child(subject, 'SubjectConfirmation');
  const scd = child(bearer, 'SubjectConfirmationData');
  const authn = child(assertion, 'AuthnStatement');
  const statusEl = child(root, 'Status');
  const topCode = child(statusEl, 'StatusCode');
  const attributeNames: string[] = [];
  for (const st of children(assertion, 'AttributeStatement')) {
    for (const a of children(st, 'Attribute')) {
      const n = (a.attrs.FriendlyName || a.attrs.Name)?.slice(0, SAML_LIMITS.maxAttributeName);
      if (n && attributeNames.length < SAML_LIMITS.maxAttributeNames && !attributeNames.includes(n)) attributeNames.push(n);
    }
  }
  const audiences: string[] = [];
  for (const r of children(conditions, 'AudienceRestriction')) {
    for (const a of children(r, 'Audience')) if (a.text.trim() && audiences.length < SAML_LIMITS.maxAudiences) audiences.push(cap(a.text.trim())!);
  }
  return {
    binding,
    message: SAML_PROTOCOL.has(root.name) ? root.name : cap(root.name)!,
    id: cap(root.attrs.ID),
    inResponseTo: cap(root.attrs.InResponseTo),
    issueInstant: time(root.attrs.IssueInstant),
    issuer: cap(child(root, 'Issuer')?.text.trim()),
    destination: cap(root.attrs.Destination),
    acsUrl: cap(root.attrs.AssertionConsumerServiceURL),
    status: statusEl
      ? {
          code: cap(topCode?.attrs.Value),
          subCode: cap(child(topCode, 'StatusCode')?.attrs.Value),
          message: cap(child(statusEl, 'StatusMessage')?.text.trim()),
        }
      : null,
    nameId: cap(nameIdEl?.text.trim()),
    nameIdFormat: cap(nameIdEl?.attrs.Format),
    sessionIndex: cap(authn?.attrs.SessionIndex ?? child(root, 'SessionIndex')?.text.trim()),
    audiences,
    assertionIssuer: cap(child(assertion, 'Issuer')?.text.trim()),
    assertionIssueInstant: time(assertion?.attrs.IssueInstant),
    notBefore: time(conditions?.attrs.NotBefore),
    notOnOrAfter: time(conditions?.attrs.NotOnOrAfter),
    subjectNotBefore: time(scd?.attrs.NotBefore),
    subjectNotOnOrAfter: time(scd?.attrs.NotOnOrAfter),
    recipient: cap(scd?.attrs.Recipient),
    authnInstant: time(authn?.attrs.AuthnInstant),
    sessionNotOnOrAfter: time(authn?.attrs.SessionNotOnOrAfter),
    attributeNames,
    // An enveloped signature is a direct child of what it signs.
    responseSigned: child(root, 'Signature') !== undefined,
    assertionSigned: child(assertion, 'Signature') !== undefined,
    assertionEncrypted: child(root, 'EncryptedAssertion') !== undefined || (assertion === undefined && find(root, 'EncryptedAssertion') !== undefined),
  };
}

function cap(s: string | undefined | null): string | null {
  if (s === undefined || s === null || s === '') return null;
  return s.length > SAML_LIMITS.maxValue ? s.slice(0, SAML_LIMITS.maxValue) + '…' : s;
}

/** xs:dateTime → epoch ms; null when absent or not a time. */
function time(s: string | undefined): number | null {
  if (!s || s.length > 64 || !/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(s)) return null;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : null;
}

const B64 = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
B64['-'.charCodeAt(0)] = 62; // base64url, seen from lenient encoders
B64['_'.charCodeAt(0)] = 63;

/**
 * Standard base64 (and base64url) to bytes; whitespace ignored, a space read as `+` (a `+` that reached a
 * query string unencoded decodes to a space). Null when anything else is off.
 */
export function base64Bytes(s: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((s.length * 3) / 4) + 3);
  let acc = 0;
  let bits = 0;
  let o = 0;
  let pad = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c === 0x3d /* = */) {
      pad++;
      continue;
    }
    if (c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (c === 0x20) c = 0x2b;
    const v = c < 128 ? B64[c]! : -1;
    if (v < 0 || pad) return null; // data after padding, or not base64
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (o === 0 || pad > 2) return null;
  return out.subarray(0, o);
}

/** Raw DEFLATE with an output cap, fed in small slices so a bomb is stopped after at most one slice's output. */
export function inflateCapped(data: Uint8Array, max: number): { ok: true; bytes: Uint8Array } | { ok: false; error: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > max) over = true;
    else chunks.push(chunk);
    if (final) done = true;
  });
  const SLICE = 256; // ≤ 256 × 1032 (DEFLATE's largest ratio) ≈ 260 KB of output per push
  try {
    for (let i = 0; i < data.length && !over && !done; i += SLICE) inflate.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch (err) {
    return { ok: false, error: `SAML message is not valid DEFLATE data (${String(err instanceof Error ? err.message : err).slice(0, 60)})` };
  }
  if (over) return { ok: false, error: `SAML message inflates to more than ${max} bytes` };
  if (!done) return { ok: false, error: 'SAML message is truncated DEFLATE data' };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { ok: true, bytes: out };
}
