/**
 * The doctor's one HTTP primitive: a single GET, over node:http / node:https, with no redirect followed, a
 * timeout, and the proxy of the environment (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, lower or upper case) as a
 * CONNECT tunnel (https targets) or an absolute-URI request (http targets).
 *
 * Why not fetch + undici's EnvHttpProxyAgent: Node 20's fetch has no proxy support of its own, so undici would
 * have to be bundled into the single-file CLI (about 950 KB for EnvHttpProxyAgent + fetch, measured with the
 * CLI's vite build: several times the whole CLI), and fetch adds headers of its own (accept-language,
 * sec-fetch-mode, accept-encoding, user-agent), so what the plan prints would not be exactly what is sent.
 * node:http sends exactly the headers given, never follows a redirect, and takes NODE_EXTRA_CA_CERTS (read by
 * Node at start-up into the default CA store) for https, directly and through the tunnel.
 */
import type http from 'node:http';
import type https from 'node:https';
import type tls from 'node:tls';
import type { Duplex } from 'node:stream';
import type { Header } from '../engine/types';

interface Net {
  http: typeof http;
  https: typeof https;
  tls: typeof tls;
}
let net: Promise<Net> | null = null;
/** node:http, https and tls, loaded at the first request: analyze and redact start without them (~20 ms of a 130 ms start). */
const loadNet = () =>
  (net ??= Promise.all([import('node:http'), import('node:https'), import('node:tls')]).then(([h, s, t]) => ({ http: h.default, https: s.default, tls: t.default })));

/** Bodies are read for facts only: the first 256 KB is plenty for a `/myself` or a manifest. */
const MAX_BODY = 256 * 1024;

export interface HttpOptions {
  timeoutMs: number;
  env: Record<string, string | undefined>;
  /**
   * Test hook (env SERAPH_LENS_CONNECT_TO, curl's --connect-to): "host:port:addr:port,…" sends what is meant for
   * host:port to addr:port, keeping the name in Host and TLS SNI. Emulator tests use it to answer as
   * acme.atlassian.net and api.atlassian.com on loopback ports.
   */
  connectTo?: ReadonlyMap<string, { host: string; port: number }>;
  /** Extra trusted certificates (in-process tests; the CLI relies on NODE_EXTRA_CA_CERTS). */
  ca?: readonly string[];
}

export type FailureKind = 'timeout' | 'tls' | 'network' | 'proxy';

export interface HttpAnswer {
  status: number;
  /** Raw headers in wire order (Set-Cookie lines one each). */
  headers: Header[];
  body: string;
  ms: number;
  /** How it was reached: directly, or through which proxy (its origin, never its credentials). */
  via: string | null;
  failure?: { kind: FailureKind; message: string };
}

/** Parses SERAPH_LENS_CONNECT_TO. Bad entries are ignored (a test hook, not a user option). */
export function parseConnectTo(value: string | undefined): Map<string, { host: string; port: number }> {
  const out = new Map<string, { host: string; port: number }>();
  for (const entry of (value ?? '').split(',')) {
    const m = /^([^:\s]+):(\d+):([^:\s]+|\[[^\]]+\]):(\d+)$/.exec(entry.trim());
    if (m) out.set(`${m[1]!.toLowerCase()}:${m[2]}`, { host: m[3]!.replace(/^\[|\]$/g, ''), port: Number(m[4]) });
  }
  return out;
}

const envOf = (env: HttpOptions['env'], name: string) => env[name.toLowerCase()] ?? env[name.toUpperCase()];

