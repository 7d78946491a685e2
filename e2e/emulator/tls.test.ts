/** testTlsFor() and the emulator over HTTPS under a real Cloud name (as Chromium reaches it with --host-resolver-rules). */
import { afterAll, describe, expect, it } from 'vitest';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testTlsFor, tlsCacheDir } from './tls';
import { start } from './test-client';

const HOST = 'acme.atlassian.net';
const scratch = `t${process.pid}-${Date.now().toString(36)}.seraph-lens.test`;
afterAll(() => rmSync(path.join(tlsCacheDir(), scratch), { recursive: true, force: true }));

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  peerSan: string | undefined;
}

/** A request as Chromium makes it: to 127.0.0.1, but with the Cloud name as SNI; the self-signed certificate accepted. */
function httpsRequest(port: number, method: string, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port, method, path: urlPath, servername: HOST, rejectUnauthorized: false, headers: { Host: HOST, ...headers } }, (res) => {
      const peerSan = (res.socket as TLSSocket).getPeerCertificate().subjectaltname;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, peerSan }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('testTlsFor', () => {
  it('makes a self-signed certificate for the name (subjectAltName DNS:name) with its private key', () => {
    const { key, cert } = testTlsFor(scratch);
    const x509 = new X509Certificate(cert);
    expect(x509.subjectAltName).toBe(`DNS:${scratch}`);
    expect(x509.checkHost(scratch)).toBe(scratch);
    expect(x509.checkHost('other.example')).toBeUndefined();
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(x509.issuer).toBe(x509.subject); // self-signed
    expect(Date.parse(x509.validTo)).toBeGreaterThan(Date.now() + 30 * 86_400_000);
  });

  it('caches the pair under os.tmpdir(), keyed by host name, and reuses it', () => {
    const first = testTlsFor(scratch);
    const dir = path.join(tlsCacheDir(), scratch);
    expect(existsSync(path.join(dir, 'key.pem'))).toBe(true);
    expect(testTlsFor(scratch)).toEqual(first); // a fresh key would differ: this one came from the cache
    expect(testTlsFor(scratch.toUpperCase())).toEqual(first);
  });

  it('replaces a broken cached pair', () => {
    testTlsFor(scratch);
    writeFileSync(path.join(tlsCacheDir(), scratch, 'cert.pem'), 'garbage');
    const again = testTlsFor(scratch);
    expect(new X509Certificate(again.cert).checkHost(scratch)).toBe(scratch);
  });

  it('refuses what is not a host name (it ends up in a path and an openssl argument)', () => {
    for (const bad of ['../etc', 'a b', '', 'x/y']) expect(() => testTlsFor(bad)).toThrow(/not a host name/);
  });
});

describe('Cloud over HTTPS as https://acme.atlassian.net', () => {
  it('serves TLS with the certificate for the name, and links and login-url name the public origin', async () => {
    const { emu } = await start({ mode: 'cloud', tls: testTlsFor(HOST), publicOrigin: `https://${HOST}`, captchaAfterFailures: 1 });
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.origin).toBe(`https://${HOST}`);
    const anon = await httpsRequest(emu.port, 'GET', '/rest/auth/1/session');
    expect(anon.peerSan).toBe(`DNS:${HOST}`);
    expect(anon.status).toBe(401);
    expect(anon.headers['x-aaccountid']).toBeUndefined(); // Cloud names nobody, and never with X-AUSERNAME
    expect(anon.headers['x-ausername']).toBeUndefined();

    const json = { 'Content-Type': 'application/json' };
    const login = await httpsRequest(emu.port, 'POST', '/rest/auth/1/session', json, JSON.stringify({ username: 'user@example.com', password: 'secret' }));
    expect(login.status).toBe(200);
    const setCookies = login.headers['set-cookie'] as string[];
    expect(setCookies.find((s) => s.startsWith('tenant.session.token='))).toMatch(/; Path=\/; Secure; SameSite=None; HttpOnly$/);
    const cookie = setCookies.find((s) => s.startsWith('tenant.session.token='))!.split(';')[0]!;
    const me = await httpsRequest(emu.port, 'GET', '/rest/auth/1/session', { Cookie: cookie });
    expect(JSON.parse(me.body)).toMatchObject({ self: `https://${HOST}/rest/api/latest/user?username=user`, name: 'user' });

    await httpsRequest(emu.port, 'POST', '/rest/auth/1/session', json, JSON.stringify({ username: 'user@example.com', password: 'wrong' }));
    const denied = await httpsRequest(emu.port, 'POST', '/rest/auth/1/session', json, JSON.stringify({ username: 'user@example.com', password: 'secret' }));
    expect(denied.status).toBe(403);
    expect(denied.headers['x-authentication-denied-reason']).toBe(`CAPTCHA_CHALLENGE; login-url=https://${HOST}/login.jsp`);
  });

  it('email + API token over Basic works through TLS; the username does not', async () => {
    const { emu } = await start({ mode: 'cloud', tls: testTlsFor(HOST), publicOrigin: `https://${HOST}` });
    const auth = (s: string) => ({ Authorization: `Basic ${Buffer.from(s).toString('base64')}` });
    expect((await httpsRequest(emu.port, 'GET', '/rest/api/2/myself', auth('user@example.com:user_api_token'))).status).toBe(200);
    expect((await httpsRequest(emu.port, 'GET', '/rest/api/2/myself', auth('user:user_api_token'))).status).toBe(401);
  });
});
