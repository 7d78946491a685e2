/**
 * The request detail's SSO tab in words: the facts the engine kept of a SAML message or an OpenID Connect
 * callback (engine/sso), as label/value rows. A row is marked as the cause of a failure only where the engine
 * raised the matching finding on this exchange: the judgement lives in the analysis, the tab shows its
 * evidence. Pure, so the wording is unit-tested; times read as the panel's clock (format.ts).
 */
import type { FindingCode, SsoFacts, SamlFacts } from '../../engine/types';
import { stamp } from '../format';
import { duration } from '../../engine/analysis/sso';
import { urlParts } from '../../engine/ground/atlassian';

export interface SsoRow {
  label: string;
  value: string;
  /** Why this value explains a failure, in a few words; absent when it is fine or unknown. */
  problem?: string;
}

export interface SsoView {
  /** One sentence: what this exchange is in the SSO leg. */
  title: string;
  rows: SsoRow[];
  /** The assertion, a code or a token came by and was not kept: said once, so nobody looks for it. */
  kept: string;
}

const STATUS = 'urn:oasis:names:tc:SAML:2.0:status:';
const NAMEID = 'urn:oasis:names:tc:SAML:';

/** `…:status:AuthnFailed` → `AuthnFailed`: the URI's last word is what people search for. */
export function shortUri(uri: string, prefix: string): string {
  return uri.startsWith(prefix) ? uri.slice(uri.lastIndexOf(':') + 1) : uri;
}

/** A validity window, and where the message arrived against it (for the evidence of a finding). */
function windowRow(label: string, from: number | null, until: number | null, received: number, now: number, flagged: boolean): SsoRow | null {
  if (from === null && until === null) return null;
  const value = `${from === null ? '…' : stamp(from, now)} – ${until === null ? '…' : stamp(until, now)}`;
  if (!flagged) return { label, value };
  if (until !== null && received >= until) return { label, value, problem: `received ${duration(received - until)} after it ended` };
  if (from !== null && received < from) return { label, value, problem: `received ${duration(from - received)} before it began` };
  return { label, value };
}

function samlRows(s: SamlFacts, received: number, postedTo: string, now: number, codes: ReadonlySet<FindingCode>): SsoRow[] {
  const rows: SsoRow[] = [];
  const add = (label: string, value: string | null | undefined, problem?: string | false) => {
    if (value === null || value === undefined || value === '') return;
    rows.push(problem ? { label, value, problem } : { label, value });
  };
  add('Issuer (IdP)', s.issuer ?? s.assertionIssuer);
  if (s.status) {
    const code = s.status.code ? shortUri(s.status.code, STATUS) : 'none';
    const sub = s.status.subCode ? ` / ${shortUri(s.status.subCode, STATUS)}` : '';
    add('Status', `${code}${sub}${s.status.message ? `: ${s.status.message}` : ''}`, codes.has('sso-failed') && 'the IdP did not sign you in');
  }
  add('Destination', s.destination, codes.has('sso-destination-mismatch') && `posted to ${postedTo}`);
  add('Consumer URL (ACS)', s.acsUrl);
  add('NameID', s.nameId, codes.has('sso-user-unknown') && 'no session came of it: is this a user of the site?');
  add('NameID format', s.nameIdFormat ? shortUri(s.nameIdFormat, NAMEID) : null);
  add('Audience', s.audiences.join(', ') || null, codes.has('sso-audience-mismatch') && `this site is ${urlParts(postedTo)?.origin ?? postedTo}`);
  add('Recipient', s.recipient);
  const timing = codes.has('sso-assertion-expired') || codes.has('sso-clock-skew');
  for (const r of [
    windowRow('Conditions valid', s.notBefore, s.notOnOrAfter, received, now, timing),
    windowRow('Subject confirmation valid', s.subjectNotBefore, s.subjectNotOnOrAfter, received, now, timing),
  ])
    if (r) rows.push(r);
  add('Issued', s.issueInstant === null ? null : stamp(s.issueInstant, now));
  add('Signed in at the IdP (AuthnInstant)', s.authnInstant === null ? null : stamp(s.authnInstant, now));
  add('IdP allows the session until', s.sessionNotOnOrAfter === null ? null : stamp(s.sessionNotOnOrAfter, now));
  add('Session index', s.sessionIndex);
  add('Attributes', s.attributeNames.length ? s.attributeNames.join(', ') : null);
  if (s.message === 'Response') {
    add('Signed', [s.responseSigned ? 'response' : null, s.assertionSigned ? 'assertion' : null].filter(Boolean).join(' and ') || 'no signature');
    add('Assertion encrypted', s.assertionEncrypted ? 'yes' : 'no');
  }
  add('In response to', s.inResponseTo);
  add('Message ID', s.id);
  return rows;
}

