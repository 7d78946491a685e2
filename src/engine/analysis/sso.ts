/**
 * The single-sign-on side of the analysis: what the SSO facts of one exchange mean (a departure to the IdP,
 * an answer arriving at the consumer, the checks an Atlassian SP makes on a SAML response) and the state
 * the SSO rules read. Pure functions of the exchange facts; the state moves on in `advanceSso`.
 */
import type { Finding, SamlFacts, SessionSso } from '../types';
import type { ExchangeFacts } from './facts';
import type { OriginState } from './rules/rule';
import type { TrackedSession } from './sessions';
import { isLoginOnlyCookie, isSessionCookie } from '../ground/atlassian';
import { isSsoConsumer, isSsoStart } from '../sso/endpoints';
export { newSsoTrail, type SsoTrail, type SsoOriginState } from './sso-state';

/**
 * The clock drift an Atlassian SP tolerates: OneLogin java-saml's ALLOWED_CLOCK_DRIFT (180 s), which
 * Atlassian's SSO app uses. An assertion is refused when NotBefore is further than this in the SP's future
 * or NotOnOrAfter further than this in its past; response times further than this from the server's Date
 * mean the clocks disagree.
 */
export const ALLOWED_SKEW_MS = 180_000;
/** Two trips to the IdP closer than this, with no sign-in between, are a loop. */
export const SSO_LOOP_WINDOW_MS = 60_000;
/** How long after the consumer accepted an assertion its pages (and session cookies) count as its outcome. */
export const SSO_FOLLOW_MS = 120_000;

/** The exchange sends the browser to the IdP: an AuthnRequest in its Location, an OIDC authorization request, or an SSO start endpoint's answer. */
export function isDeparture(f: ExchangeFacts): boolean {
  const sso = f.ex.sso;
  if (!sso) return false;
  if (sso.departs) return true;
  return isSsoStart(sso.endpoint) && sso.endpoint !== 'cloud-login' && f.ex.status >= 200 && f.ex.status < 400 && !sso.saml && !sso.error;
}

/** The IdP's answer arrives at an Atlassian consumer (SAML response posted, or the OIDC callback). */
export function isReturn(f: ExchangeFacts): boolean {
  const sso = f.ex.sso;
  if (!sso || !isSsoConsumer(sso.endpoint)) return false;
  return sso.endpoint === 'oidc-callback' ? sso.oidc !== undefined : sso.from !== 'location' && (sso.saml?.message === 'Response' || sso.error !== undefined);
}

/** The response shows a signed-in user (named, `lin`, a login OK, or a cookie that exists only after a login). */
export function showsSignIn(f: ExchangeFacts): boolean {
  if (f.ex.credentials === null && f.caller !== null) return true;
  if (f.xsrf === 'lin' && f.anonymousBy === null) return true;
  if (f.loginReason.outcome === 'OK') return true;
  return f.setCookies.some((c) => !c.cleared && !c.empty && isLoginOnlyCookie(c.name));
}

/** The SAML Response this exchange delivered to the Atlassian side (posted to it, or in its URL), if any. */
export function receivedResponse(f: ExchangeFacts): SamlFacts | null {
  const sso = f.ex.sso;
  if (!sso?.saml || sso.from === 'location' || sso.saml.message !== 'Response') return null;
  return sso.saml;
}

export function isSuccess(saml: SamlFacts): boolean {
  return saml.status === null || saml.status.code === null || /:status:Success$/.test(saml.status.code);
}

/** When the consumer received it: the server's Date where it sent one (second resolution), else the HAR/capture time. */
export function receivedAt(f: ExchangeFacts): { time: number; byServer: boolean } {
  const date = f.ex.sso?.responseDate;
  return date !== undefined ? { time: date, byServer: true } : { time: f.ex.time, byServer: false };
}

/** The earliest end of the assertion's validity (conditions, bearer confirmation). */
export function validUntil(saml: SamlFacts): number | null {
  const ends = [saml.notOnOrAfter, saml.subjectNotOnOrAfter].filter((t): t is number => t !== null);
  return ends.length ? Math.min(...ends) : null;
}

export function validFrom(saml: SamlFacts): number | null {
  const starts = [saml.notBefore, saml.subjectNotBefore].filter((t): t is number => t !== null);
  return starts.length ? Math.max(...starts) : null;
}

/** The assertion's windows can be judged (an encrypted assertion hides them). */
function hasReadableAssertion(saml: SamlFacts): boolean {
  return !saml.assertionEncrypted && isSuccess(saml);
}

