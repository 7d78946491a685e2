/**
 * The product's side of single sign-on, as Atlassian Data Center's SSO app (SSO 2.0) does it:
 *   /plugins/servlet/external-login[/<idp id>]  starts a login: 302 to the IdP (SAML AuthnRequest or OIDC /authorize)
 *   /plugins/servlet/samlconsumer               the SAML Assertion Consumer Service (saml-sp.ts)
 *   /plugins/servlet/oidc/callback              the OIDC redirect URI (oidc-sp.ts)
 * and, while SSO is on, the login page sends people to external-login unless `auth_fallback` is in its query.
 * Sources: Atlassian KBs "Using the external-login endpoint with Multiple IdPs", "SSO/SAML login fails with …
 * Timing issues" (log lines name /plugins/servlet/samlconsumer), "Users can't login using SSO after Atlassian
 * SSO plugin upgrade" (/plugins/servlet/oidc/callback), "Enable default login page to bypass SAML" (auth_fallback).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Exchange } from '../exchange';
import { startSession } from '../login';
import * as pages from '../pages';
import { esc } from '../pages';
import type { EmulatorUser } from '../users';
import type { ServiceProvider } from './idp-context';
import { oidcCallback } from './oidc-sp';
import { samlConsumer } from './saml-sp';
import { authnRequestXml, encodeRedirect, samlId } from './saml-xml';
import { IDP_CONFIG_ID, MAX_SSO_ROUNDS } from './sso-state';

export const EXTERNAL_LOGIN = '/plugins/servlet/external-login';
export const SAML_CONSUMER = '/plugins/servlet/samlconsumer';
export const OIDC_CALLBACK = '/plugins/servlet/oidc/callback';
/** The emulated product's OIDC client registration at the IdP. */
export const OIDC_CLIENT_ID = 'seraph-emulator';
export const OIDC_CLIENT_SECRET = 'seraph-emulator-secret';

/** The SP as the IdP knows it, for a product at `origin` (its base URL). */
export function serviceProvider(origin: string): ServiceProvider {
  return { entityId: origin, acsUrl: origin + SAML_CONSUMER, oidcRedirectUri: origin + OIDC_CALLBACK, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET };
}

/** Single-sign-on URLs are open to anonymous callers, as the login form is. */
export function ssoPath(pathname: string): boolean {
  return pathname === EXTERNAL_LOGIN || pathname.startsWith(`${EXTERNAL_LOGIN}/`) || pathname === SAML_CONSUMER || pathname === OIDC_CALLBACK;
}

export async function ssoRoute(ex: Exchange): Promise<void> {
  const { state } = ex;
  const { pathname } = ex.url;
  if (!state.sso.settings.enabled || !state.idp) return ex.html(404, pages.notFound(ex.caller.user, pathname, state.profile));
  if (pathname === SAML_CONSUMER) return samlConsumer(ex);
  if (pathname === OIDC_CALLBACK) return oidcCallback(ex);
  const id = pathname.slice(EXTERNAL_LOGIN.length);
  if (id !== '' && id !== `/${IDP_CONFIG_ID}`) return ssoError(ex, `No identity provider with id ${id.slice(1)}`);
  startSso(ex, localDestination(ex.url.searchParams.get('os_destination'), state.profile.home), 1);
}

/** While SSO is on, a GET of the login page goes to the IdP; `?auth_fallback` shows the form (Atlassian's bypass). */
export function loginRedirectsToSso(ex: Exchange): boolean {
  return ex.state.sso.settings.enabled && ex.state.idp !== null && ex.method !== 'POST' && !ex.url.searchParams.has('auth_fallback');
}

export function redirectLoginToSso(ex: Exchange): void {
  const destination = ex.url.searchParams.get('os_destination');
  ex.redirect(destination ? `${EXTERNAL_LOGIN}/${IDP_CONFIG_ID}?os_destination=${encodeURIComponent(destination)}` : `${EXTERNAL_LOGIN}/${IDP_CONFIG_ID}`);
}

/**
 * 302 to the IdP with a new request: SAML AuthnRequest in the Redirect binding with an opaque RelayState, or
 * the OIDC authorization request with state and nonce. RelayState / state name the login kept server-side
 * (the page to return to, the request id to expect back), as the real app keeps them in the HTTP session.
 */
export function startSso(ex: Exchange, destination: string, round: number): void {
  const { state } = ex;
  const idp = state.idp!;
  const sp = serviceProvider(state.origin);
  const now = state.clock.now();
  if (state.sso.settings.protocol === 'oidc') {
    const nonce = randomBytes(16).toString('hex');
    const key = state.sso.remember({ requestId: nonce, destination, round }, now);
    const q = new URLSearchParams({ response_type: 'code', client_id: sp.clientId, redirect_uri: sp.oidcRedirectUri, scope: 'openid profile email', state: key, nonce });
    return ex.redirect(`${idp.authorizeUrl}?${q}`);
  }
  const id = samlId();
  const key = state.sso.remember({ requestId: id, destination, round }, now);
  const xml = authnRequestXml({ id, issueInstant: now, destination: idp.ssoUrl, acsUrl: sp.acsUrl, issuer: sp.entityId });
  ex.redirect(`${idp.ssoUrl}?${new URLSearchParams({ SAMLRequest: encodeRedirect(xml), RelayState: key })}`);
}

/**
 * The answer was accepted: sign the user in as the login form does (session cookie, X-AUSERNAME from now on)
 * and go back to the page the login started from. Under `loop` the app "forgets" the session instead: no
 * cookie, and back to the IdP, until MAX_SSO_ROUNDS trips have been made.
 */
export function finishSso(ex: Exchange, user: EmulatorUser, pending: { destination: string; round: number }): void {
  if (user.appAccess === false) return ssoError(ex, `User ${user.name} is not allowed to use this application`);
  if (ex.state.sso.settings.failure === 'loop') {
    ex.anonymousSession = false;
    if (pending.round >= MAX_SSO_ROUNDS) return ssoError(ex, `Login loop: the IdP was visited ${pending.round} times and no session was kept`);
    return startSso(ex, pending.destination, pending.round + 1);
  }
  startSession(ex, user, false);
  ex.redirect(pending.destination);
}

/** The user behind an asserted name (SAML NameID, OIDC sub): usernames, case-insensitive, as Crowd compares them. */
export function userNamed(ex: Exchange, name: string): EmulatorUser | undefined {
  const n = name.toLowerCase();
  return ex.state.users.find((u) => u.name.toLowerCase() === n);
}

/**
 * The SSO app's error page ("We can't log you in right now … contact your administrator"; the reason goes to
 * the log with a UUID). The emulator also prints the reason, so people and tests can see which check failed.
 * No session is created. The status code is the emulator's choice (401); recordings may show otherwise.
 */
export function ssoError(ex: Exchange, reason: string): void {
  const uuid = randomUUID();
  ex.html(
    401,
    pages.layout(
      'Login failed',
      ex.caller.user,
      `<h1 data-testid="sso-error-title">We can't log you in right now</h1><p>Please contact your administrator.</p>
<p class="error" data-testid="sso-error">${esc(reason)}</p><p><small>[UUID: ${uuid}]</small> · <a href="${ex.state.profile.loginPath}?auth_fallback">log in with a password</a></p>`,
      ex.state.profile,
    ),
  );
}

/** Only local paths: an open redirect in a test server would still be an open redirect. */
export function localDestination(dest: string | null, home: string): string {
  return dest && dest.startsWith('/') && !dest.startsWith('//') && !dest.startsWith('/\\') ? dest : home;
}
