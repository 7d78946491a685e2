/**
 * Atlassian's own hosts beside a Cloud site, on one extra listener (Cloud profiles only), as the IdP has its
 * own (idp/idp-server.ts): a different origin from the site, as the real hosts are. Their paths do not
 * overlap, so one port stands for all of them; browsers map each name to it (Chromium
 * `--host-resolver-rules=MAP api.atlassian.com:443 127.0.0.1:<port>, MAP auth.atlassian.com:443 …`), and with
 * TLS the listener picks each name's certificate by SNI.
 *   api.atlassian.com   /ex/jira/{cloudId}/rest/…, /ex/confluence/{cloudId}/wiki/rest/… → the site's REST, gateway rules
 *   auth.atlassian.com  POST /oauth/token (refresh_token grant, rotation), GET /authorize (the SSO policy switch)
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext } from 'node:tls';
import { randomBytes } from 'node:crypto';
import { readBody } from './login';
import type { Product } from './profile';
import type { EmulatorState, RequestLogEntry } from './state';
import { testTlsFor } from './tls';

export const GATEWAY_HOST = 'api.atlassian.com';
export const AUTH_HOST = 'auth.atlassian.com';
/** The SSO policy refusal of Atlassian's login (Atlassian KB "The email address you entered can't be used to log in here"). */
export const SSO_POLICY_MISMATCH = 'authentication-policy-strategy-mismatch';

export interface PlatformServer {
  /** The listening origin, e.g. http://127.0.0.1:41236 (every Atlassian host above). */
  url: string;
  port: number;
  readonly requests: ReadonlyArray<RequestLogEntry>;
  close(): Promise<void>;
}

/** `gateway` answers a request whose URL has been rewritten to the site's path (server.ts runs the site's rules). */
export async function startPlatform(opts: { host: string; tls: boolean; state: EmulatorState; gateway: (req: IncomingMessage, res: ServerResponse) => void }): Promise<PlatformServer> {
  const requests: RequestLogEntry[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    res.on('finish', () => requests.push({ method: req.method ?? 'GET', url, status: res.statusCode }));
    route(opts, req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      send(res, 500, { error: `Emulator error: ${err instanceof Error ? err.message : String(err)}` });
    });
  };
  const server = opts.tls ? https.createServer({ ...testTlsFor(GATEWAY_HOST), SNICallback: sni }, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function sni(servername: string, cb: (err: Error | null, ctx?: ReturnType<typeof createSecureContext>) => void): void {
  const name = servername === AUTH_HOST ? AUTH_HOST : GATEWAY_HOST;
  try {
    cb(null, createSecureContext(testTlsFor(name)));
  } catch (err) {
    cb(err as Error);
  }
}

async function route(opts: Parameters<typeof startPlatform>[0], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { state } = opts;
  const url = new URL(req.url ?? '/', 'http://platform.invalid');
  const ex = /^\/ex\/(jira|confluence)\/([^/]+)(\/.*)$/.exec(url.pathname);
  if (ex) {
    // Chosen: a cloudId or product this site is not answers 404 (no capture of the real answer).
    if (ex[1] !== state.profile.product || ex[2] !== state.cloudId) return send(res, 404, { code: 404, message: 'Not Found' });
    req.url = ex[3]! + url.search;
    return opts.gateway(req, res);
  }
  if (url.pathname === '/oauth/token') {
    if (req.method !== 'POST') return send(res, 405, { error: 'invalid_request', error_description: 'POST only' });
    return refreshToken(state, await bodyParams(req), res);
  }
  if (url.pathname === '/authorize') return authorize(state, url.searchParams, res);
  if (url.pathname === '/') return send(res, 200, { hosts: [GATEWAY_HOST, AUTH_HOST], cloudId: state.cloudId, site: state.origin });
  return send(res, 404, { code: 404, message: 'Not Found' });
}

/**
 * POST /oauth/token, grant_type=refresh_token (developer.atlassian.com "Refresh tokens"): rotation, and 403
 * invalid_grant for an unknown, turned-off or reused token. client_id / client_secret are not checked (chosen).
 */
function refreshToken(state: EmulatorState, params: URLSearchParams, res: ServerResponse): void {
  if (params.get('grant_type') !== 'refresh_token') {
    return send(res, 400, { error: 'unsupported_grant_type', error_description: 'Only grant_type=refresh_token is emulated.' });
  }
  const rotated = state.oauth.rotate(params.get('refresh_token') ?? '');
  if (!rotated) return send(res, 403, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
  send(res, 200, rotated);
}

/**
 * GET /authorize: the end of Atlassian's login, kept small. With the SSO policy switch on, it redirects with
 * `error=access_denied&error_description=authentication-policy-strategy-mismatch` (the KB's URL parameters) to
 * redirect_uri (default: the site); otherwise with a `code` (not exchangeable: the code grant is not emulated).
 */
function authorize(state: EmulatorState, q: URLSearchParams, res: ServerResponse): void {
  const target = new URL(q.get('redirect_uri') || `${state.origin}/`);
  if (state.ssoPolicyMismatch) {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_description', SSO_POLICY_MISMATCH);
  } else target.searchParams.set('code', randomBytes(12).toString('base64url'));
  if (q.get('state')) target.searchParams.set('state', q.get('state')!);
  res.writeHead(302, { Location: target.href, 'Cache-Control': 'no-store' });
  res.end();
}

async function bodyParams(req: IncomingMessage): Promise<URLSearchParams> {
  const body = await readBody(req);
  // Atlassian's examples post JSON; OAuth clients often post a form. Both are taken.
  if ((req.headers['content-type'] ?? '').includes('json')) {
    try {
      const o = JSON.parse(body) as Record<string, unknown>;
      return new URLSearchParams(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(body);
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Cache-Control': 'no-store', 'ATL-TraceId': randomBytes(8).toString('hex') });
  res.end(JSON.stringify(value));
}

/** The scope an endpoint needs at the gateway (Atlassian's classic scopes). */
export function requiredScope(product: Product, sitePath: string): string {
  if (product === 'jira') return /\/myself$/.test(sitePath) ? 'read:jira-user' : 'read:jira-work';
  return /\/user\/current$/.test(sitePath) ? 'read:confluence-user' : 'read:confluence-content.all';
}
