/**
 * The emulated identity provider: its own HTTP server on its own port, so it is a different origin from the
 * product, as a real IdP is. SAML at /sso (saml-idp.ts), OpenID Connect at /authorize and /token (oidc-idp.ts).
 * Started when an emulator first turns single sign-on on.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock';
import type { RequestLogEntry } from '../state';
import { readBody } from '../login';
import * as pages from './idp-pages';
import type { IdpContext, ServiceProvider } from './idp-context';
import { OidcProvider, json } from './oidc-idp';
import { samlSso, send } from './saml-idp';
import type { SsoState } from './sso-state';

export interface IdpServer {
  /** Origin of the IdP, e.g. http://127.0.0.1:41235 (SAML entity id and OIDC issuer). */
  url: string;
  /** SAML SSO endpoint (Redirect binding). */
  ssoUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Every request the IdP answered (method, path with query, status), for assertions such as counting loop rounds. */
  readonly requests: ReadonlyArray<RequestLogEntry>;
  close(): Promise<void>;
}

export async function startIdp(opts: { host: string; sp: ServiceProvider; sso: SsoState; clock: Clock }): Promise<IdpServer> {
  const ctx: IdpContext = { url: '', sp: opts.sp, sso: opts.sso, clock: opts.clock };
  const oidc = new OidcProvider(ctx);
  const requests: RequestLogEntry[] = [];
  const server = http.createServer((req, res) => {
    res.on('finish', () => requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', status: res.statusCode }));
    route(ctx, oidc, req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      send(res, 500, pages.idpError(`IdP error: ${err instanceof Error ? err.message : String(err)}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  ctx.url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  return {
    url: ctx.url,
    ssoUrl: `${ctx.url}/sso`,
    authorizeUrl: `${ctx.url}/authorize`,
    tokenUrl: `${ctx.url}/token`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function route(ctx: IdpContext, oidc: OidcProvider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.url);
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST') for (const [k, v] of new URLSearchParams(await readBody(req))) if (!params.has(k)) params.set(k, v);
  switch (url.pathname) {
    case '/sso':
      return samlSso(ctx, res, params);
    case '/authorize':
      return oidc.authorize(res, params);
    case '/token':
      if (req.method !== 'POST') return json(res, 405, { error: 'invalid_request', error_description: 'POST only' });
      return oidc.token(req, res, params);
    case '/.well-known/openid-configuration':
      return json(res, 200, oidc.discovery());
    case '/': {
      const s = ctx.sso.settings;
      return send(res, 200, pages.idpHome([`SAML SSO: ${ctx.url}/sso`, `OIDC: ${ctx.url}/authorize, ${ctx.url}/token`, `service provider: ${ctx.sp.entityId}`, `switch: ${s.failure ?? 'none'}`]));
    }
    default:
      return send(res, 404, pages.idpError(`No IdP endpoint ${url.pathname}`));
  }
}
