/**
 * Application links (Data Center, OAuth 1.0a; tokens-2026.md §4): each oauth_problem as a 401 with the
 * form-encoded body `oauth_problem=…`, the WWW-Authenticate variant, a correct call, and the control switch.
 */
import { describe, expect, it } from 'vitest';
import { OAUTH_PROBLEMS, appLinkAuthorization, type Emulator } from './server';
import { get, oauthChallenge, start } from './test-client';

const now = () => Math.floor(Date.now() / 1000);
let n = 0;
const call = (emu: Emulator, opts: Partial<Parameters<typeof appLinkAuthorization>[0]> = {}) =>
  get(emu, '/rest/api/2/myself', { Authorization: appLinkAuthorization({ timestampSec: now(), nonce: `nonce-${++n}`, ...opts }) });

async function expectProblem(res: Response, problem: string) {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
  expect(await res.text()).toBe(`oauth_problem=${problem}`);
}

describe('application link (OAuth 1.0a)', () => {
  it('a correct call is answered as the linked user', async () => {
    const { emu } = await start();
    const res = await call(emu);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ausername')).toBe('fred');
  });

  it('consumer_key_unknown: a consumer key the server has no link for', async () => {
    const { emu } = await start();
    await expectProblem(await call(emu, { consumerKey: 'Confluence:0000000000' }), 'consumer_key_unknown');
  });

  it('token_rejected: an access token the server does not know (revoked, or the OAuth config changed)', async () => {
    const { emu } = await start();
    await expectProblem(await call(emu, { token: 'revoked-token' }), 'token_rejected');
  });

  it('timestamp_refused: oauth_timestamp more than 5 minutes from the emulator clock, either way', async () => {
    const { emu } = await start();
    expect((await call(emu, { timestampSec: now() - 290 })).status).toBe(200);
    await expectProblem(await call(emu, { timestampSec: now() - 301 }), 'timestamp_refused');
    await expectProblem(await call(emu, { timestampSec: now() + 301 }), 'timestamp_refused');
    // The server's clock moving on has the same effect.
    const ts = now();
    emu.advanceClock(400);
    await expectProblem(await call(emu, { timestampSec: ts }), 'timestamp_refused');
  });

  it('nonce_used: the same timestamp and nonce twice', async () => {
    const { emu } = await start();
    const ts = now();
    expect((await call(emu, { timestampSec: ts, nonce: 'once' })).status).toBe(200);
    await expectProblem(await call(emu, { timestampSec: ts, nonce: 'once' }), 'nonce_used');
  });

  it('the switch forces each problem (signature_invalid, token_expired, permission_denied have no other trigger)', async () => {
    const { emu } = await start();
    for (const problem of OAUTH_PROBLEMS) {
      emu.setAppLink({ failure: problem });
      await expectProblem(await call(emu), problem);
    }
    emu.setAppLink({ failure: null });
    expect((await call(emu)).status).toBe(200);
  });

  it('by default the challenge is the plain OAuth realm; with challenge on it names the problem', async () => {
    const { emu } = await start();
    emu.setAppLink({ failure: 'token_rejected' });
    expect((await call(emu)).headers.get('www-authenticate')).toBe(oauthChallenge(emu));
    emu.setAppLink({ challenge: true });
    expect((await call(emu)).headers.get('www-authenticate')).toBe(`OAuth realm="${encodeURIComponent(emu.origin)}", oauth_problem="token_rejected"`);
  });

  it('the control API sets the switch, and refuses unknown problems and Cloud', async () => {
    const { emu } = await start();
    const post = (e: Emulator, q: string) => fetch(`${e.url}/__emulator/applink?${q}`, { method: 'POST', redirect: 'manual' });
    expect((await post(emu, 'failure=permission_denied&challenge=true')).status).toBe(303);
    const state = (await (await fetch(`${emu.url}/__emulator/state`)).json()) as { appLink: unknown };
    expect(state.appLink).toEqual({ failure: 'permission_denied', challenge: true });
    await expectProblem(await call(emu), 'permission_denied');
    expect((await post(emu, 'failure=bogus')).status).toBe(400);
    const { emu: cloud } = await start({ mode: 'cloud' });
    expect((await post(cloud, 'failure=token_rejected')).status).toBe(400);
  });
});
