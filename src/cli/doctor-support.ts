/**
 * For the doctor's tests: a tiny loopback proxy (CONNECT tunnels and absolute-URI forwarding) that maps host
 * names to loopback ports, as a corporate proxy would resolve them, and a few fake sites.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TestProxy {
  url: string;
  /** "CONNECT host:port" or "GET http://…" per request, in order. */
  log: string[];
  close(): Promise<void>;
}

/** map: "host:port" → loopback port; anything else is refused (502 / 403). */
export async function startTestProxy(map: Record<string, number>): Promise<TestProxy> {
  const log: string[] = [];
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const port = map[`${target.hostname}:${target.port || 80}`];
    if (!port) return void res.writeHead(502).end('no route');
    const up = http.request({ host: '127.0.0.1', port, method: req.method, path: target.pathname + target.search, headers: req.headers }, (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, upRes.rawHeaders);
      upRes.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  const tunnels = new Set<net.Socket>();
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    log.push(`CONNECT ${req.url}`);
    tunnels.add(socket);
    socket.on('close', () => tunnels.delete(socket));
    const port = map[req.url ?? ''];
    if (!port) return void socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const up = net.connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      up.pipe(socket);
      socket.pipe(up);
    });
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
    socket.on('close', () => up.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of tunnels) t.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A plain web server: `handler` answers every request; the requests' Authorization headers are kept. */
export async function startPlainSite(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const authorizations: (string | undefined)[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    paths.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    authorizations,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
