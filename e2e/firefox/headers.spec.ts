/**
 * Issue #26 item 9 in Firefox ESR (as e2e/chromium/headers.spec.ts): a captured request's Headers tab shows
 * every header (Date, Content-Type, Server), auth headers first, the Authorization value redacted and nowhere in
 * storage; an imported HAR of a SAML login shows the message in the SSO tab with its signature masked.
 */
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { openPanelFor, useEmulatorAndFirefox } from '../support/firefox';
import { recordSamlLoginHar, signatureParts } from '../fixtures/sso-raw-har';

const session = useEmulatorAndFirefox();

/** Opens the first row whose path cell is `path` and shows the detail's tab `tab`. */
async function openTab(panel: Page, path: string, tab: string): Promise<void> {
  await panel.waitForFunction((p) => [...document.querySelectorAll('[data-testid="request-row"] [data-testid="url"]')].some((u) => u.textContent === p), { timeout: 30_000 }, path);
  for (const row of await panel.$$('[data-testid="request-row"]')) {
    if (!(await row.evaluate((r, p) => r.querySelector('[data-testid="url"]')?.textContent === p, path))) continue;
    await row.click();
    await panel.keyboard.press('Enter');
    break;
  }
  await panel.waitForSelector(`[data-testid="detail-tab-${tab}"]`, { timeout: 15_000 });
  await panel.click(`[data-testid="detail-tab-${tab}"]`);
}

test('Firefox: the Headers tab shows every header of a captured request, auth first, Authorization redacted, nothing secret stored', async () => {
  test.setTimeout(180_000);
  const emulator = session.emulator();
  const firefox = session.firefox();
  const page = await firefox.browser.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const password = 'Ff-planted-pass-3Wq';
  await page.evaluate((pw) => fetch('/rest/api/2/myself', { credentials: 'omit', headers: { Authorization: `Basic ${btoa(`fred:${pw}`)}` } }).then((r) => r.status), password);
  const { panel } = await openPanelFor(firefox, `${emulator.url}/__emulator/`, `${emulator.url}/secure/Dashboard.jspa`);
  await panel.waitForSelector('[data-testid="filter-auth-only"]', { timeout: 15_000 });
  await panel.click('[data-testid="filter-auth-only"]'); // every request, not only the auth-relevant ones
  await openTab(panel, '/rest/api/2/myself', 'headers');
  await panel.waitForSelector('[data-testid="detail-headers"]', { timeout: 15_000 });

  const shown = await panel.$$eval('[data-testid="detail-headers"] tr', (trs) =>
    trs.map((tr) => ({ section: tr.getAttribute('data-section'), dir: tr.getAttribute('data-dir'), header: tr.getAttribute('data-header'), auth: tr.getAttribute('data-auth') === 'true', value: tr.querySelector('td.value')?.textContent ?? '' })),
  );
  expect(shown.filter((r) => r.section).map((r) => r.section)).toEqual(['general', 'response', 'request']);
  const response = shown.filter((r) => r.dir === 'response');
  for (const name of ['date', 'content-type', 'server']) expect(response.map((r) => r.header), name).toContain(name);
  expect(response.find((r) => r.header === 'server')?.value).toBe('nginx');
  for (const dir of ['response', 'request']) {
    const auth = shown.filter((r) => r.dir === dir).map((r) => r.auth);
    expect(auth[0], dir).toBe(true);
    expect(auth.slice(auth.indexOf(false)), dir).not.toContain(true);
  }
  const authorization = shown.find((r) => r.dir === 'request' && r.header === 'authorization');
  expect(authorization?.value).toMatch(/^Basic \[redacted \d+ user=fred/);
  expect(shown.find((r) => r.header === 'user-agent')?.value).toContain('Firefox');
  await panel.setViewport({ width: 1280, height: 800 });
  await panel.screenshot({ path: test.info().outputPath('firefox-headers-1280x800.png') });
  await panel.setViewport({ width: 500, height: 800 });
  await panel.screenshot({ path: test.info().outputPath('firefox-headers-500x800.png') });

  const stored = await panel.evaluate(async () => JSON.stringify(await (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(null)));
  expect(stored).toMatch(/"server"|"Server"/);
  for (const s of [password, btoa(`fred:${password}`)]) {
    expect(stored).not.toContain(s);
    expect(await panel.content()).not.toContain(s);
  }
});

test('Firefox: an imported SAML login shows the message in the SSO tab, signature masked', async () => {
  test.setTimeout(180_000);
  const emulator = session.emulator();
  await emulator.setSso({ enabled: true });
  const { har, samlResponse } = await recordSamlLoginHar(emulator.url);
  const panel = await session.firefox().openExtensionPage('src/panel/index.html?tabId=1', `${emulator.url}/__emulator/`);
  await panel.waitForSelector('[data-testid="import-har"]', { timeout: 15_000 });
  await panel.evaluate((t) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="import-har"]')!;
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'saml-login.har', { type: 'application/json' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, har);
  await panel.waitForFunction(() => document.querySelector('[data-testid="imported"]')?.textContent?.includes('saml-login.har'), { timeout: 30_000 });
  await openTab(panel, '/plugins/servlet/samlconsumer', 'sso');
  await panel.waitForSelector('[data-testid="sso-xml"]', { timeout: 15_000 });
  const xml = await panel.$eval('[data-testid="sso-xml"]', (el) => el.textContent ?? '');
  expect(xml.split('\n')[0]).toMatch(/^<samlp:Response /);
  expect(xml).toMatch(/<ds:SignatureValue>\[redacted \d+\]<\/ds:SignatureValue>/);
  expect(xml).toMatch(/<saml:NameID[^>]*>fred<\/saml:NameID>/);
  const html = await panel.content();
  for (const part of signatureParts(samlResponse)) expect(html).not.toContain(part.slice(0, 24));
  await panel.setViewport({ width: 1280, height: 800 });
  await panel.screenshot({ path: test.info().outputPath('firefox-sso-xml-1280x800.png') });
});
