/**
 * Hostile input in the panel: a HAR whose header values, URLs and cookie names carry markup and script
 * renders as text (no element is created, nothing runs); a truncated or binary file gets a clear error and
 * changes nothing.
 */
import { test, expect } from '../support/chromium';

const XSS = [`<img src=x onerror="window.__pwned=1">`, `<script>window.__pwned=2</script>`, `"><svg onload="window.__pwned=3">`];

function hostileHar(): string {
  const headers = (extra: { name: string; value: string }[]) => [{ name: 'Content-Type', value: 'text/html' }, ...extra];
  const entries = XSS.map((x, i) => ({
    startedDateTime: new Date(Date.UTC(2026, 10, 24, 10, 0, i)).toISOString(),
    time: 5,
    request: {
      method: 'GET', url: `https://jira.example.com/browse/${encodeURIComponent(x)}?q=${x}`, httpVersion: 'HTTP/1.1',
      headers: [{ name: 'Cookie', value: `JSESSIONID=abc; ${x}=1` }], queryString: [], cookies: [], headersSize: -1, bodySize: 0,
    },
    response: {
      status: 401, statusText: x, httpVersion: 'HTTP/1.1', cookies: [], redirectURL: '', headersSize: -1, bodySize: 0,
      headers: headers([
        { name: 'X-AUSERNAME', value: x },
        { name: 'X-Seraph-LoginReason', value: `AUTHENTICATED_FAILED, ${x}` },
        { name: 'WWW-Authenticate', value: `Basic realm="${x}"` },
        { name: 'Set-Cookie', value: `JSESSIONID=; Path=${x}; Max-Age=0` },
      ]),
      content: { size: 0, mimeType: 'text/html', text: x },
    },
    cache: {}, timings: { send: 0, wait: 5, receive: 0 },
  }));
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'hostile', version: '1' }, entries } });
}

test('a HAR with markup in every field renders as text; nothing runs', async ({ openPanel }) => {
  const panel = await openPanel(1);
  await panel.getByTestId('import-har').setInputFiles({ name: 'hostile.har', mimeType: 'application/json', buffer: Buffer.from(hostileHar()) });
  await panel.getByTestId('filter-auth-only').uncheck();
  await expect(panel.getByTestId('request-row')).toHaveCount(3);
  for (const row of await panel.getByTestId('request-row').all()) {
    await row.dblclick();
    await expect(panel.getByTestId('request-detail')).toBeVisible();
  }
  await expect(panel.getByTestId('request-detail')).toContainText(XSS[2]!);
  expect(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await panel.locator('#app img, #app script, #app iframe, #app object').count()).toBe(0);
  // The panel draws its own SVG (icons, the timeline); none of it came from the file: no element has an event handler attribute.
  const handlers = await panel.evaluate(() => [...document.querySelectorAll('#app *')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)));
  expect(handlers).toEqual([]);
});

test('truncated, binary and deeply nested files get one clear error and leave the view as it was', async ({ openPanel }) => {
  const panel = await openPanel(1);
  await panel.getByTestId('import-har').setInputFiles({ name: 'ok.har', mimeType: 'application/json', buffer: Buffer.from(hostileHar()) });
  await panel.getByTestId('filter-auth-only').uncheck();
  await expect(panel.getByTestId('request-row')).toHaveCount(3);
  const bad: [string, Buffer][] = [
    ['truncated.har', Buffer.from(hostileHar().slice(0, 500))],
    ['binary.har', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['nested.har', Buffer.from('{"log":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}')],
  ];
  for (const [name, buffer] of bad) {
    await panel.getByTestId('import-har').setInputFiles({ name, mimeType: 'application/json', buffer });
    await expect(panel.getByTestId('error')).toContainText(name);
    await expect(panel.getByTestId('request-row')).toHaveCount(3);
  }
});
