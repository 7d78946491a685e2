/** atlassian-auth.md §3: the os_authType query parameter, on pages and under /rest. */
import { describe, expect, it } from 'vitest';
import { FRED_PAT, type Emulator } from './server';
import { Client, basic, get, oauthChallenge, start } from './test-client';

type Creds = 'none' | 'valid cookie' | 'valid basic' | 'expired cookie';

async function request(emu: Emulator, path: string, creds: Creds): Promise<Response> {
  if (creds === 'none') return get(emu, path);
  if (creds === 'valid basic') return get(emu, path, { Authorization: basic('fred', 'fred') });
  const c = new Client(emu);
  await c.login();
  if (creds === 'expired cookie') emu.expireAllSessions();
  return c.req(path);
}

/** [os_authType, credentials, status, Basic challenge?] — straight from the table of §3. */
const MATRIX: Array<[string, Creds, number, boolean]> = [
  ['basic', 'none', 401, true],
  ['basic', 'valid cookie', 401, true], // a cookie does not satisfy basic
  ['basic', 'valid basic', 200, false],
  ['basic', 'expired cookie', 401, true],
  ['cookie', 'none', 401, false],
  ['cookie', 'valid cookie', 200, false],
  ['cookie', 'valid basic', 401, false], // Basic does not satisfy cookie
  ['cookie', 'expired cookie', 401, false],
  ['any', 'none', 401, false],
  ['any', 'valid cookie', 200, false],
  ['any', 'valid basic', 200, false],
  ['any', 'expired cookie', 401, false],
];

describe.each(['/secure/Dashboard.jspa', '/rest/api/2/search?jql='])('os_authType on %s', (base) => {
  it.each(MATRIX)('os_authType=%s with %s → %i (challenge: %s)', async (type, creds, status, challenge) => {
    const { emu } = await start();
    const res = await request(emu, `${base}${base.includes('?') ? '&' : '?'}os_authType=${type}`, creds);
    expect(res.status).toBe(status);
    // Only os_authType=basic asks for Basic; every other 401 carries Server/DC's OAuth challenge alone.
    expect(res.headers.get('www-authenticate')).toBe(challenge ? 'Basic realm="protected-area"' : status === 401 ? oauthChallenge(emu) : null);
    if (status === 200) expect(res.headers.get('x-ausername')).toBe('fred');
    else expect(res.headers.get('x-ausername')).toBe('anonymous');
  });
});

describe('os_authType details', () => {
  it('absent (or an unknown value): the default behaviour, anonymous page 200', async () => {
    const { emu } = await start();
    expect((await get(emu, '/secure/Dashboard.jspa')).status).toBe(200);
    expect((await get(emu, '/secure/Dashboard.jspa?os_authType=magic')).status).toBe(200);
  });

  it('the value is case-insensitive', async () => {
    const { emu } = await start();
    expect((await get(emu, '/secure/Dashboard.jspa?os_authType=COOKIE')).status).toBe(401);
  });

  it('basic with wrong credentials: 401 AUTHENTICATED_FAILED, with the challenge', async () => {
    const { emu } = await start();
    const res = await get(emu, '/secure/Dashboard.jspa?os_authType=basic', { Authorization: basic('fred', 'bad') });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="protected-area"');
  });

  it('basic: a Bearer token is not Basic', async () => {
    const { emu } = await start();
    expect((await get(emu, '/secure/Dashboard.jspa?os_authType=basic', { Authorization: `Bearer ${FRED_PAT}` })).status).toBe(401);
    expect((await get(emu, '/secure/Dashboard.jspa?os_authType=any', { Authorization: `Bearer ${FRED_PAT}` })).status).toBe(200);
  });

  it('cookie: a session made from the remember-me cookie counts as a cookie login', async () => {
    const { emu, c } = await start();
    await c.formLogin({ os_username: 'fred', os_password: 'fred', os_cookie: 'true' });
    emu.expireAllSessions();
    expect((await c.req('/issues/?jql=&os_authType=cookie')).status).toBe(200);
  });

  it('the replay use case: the page that silently went anonymous answers 401 with os_authType=cookie', async () => {
    const { emu, c } = await start();
    await c.login();
    emu.expireAllSessions();
    expect((await c.req('/issues/?jql=project%3DABC')).status).toBe(200);
    const replay = await c.req('/issues/?jql=project%3DABC&os_authType=cookie');
    expect(replay.status).toBe(401);
    expect(replay.headers.get('content-type')).toMatch(/^text\/html/);
  });
});
