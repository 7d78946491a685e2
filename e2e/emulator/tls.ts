/**
 * Self-signed certificates so the emulator can answer as a real Cloud name (acme.atlassian.net) over
 * HTTPS. Made with the openssl CLI on first use and cached under the temp dir, one folder per host name;
 * no private key is ever committed.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** /usr/bin/openssl here and on CI; OPENSSL overrides, otherwise PATH decides (macOS, Homebrew). */
const OPENSSL = process.env.OPENSSL ?? 'openssl';

export function tlsCacheDir(): string {
  return path.join(os.tmpdir(), 'seraph-lens-tls');
}

export function testTlsFor(hostname: string): { key: string; cert: string } {
  const host = hostname.toLowerCase();
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(host) && !isIP(host)) throw new Error(`testTlsFor: not a host name: ${hostname}`);
  const dir = path.join(tlsCacheDir(), host);
  const cached = read(dir, host);
  if (cached) return cached;

  // Generate in a private folder, then rename it into place: parallel test workers never see half a pair.
  mkdirSync(tlsCacheDir(), { recursive: true });
  const tmp = mkdtempSync(path.join(tlsCacheDir(), `.${host}-`));
  try {
    const san = isIP(host) ? `IP:${host}` : `DNS:${host}`;
    execFileSync(
      OPENSSL,
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '365', '-subj', `/CN=${host}`,
        '-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:FALSE', '-addext', 'extendedKeyUsage=serverAuth',
        '-keyout', path.join(tmp, 'key.pem'), '-out', path.join(tmp, 'cert.pem')],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // a stale or broken pair
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if (!existsSync(dir)) throw err; // otherwise another worker just put its own pair there: use that one
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const made = read(dir, host);
  if (!made) throw new Error(`testTlsFor: openssl did not produce a usable certificate for ${host} in ${dir}`);
  return made;
}

/** The cached pair, if it is complete, names the host and has not expired. */
function read(dir: string, host: string): { key: string; cert: string } | null {
  try {
    const key = readFileSync(path.join(dir, 'key.pem'), 'utf8');
    const cert = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    const x509 = new X509Certificate(cert);
    const matches = isIP(host) ? x509.checkIP(host) : x509.checkHost(host);
    if (!matches || Date.parse(x509.validTo) < Date.now() + 86_400_000 || !x509.checkPrivateKey(createPrivateKey(key))) return null;
    return { key, cert };
  } catch {
    return null;
  }
}