export function expiredBy(f: ExchangeFacts, saml: SamlFacts): number | null {
  if (!hasReadableAssertion(saml)) return null;
  const end = validUntil(saml);
  const at = receivedAt(f).time;
  return end !== null && end <= at - ALLOWED_SKEW_MS ? at - end : null;
}

/** `by`: how far the IdP's time is ahead of the consumer's (ms). */
export type SkewKind = { kind: 'not-yet-valid'; by: number } | { kind: 'issued-off'; by: number };

/** The assertion is not yet valid at the consumer, or its issue time is far from the server's Date. */
export function skewOf(f: ExchangeFacts, saml: SamlFacts): SkewKind | null {
  if (!hasReadableAssertion(saml)) return null;
  const at = receivedAt(f);
  const start = validFrom(saml);
  // Date has one-second resolution: the true time is up to 1 s later than it says.
  const latest = at.byServer ? at.time + 999 : at.time;
  if (start !== null && start > latest + ALLOWED_SKEW_MS) return { kind: 'not-yet-valid', by: start - latest };
  // Issued in the server's future: only a clock can do that (issued long ago may just be a slow page).
  const issued = saml.assertionIssueInstant ?? saml.issueInstant;
  if (at.byServer && issued !== null && issued > latest + ALLOWED_SKEW_MS) return { kind: 'issued-off', by: issued - latest };
  return null;
}

/** scheme://host[:port]/path without query, fragment or trailing slash; scheme and host lower-cased, default port dropped. */
export function normalUrl(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return url.trim().replace(/\/+$/, '');
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/+$/, '');
  } catch {
    return url.trim().replace(/\/+$/, '');
  }
}

/**
 * Who the service provider at this consumer URL is, as java-saml (Atlassian's SSO 2.0) checks it: one of the
 * assertion's audiences must equal the SP entity id, which for Data Center is the site's base URL (the
 * consumer URL before `/plugins/servlet/`, context path included). A consumer URL, or a bare origin where the
 * site has a context path, is another entity id: a mismatch. Cloud's consumer
 * `auth.atlassian.com/login/callback?connection=saml-<id>` is the SP `https://auth.atlassian.com/saml/<id>`.
 *
 * java-saml compares strings exactly, but the entity id is inferred here from the URL the browser used, which
 * may be spelled differently from the configured base URL (case, default port, trailing slash). Such a
 * near match counts only when the consumer `accepted` the answer: then that is evidently how it is configured.
 */
export function audienceMatches(consumerUrl: string, audiences: readonly string[], accepted = false): boolean {
  if (audiences.length === 0) return true;
  const consumer = normalUrl(consumerUrl);
  if (consumer === null) return true;
  let u: URL;
  try {
    u = new URL(consumerUrl);
  } catch {
    return true;
  }
  if (u.host === 'auth.atlassian.com') {
    const connection = /^saml-(.+)$/.exec(u.searchParams.get('connection') ?? '')?.[1];
    if (!connection) return audiences.some((a) => a.startsWith('https://auth.atlassian.com/saml/'));
    return audiences.some((a) => normalUrl(a) === `https://auth.atlassian.com/saml/${connection}`);
  }
  const servlet = consumer.indexOf('/plugins/servlet/');
  // Another consumer path (not Atlassian's): its base URL is unknown, the origin is the best guess.
  const entityId = servlet >= 0 ? consumer.slice(0, servlet) : `${u.protocol}//${u.host}`;
  if (audiences.some((a) => a.trim() === entityId)) return true;
  return accepted && audiences.some((a) => normalUrl(a) === entityId);
}

/** The response's Destination is the URL it was posted to (query aside: Cloud's carries `connection`). */
export function destinationMatches(postedTo: string, destination: string | null): boolean {
  if (destination === null) return true;
  return normalUrl(destination) === normalUrl(postedTo);
}

/** Any of the SAML checks above fails on this received response. */
export function samlProblem(f: ExchangeFacts, saml: SamlFacts): boolean {
  return (
    !isSuccess(saml) ||
    expiredBy(f, saml) !== null ||
    skewOf(f, saml) !== null ||
    !audienceMatches(f.ex.url, saml.audiences, consumerAccepted(f)) ||
    !destinationMatches(f.ex.url, saml.destination)
  );
}

