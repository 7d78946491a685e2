/**
 * A tiny server whose answers name users in scripts other than Latin, the ways Jira and proxies send them:
 * X-AUSERNAME URL-encoded as Java's URLEncoder writes it (what Jira does), and as raw UTF-8 bytes (what a
 * proxy or another app may do); and a name with a bidi override (U+202E) that must show escaped.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { javaUrlEncode } from '../emulator/exchange';

export const ARABIC = 'محمد علي';
export const CJK = '山田太郎';
export const RLO = 'admin\u202Egnp.exe';
export const RLO_SHOWN = 'admin\\u202Egnp.exe';

/** Path → [the user name, how it is sent]. */
export const NAMED_PATHS: Record<string, [string, 'java-urlencoded' | 'raw-utf8']> = {
  '/rest/api/2/myself/arabic-encoded': [ARABIC, 'java-urlencoded'],
  '/rest/api/2/myself/arabic-raw': [ARABIC, 'raw-utf8'],
  '/rest/api/2/myself/cjk-encoded': [CJK, 'java-urlencoded'],
  '/rest/api/2/myself/cjk-raw': [CJK, 'raw-utf8'],
  '/rest/api/2/myself/rlo-raw': [RLO, 'raw-utf8'],
};

export interface NamesServer {
  url: string;
  close(): Promise<void>;
}

export async function startNamesServer(): Promise<NamesServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const named = NAMED_PATHS[path];
    if (named) {
      const [name, how] = named;
      // Node writes header strings byte per character: the UTF-8 bytes go out as they are.
      const value = how === 'java-urlencoded' ? javaUrlEncode(name) : Buffer.from(name, 'utf8').toString('latin1');
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-AUSERNAME': value, 'X-AREQUESTID': `1x${path.length}x1` });
      res.end('{}');
      return;
    }
    // The page: fetches every named path once, then says so.
    const paths = JSON.stringify(Object.keys(NAMED_PATHS));
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>names</title><p id="state">loading</p><script>
      Promise.all(${paths}.map((p) => fetch(p))).then(() => { document.getElementById('state').textContent = 'done'; });
    </script>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        // The browser is still open when a test's afterEach runs: its connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}
