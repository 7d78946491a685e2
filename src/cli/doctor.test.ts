/**
 * seraph-lens doctor against the emulator, in-process: one test per verdict. Cloud sites answer as
 * acme.atlassian.net and api.atlassian.com through the SERAPH_LENS_CONNECT_TO and SERAPH_LENS_GATEWAY test
 * hooks (plain http on loopback, hence --allow-http), so the engine sees the real host names.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOUD_TOKENS, FRED_EXPIRED_PAT, FRED_PAT, startEmulator, type Emulator, type EmulatorOptions } from '../../e2e/emulator/server';
import { main } from './main';
import { startPlainSite, startTestProxy } from './doctor-support';
import { noProxy, parseConnectTo, proxyFor } from './doctor-http';

const SITE = 'http://acme.atlassian.net';
const EMAIL = 'user@example.com';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

async function emulator(opts: EmulatorOptions): Promise<Emulator> {
  const emu = await startEmulator(opts);
  open.push(emu);
  return emu;
}
const cloud = (product: 'jira' | 'confluence' = 'jira') => emulator({ mode: 'cloud', product, publicOrigin: SITE });
const cloudEnv = (emu: Emulator) => ({
  SERAPH_LENS_CONNECT_TO: `acme.atlassian.net:80:127.0.0.1:${emu.port},api.atlassian.com:80:127.0.0.1:${emu.platformPort}`,
  SERAPH_LENS_GATEWAY: 'http://api.atlassian.com',
});

interface Run {
  code: number;
  out: string;
  err: string;
  json: {
    verdict: { code: string; summary: string; fix: string | null; works: string | null; exit: number };
    findings: { code: string; step: number }[];
    sent: { step: number; url: string; status: number; credential: string }[];
    site: Record<string, unknown>;
  };
}

async function doctor(args: string[], env: Record<string, string | undefined>): Promise<Run> {
  let out = '';
  let err = '';
  const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s), isTTY: false, env, readStdin: () => Promise.resolve(env.STDIN ?? '') };
  const code = await main(['doctor', ...args], io);
  let jsonOut = '';
  const code2 = await main(['doctor', ...args, '--format', 'json'], { ...io, stdout: (s: string) => void (jsonOut += s) });
  expect(code2).toBe(code);
  return { code, out, err, json: JSON.parse(jsonOut) as Run['json'] };
}

/** No secret of the run in any output (text or JSON). */
function noSecret(r: Run, ...secrets: string[]) {
  for (const s of secrets) {
    expect(r.out).not.toContain(s);
    expect(JSON.stringify(r.json)).not.toContain(s);
    expect(r.err).not.toContain(s);
    expect(r.out).not.toContain(Buffer.from(`${EMAIL}:${s}`).toString('base64'));
  }
}