/** The SSO sign-in an accepted answer stands for (what the session tie and the story show). */
export function signInOf(f: ExchangeFacts): SessionSso | null {
  const sso = f.ex.sso;
  if (!sso || !isReturn(f)) return null;
  if (sso.endpoint === 'oidc-callback') {
    if (!sso.oidc || sso.oidc.error) return null;
    return { entry: f.ex.index, protocol: 'oidc', issuer: null, nameId: null, authnInstant: null, sessionNotOnOrAfter: null };
  }
  const saml = receivedResponse(f);
  if (!saml || samlProblem(f, saml)) return null;
  return {
    entry: f.ex.index,
    protocol: 'saml',
    issuer: saml.assertionIssuer ?? saml.issuer,
    nameId: saml.nameId,
    authnInstant: saml.authnInstant,
    sessionNotOnOrAfter: saml.sessionNotOnOrAfter,
  };
}

const isRedirect = (status: number) => status >= 300 && status < 400;

/** The consumer accepted the answer: it redirected on, not back to the IdP. */
export function consumerAccepted(f: ExchangeFacts): boolean {
  return isRedirect(f.ex.status) && !isDeparture(f);
}

/** Who signed the session in: the SAML issuer, or the protocol where none is known (OIDC's id_token is never read). */
export function ssoIdpName(sso: SessionSso): string {
  return sso.issuer ?? (sso.protocol === 'oidc' ? 'OpenID Connect' : 'SAML');
}

/** ISO time without milliseconds, for messages. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** "4 min 10 s" */
export function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/**
 * Moves the SSO state past this exchange (after the rules ran on it): the IdP trail, the consumer's
 * accepted answer awaiting its first page, and the tie of a new session cookie to the sign-in that
 * produced it. Returns the sessions that got their `sso`.
 */
export function advanceSso(state: OriginState, f: ExchangeFacts, raised: readonly Finding[]): TrackedSession[] {
  const trail = state.ssoTrail;
  const { index: entry, time } = f.ex;
  if (isReturn(f)) {
    trail.returned = true;
    trail.signedIn = false;
  }
  if (showsSignIn(f)) {
    if (trail.returned) trail.signedIn = true;
    trail.looping = false;
  }
  if (raised.some((x) => x.code === 'sso-policy-mismatch') && f.ex.bodyFacts?.loginError?.from === 'location') {
    trail.policyRefusal = { to: firstLocation(f), time };
  }
  if (isDeparture(f)) {
    if (raised.some((x) => x.code === 'sso-loop')) trail.looping = true;
    trail.lastDeparture = { entry, time };
    trail.returned = false;
    trail.signedIn = false;
  }

  // Only an answer the consumer accepted (it redirected on) signs anyone in: a cookie set with its error page does not.
  const signIn = consumerAccepted(f) ? signInOf(f) : null;
  let accepted = state.sso.accepted;
  if (accepted && time - accepted.time > SSO_FOLLOW_MS) accepted = null;
  if (accepted && accepted.entry !== entry && decidesOutcome(f)) accepted = null;
  if (signIn) accepted = { ...signIn, time };
  state.sso.accepted = accepted;

  // A session cookie set by the consumer's answer, or by the pages right after it, belongs to that sign-in.
  const tie = accepted;
  if (!tie) return [];
  const tied: TrackedSession[] = [];
  for (const c of f.setCookies) {
    if (c.cleared || c.empty || !isSessionCookie(c.name)) continue;
    const s = state.sessions.liveSession(c.name);
    if (!s || (s.sso && s.sso.entry >= tie.entry)) continue;
    s.sso = { entry: tie.entry, protocol: tie.protocol, issuer: tie.issuer, nameId: tie.nameId, authnInstant: tie.authnInstant, sessionNotOnOrAfter: tie.sessionNotOnOrAfter };
    tied.push(s);
  }
  return tied;
}

/** A page of the origin that shows who it serves: signed in, anonymous or an error. */
function decidesOutcome(f: ExchangeFacts): boolean {
  if (!f.isPage || f.isStatic || !f.isProductAnswer || (f.ex.status >= 300 && f.ex.status < 400)) return false;
  return f.ex.status >= 400 || f.anonymousBy !== null || showsSignIn(f);
}

/** The redirect target of an exchange as its headers give it (sanitized, like every URL the engine keeps). */
function firstLocation(f: ExchangeFacts): string {
  return f.ex.responseHeaders.find((h) => h.name.toLowerCase() === 'location')?.value ?? '';
}
