/**
 * The CLI as a user installs it (issue 18): `npm pack`, the tarball installed into an empty folder with
 * no registry (the package has no runtime dependency), then `npx seraph-lens` there. Takes ~10-30 s.
 */
import { describe, expect, it } from 'vitest';
import { execFile, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './built';
import { CLOUD_TOKENS, FRED_EXPIRED_PAT, FRED_PAT, startEmulator, type Emulator } from '../../e2e/emulator/server';
import { startPlainSite } from './doctor-support';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; files: string[]; bin: Record<string, string>; dependencies?: object };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-pack-'));
// No npm_config_* of an outer `npm test` (its prefix, its cwd) may leak into the user's npm.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const sh = (cmd: string, args: string[], opts: SpawnSyncOptions = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: 120_000, ...opts });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
};

const HAR = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      {
        startedDateTime: '2026-11-24T10:00:00Z',
        request: { method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', headers: [{ name: 'Cookie', value: 'JSESSIONID=SESSION-SECRET-42' }] },
        response: { status: 401, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }] },
      },
    ],
  },
});

describe('the npm package', () => {
  it('declares no runtime dependency and whitelists its files', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ 'seraph-lens': 'dist/cli/seraph-lens.mjs' });
  });

  it('packs, installs from the tarball without a registry, and runs with npx', { timeout: 360_000 }, async () => {
    const pack = sh('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT });
    expect(pack.code, pack.err).toBe(0);
    const [packed] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
    expect(packed!.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    // Only what a user needs: no sources, tests, fixtures, CI or scripts.
    expect(packed!.files.map((f) => f.path).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli/seraph-lens.mjs', 'docs/GUIDE.md', 'docs/PRIVACY.md', 'package.json']);

    const app = path.join(tmp, 'app');
    mkdirSync(app);
    const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, packed!.filename)], { cwd: app });
    expect(install.code, install.err).toBe(0);
    writeFileSync(path.join(app, 'capture.har'), HAR);

    const npx = (...args: string[]) => sh('npx', ['--offline', '--no-install', 'seraph-lens', ...args], { cwd: app });
    const version = npx('--version');
    expect(version.code, version.err).toBe(0);
    expect(version.out).toBe(`${pkg.version}\n`);
    const help = npx('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage:');

    const text = npx('analyze', 'capture.har');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^capture\.har: 1 entry, 1 origin, 1 error/);
    const json = npx('analyze', 'capture.har', '--json', '--fail-on', 'error');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).findings.map((f: { code: string }) => f.code)).toContain('session-expired');

    const redact = npx('redact', 'capture.har', '-o', 'safe.har');
    expect(redact.code, redact.err).toBe(0);
    const safe = readFileSync(path.join(app, 'safe.har'), 'utf8');
    expect(safe).not.toContain('SESSION-SECRET-42');
    expect(safe).toContain('JSESSIONID=[redacted');

    // Nothing of the project was needed: the installed package is one file and its package.json.
    const bad = npx('analyze', 'missing.har');
    expect(bad).toMatchObject({ code: 2, out: '' });
    expect(bad.err).toBe('seraph-lens: missing.har: no such file\n');

    // doctor: the plan alone, then one real check against the emulator (asynchronously: it answers in this process).
    const dry = npx('doctor', 'https://jira.example.com/jira', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('GET https://jira.example.com/jira/rest/applinks/1.0/manifest');
    const emu = await startEmulator({ mode: 'server' });
    try {
      const check = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
        execFile('npx', ['--offline', '--no-install', 'seraph-lens', 'doctor', emu.url, '--allow-http', '--format', 'json'],
          { cwd: app, env: { ...env, NO_COLOR: '1', JIRA_USER: 'fred', JIRA_TOKEN: FRED_PAT }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 70) : 0, out: stdout, err: stderr }));
      });
      expect(check.code, check.err).toBe(0);
      expect(check.out).not.toContain(FRED_PAT);
      expect(JSON.parse(check.out).verdict.code).toBe('healthy');
    } finally {
      await emu.close();
    }

    // Every verdict, from the installed package (doctor.test.ts has the details of each, in-process).
    const doctor = (args: string[], extra: Record<string, string>) =>
      new Promise<{ code: number; verdict: string; out: string }>((resolve) => {
        execFile('npx', ['--offline', '--no-install', 'seraph-lens', 'doctor', ...args, '--format', 'json'], { cwd: app, env: { ...env, NO_COLOR: '1', ...extra }, timeout: 60_000 }, (error, stdout) => {
          const code = error ? Number((error as { code?: number }).code ?? 70) : 0;
          let verdict = '(no JSON)';
          try {
            verdict = (JSON.parse(stdout) as { verdict: { code: string } }).verdict.code;
          } catch {
            /* reported by the expectation below */
          }
          resolve({ code, verdict, out: stdout });
        });
      });
    const cloud = await startEmulator({ mode: 'cloud', publicOrigin: 'http://acme.atlassian.net' });
    const dc = await startEmulator({ mode: 'server', captchaAfterFailures: 2 });
    const plain = await startPlainSite((_req, res) => res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>nothing here</h1>'));
    const moved = await startPlainSite((_req, res) => res.writeHead(301, { Location: 'https://jira.example.com/' }).end());
    const hooks = (e: Emulator) => ({
      SERAPH_LENS_CONNECT_TO: `acme.atlassian.net:80:127.0.0.1:${e.port},api.atlassian.com:80:127.0.0.1:${e.platformPort}`,
      SERAPH_LENS_GATEWAY: 'http://api.atlassian.com',
    });
    const site = 'http://acme.atlassian.net';
    const user = 'user@example.com';
    try {
      const login = await fetch(`${dc.url}/rest/auth/1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'fred', password: 'fred' }) });
      const session = /JSESSIONID=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
      const cases: [string, string[], Record<string, string>, string, number][] = [
        ['Cloud classic token', [site, '--allow-http'], { ...hooks(cloud), JIRA_USER: user, JIRA_TOKEN: CLOUD_TOKENS.classic }, 'healthy', 0],
        ['Cloud scoped token', [site, '--allow-http'], { ...hooks(cloud), JIRA_USER: user, JIRA_TOKEN: CLOUD_TOKENS.scoped }, 'scoped-token', 1],
        ['Cloud expired token', [site, '--allow-http'], { ...hooks(cloud), JIRA_USER: user, JIRA_TOKEN: CLOUD_TOKENS.expired }, 'token-refused', 1],
        ['Cloud password', [site, '--allow-http'], { ...hooks(cloud), JIRA_USER: user, JIRA_TOKEN: 'hunter2-Pw' }, 'cloud-password', 1],
        ['Cloud token as Bearer', [site, '--allow-http'], { ...hooks(cloud), JIRA_TOKEN: CLOUD_TOKENS.classic }, 'wrong-scheme', 1],
        ['Cloud anonymous', [site], hooks(cloud), 'anonymous', 0],
        ['DC expired PAT', [dc.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: FRED_EXPIRED_PAT }, 'token-refused', 1],
        ['DC with a Cloud API token', [dc.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: CLOUD_TOKENS.classic }, 'api-token-on-dc', 1],
        ['DC without application access', [dc.url, '--allow-http'], { JIRA_USER: 'guest', JIRA_TOKEN: 'guest' }, 'no-access', 1],
        ['DC live session cookie', [dc.url, '--allow-http'], { JIRA_SESSION: session }, 'healthy', 0],
        ['DC wrong password', [dc.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: 'wrong-pw' }, 'login-failed', 1],
        ['DC wrong password again: CAPTCHA', [dc.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: 'wrong-pw' }, 'captcha', 1],
        ['not an Atlassian site', [plain.url, '--allow-http'], { JIRA_USER: 'fred', JIRA_TOKEN: 'fred-pw' }, 'not-atlassian', 2],
        ['a redirect', [moved.url], {}, 'redirected', 2],
        ['nothing listening', ['http://127.0.0.1:1'], {}, 'unreachable', 2],
        ['TLS to a plain-http port', [dc.url.replace('http:', 'https:')], {}, 'tls', 2],
      ];
      for (const [what, args, extra, verdict, code] of cases) {
        const r = await doctor(args, extra);
        expect({ what, verdict: r.verdict, code: r.code }).toEqual({ what, verdict, code });
        for (const secret of [extra.JIRA_TOKEN, extra.JIRA_SESSION]) if (secret && secret.length > 8) expect(r.out, what).not.toContain(secret);
      }
      dc.expireAllSessions();
      const dead = await doctor([dc.url, '--allow-http'], { JIRA_SESSION: session });
      expect(dead.verdict).toBe('session-expired');
    } finally {
      await Promise.all([cloud.close(), dc.close(), plain.close(), moved.close()]);
    }
  });
});
