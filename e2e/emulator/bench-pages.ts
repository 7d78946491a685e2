/**
 * Pages for `npm run bench` (not part of Jira): an Atlassian-like page that makes about 300 requests, and a
 * loop page that sends many requests through one tab. Every answer goes through the emulator's Exchange, so
 * it carries the Atlassian headers the extension looks at.
 *
 *   /__bench/page             HTML + 100 scripts + 20 styles + 80 images + 100 /rest calls (10 answer 401);
 *                             sets window.__benchDone when every call has settled
 *   /__bench/loop?n=N&batch=B N fetches, B at a time, alternating a 200 and a 401 /rest call;
 *                             window.__sent counts them, window.__benchDone when finished
 *   /__bench/s/*, /c/*, /i/*  a tiny script, style sheet or image
 */
import type { Exchange } from './exchange';

const PIXEL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

export function benchRoute(ex: Exchange): void {
  const { pathname, searchParams } = ex.url;
  if (pathname === '/__bench/page') return ex.html(200, atlassianLikePage());
  if (pathname === '/__bench/loop') {
    const n = clamp(Number(searchParams.get('n') ?? 1000), 1, 1_000_000);
    const batch = clamp(Number(searchParams.get('batch') ?? 50), 1, 500);
    return ex.html(200, loopPage(n, batch));
  }
  if (pathname.startsWith('/__bench/s/')) return ex.send(200, 'text/javascript', `window.__s = (window.__s || 0) + 1;`);
  if (pathname.startsWith('/__bench/c/')) return ex.send(200, 'text/css', `.x${pathname.length} { color: inherit; }`);
  if (pathname.startsWith('/__bench/i/')) return ex.send(200, 'image/svg+xml', PIXEL_SVG);
  return ex.text(404, 'no such bench page');
}

function atlassianLikePage(): string {
  const scripts = Array.from({ length: 100 }, (_, i) => `<script src="/__bench/s/batch-${i}.js"></script>`).join('');
  const styles = Array.from({ length: 20 }, (_, i) => `<link rel="stylesheet" href="/__bench/c/batch-${i}.css">`).join('');
  const images = Array.from({ length: 80 }, (_, i) => `<img alt="" width="1" height="1" src="/__bench/i/icon-${i}.svg">`).join('');
  return `<!doctype html><html><head><title>Bench dashboard</title>${styles}</head><body><h1>Dashboard</h1>${images}${scripts}
<script>
const calls = [];
for (let i = 0; i < 100; i++) calls.push(fetch(i % 10 === 0 ? '/rest/api/2/myself?i=' + i : '/rest/api/2/serverInfo?i=' + i).then((r) => r.text()).catch(() => null));
Promise.all(calls).then(() => { window.__benchDone = true; });
</script></body></html>`;
}

function loopPage(n: number, batch: number): string {
  return `<!doctype html><html><head><title>Bench loop</title></head><body><p>loop</p>
<script>
window.__sent = 0;
(async () => {
  for (let i = 0; i < ${n}; i += ${batch}) {
    const calls = [];
    for (let j = i; j < Math.min(${n}, i + ${batch}); j++) calls.push(fetch((j % 2 ? '/rest/api/2/myself?i=' : '/rest/api/2/serverInfo?i=') + j).then((r) => r.text()).catch(() => null));
    await Promise.all(calls);
    window.__sent = Math.min(${n}, i + ${batch});
  }
  window.__benchDone = true;
})();
</script></body></html>`;
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, Math.floor(x))) : lo;
}
