/**
 * seraph-lens doctor as shipped: the built single file (scripts/build-cli.mjs) run as a child process against
 * the emulator over TLS with a private CA (its testTlsFor certificates, trusted through NODE_EXTRA_CA_CERTS,
 * which Node reads only at start-up), reached through a loopback CONNECT proxy (HTTPS_PROXY) that maps
 * acme.atlassian.net and api.atlassian.com to the emulator's ports: the real gateway URL, no test hook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLOUD_TOKENS, FRED_PAT, startEmulator, type Emulator } from '../../e2e/emulator/server';
import { testTlsFor } from '../../e2e/emulator/tls';
import { buildCliForTest } from './built';
import { startTestProxy, type TestProxy } from './doctor-support';

const SITE = 'https://acme.atlassian.net';
let cli: string;
let emu: Emulator;
let proxy: TestProxy;
let caFile: string;
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|JIRA_|HTTPS?_PROXY|NO_PROXY|NODE_EXTRA_CA_CERTS|SERAPH_LENS_)/i.test(k)));

beforeAll(async () => {
  cli = buildCliForTest();
  const site = testTlsFor('acme.atlassian.net');
  emu = await startEmulator({ mode: 'cloud', tls: site, publicOrigin: SITE });
  proxy = await startTestProxy({ 'acme.atlassian.net:443': emu.port, 'api.atlassian.com:443': emu.platformPort! });
  caFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-ca-')), 'ca.pem');
  writeFileSync(caFile, site.cert + testTlsFor('api.atlassian.com').cert);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  await emu?.close();
});

function run(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, 'doctor', ...args], { env: { ...baseEnv, NO_COLOR: '1', ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 70) : 0, out: stdout, err: stderr });
    });
  });
}

describe('doctor, the built CLI in a child process', () => {
  it('private CA + HTTPS_PROXY: a scoped token is found through the real gateway URL; the dry-run plan is what is sent', async () => {
    const env = { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile, JIRA_USER: 'user@example.com', JIRA_TOKEN: CLOUD_TOKENS.scoped };
    const dry = await run([SITE, '--dry-run', '--product', 'jira'], env);
    expect(dry.code, dry.err).toBe(0);
    expect(proxy.log).toEqual([]);
    const planned = [...dry.out.matchAll(/GET (\S+)/g)].map((m) => m[1]!.replace('{cloudId}', emu.cloudId));
    expect(planned.at(-1)).toBe(`https://api.atlassian.com/ex/jira/${emu.cloudId}/rest/api/2/myself`);

    const r = await run([SITE, '--product', 'jira'], env);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toContain('Verdict: scoped-token');
    expect(r.out).toContain('Works: The same token works through the gateway.');
    expect(r.out).not.toContain(CLOUD_TOKENS.scoped);
    const sent = [...emu.requests.map((x) => `${SITE}${x.url}`), ...emu.platformRequests.map((x) => `https://api.atlassian.com${x.url}`)];
    expect(sent).toEqual(planned);
    // Every request went through the tunnel (one CONNECT per request: no connection reuse).
    expect(proxy.log).toEqual([...Array(4).fill('CONNECT acme.atlassian.net:443'), 'CONNECT api.atlassian.com:443']);
  });

  it('without NODE_EXTRA_CA_CERTS the private CA is not trusted: a TLS verdict, exit 2, no credential sent', async () => {
    const before = emu.requests.length;
    const r = await run([SITE, '--format', 'json'], { HTTPS_PROXY: proxy.url, JIRA_USER: 'user@example.com', JIRA_TOKEN: CLOUD_TOKENS.classic });
    expect(r.code).toBe(2);
    const json = JSON.parse(r.out) as { verdict: { code: string; fix: string }; sent: unknown[] };
    expect(json.verdict.code).toBe('tls');
    expect(json.verdict.fix).toContain('NODE_EXTRA_CA_CERTS');
    expect(json.sent).toHaveLength(1);
    expect(emu.requests.length).toBe(before);
  });

  it('a Data Center PAT, directly (no proxy), JSON', async () => {
    const dc = await startEmulator({ mode: 'server' });
    try {
      const r = await run([dc.url, '--allow-http', '--format', 'json'], { JIRA_USER: 'fred', JIRA_TOKEN: FRED_PAT });
      expect(r.code, r.err).toBe(0);
      expect(r.out).not.toContain(FRED_PAT);
      expect(JSON.parse(r.out).verdict).toMatchObject({ code: 'healthy', exit: 0 });
    } finally {
      await dc.close();
    }
  });
});
