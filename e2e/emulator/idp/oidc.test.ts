/** OpenID Connect single sign-on through the emulated IdP: authorization code flow, token endpoint, switches. */
import { describe, expect, it } from 'vitest';
import { start, type Client } from '../test-client';
import { verifyJwt } from './sign';
import { local } from './sso-client';

const oidc = { sso: { protocol: 'oidc' } } as const;

/** Product → IdP /authorize → the 302 back to the callback (not followed). */
async function toCallback(c: Client, startPath = '/login.jsp'): Promise<{ authorize: URL; callback: URL }> {
  let res = await c.req(startPath);
  while (res.status === 302 && res.headers.get('location')!.startsWith('/')) res = await c.req(res.headers.get('location')!);
  const authorize = new URL(res.headers.get('location')!);
  const back = await fetch(authorize, { redirect: 'manual' });
  expect(back.status).toBe(302);
  return { authorize, callback: new URL(back.headers.get('location')!) };
}

const reasonIn = (html: string) => (/data-testid="sso-error">([^<]*)</.exec(html)?.[1] ?? '(none)').replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));

describe('OIDC SSO', () => {
  it('the good login: /authorize → callback with code and state → a session, X-AUSERNAME, the page the login started from', async () => {
    const { emu, c } = await start(oidc);
    const { authorize, callback } = await toCallback(c, '/login.jsp?os_destination=%2Fbrowse%2FABC-3');
    expect(authorize.origin + authorize.pathname).toBe(`${emu.idpUrl}/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ response_type: 'code', client_id: 'seraph-emulator', redirect_uri: `${emu.url}/plugins/servlet/oidc/callback`, scope: 'openid profile email' });
    expect(authorize.searchParams.get('nonce')).toMatch(/^[0-9a-f]{32}$/);
    expect(callback.origin + callback.pathname).toBe(`${emu.url}/plugins/servlet/oidc/callback`);
    expect(callback.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    expect(callback.searchParams.get('code')).toMatch(/^[\w-]{20,}$/);
    const res = await c.req(local(c, callback.href));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/browse/ABC-3');
    expect(emu.sessionCount()).toBe(1);
    expect((await c.req('/browse/ABC-3')).headers.get('x-ausername')).toBe('fred');
  });

  it('the token endpoint takes a code once, from the registered client, and answers a signed id_token', async () => {
    const { emu, c } = await start(oidc);
    const { authorize, callback } = await toCallback(c);
    const body = (extra: Record<string, string> = {}) =>
      new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: `${emu.url}/plugins/servlet/oidc/callback`, client_id: 'seraph-emulator', client_secret: 'seraph-emulator-secret', ...extra });
    expect((await fetch(`${emu.idpUrl}/token`, { method: 'POST', body: body({ client_secret: 'wrong' }) })).status).toBe(401);
    const ok = await fetch(`${emu.idpUrl}/token`, { method: 'POST', body: body() });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as { id_token: string; token_type: string };
    expect(tokens.token_type).toBe('Bearer');
    expect(verifyJwt(tokens.id_token)).toMatchObject({ iss: emu.idpUrl, aud: 'seraph-emulator', sub: 'fred', nonce: authorize.searchParams.get('nonce') });
    expect(verifyJwt(`${tokens.id_token.slice(0, -4)}AAAA`)).toBeNull();
    expect((await fetch(`${emu.idpUrl}/token`, { method: 'POST', body: body() })).status).toBe(400); // used
    const discovery = (await (await fetch(`${emu.idpUrl}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: emu.idpUrl, authorization_endpoint: `${emu.idpUrl}/authorize`, token_endpoint: `${emu.idpUrl}/token` });
  });

  it('failed: the callback carries error=access_denied and error_description, and the product shows its error page', async () => {
    const { emu, c } = await start({ sso: { protocol: 'oidc', failure: 'failed' } });
    const { callback } = await toCallback(c);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toContain('Authentication failed for fred');
    expect(callback.searchParams.has('code')).toBe(false);
    const res = await c.req(local(c, callback.href));
    expect(res.status).toBe(401);
    expect(reasonIn(await res.text())).toMatch(/^The identity provider answered access_denied: Authentication failed/);
    expect(emu.sessionCount()).toBe(0);
  });

  const cases = [
    { failure: 'skew', reason: /issued in the future/ },
    { failure: 'expired', reason: /The id_token expired at/ },
    { failure: 'audience', reason: /Invalid audience https:\/\/old-base-url\.example\.com/ },
    { failure: 'unknown-user', reason: /Received SSO request for user fred@idp\.example\.com, but the user does not exist/ },
  ] as const;
  it.each(cases)('$failure: the callback is refused with an error page, no session', async ({ failure, reason }) => {
    const { emu, c } = await start({ sso: { protocol: 'oidc', failure } });
    const { callback } = await toCallback(c);
    const res = await c.req(local(c, callback.href));
    expect(res.status).toBe(401);
    expect(reasonIn(await res.text())).toMatch(reason);
    expect(emu.sessionCount()).toBe(0);
  });

  it('loop: no cookie, back to /authorize, an error page on the third callback', async () => {
    const { emu, c } = await start({ sso: { protocol: 'oidc', failure: 'loop' } });
    let { callback } = await toCallback(c);
    for (let round = 1; round < 3; round++) {
      const res = await c.req(local(c, callback.href));
      expect(res.status).toBe(302);
      expect(res.headers.getSetCookie()).toEqual([]);
      const again = await fetch(res.headers.get('location')!, { redirect: 'manual' });
      callback = new URL(again.headers.get('location')!);
    }
    const last = await c.req(local(c, callback.href));
    expect(last.status).toBe(401);
    expect(reasonIn(await last.text())).toMatch(/Login loop/);
    expect(emu.sessionCount()).toBe(0);
  });

  it('an unregistered redirect_uri is never redirected to', async () => {
    const { emu } = await start(oidc);
    const res = await fetch(`${emu.idpUrl}/authorize?response_type=code&client_id=seraph-emulator&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&state=x`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});
