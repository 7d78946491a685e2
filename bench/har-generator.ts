/**
 * Synthetic but realistic HAR files for benchmarks: browsing a Jira site with a session that expires
 * halfway, ~20 headers per message like a real browser, a few JSON bodies, and secrets where real files
 * hold them: a fresh XSRF token per request, a Bearer token every 10th request, an API token in a URL every
 * 25th, an access token in a JSON answer every 40th (redact must find and sweep each). Deterministic for a
 * size; written by the benchmarks into a temporary folder, never committed.
 */
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** A token-like value, the same for the same entry and purpose (no randomness: runs stay comparable). */
function planted(i: number, salt: number, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = (i * 2654435761 + salt * 40503) >>> 0;
  let out = '';
  for (let k = 0; k < length; k++) {
    x = (Math.imul(x ^ (x >>> 13), 0x5bd1e995) + k) >>> 0;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

function entry(i: number, expired: boolean) {
  const rest = i % 4 === 0;
  const apiToken = i % 25 === 0 ? `&api_token=${planted(i, 2, 32)}` : '';
  const path = rest ? `/rest/api/2/search?jql=project%3DABC&startAt=${i}${apiToken}` : `/browse/ABC-${i % 200}`;
  const status = rest && expired ? 401 : 200;
  const user = expired ? 'anonymous' : 'fred';
  const reqHeaders = [
    ['Host', 'jira.example.com'], ['Connection', 'keep-alive'], ['User-Agent', UA], ['Accept', rest ? 'application/json' : 'text/html,application/xhtml+xml'],
    ['Accept-Encoding', 'gzip, deflate, br'], ['Accept-Language', 'en-US,en;q=0.9'], ['Referer', 'https://jira.example.com/secure/Dashboard.jspa'],
    ['Cookie', `JSESSIONID=6E3487971234567896704A9EB4AE${String(i % 1000).padStart(4, '0')}; atlassian.xsrf.token=B2ZK-${i}|lin; _ga=GA1.2.12345.67890`],
    ['sec-ch-ua', '"Chromium";v="156"'], ['sec-fetch-mode', rest ? 'cors' : 'navigate'], ['sec-fetch-site', 'same-origin'],
    ...(i % 10 === 0 ? [['Authorization', `Bearer ${planted(i, 1, 40)}`]] : []),
  ];
  const resHeaders = [
    ['Content-Type', rest ? 'application/json;charset=UTF-8' : 'text/html;charset=UTF-8'], ['Cache-Control', 'no-cache, no-store, no-transform'],
    ['X-AREQUESTID', `600x${i}x1`], ['X-AUSERNAME', user], ['X-ASESSIONID', `1q2w3e${i % 10}`], ['X-Content-Type-Options', 'nosniff'],
    ['Strict-Transport-Security', 'max-age=31536000'], ['Date', 'Tue, 24 Nov 2026 10:00:00 GMT'], ['Server', 'nginx'], ['Vary', 'Accept-Encoding'],
    ...(i % 50 === 0 ? [['Set-Cookie', `JSESSIONID=6E3487971234567896704A9EB4AE${i}; Path=/; HttpOnly`]] : []),
  ];
  const token = i % 40 === 0 ? { accessToken: planted(i, 3, 48) } : {};
  const body = rest ? JSON.stringify({ startAt: i, maxResults: 50, total: expired ? 5 : 200, ...token, issues: Array.from({ length: 8 }, (_, k) => ({ key: `ABC-${k}`, fields: { summary: `Issue number ${k} with a typical summary line` } })) }) : '<html>' + 'x'.repeat(600) + '</html>';
  return {
    startedDateTime: new Date(Date.UTC(2026, 10, 24, 10) + i * 1000).toISOString(),
    time: 42,
    request: { method: 'GET', url: `https://jira.example.com${path}`, httpVersion: 'HTTP/2', headers: reqHeaders.map(([name, value]) => ({ name, value })), cookies: [], queryString: [], headersSize: -1, bodySize: 0 },
    response: { status, statusText: '', httpVersion: 'HTTP/2', headers: resHeaders.map(([name, value]) => ({ name, value })), cookies: [], content: { size: body.length, mimeType: rest ? 'application/json' : 'text/html', text: body }, redirectURL: '', headersSize: -1, bodySize: body.length },
    cache: {},
    timings: { send: 1, wait: 40, receive: 1 },
  };
}

/** A HAR document of roughly `bytes` characters. */
export function generateHar(bytes: number): string {
  const one = JSON.stringify(entry(1, false)).length + 1;
  return generateHarEntries(Math.max(1, Math.round(bytes / one)));
}

/** A HAR document of `n` entries. */
export function generateHarEntries(n: number): string {
  const entries = Array.from({ length: n }, (_, i) => entry(i, i > n / 2));
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'seraph-lens-bench', version: '1' }, pages: [], entries } });
}

export function entryCount(text: string): number {
  return (JSON.parse(text) as { log: { entries: unknown[] } }).log.entries.length;
}
