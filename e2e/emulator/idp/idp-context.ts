/** What the emulated IdP knows: its own URL, the one service provider registered with it, and the shared switches. */
import type { Clock } from '../clock';
import type { SsoState } from './sso-state';

/** The emulated product as registered at the IdP (SAML metadata / OIDC client registration). */
export interface ServiceProvider {
  /** SAML entity id and the Audience the IdP writes: Atlassian Data Center uses its base URL. */
  entityId: string;
  /** Assertion Consumer Service URL: `<base URL>/plugins/servlet/samlconsumer`. */
  acsUrl: string;
  /** OIDC redirect URI: `<base URL>/plugins/servlet/oidc/callback`. */
  oidcRedirectUri: string;
  clientId: string;
  clientSecret: string;
}

export interface IdpContext {
  /** The IdP's origin, e.g. http://127.0.0.1:41235; also its SAML entity id and OIDC issuer. */
  url: string;
  sp: ServiceProvider;
  sso: SsoState;
  /** The emulator's clock: the IdP lives in the same (movable) time, plus the `skew` switch. */
  clock: Clock;
}

/** The IdP's idea of now: the emulator's clock, off by skewMinutes when the `skew` switch is on. */
export function idpNow(ctx: IdpContext): number {
  const s = ctx.sso.settings;
  return ctx.clock.now() + (s.failure === 'skew' ? s.skewMinutes * 60_000 : 0);
}

/** `unknown-user`: the IdP sends a name the product does not know, the classic email-for-username mix-up. */
export function nameIdFor(ctx: IdpContext, user: string): string {
  return ctx.sso.settings.failure === 'unknown-user' ? `${user}@idp.example.com` : user;
}

/** `audience` / `destination`: the values of an SP registration left over from an old base URL. */
export const STALE_BASE_URL = 'https://old-base-url.example.com';
