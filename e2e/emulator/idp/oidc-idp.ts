/**
 * The IdP's OpenID Connect endpoints (authorization code flow): `/authorize` answers 302 to the SP's redirect
 * URI with `code` and `state` (or, under `failed`, `error=access_denied&error_description=…`), `/token` swaps
 * the code for an RS256 id_token on a server-to-server call, and `/.well-known/openid-configuration` says so.
 * The switches shape the id_token: iat/exp (skew, expired), aud (audience), sub (unknown-user).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import * as pages from './idp-pages';
import { STALE_BASE_URL, idpNow, nameIdFor, type IdpContext } from './idp-context';
import { send } from './saml-idp';
import { signJwt } from './sign';

interface Grant {
  user: string;
  nonce: string | null;
  redirectUri: string;
  expiresAt: number;
}

/** Codes are single use and short-lived (RFC 6749 §4.1.2 recommends at most ten minutes). */
const CODE_TTL_MS = 10 * 60_000;
const ID_TOKEN_LIFETIME_SEC = 300;

export class OidcProvider {
  private readonly grants = new Map<string, Grant>();
  constructor(private readonly ctx: IdpContext) {}

  discovery(): Record<string, unknown> {
    const { url } = this.ctx;
    return {
      issuer: url,
      authorization_endpoint: `${url}/authorize`,
      token_endpoint: `${url}/token`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
    };
  }

  /** GET /authorize (and POST /authorize from the username form). */
  authorize(res: ServerResponse, params: URLSearchParams): void {
    const { sp, sso } = this.ctx;
    const redirectUri = params.get('redirect_uri') ?? '';
    // Never redirect to an unregistered URI: show the error on the IdP instead (RFC 6749 §4.1.2.1).
    if (params.get('client_id') !== sp.clientId || redirectUri !== sp.oidcRedirectUri) {
      return send(res, 400, pages.idpError(`Unknown client ${params.get('client_id') ?? ''} or redirect_uri ${redirectUri}`));
    }
    const back = new URL(redirectUri);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    if (params.get('response_type') !== 'code') {
      back.searchParams.set('error', 'unsupported_response_type');
      return redirect(res, back.href);
    }
    const user = params.get('username')?.trim() || sso.settings.user;
    if (!user) return send(res, 200, pages.usernameForm('/authorize', Object.fromEntries(params)));
    if (sso.settings.failure === 'failed') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', `Authentication failed for ${user} (emulated IdP switch: failed)`);
      return redirect(res, back.href);
    }
    const code = randomBytes(24).toString('base64url');
    this.grants.set(code, { user, nonce: params.get('nonce'), redirectUri, expiresAt: this.ctx.clock.now() + CODE_TTL_MS });
    back.searchParams.set('code', code);
    redirect(res, back.href);
  }

  /** POST /token: application/x-www-form-urlencoded, client_secret_post or client_secret_basic. */
  token(req: IncomingMessage, res: ServerResponse, form: URLSearchParams): void {
    const { sp, sso, url } = this.ctx;
    const [basicId, basicSecret] = basicCredentials(req.headers.authorization);
    const clientId = basicId ?? form.get('client_id');
    const clientSecret = basicSecret ?? form.get('client_secret');
    if (clientId !== sp.clientId || clientSecret !== sp.clientSecret) return json(res, 401, { error: 'invalid_client' });
    if (form.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
    const code = form.get('code') ?? '';
    const grant = this.grants.get(code);
    this.grants.delete(code);
    if (!grant || grant.expiresAt < this.ctx.clock.now() || grant.redirectUri !== form.get('redirect_uri')) return json(res, 400, { error: 'invalid_grant' });
    const now = Math.floor(idpNow(this.ctx) / 1000);
    const failure = sso.settings.failure;
    // `expired`: issued now, but already past exp (beyond the SP's allowed skew); `skew` moves iat and exp together.
    const [iat, exp] = failure === 'expired' ? [now, now - 10 * 60] : [now, now + ID_TOKEN_LIFETIME_SEC];
    const idToken = signJwt({
      iss: url,
      sub: nameIdFor(this.ctx, grant.user),
      aud: failure === 'audience' ? STALE_BASE_URL : sp.clientId,
      iat,
      exp,
      auth_time: iat,
      ...(grant.nonce ? { nonce: grant.nonce } : {}),
      preferred_username: grant.user,
      email: `${grant.user}@idp.example.com`,
    });
    json(res, 200, { access_token: randomBytes(24).toString('base64url'), token_type: 'Bearer', expires_in: ID_TOKEN_LIFETIME_SEC, id_token: idToken });
  }
}

function basicCredentials(header: string | undefined): [string | undefined, string | undefined] {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return [undefined, undefined];
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? [undefined, undefined] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
}

export function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}