/** Whether NO_PROXY exempts host:port: `*`, exact names, domain suffixes (`.corp`, `corp`, `*.corp`), optional `:port`. */
export function noProxy(env: HttpOptions['env'], host: string, port: number): boolean {
  const list = envOf(env, 'no_proxy');
  if (!list) return false;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of list.split(/[\s,]+/)) {
    const item = raw.trim().toLowerCase();
    if (!item) continue;
    if (item === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(item)!;
    if (m[2] && Number(m[2]) !== port) continue;
    const name = m[1]!.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (h === name || h.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy URL for a target, or null for a direct connection. */
export function proxyFor(env: HttpOptions['env'], target: URL): URL | null {
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  const value = target.protocol === 'https:' ? envOf(env, 'https_proxy') : envOf(env, 'http_proxy');
  if (!value || noProxy(env, target.hostname, port)) return null;
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/** A proxy named without its credentials, for reports. */
export const proxyName = (u: URL) => `${u.protocol}//${u.host}`;

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|HOSTNAME_MISMATCH|EPROTO/i;

function classify(err: unknown, timedOut: boolean, viaProxy: boolean): { kind: FailureKind; message: string } {
  const e = err as NodeJS.ErrnoException;
  const code = e?.code ?? '';
  if (timedOut) return { kind: 'timeout', message: 'no answer in time' };
  if (e instanceof ProxyRefused) return { kind: 'proxy', message: e.message };
  if (TLS_CODES.test(code) || TLS_CODES.test(e?.message ?? '')) return { kind: 'tls', message: `${code ? `${code}: ` : ''}${e.message}` };
  return { kind: viaProxy && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN/.test(code) ? 'proxy' : 'network', message: `${code ? `${code}: ` : ''}${e?.message ?? String(err)}` };
}

class ProxyRefused extends Error {}

/** Opens a CONNECT tunnel to host:port through the proxy; resolves with the raw socket. */
function tunnel({ http, https, tls }: Net, proxy: URL, host: string, port: number, opts: HttpOptions, signal: AbortSignal): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `${host}:${port}` };
    if (proxy.username) headers['Proxy-Authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
    const lib = proxy.protocol === 'https:' ? https : http;
    const req = lib.request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: `${host}:${port}`,
      headers,
      signal,
      ...(opts.ca ? { ca: [...tls.rootCertificates, ...opts.ca] } : {}),
    });
    req.once('connect', (res, socket) => {
      signal.addEventListener('abort', () => socket.destroy(), { once: true });
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      reject(new ProxyRefused(`the proxy ${proxyName(proxy)} refused the tunnel to ${host}:${port} (${res.statusCode ?? '?'})`));
    });
    req.once('error', reject);
    req.end();
  });
}

/** One GET; never throws: a failure is an answer with status 0 and `failure`. */
export async function get(url: string, headers: Record<string, string>, opts: HttpOptions): Promise<HttpAnswer> {
  const modules = await loadNet();
  const started = Date.now();
  const { http, https, tls } = modules;
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const port = Number(target.port) || (secure ? 443 : 80);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  const proxy = proxyFor(opts.env, target);
  const direct = opts.connectTo?.get(`${host.toLowerCase()}:${port}`) ?? { host, port };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);
  const via = proxy ? proxyName(proxy) : null;
  const hostHeader = target.port ? `${target.hostname}:${target.port}` : target.hostname;
  const path = target.pathname + target.search;
  const sockets: Duplex[] = [];
  try {
    const answer = await new Promise<Omit<HttpAnswer, 'ms' | 'via'>>((resolve, reject) => {
      const onResponse = (res: http.IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_BODY) chunks.push(c);
          size += c.length;
        });
        res.once('end', () => {
          const list: Header[] = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) list.push({ name: res.rawHeaders[i]!, value: res.rawHeaders[i + 1]! });
          resolve({ status: res.statusCode ?? 0, headers: list, body: Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8') });
        });
        res.once('error', reject);
      };
      const common = { method: 'GET', path, headers: { Host: hostHeader, ...headers }, signal: controller.signal };
      const tlsOpts = { servername: host, ...(opts.ca ? { ca: [...tls.rootCertificates, ...opts.ca] } : {}) };
      let req: http.ClientRequest;
      if (proxy && secure) {
        tunnel(modules, proxy, host, port, opts, controller.signal).then((socket) => {
          sockets.push(socket);
          // No agent: node:http uses createConnection only then (agent: false would make a new Agent that dials itself).
          const r = https.request({ ...common, ...tlsOpts, host, port, createConnection: () => tls.connect({ socket, ...tlsOpts }) }, onResponse);
          r.once('error', reject);
          r.end();
        }, reject);
        return;
      } else if (proxy) {
        // Plain http through a proxy: the absolute URI goes to the proxy.
        const proxyHeaders: Record<string, string> = {};
        if (proxy.username) proxyHeaders['Proxy-Authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
        req = (proxy.protocol === 'https:' ? https : http).request(
          { ...common, path: target.href, headers: { ...common.headers, ...proxyHeaders }, host: proxy.hostname.replace(/^\[|\]$/g, ''), port: Number(proxy.port) || 80, agent: false },
          onResponse,
        );
      } else if (secure) {
        req = https.request({ ...common, ...tlsOpts, host: direct.host, port: direct.port, agent: false }, onResponse);
      } else {
        req = http.request({ ...common, host: direct.host, port: direct.port, agent: false }, onResponse);
      }
      req.once('error', reject);
      req.end();
    });
    return { ...answer, ms: Date.now() - started, via };
  } catch (err) {
    return { status: 0, headers: [], body: '', ms: Date.now() - started, via, failure: classify(err, timedOut, proxy !== null) };
  } finally {
    clearTimeout(timer);
    // A tunnel is used once: nothing may keep the process alive after the answer.
    for (const socket of sockets) socket.destroy();
  }
}
