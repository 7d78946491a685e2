/**
 * The SSO facts of one exchange, read from its raw URL, raw `Location` and raw form body before they are
 * redacted (toExchange), like the session token's claims: the facts stay, the messages and codes do not.
 * Cheap on everything else: a few `includes` before any parsing.
 */
import type { Header, SsoFacts } from '../types';
import { headerValues } from '../exchange/headers';
import { decodeSamlParam, type SamlBinding, type SamlDecode } from './saml';
import { oidcFactsOfUrl } from './oidc';
import { isSsoConsumer, ssoEndpointOf } from './endpoints';

export interface SsoInput {
  method: string;
  url: string;
  status: number;
  responseHeaders: readonly Header[];
  requestBody?: { text?: string; mimeType?: string };
}

const MAYBE_ENDPOINT = /\/plugins\/servlet\/|\/saml\/sso\.action|\/\/(?:id|auth)\.atlassian\.com/i;

/** Form bodies larger than this are not read (a SAML POST is tens of KB). */
const MAX_FORM = 2 * 1024 * 1024;

export function ssoFacts(raw: SsoInput): SsoFacts | undefined {
  // Most URLs are no SSO endpoint: a substring test spares them the URL split and the patterns.
  const endpoint = MAYBE_ENDPOINT.test(raw.url) ? ssoEndpointOf(raw.url) : null;
  const location = locationOf(raw);
  const found = samlMessageOf(raw);
  const oidc = endpoint === 'oidc-callback' ? oidcFactsOfUrl(raw.url) : null;
  const departs = location === null ? null : queryMessage(location, 'SAMLRequest') ? 'saml' : isOidcAuthorize(location) ? 'oidc' : null;
  if (endpoint === null && !found && !departs) return undefined;

  const facts: SsoFacts = { endpoint };
  if (found) {
    facts.from = found.from;
    const decoded: SamlDecode = decodeSamlParam(found.value, found.binding);
    if (decoded.ok) facts.saml = decoded.facts;
    else facts.error = decoded.error;
  }
  if (oidc) facts.oidc = oidc;
  if (departs) facts.departs = departs;
  const date = headerValues(raw.responseHeaders, 'date')[0];
  const ms = date && date.length < 64 ? Date.parse(date) : NaN;
  if (Number.isFinite(ms)) facts.responseDate = ms;
  return facts;
}

/** A SAML message as sent (base64, DEFLATEd for the Redirect binding) and where it was found. */
export interface SamlMessage {
  value: string;
  binding: SamlBinding;
  from: 'form' | 'url' | 'location';
}
type Found = Omit<SamlMessage, 'from'>;

const locationOf = (raw: SsoInput) => (raw.status >= 300 && raw.status < 400 ? (headerValues(raw.responseHeaders, 'location')[0] ?? null) : null);

/** The exchange's SAML message: the posted form first, then the request URL, then the redirect's `Location`. */
export function samlMessageOf(raw: SsoInput): SamlMessage | null {
  const form = formMessage(raw);
  if (form) return { ...form, from: 'form' };
  const inUrl = queryMessage(raw.url);
  if (inUrl) return { ...inUrl, from: 'url' };
  const location = locationOf(raw);
  const inLocation = location ? queryMessage(location) : null;
  return inLocation ? { ...inLocation, from: 'location' } : null;
}

/** `SAMLResponse` (or `SAMLRequest`) of a urlencoded form post: the POST binding. */
function formMessage(raw: SsoInput): Found | null {
  const text = raw.requestBody?.text;
  if (raw.method.toUpperCase() !== 'POST' || !text || text.length > MAX_FORM || !text.includes('SAML')) return null;
  const mime = raw.requestBody?.mimeType ?? '';
  if (mime && !/application\/x-www-form-urlencoded/i.test(mime)) return null;
  const params = safeParams(text);
  const value = params?.get('SAMLResponse') ?? params?.get('SAMLRequest');
  return value ? { value, binding: 'post' } : null;
}

/** `SAMLRequest` / `SAMLResponse` in a URL's query: the Redirect binding. */
function queryMessage(url: string, only?: 'SAMLRequest'): Found | null {
  if (!url.includes(only ?? 'SAML')) return null;
  const q = url.indexOf('?');
  if (q < 0) return null;
  const h = url.indexOf('#', q);
  const params = safeParams(url.slice(q + 1, h < 0 ? undefined : h));
  const value = params?.get('SAMLRequest') ?? (only ? null : params?.get('SAMLResponse'));
  return value ? { value, binding: 'redirect' } : null;
}

function safeParams(s: string): URLSearchParams | null {
  try {
    return new URLSearchParams(s);
  } catch {
    return null;
  }
}

/** An OpenID Connect authorization request whose redirect_uri is an Atlassian callback: the browser leaves for the IdP. */
function isOidcAuthorize(location: string): boolean {
  if (!location.includes('redirect_uri=') || !location.includes('response_type=')) return false;
  const q = location.indexOf('?');
  const redirect = safeParams(location.slice(q + 1))?.get('redirect_uri');
  return !!redirect && isSsoConsumer(ssoEndpointOf(redirect));
}

/**
 * webRequest hands a form post's body over parsed (`requestBody.formData`: name → values); toExchange reads
 * `requestBody.text`. This spells it back as the urlencoded text, for the consumer URLs the capture reads.
 */
export function formDataToText(formData: Readonly<Record<string, readonly string[]>>): { text: string; mimeType: string } {
  const params = new URLSearchParams();
  for (const [name, values] of Object.entries(formData)) for (const v of values) params.append(name, v);
  return { text: params.toString(), mimeType: 'application/x-www-form-urlencoded' };
}
