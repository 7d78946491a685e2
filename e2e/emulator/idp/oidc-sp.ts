/**
 * The OIDC redirect URI, `/plugins/servlet/oidc/callback`: the browser brings `code` and `state` (or `error`
 * and `error_description`); the product swaps the code for tokens on a server-to-server call to the IdP's
 * token endpoint and checks the id_token: signature, iss, aud, nonce, iat/exp with the allowed skew, and that
 * `sub` (Atlassian's default username claim) names a user.
 */
import type { Exchange } from '../exchange';
import { verifyJwt } from './sign';
import { finishSso, serviceProvider, ssoError, userNamed } from './sp';
import { ALLOWED_SKEW_SEC } from './sso-state';

export async function oidcCallback(ex: Exchange): Promise<void> {
  const { state } = ex;
  const q = ex.url.searchParams;
  const pending = state.sso.take(q.get('state'));
  if (!pending) return ssoError(ex, 'Unknown or used state: this login was not started here (or was already finished)');
  const error = q.get('error');
  if (error) return ssoError(ex, `The identity provider answered ${error}${q.get('error_description') ? `: ${q.get('error_description')}` : ''}`);
  const code = q.get('code');
  if (!code) return ssoError(ex, 'The callback carries neither code nor error');
  const sp = serviceProvider(state.origin);
  const tokenRes = await fetch(state.idp!.tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: sp.oidcRedirectUri, client_id: sp.clientId, client_secret: sp.clientSecret }),
  });
  const tokens = (await tokenRes.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (!tokenRes.ok || typeof tokens.id_token !== 'string') return ssoError(ex, `The token endpoint answered ${tokenRes.status} ${typeof tokens.error === 'string' ? tokens.error : ''}`.trim());
  const claims = verifyJwt(tokens.id_token);
  if (!claims) return ssoError(ex, 'The id_token signature does not verify');
  const problem = checkClaims(claims, { issuer: state.idp!.url, clientId: sp.clientId, nonce: pending.requestId, now: state.clock.now() });
  if (problem) return ssoError(ex, problem);
  const sub = String(claims.sub);
  const user = userNamed(ex, sub);
  if (!user) return ssoError(ex, `Received SSO request for user ${sub}, but the user does not exist`);
  finishSso(ex, user, pending);
}

function checkClaims(c: Record<string, unknown>, want: { issuer: string; clientId: string; nonce: string; now: number }): string | null {
  if (c.iss !== want.issuer) return `Invalid issuer ${String(c.iss)} (expected ${want.issuer})`;
  const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
  if (!aud.includes(want.clientId)) return `Invalid audience ${aud.map(String).join(', ')} (expected ${want.clientId})`;
  if (c.nonce !== want.nonce) return 'The id_token nonce does not match the authorization request';
  if (typeof c.sub !== 'string' || !c.sub) return 'The id_token has no sub';
  const skew = ALLOWED_SKEW_SEC * 1000;
  if (typeof c.iat !== 'number' || c.iat * 1000 > want.now + skew) return `The id_token was issued in the future (iat ${new Date(Number(c.iat) * 1000).toISOString()}): check the clocks`;
  if (typeof c.exp !== 'number' || c.exp * 1000 <= want.now - skew) return `The id_token expired at ${new Date(Number(c.exp) * 1000).toISOString()}`;
  return null;
}
