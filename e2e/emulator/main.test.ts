/** The CLI entry (main.ts), run as `tsx e2e/emulator/main.ts` would run it. */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');
const node = (args: string[]) => [process.execPath, ['--import', 'tsx', MAIN, ...args]] as const;

/** Starts the CLI, waits for its banner, and hands back the printed URL; the process is stopped afterwards. */
async function withCli(args: string[], use: (url: string, banner: string) => Promise<void>): Promise<void> {
  const [cmd, argv] = node(args);
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    const banner = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 15_000);
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        out += d;
        if (/Demo users:[\s\S]*\n\s+\S.*\n\s+\S/.test(out)) {
          clearTimeout(timer);
          setTimeout(() => resolve(out), 100); // the rest of the user lines
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    const url = /listening on (\S+)/.exec(banner)![1]!;
    await use(url, banner);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('main.ts', () => {
  it('starts on the given port and prints the URL, the control page and the demo users', async () => {
    await withCli(['--port', '0', '--timeout', '90'], async (url, banner) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(banner).toContain(`${url}/__emulator/`);
      expect(banner).toContain('fred / fred');
      expect(banner).toContain('admin / admin');
      const state = (await (await fetch(`${url}/__emulator/state`)).json()) as { mode: string; timeoutSec: number };
      expect(state).toMatchObject({ mode: 'server', timeoutSec: 90 });
    });
  });

  it('--mode cloud --cookie-max-age: Cloud users and a timed cookie', async () => {
    await withCli(['--port', '0', '--mode', 'cloud', '--cookie-max-age', '600'], async (url, banner) => {
      expect(banner).toContain('user@example.com : user_api_token');
      const res = await fetch(`${url}/rest/auth/1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":"user@example.com","password":"secret"}' });
      expect(res.headers.getSetCookie()[0]).toMatch(/^tenant\.session\.token=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=600;/);
    });
  });

  it('--product confluence --mode cloud with --session-lifetime and --no-anonymous-access', async () => {
    await withCli(['--port', '0', '--product', 'confluence', '--mode', 'cloud', '--session-lifetime', '60', '--no-anonymous-access'], async (url, banner) => {
      expect(banner).toContain('Confluence Cloud emulator listening on');
      expect(banner).toContain('/wiki/login.action');
      expect(await (await fetch(`${url}/__emulator/state`)).json()).toMatchObject({ product: 'confluence', mode: 'cloud' });
      expect((await fetch(`${url}/wiki/index.action`, { redirect: 'manual' })).status).toBe(302); // no anonymous access
      const res = await fetch(`${url}/wiki/rest/auth/1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":"user@example.com","password":"secret"}' });
      const token = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
      expect(claims.exp - claims.iat).toBe(60);
    });
  });

  it('--rotate-cookies turns on Crowd rotation', async () => {
    await withCli(['--port', '0', '--rotate-cookies'], async (url) => {
      const res = await fetch(`${url}/rest/api/2/myself`, { headers: { Authorization: `Basic ${Buffer.from('fred:fred').toString('base64')}` } });
      expect(res.headers.get('x-seraph-loginreason')).toBe('OUT, OK');
    });
  });

  it('--sso saml --sso-failure audience: the IdP URL in the banner, SSO and the switch in the state', async () => {
    await withCli(['--port', '0', '--sso', 'saml', '--sso-failure', 'audience', '--sso-skew=-5'], async (url, banner) => {
      const idp = /emulated IdP at (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(idp).toBeDefined();
      expect(banner).toContain(`login: ${url}/plugins/servlet/external-login/1`);
      const state = (await (await fetch(`${url}/__emulator/state`)).json()) as { sso: Record<string, unknown> };
      expect(state.sso).toMatchObject({ enabled: true, protocol: 'saml', failure: 'audience', skewMinutes: -5, idpUrl: idp });
      expect((await fetch(`${url}/login.jsp`, { redirect: 'manual' })).headers.get('location')).toBe('/plugins/servlet/external-login/1');
    });
  });

  it('--mode cloud --sso-policy-mismatch: the platform listener in the banner, the switch on', async () => {
    await withCli(['--port', '0', '--mode', 'cloud', '--sso-policy-mismatch'], async (_url, banner) => {
      const platform = /api\.atlassian\.com and auth\.atlassian\.com: (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
      expect(platform).toBeDefined();
      const res = await fetch(`${platform}/authorize?redirect_uri=https%3A%2F%2Facme.atlassian.net%2F`, { redirect: 'manual' });
      expect(res.headers.get('location')).toContain('error_description=authentication-policy-strategy-mismatch');
    });
  });

  it('rejects bad arguments with exit code 2 and the usage', () => {
    for (const args of [['--mode', 'moon'], ['--product', 'bitbucket'], ['--port', 'x'], ['--what'], ['--sso', 'cas'], ['--sso-failure', 'loop'], ['--applink-failure', 'nope']]) {
      const [cmd, argv] = node(args);
      const r = spawnSync(cmd, argv, { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage:');
    }
  }, 90_000); // six tsx start-ups in a row: slow when the machine is shared
});
