/**
 * Firefox's event page is suspended when idle (`extensions.background.idle.timeout`, 30 s by default; 1 s
 * here). No BiDi command suspends it on demand, so the test lets it go idle: traffic before, while it is
 * suspended and after must each be in the log exactly once. (That the page was suspended is the pref's
 * doing; Firefox exposes no signal of it to a test.)
 */
import { test, expect } from '@playwright/test';
import { signInFirefox, useEmulatorAndFirefox } from '../support/firefox';

const session = useEmulatorAndFirefox({ 'extensions.background.idle.timeout': 1000 });

test('Firefox: requests around an idle-suspended event page are all logged, once, in order', async () => {
  const emulator = session.emulator();
  const firefox = session.firefox();
  const page = await firefox.browser.newPage();
  const seen: string[] = [];
  page.on('response', (r) => {
    const id = r.headers()['x-arequestid'];
    // Only what the worker captures: documents and fetches (shared/captured-types.ts), not the style sheet
    // (BiDi gives no resource type: the emulator's pages are HTML, its /rest answers JSON).
    const captured = /^(text\/html|application\/json)/.test(r.headers()['content-type'] ?? '');
    if (id && captured && r.url().startsWith(emulator.url)) seen.push(id);
  });
  await signInFirefox(page, emulator.url);
  await new Promise((r) => setTimeout(r, 3000)); // idle: the event page is suspended
  await page.goto(`${emulator.url}/browse/ABC-1`);
  await new Promise((r) => setTimeout(r, 3000));
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=`);

  const ext = await firefox.openExtensionPage('src/popup/index.html?tabId=0', `${emulator.url}/__emulator/`);
  const logged = await ext.evaluate(async (origin) => {
    const b = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tab = (await b.tabs.query({})).find((t) => t.url?.startsWith(`${origin}/issues/`));
    const log = (await b.runtime.sendMessage({ kind: 'tab-log', body: { tabId: tab!.id } })) as { exchanges: { url: string; responseHeaders: { name: string; value: string }[] }[] };
    return log.exchanges.filter((e) => e.url.startsWith(origin)).map((e) => e.responseHeaders.find((h) => h.name.toLowerCase() === 'x-arequestid')?.value);
  }, emulator.url);
  expect(seen.length).toBeGreaterThan(4);
  expect(logged.filter((id) => id !== undefined && seen.includes(id))).toEqual(seen);
});
