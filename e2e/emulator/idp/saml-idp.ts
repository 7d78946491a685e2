/**
 * The IdP's SAML endpoint, `<idp>/sso`: takes the AuthnRequest of the HTTP-Redirect binding (GET, SAMLRequest =
 * base64(raw DEFLATE(xml)), RelayState) and answers with the HTTP-POST binding: an auto-submitting form posting
 * SAMLResponse (base64 of a Response signed around an Assertion signed on its own) and RelayState unchanged to
 * the consumer. The failure switches shape the Response here (status, clock, Audience, Destination, NameID).
 */
import type { ServerResponse } from 'node:http';
import * as pages from './idp-pages';
import { STALE_BASE_URL, idpNow, nameIdFor, type IdpContext } from './idp-context';
import { STATUS, decodeRedirect, encodePost, responseXml, samlId } from './saml-xml';
import { signSamlElement } from './sign';
import { attr, child, parseXml, text } from './xml-read';

/** How long a good assertion is valid: five minutes, a common IdP default. */
const ASSERTION_LIFETIME_MS = 5 * 60_000;
/** The IdP's own session: eight hours (SessionNotOnOrAfter). */
const IDP_SESSION_MS = 8 * 3600_000;

export interface ParsedAuthnRequest {
  id: string;
  acsUrl: string;
  issuer: string;
}

/** The AuthnRequest of a Redirect-binding SAMLRequest value; a sentence saying what is wrong otherwise. */
export function readAuthnRequest(samlRequest: string | null): ParsedAuthnRequest | string {
  if (!samlRequest) return 'SAMLRequest is missing';
  let xml: string;
  try {
    xml = decodeRedirect(samlRequest);
  } catch {
    return 'SAMLRequest is not base64 of raw DEFLATE data';
  }
  const req = child(parseXml(xml), 'AuthnRequest');
  const id = attr(req, 'ID');
  const acsUrl = attr(req, 'AssertionConsumerServiceURL');
  const issuer = text(child(req, 'Issuer'));
  if (!id || !acsUrl || !issuer) return 'SAMLRequest is not an AuthnRequest with ID, AssertionConsumerServiceURL and Issuer';
  return { id, acsUrl, issuer };
}

/** GET /sso (Redirect binding) and POST /sso (the username form of an IdP without an automatic user). */
export function samlSso(ctx: IdpContext, res: ServerResponse, params: URLSearchParams): void {
  const samlRequest = params.get('SAMLRequest');
  const relayState = params.get('RelayState') ?? '';
  const request = readAuthnRequest(samlRequest);
  if (typeof request === 'string') return send(res, 400, pages.idpError(request));
  // An IdP answers only service providers registered with it, at their registered consumer URL.
  if (request.issuer !== ctx.sp.entityId || request.acsUrl !== ctx.sp.acsUrl) {
    return send(res, 400, pages.idpError(`Unknown service provider ${request.issuer} (consumer ${request.acsUrl})`));
  }
  const user = params.get('username')?.trim() || ctx.sso.settings.user;
  if (!user) return send(res, 200, pages.usernameForm('/sso', { SAMLRequest: samlRequest!, RelayState: relayState }));
  const xml = signedResponse(ctx, request, user);
  const note = ctx.sso.settings.failure === 'failed' ? 'Sign-in failed; returning to the application.' : `Signed in as ${user}; returning to the application.`;
  send(res, 200, pages.autoPost(ctx.sp.acsUrl, { SAMLResponse: encodePost(xml), RelayState: relayState }, note));
}

/** The Response for `request`, signed (Assertion, then Response), shaped by the failure switch. */
export function signedResponse(ctx: IdpContext, request: ParsedAuthnRequest, user: string): string {
  const failure = ctx.sso.settings.failure;
  const now = idpNow(ctx);
  // `expired`: an assertion whose window closed before it was sent (beyond the SP's allowed skew), while
  // IssueInstant is right: the IdP's clock is fine, its assertion is stale (e.g. cached or replayed).
  const [notBefore, notOnOrAfter] = failure === 'expired' ? [now - 15 * 60_000, now - 10 * 60_000] : [now - 30_000, now + ASSERTION_LIFETIME_MS];
  const responseId = samlId();
  const assertionId = samlId();
  let xml = responseXml({
    responseId,
    assertionId,
    issuer: ctx.url,
    issueInstant: now,
    destination: failure === 'destination' ? `${STALE_BASE_URL}/plugins/servlet/samlconsumer` : ctx.sp.acsUrl,
    inResponseTo: request.id,
    failure: failure === 'failed' ? { status: STATUS.responder, subStatus: STATUS.authnFailed, message: `Authentication failed for ${user} (emulated IdP switch: failed)` } : null,
    nameId: nameIdFor(ctx, user),
    recipient: ctx.sp.acsUrl,
    audience: failure === 'audience' ? STALE_BASE_URL : ctx.sp.entityId,
    notBefore,
    notOnOrAfter,
    authnInstant: now,
    sessionIndex: `_${samlId()}`,
    sessionNotOnOrAfter: now + IDP_SESSION_MS,
    attributes: { email: `${user}@idp.example.com`, displayName: user },
  });
  if (failure !== 'failed') xml = signSamlElement(xml, assertionId, 'Assertion');
  return signSamlElement(xml, responseId, 'Response');
}

export function send(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/html;charset=UTF-8', 'Cache-Control': 'no-store', ...headers });
  res.end(html);
}
