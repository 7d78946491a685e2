/**
 * Self-signed certificates so the emulator can answer as a real Cloud name (acme.atlassian.net) over
 * HTTPS. Made with the openssl CLI on first use and cached in the temp dir; no private key is committed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function testTlsFor(hostname: string): { key: string; cert: string } {
  if (!/^[a-z0-9.-]+$/i.test(hostname)) throw new Error(`not a host name: ${hostname}`);
  const dir = path.join(os.tmpdir(), 'seraph-lens-tls');
  mkdirSync(dir, { recursive: true });
  const keyFile = path.join(dir, `${hostname}.key`);
  const certFile = path.join(dir, `${hostname}.crt`);
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '3650', '-subj', `/CN=${hostname}`,
        '-addext', `subjectAltName=DNS:${hostname}`, '-keyout', keyFile, '-out', certFile],
      { stdio: 'ignore' },
    );
  }
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8') };
}
