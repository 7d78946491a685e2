/**
 * Pages for `npm run bench` (not part of Jira): an Atlassian-like page that makes about 300 requests, and a
 * loop page that sends many requests through one tab. Every answer goes through the emulator's Exchange, so
 * it carries the Atlassian headers the extension looks at.
 *
 *   /__bench/page             HTML + 100 scripts + 20 styles + 80 images + 100 /rest calls (10 answer 401);
 *                             once the load event has fired and every call has settled: window.__benchDone
 *                             = true, window.__benchDoneAt = performance.now() (ms since navigation start),
 *                             and the promise window.__benchSettled resolves to that time
 *   /__bench/loop?n=N&batch=B N fetches, B at a time, alternating a 200 and a 401 /rest call (`?i=<number>`);
 *     [&pause=N1,N2…]         window.__sent counts them, window.__ids[i] is the X-AREQUESTID call i got,
 *                             window.__benchDone when finished; window.__until(n) resolves once n were sent.
 *                             With pause, the loop stops after each Ni calls until window.__resume() is called
 *   /__bench/big-header?kb=K  a 401 JSON answer whose WWW-Authenticate (OAuth realm) is K kilobytes long
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
    const pauses = (searchParams.get('pause') ?? '').split(',').filter(Boolean).map(Number).filter(Number.isFinite).map((p) => clamp(p, 1, n));
    return ex.html(200, loopPage(n, batch, pauses));
  }
  if (pathname === '/__bench/big-header') {
    // A hostile site (anyone can own an *.atlassian.net name): a 401 whose challenge is `kb` kilobytes long.
    const kb = clamp(Number(searchParams.get('kb') ?? 60), 1, 200);
    return ex.json(401, { errorMessages: ['big header'], errors: {} }, { 'WWW-Authenticate': `OAuth realm="${'x'.repeat(kb * 1024)}"` });
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
window.__benchSettled = Promise.all([Promise.all(calls), new Promise((resolve) => addEventListener('load', resolve))]).then(() => {
  window.__benchDoneAt = performance.now();
  window.__benchDone = true;
  return window.__benchDoneAt;
});
</script></body></html>`;
}

function loopPage(n: number, batch: number, pauses: number[]): string {
  return `<!doctype html><html><head><title>Bench loop</title></head><body><p>loop</p>
<script>
window.__sent = 0;
window.__ids = [];
const waiting = [];
window.__until = (n) => new Promise((resolve) => (window.__sent >= n ? resolve(window.__sent) : waiting.push([n, resolve])));
let resume = null;
window.__resume = () => { if (resume) resume(); resume = null; };
const pauses = ${JSON.stringify(pauses)};
(async () => {
  for (let i = 0; i < ${n}; i += ${batch}) {
    const calls = [];
    const end = Math.min(${n}, i + ${batch}, ...pauses.filter((p) => p > i));
    for (let j = i; j < end; j++) {
      calls.push(fetch((j % 2 ? '/rest/api/2/myself?i=' : '/rest/api/2/serverInfo?i=') + j)
        .then((r) => { window.__ids[j] = r.headers.get('x-arequestid'); return r.text(); })
        .catch(() => null));
    }
    await Promise.all(calls);
    window.__sent = end;
    i = end - ${batch};
    for (const w of waiting.filter(([m]) => m <= end)) { waiting.splice(waiting.indexOf(w), 1); w[1](end); }
    if (pauses.includes(end)) await new Promise((r) => (resume = r));
  }
  window.__benchDone = true;
})();
</script></body></html>`;
}

function clamp(x: number, lo: number, hi: number): number {
  return Number.isFinite(x) ? Math.min(hi, Math.max(lo, Math.floor(x))) : lo;
}
