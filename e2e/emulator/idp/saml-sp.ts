/**
 * The SAML Assertion Consumer Service, `/plugins/servlet/samlconsumer` (HTTP-POST binding: SAMLResponse +
 * RelayState). It checks what OneLogin's java-saml, which Atlassian's SSO app uses, checks: the signatures
 * (the Response's, and the Assertion's on its own), the status, InResponseTo, Destination, Audience,
 * Recipient, the time window with 180 s of allowed skew, and then that NameID names a user of the product.
 * It reads only XML a verified signature covers, so a wrapped or edited document cannot slip anything in.
 */
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { Exchange } from '../exchange';
import { readBody } from '../login';
import { DSIG_NS, idpKeys } from './sign';
import { finishSso, serviceProvider, ssoError, userNamed } from './sp';
import { NS_ASSERTION, NS_PROTOCOL, STATUS, decodePost } from './saml-xml';
import { ALLOWED_SKEW_SEC } from './sso-state';
import { attr, child, parseXml, path, text, type XmlNode } from './xml-read';

export async function samlConsumer(ex: Exchange): Promise<void> {
  if (ex.method !== 'POST') return ssoError(ex, 'The SAML consumer takes a POST with SAMLResponse');
  const form = new URLSearchParams(await readBody(ex.req));
  const { state } = ex;
  const pending = state.sso.take(form.get('RelayState'));
  if (!pending) return ssoError(ex, 'Unknown or used RelayState: this login was not started here (or was already finished)');
  const samlResponse = form.get('SAMLResponse');
  if (!samlResponse) return ssoError(ex, 'SAML Response not found, only the RelayState');
  const checked = validate(decodePost(samlResponse), { ...serviceProvider(state.origin), requestId: pending.requestId, now: state.clock.now() });
  if (typeof checked === 'string') return ssoError(ex, `Received invalid SAML response: ${checked}`);
  const user = userNamed(ex, checked.nameId);
  if (!user) return ssoError(ex, `Received SSO request for user ${checked.nameId}, but the user does not exist`);
  finishSso(ex, user, pending);
}

interface Expected {
  entityId: string;
  acsUrl: string;
  requestId: string;
  now: number;
}

/** The NameID of a Response that passes every check, or the reason it does not (java-saml's wording where known). */
export function validate(xml: string, want: Expected): { nameId: string } | string {
  const signed = signedParts(xml);
  if (typeof signed === 'string') return signed;
  const response = child(parseXml(signed.response), 'Response');
  const code = path(response, 'Status', 'StatusCode');
  if (attr(code, 'Value') !== STATUS.success) {
    const sub = attr(child(code, 'StatusCode'), 'Value');
    const message = text(path(response, 'Status', 'StatusMessage'));
    return `The status code of the Response was not Success, was ${attr(code, 'Value') ?? '(none)'}${sub ? ` -> ${sub}` : ''}${message ? `: ${message}` : ''}`;
  }
  if (!signed.assertion) return 'No signed Assertion in the Response';
  if (attr(response, 'InResponseTo') !== want.requestId) {
    return `The InResponseTo of the Response: ${attr(response, 'InResponseTo') ?? '(none)'}, does not match the ID of the AuthNRequest sent by the SP: ${want.requestId}`;
  }
  const destination = attr(response, 'Destination');
  if (destination !== undefined && destination !== want.acsUrl) return `The response was received at ${want.acsUrl} instead of ${destination}`;
  const assertion = child(parseXml(signed.assertion), 'Assertion');
  const conditions = child(assertion, 'Conditions');
  const audience = text(path(conditions, 'AudienceRestriction', 'Audience'));
  if (audience !== want.entityId) return `${audience ?? '(no audience)'} is not a valid audience for this Response (expected ${want.entityId})`;
  const confirmation = path(assertion, 'Subject', 'SubjectConfirmation', 'SubjectConfirmationData');
  if (attr(confirmation, 'Recipient') !== want.acsUrl) return `The Recipient ${attr(confirmation, 'Recipient') ?? '(none)'} does not match the consumer URL ${want.acsUrl}`;
  if (attr(confirmation, 'InResponseTo') !== want.requestId) return 'The InResponseTo of the SubjectConfirmationData does not match the AuthNRequest ID';
  const timing = checkWindow(want.now, attr(conditions, 'NotBefore'), [attr(conditions, 'NotOnOrAfter'), attr(confirmation, 'NotOnOrAfter')]);
  if (timing) return timing;
  const nameId = text(path(assertion, 'Subject', 'NameID'));
  if (!nameId) return 'The Assertion has no NameID';
  return { nameId };
}

/** java-saml's timing checks: NotBefore may be up to the skew in the future, NotOnOrAfter up to the skew in the past. */
function checkWindow(now: number, notBefore: string | undefined, notOnOrAfter: Array<string | undefined>): string | null {
  const skew = ALLOWED_SKEW_SEC * 1000;
  if (notBefore !== undefined && Date.parse(notBefore) > now + skew) {
    return `Timing issues (please check your clock settings): NotBefore ${notBefore} is after ${new Date(now).toISOString()}`;
  }
  for (const end of notOnOrAfter) {
    if (end !== undefined && Date.parse(end) <= now - skew) return `Could not validate timestamp: expired (NotOnOrAfter ${end}). Check system clock.`;
  }
  return null;
}

/**
 * The canonical XML of the Response and of its Assertion, each as its own verified signature covers it; a
 * reason when a signature is missing, does not verify with the IdP key, or covers another element than the
 * one it sits in (signature wrapping).
 */
function signedParts(xml: string): { response: string; assertion: string | null } | string {
  const errors: string[] = [];
  const doc = new DOMParser({ errorHandler: (level: string, msg: unknown) => void (level !== 'warning' && errors.push(String(msg))) }).parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (errors.length || !root || root.localName !== 'Response' || root.namespaceURI !== NS_PROTOCOL) return 'The SAML Response is not a samlp:Response document';
  const response = verifiedPart(xml, root as unknown as Element);
  if (!response) return 'Signature validation failed. SAML Response rejected';
  const assertions = children(root as unknown as Element, NS_ASSERTION, 'Assertion');
  if (assertions.length > 1) return 'The Response must contain exactly one Assertion';
  if (assertions.length === 0) return { response, assertion: null };
  const assertion = verifiedPart(xml, assertions[0]!);
  if (!assertion) return 'The Assertion of the Response is not signed or its signature does not verify';
  return { response, assertion };
}

function verifiedPart(xml: string, element: Element): string | null {
  const signatures = children(element, DSIG_NS, 'Signature');
  if (signatures.length !== 1) return null;
  const sig = new SignedXml({ publicCert: idpKeys().publicKeyPem });
  try {
    sig.loadSignature(signatures[0]!);
    if (!sig.checkSignature(xml)) return null;
  } catch {
    return null;
  }
  const refs = sig.getSignedReferences();
  if (refs.length !== 1) return null;
  // The signature must cover the very element it sits in, nothing else.
  const signedRoot = parseXml(refs[0]!);
  const name = element.localName;
  return attr(child(signedRoot, name) as XmlNode | undefined, 'ID') === element.getAttribute('ID') ? refs[0]! : null;
}

function children(el: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === localName && (n as Element).namespaceURI === ns) out.push(n as Element);
  }
  return out;
}