describe('doctor on Cloud', () => {
  it('healthy: a classic API token names the user; the gateway is not asked', async () => {
    const emu = await cloud();
    const r = await doctor([SITE, '--allow-http'], { ...cloudEnv(emu), JIRA_USER: EMAIL, JIRA_TOKEN: CLOUD_TOKENS.classic });
    expect(r.code).toBe(0);
    expect(r.json.verdict.code).toBe('healthy');
    expect(r.out).toContain(`says you are ${EMAIL}`);
    expect(r.json.site).toMatchObject({ product: 'jira', deployment: 'cloud', cloudId: emu.cloudId });
    expect(emu.platformRequests).toEqual([]);
    noSecret(r, CLOUD_TOKENS.classic);
  });

  it.each([['expired'], ['revoked']] as const)('token %s: refused at the site and at the gateway', async (kind) => {
    const emu = await cloud();
    const r = await doctor([SITE, '--allow-http'], { ...cloudEnv(emu), JIRA_USER: EMAIL, JIRA_TOKEN: CLOUD_TOKENS[kind] });
    expect(r.code).toBe(1);
    expect(r.json.verdict.code).toBe('token-refused');
    expect(r.json.verdict.summary).toMatch(/refused at the site and at the API gateway: it has expired or was revoked/);
    expect(r.json.findings.map((f) => f.code)).toContain('cloud-token-refused');
    expect(r.json.sent.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    // One credentialed request per host: the site once, the gateway once (two runs: text and JSON).
    expect(emu.platformRequests.map((x) => x.status)).toEqual([401, 401]);
    noSecret(r, CLOUD_TOKENS[kind]);
  });

  it('scoped token: refused at the site, works at the gateway: send it to api.atlassian.com/ex/jira/<cloudId>', async () => {
    const emu = await cloud();
    const r = await doctor([SITE, '--allow-http'], { ...cloudEnv(emu), JIRA_USER: EMAIL, JIRA_TOKEN: CLOUD_TOKENS.scoped });
    expect(r.code).toBe(1);
    expect(r.json.verdict.code).toBe('scoped-token');
    expect(r.json.verdict.fix).toContain(`/ex/jira/${emu.cloudId}/`);
    expect(r.json.verdict.works).toBe('The same token works through the gateway.');
    expect(r.json.findings.map((f) => f.code)).toContain('scope-mismatch');
    expect(r.out).toContain('asking the API gateway once');
    noSecret(r, CLOUD_TOKENS.scoped);
  });

  it('scoped token on Confluence Cloud under /wiki: the gateway keeps /wiki', async () => {
    const emu = await cloud('confluence');
    const r = await doctor([`${SITE}/wiki`, '--allow-http'], { ...cloudEnv(emu), JIRA_USER: EMAIL, JIRA_TOKEN: CLOUD_TOKENS.scoped });
    expect(r.json.verdict.code).toBe('scoped-token');
    expect(emu.platformRequests[0]!.url).toBe(`/ex/confluence/${emu.cloudId}/wiki/rest/api/user/current`);
    // Confluence has no public serverInfo: the manifest, tenant_info and the question, nothing else.
    expect(r.json.sent.map((s) => new URL(s.url).pathname)).toEqual(['/wiki/rest/applinks/1.0/manifest', '/_edge/tenant_info', '/wiki/rest/api/user/current', `/ex/confluence/${emu.cloudId}/wiki/rest/api/user/current`]);
  });

  it('password on Cloud: refused, the gateway is not asked', async () => {
    const emu = await cloud();
    const r = await doctor([SITE, '--allow-http'], { ...cloudEnv(emu), JIRA_USER: EMAIL, JIRA_TOKEN: 'hunter2-Pw' });
    expect(r.code).toBe(1);
    expect(r.json.verdict.code).toBe('cloud-password');
    expect(r.json.findings.map((f) => f.code)).toContain('cloud-password-basic');
    expect(emu.platformRequests).toEqual([]);
    noSecret(r, 'hunter2-Pw');
  });

  it('an API token as Bearer: the wrong scheme for Cloud', async () => {
    const emu = await cloud();
    const r = await doctor([SITE, '--allow-http'], { ...cloudEnv(emu), JIRA_TOKEN: CLOUD_TOKENS.classic });
    expect(r.json.verdict.code).toBe('wrong-scheme');
    expect(r.json.findings.map((f) => f.code)).toContain('token-wrong-scheme');
    noSecret(r, CLOUD_TOKENS.classic);
  });

  it('--token-stdin reads the token; anonymous without credentials says what anonymous sees', async () => {
    const emu = await cloud();
    const viaStdin = await doctor([SITE, '--allow-http', '--token-stdin'], { ...cloudEnv(emu), JIRA_USER: EMAIL, STDIN: `${CLOUD_TOKENS.classic}\n` });
    expect(viaStdin.json.verdict.code).toBe('healthy');
    const anon = await doctor([SITE], cloudEnv(emu));
    expect(anon.code).toBe(0);
    expect(anon.json.verdict.code).toBe('anonymous');
    expect(anon.json.verdict.summary).toMatch(/an anonymous caller gets 401 on \/rest\/api\/2\/myself and can read 5 issues in a search/);
  });

  it('a Cloud session cookie (tenant.session.token): live names the account, after its end session-expired', async () => {
    const emu = await emulator({ mode: 'cloud', publicOrigin: SITE, sessionLifetimeSec: 60 });
    const login = await fetch(`${emu.url}/rest/auth/1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: EMAIL, password: 'secret' }) });
    const session = /tenant\.session\.token=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const live = await doctor([SITE, '--allow-http'], { ...cloudEnv(emu), JIRA_SESSION: session });
    expect(live.json.verdict.code).toBe('healthy');
    expect(emu.requests.at(-1)!.url).toBe('/rest/api/2/myself?os_authType=cookie');
    emu.advanceClock(61);
    const dead = await doctor([SITE, '--allow-http'], { ...cloudEnv(emu), JIRA_SESSION: session });
    expect(dead.code).toBe(1);
    expect(dead.json.verdict.code).toBe('session-expired');
    expect(emu.platformRequests).toEqual([]);
    noSecret(dead, session);
  });

  it('--dry-run prints the plan only, and the plan is exactly what a run sends', async () => {
    const emu = await cloud();
    const env = { ...cloudEnv(emu), JIRA_USER: EMAIL, JIRA_TOKEN: CLOUD_TOKENS.scoped };
    let dry = '';
    const code = await main(['doctor', SITE, '--allow-http', '--dry-run', '--product', 'jira'], { stdout: (s) => void (dry += s), stderr: () => {}, isTTY: false, env });
    expect(code).toBe(0);
    expect(emu.requests).toEqual([]);
    expect(dry).not.toContain(CLOUD_TOKENS.scoped);
    const planned = [...dry.matchAll(/GET (\S+)/g)].map((m) => m[1]!.replace('{cloudId}', emu.cloudId));
    const r = await main(['doctor', SITE, '--allow-http', '--product', 'jira'], { stdout: () => {}, stderr: () => {}, isTTY: false, env });
    expect(r).toBe(1);
    const sent = [...emu.requests.map((x) => `${SITE}${x.url}`), ...emu.platformRequests.map((x) => `http://api.atlassian.com${x.url}`)];
    expect(sent).toEqual(planned);
  });

  it('through a proxy (HTTP_PROXY, absolute URIs); NO_PROXY bypasses it', async () => {
    const emu = await cloud();
    const proxy = await startTestProxy({ 'acme.atlassian.net:80': emu.port, 'api.atlassian.com:80': emu.platformPort! });
    open.push(proxy);
    const env = { HTTP_PROXY: proxy.url, SERAPH_LENS_GATEWAY: 'http://api.atlassian.com', JIRA_USER: EMAIL, JIRA_TOKEN: CLOUD_TOKENS.scoped };
    const r = await doctor([SITE, '--allow-http'], env);
    expect(r.json.verdict.code).toBe('scoped-token');
    expect(proxy.log.slice(0, 5)).toEqual([
      `GET ${SITE}/rest/applinks/1.0/manifest`,
      `GET ${SITE}/rest/api/2/serverInfo`,
      `GET ${SITE}/_edge/tenant_info`,
      `GET ${SITE}/rest/api/2/myself`,
      `GET http://api.atlassian.com/ex/jira/${emu.cloudId}/rest/api/2/myself`,
    ]);
    expect(r.out).toContain(`through the proxy ${proxy.url}`);
    const before = proxy.log.length;
    const bypass = await doctor([SITE, '--allow-http'], { ...env, ...cloudEnv(emu), NO_PROXY: '.atlassian.net,api.atlassian.com' });
    expect(bypass.json.verdict.code).toBe('scoped-token');
    expect(proxy.log.length).toBe(before);
  });
});

describe('doctor on Data Center', () => {
  const dc = (opts: EmulatorOptions = {}) => emulator({ mode: 'server', ...opts });

  it('a PAT-shaped token is sent as Bearer and works (a PAT as a Basic password would be refused)', async () => {
    const emu = await dc();
    const r = await doctor([emu.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: FRED_PAT });
    expect(r.code).toBe(0);
    expect(r.json.verdict.code).toBe('healthy');
    expect(r.json.verdict.works).toMatch(/Bearer/);
    expect(r.out).toMatch(/with Authorization: Bearer <personal access token, 44 characters>/);
    expect(r.json.site).toMatchObject({ product: 'jira', deployment: 'server', version: '9.12.0' });
    noSecret(r, FRED_PAT);
  });

  it('an expired PAT is refused', async () => {
    const emu = await dc();
    const r = await doctor([emu.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: FRED_EXPIRED_PAT });
    expect(r.json.verdict.code).toBe('token-refused');
  });

  it('a Cloud API token sent where a PAT is needed', async () => {
    const emu = await dc();
    const r = await doctor([emu.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: CLOUD_TOKENS.classic });
    expect(r.code).toBe(1);
    expect(r.json.verdict.code).toBe('api-token-on-dc');
    expect(r.json.verdict.fix).toMatch(/personal access token/);
  });

  it('a wrong password: one failed Basic login per run, never more; then the CAPTCHA verdict', async () => {
    const emu = await dc({ captchaAfterFailures: 4 });
    const env = { JIRA_USER: 'fred', JIRA_TOKEN: 'wrong-pw' };
    const failedLogins = () => emu.requests.filter((x) => x.status === 401 || x.status === 403).length;
    const first = await doctor([emu.url, '--allow-http'], env); // two runs: text and JSON
    expect(first.json.verdict.code).toBe('login-failed');
    expect(first.out).toMatch(/Data Center counts failed Basic logins toward a CAPTCHA/);
    expect(failedLogins()).toBe(2);
    const second = await doctor([emu.url, '--allow-http'], env);
    expect(second.json.verdict.code).toBe('login-failed');
    expect(failedLogins()).toBe(4);
    const third = await doctor([emu.url, '--allow-http'], env);
    expect(third.code).toBe(1);
    expect(third.json.verdict.code).toBe('captcha');
    expect(third.json.verdict.fix).toMatch(/Sign in once in a browser/);
    expect(third.json.findings.map((f) => f.code)).toContain('captcha-required');
    expect(failedLogins()).toBe(6);
  });

  it('a user without application access', async () => {
    const emu = await dc();
    const r = await doctor([emu.url, '--allow-http'], { JIRA_USER: 'guest', JIRA_TOKEN: 'guest' });
    expect(r.json.verdict.code).toBe('no-access');
  });

  it('a session cookie: checked with os_authType=cookie; a live one names the user, a dead one is session-expired', async () => {
    const emu = await dc({ product: 'confluence' });
    const login = await fetch(`${emu.url}/rest/auth/1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'fred', password: 'fred' }) });
    const session = /JSESSIONID=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const before = emu.requests.length;
    expect(await main(['doctor', emu.url], { stdout: () => {}, stderr: () => {}, isTTY: false, env: { JIRA_SESSION: session } })).toBe(2);
    expect(emu.requests.length).toBe(before); // plain http without --allow-http: refused before anything is sent
    const ok = await doctor([emu.url, '--allow-http'], { JIRA_SESSION: session });
    expect(ok.json.verdict.code).toBe('healthy');
    expect(emu.requests.at(-1)!.url).toBe('/rest/api/user/current?os_authType=cookie');
    noSecret(ok, session);
    emu.expireAllSessions();
    const dead = await doctor([emu.url, '--allow-http'], { JIRA_SESSION: session });
    expect(dead.json.verdict.code).toBe('session-expired');
    expect(dead.json.findings.map((f) => f.code)).toContain('session-expired');
    noSecret(dead, session);
  });

  it('anonymous on Confluence Data Center', async () => {
    const emu = await dc({ product: 'confluence' });
    const r = await doctor([emu.url], {});
    expect(r.json.verdict.code).toBe('anonymous');
    expect(r.json.verdict.summary).toMatch(/can read 1 space \(PUB\)/);
    expect(r.json.site).toMatchObject({ product: 'confluence', deployment: 'server' });
  });
});

describe('doctor could not check', () => {
  it('not an Atlassian site: no credential is sent', async () => {
    const site = await startPlainSite((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>nothing here</h1>'));
    open.push(site);
    const r = await doctor([site.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: 'fred-pw' });
    expect(r.code).toBe(2);
    expect(r.json.verdict.code).toBe('not-atlassian');
    expect(site.authorizations.every((a) => a === undefined)).toBe(true);
  });

  it('a redirect is reported, not followed', async () => {
    const site = await startPlainSite((_req, res) => res.writeHead(301, { Location: 'https://jira.example.com/jira/rest/applinks/1.0/manifest' }).end());
    open.push(site);
    const r = await doctor([site.url], {});
    expect(r.code).toBe(2);
    expect(r.json.verdict.code).toBe('redirected');
    expect(r.out).toContain('301 → https://jira.example.com/jira/rest/applinks/1.0/manifest');
    expect(site.paths).toEqual(['/rest/applinks/1.0/manifest', '/rest/applinks/1.0/manifest']);
  });

  it('a redirect whose Location carries a secret is reported without it', async () => {
    const site = await startPlainSite((_req, res) => res.writeHead(302, { Location: 'https://idp.example.com/cb?code=SECRETCODE123&token=TOK12345678' }).end());
    open.push(site);
    const r = await doctor([site.url], {});
    expect(r.json.verdict.code).toBe('redirected');
    noSecret(r, 'SECRETCODE123', 'TOK12345678');
  });

  it('network: nothing listening; a timeout', async () => {
    const site = await startPlainSite(() => {}); // never answers
    open.push(site);
    const slow = await doctor([site.url, '--timeout', '0.3'], {});
    expect(slow.code).toBe(2);
    expect(slow.json.verdict).toMatchObject({ code: 'unreachable' });
    expect(slow.out).toMatch(/failed \(timeout/);
    const closed = await doctor(['http://127.0.0.1:1'], {});
    expect(closed.code).toBe(2);
    expect(closed.json.verdict.summary).toMatch(/ECONNREFUSED/);
  });

  it('usage: credentials on the command line, credentials over plain http, no URL', async () => {
    const r = await main(['doctor', 'https://jira.example.com', '--token', 'x'], { stdout: () => {}, stderr: () => {}, isTTY: false, env: {} });
    expect(r).toBe(2);
    let err = '';
    const http = await main(['doctor', 'http://jira.example.com'], { stdout: () => {}, stderr: (s) => void (err += s), isTTY: false, env: { JIRA_USER: 'a', JIRA_TOKEN: 'b' } });
    expect(http).toBe(2);
    expect(err).toMatch(/plain http/);
    expect(await main(['doctor'], { stdout: () => {}, stderr: () => {}, isTTY: false, env: {} })).toBe(2);
  });
});

describe('doctor plan and proxy settings', () => {
  it('keeps a context path; a Data Center plan warns about the CAPTCHA and sends no gateway step', async () => {
    let out = '';
    const code = await main(['doctor', 'https://jira.example.com/jira/', '--dry-run', '--product', 'jira'], { stdout: (s) => void (out += s), stderr: () => {}, isTTY: false, env: { JIRA_USER: 'fred', JIRA_TOKEN: 'fred-pw' } });
    expect(code).toBe(0);
    expect([...out.matchAll(/GET (\S+)/g)].map((m) => m[1])).toEqual([
      'https://jira.example.com/jira/rest/applinks/1.0/manifest',
      'https://jira.example.com/jira/rest/api/2/serverInfo',
      'https://jira.example.com/_edge/tenant_info',
      'https://jira.example.com/jira/rest/api/2/myself',
    ]);
    expect(out).toContain('if the site is Cloud');
    expect(out).toContain('Data Center counts failed Basic logins toward a CAPTCHA');
    expect(out).not.toContain('fred-pw');
  });

  it('HTTPS_PROXY / HTTP_PROXY by scheme, NO_PROXY by name, suffix, port and *', () => {
    const env = { HTTPS_PROXY: 'http://proxy.corp:3128', http_proxy: 'proxy.corp:8080', NO_PROXY: 'localhost, .internal.corp,jira.example.com:8443' };
    expect(proxyFor(env, new URL('https://acme.atlassian.net'))?.href).toBe('http://proxy.corp:3128/');
    expect(proxyFor(env, new URL('http://acme.atlassian.net'))?.href).toBe('http://proxy.corp:8080/');
    expect(proxyFor(env, new URL('https://jira.internal.corp'))).toBeNull();
    expect(proxyFor(env, new URL('https://jira.example.com:8443'))).toBeNull();
    expect(proxyFor(env, new URL('https://jira.example.com'))).not.toBeNull();
    expect(noProxy({ no_proxy: '*' }, 'anything', 443)).toBe(true);
    expect(noProxy({}, 'anything', 443)).toBe(false);
    expect([...parseConnectTo('acme.atlassian.net:443:127.0.0.1:8443,bad').entries()]).toEqual([['acme.atlassian.net:443', { host: '127.0.0.1', port: 8443 }]]);
  });
});
