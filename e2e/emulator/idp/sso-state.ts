/**
 * Single sign-on settings of one emulator (off by default) and the logins it has started. The IdP runs in the
 * same process on its own port, so it reads the failure switch from here; the SP (the emulated product) keeps
 * here what it sent, to check the answer against it (InResponseTo, state, the page to return to).
 */
import { randomBytes } from 'node:crypto';

export type SsoProtocol = 'saml' | 'oidc';

/**
 * What goes wrong, one at a time. SAML: all of them. OIDC: `failed` (error=access_denied on the callback),
 * `skew`, `expired`, `audience` (the id_token's aud), `unknown-user`, `loop`; `destination` has no OIDC
 * counterpart and is ignored there.
 */
export const SSO_FAILURES = ['failed', 'skew', 'expired', 'audience', 'destination', 'unknown-user', 'loop'] as const;
export type SsoFailure = (typeof SSO_FAILURES)[number];

export function isSsoFailure(s: string | null | undefined): s is SsoFailure {
  return (SSO_FAILURES as readonly string[]).includes(s ?? '');
}

export interface SsoOptions {
  /** Default 'saml'. */
  protocol?: SsoProtocol;
  /** The IdP signs this user in without asking (default 'fred'); null: the IdP shows a username form. */
  user?: string | null;
  /** Default null: a good login. */
  failure?: SsoFailure | null;
  /** `skew`: how far the IdP clock is off, in minutes (default 10: ahead, so NotBefore is in the SP's future; negative: behind). */
  skewMinutes?: number;
}

/** The settings as the control API and the state JSON show them. */
export interface SsoSettings {
  enabled: boolean;
  protocol: SsoProtocol;
  user: string | null;
  failure: SsoFailure | null;
  skewMinutes: number;
}

/** java-saml's ALLOWED_CLOCK_DRIFT, which Atlassian's SSO app uses: 180 s either way. */
export const ALLOWED_SKEW_SEC = 180;
/** `loop`: the IdP is visited this many times; the consumer then gives up with an error page. */
export const MAX_SSO_ROUNDS = 3;
/** The IdP's id in Atlassian's URLs (`/plugins/servlet/external-login/<id>`): the database id of its configuration. */
export const IDP_CONFIG_ID = 1;

/** A login the SP started: RelayState (SAML) or state (OIDC) names it. */
export interface PendingLogin {
  /** AuthnRequest ID (SAML) or nonce (OIDC): the answer must name it. */
  requestId: string;
  /** A local path to return to after the login. */
  destination: string;
  /** 1 for the first trip to the IdP; `loop` sends the browser back with round + 1. */
  round: number;
  createdAt: number;
}

/** Logins older than this are forgotten (a real SP keeps them in the HTTP session, which times out too). */
const PENDING_TTL_MS = 30 * 60 * 1000;

export class SsoState {
  settings: SsoSettings = { enabled: false, protocol: 'saml', user: 'fred', failure: null, skewMinutes: 10 };
  private readonly pending = new Map<string, PendingLogin>();

  configure(opts: SsoOptions & { enabled?: boolean }): void {
    const s = this.settings;
    if (opts.enabled !== undefined) s.enabled = opts.enabled;
    if (opts.protocol !== undefined) s.protocol = opts.protocol;
    if (opts.user !== undefined) s.user = opts.user;
    if (opts.failure !== undefined) s.failure = opts.failure;
    if (opts.skewMinutes !== undefined) s.skewMinutes = opts.skewMinutes;
  }

  /** Remembers a login the SP starts and returns the opaque key that travels as RelayState / state. */
  remember(login: Omit<PendingLogin, 'createdAt'>, now: number): string {
    for (const [key, p] of this.pending) if (now - p.createdAt > PENDING_TTL_MS) this.pending.delete(key);
    const key = randomBytes(16).toString('hex');
    this.pending.set(key, { ...login, createdAt: now });
    return key;
  }

  /** The login a RelayState / state names, used once: a replayed answer finds nothing. */
  take(key: string | null): PendingLogin | null {
    if (!key) return null;
    const p = this.pending.get(key) ?? null;
    this.pending.delete(key);
    return p;
  }
}
