/**
 * OAuth 2.0 (3LO) tokens from auth.atlassian.com (tokens-2026.md §2): access tokens work only through the
 * gateway; refresh tokens rotate, so each one works once and the one just used is turned off. A reused,
 * unknown or turned-off refresh token gets 403 invalid_grant, Atlassian's documented answer.
 */
import type { Clock } from './clock';
import { oauthJwtLike } from './token-shapes';
import { accountIdOf, type EmulatorUser } from './users';

export const ACCESS_TOKEN_LIFETIME_SEC = 3600;
/** The scopes of the emulated app's grant. */
export const OAUTH_SCOPES = ['read:jira-user', 'read:jira-work', 'read:confluence-content.all', 'offline_access'];

interface Grant {
  user: EmulatorUser;
  scopes: string[];
}

export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  scope: string;
  token_type: 'Bearer';
}

export class OAuth2Tokens {
  private readonly access = new Map<string, Grant & { expiresAt: number }>();
  /** Every refresh token ever issued; `live: false` once rotated away. */
  private readonly refresh = new Map<string, Grant & { live: boolean }>();
  private issued = 0;
  /** The grant every emulator starts with (for the first user), so tests and recordings know a token to use. */
  readonly initial: { accessToken: string; refreshToken: string } | null;

  constructor(
    private readonly clock: Clock,
    users: readonly EmulatorUser[],
  ) {
    const first = users.find((u) => u.email);
    this.initial = first ? this.grant({ user: first, scopes: OAUTH_SCOPES }) : null;
  }

  /** The grant behind a live access token, or null (unknown or past its hour). */
  accessGrant(token: string): Grant | null {
    const a = this.access.get(token);
    return a && a.expiresAt > this.clock.now() ? a : null;
  }

  /** grant_type=refresh_token: new access and refresh tokens, the old refresh token turned off; null: invalid_grant. */
  rotate(refreshToken: string): TokenResponse | null {
    const r = this.refresh.get(refreshToken);
    if (!r?.live) return null;
    r.live = false;
    const { accessToken, refreshToken: next } = this.grant(r);
    return { access_token: accessToken, refresh_token: next, expires_in: ACCESS_TOKEN_LIFETIME_SEC, scope: r.scopes.join(' '), token_type: 'Bearer' };
  }

  /** Live refresh tokens, for the control page. */
  liveRefreshTokens(): string[] {
    return [...this.refresh].filter(([, r]) => r.live).map(([t]) => t);
  }

  private grant(g: Grant): { accessToken: string; refreshToken: string } {
    const n = ++this.issued;
    const iat = Math.floor(this.clock.now() / 1000);
    const sub = accountIdOf(g.user);
    // Deterministic per emulator (the n-th grant), so recorded fixtures are stable; the tokens are JWT-shaped as Atlassian's are.
    const accessToken = oauthJwtLike({ iss: 'https://auth.atlassian.com', sub, aud: 'api.atlassian.com', scope: g.scopes.join(' '), iat, exp: iat + ACCESS_TOKEN_LIFETIME_SEC, n }, `access ${n}`);
    const refreshToken = oauthJwtLike({ iss: 'https://auth.atlassian.com', sub, typ: 'refresh', n }, `refresh ${n}`);
    this.access.set(accessToken, { ...g, expiresAt: this.clock.now() + ACCESS_TOKEN_LIFETIME_SEC * 1000 });
    this.refresh.set(refreshToken, { ...g, live: true });
    return { accessToken, refreshToken };
  }
}