const ENDPOINT_WORDS: Record<string, string> = {
  'saml-login': 'starts a SAML sign-in',
  'saml-consumer': "is where the IdP's SAML answer arrives (the consumer)",
  'oidc-login': 'starts an OpenID Connect sign-in',
  'oidc-callback': 'is where the OpenID Connect provider sends you back',
  'crowd-idp': "is Crowd's SSO page (Crowd as the IdP)",
  'cloud-login': "is Atlassian Cloud's login",
  'cloud-saml-consumer': "is where Atlassian Cloud receives the IdP's SAML answer",
};

/**
 * The SSO tab of one exchange, or null when the exchange has nothing to say about SSO. `codes`: the findings
 * the engine raised on this exchange.
 */
export function ssoView(
  sso: SsoFacts | undefined,
  exchange: { url: string; time: number },
  codes: ReadonlySet<FindingCode> = new Set(),
  now: number = Date.now(),
): SsoView | null {
  if (!sso || (!sso.saml && !sso.oidc && !sso.departs && !sso.error && !sso.endpoint)) return null;
  // The server received the message before it answered: the request's start is the closest the log has.
  const received = exchange.time;
  const rows: SsoRow[] = [];
  let title = sso.endpoint ? `This URL ${ENDPOINT_WORDS[sso.endpoint] ?? 'is part of single sign-on'}.` : 'Part of a single sign-on.';
  if (sso.departs) title += ` The answer sends the browser to the identity provider (${sso.departs === 'saml' ? 'SAML' : 'OpenID Connect'}).`;
  if (sso.saml) {
    const where = sso.from === 'form' ? 'posted form' : sso.from === 'location' ? "response's Location" : 'URL';
    rows.push({ label: 'SAML message', value: `${sso.saml.message}, ${sso.saml.binding === 'post' ? 'POST' : 'Redirect'} binding, read from the ${where}` });
    rows.push(...samlRows(sso.saml, received, exchange.url.split(/[?#]/)[0]!, now, codes));
  }
  if (sso.oidc) {
    const o = sso.oidc;
    if (o.error) {
      const value = o.errorDescription ? `${o.error}: ${o.errorDescription}` : o.error;
      rows.push(codes.has('sso-failed') ? { label: 'Error', value, problem: 'the provider did not sign you in' } : { label: 'Error', value });
    }
    rows.push({ label: 'Authorization code', value: o.codePresent ? 'came back (value not kept)' : 'none' });
    rows.push({ label: 'state', value: o.statePresent ? 'present' : 'missing' });
    if (o.tokenPresent) rows.push({ label: 'Token in the URL', value: 'yes (value not kept)' });
  }
  if (sso.responseDate !== undefined) {
    const off = sso.responseDate - received;
    rows.push({ label: "Server's clock (Date)", value: `${stamp(sso.responseDate, now)}${Math.abs(off) >= 2000 ? ` (${duration(off)} ${off > 0 ? 'ahead of' : 'behind'} this browser)` : ''}` });
  }
  if (sso.error) rows.push({ label: 'Could not read the message', value: sso.error, problem: 'nothing of it was kept' });
  const kept = sso.saml?.message === 'Response' ? 'The assertion itself is a credential: only these facts were kept, never the message.' : sso.oidc ? 'Codes and tokens are never kept.' : 'Only these facts were kept, never the message.';
  return { title, rows, kept };
}
