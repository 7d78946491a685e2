/**
 * Single sign-on in Firefox ESR (issue #19): the same emulator IdP as e2e/chromium/sso.spec.ts. A good SAML
 * login is decoded in the SSO tab and tied to the session in the story; each failure switch of the IdP, in its
 * own tab (its own log), raises its finding. Firefox's webRequest hands the consumer's form over as formData,
 * as Chromium's does; nothing of the SAML messages reaches storage.session.
 */
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { openPanelFor, useEmulatorAndFirefox } from '../support/firefox';
import { SSO_FAILURE_CASES } from '../fixtures/sso-scenarios';

const session = useEmulatorAndFirefox();

/** Start a login from the login page; the emulator's IdP signs fred in, or the SSO app shows its error page. */
async function ssoLoginFirefox(page: Page, origin: string, ends: 'signed-in' | 'error'): Promise<void> {
  await page.goto(`${origin}/login.jsp?os_destination=%2Fbrowse%2FABC-7`);
  if (ends === 'signed-in') await page.waitForFunction(() => location.pathname === '/browse/ABC-7' && !!document.querySelector('[data-testid="current-user"]'), { timeout: 30_000 });
  else await page.waitForSelector('[data-testid="sso-error"]', { timeout: 30_000 });
}

/** The panel of the tab showing `urlPrefix`, once it lists requests. */
async function panelFor(firefox: ReturnType<typeof session.firefox>, origin: string, urlPrefix: string): Promise<Page> {
  const { panel } = await openPanelFor(firefox, `${origin}/__emulator/`, urlPrefix);
  await panel.waitForSelector('[data-testid="request-row"]', { timeout: 30_000 });
  return panel;
}

/** Open the consumer's row (the SSO leg is auth-relevant, so it shows with the default filter) on its SSO tab. */
async function openConsumerSso(panel: Page): Promise<Record<string, { value: string; problem: boolean }>> {
  await panel.waitForFunction(() => [...document.querySelectorAll('[data-testid="request-row"]')].some((r) => r.textContent?.includes('/plugins/servlet/samlconsumer')), { timeout: 30_000 });
  const rowsNow = await panel.$$('[data-testid="request-row"]');
  for (const row of rowsNow) {
    if (!(await row.evaluate((r) => r.textContent?.includes('/plugins/servlet/samlconsumer') ?? false))) continue;
    await row.click();
    await panel.keyboard.press('Enter');
    break;
  }
  await panel.waitForSelector('[data-testid="detail-tab-sso"]', { timeout: 15_000 });
  await panel.click('[data-testid="detail-tab-sso"]');
  await panel.waitForSelector('[data-testid="sso-row"]', { timeout: 15_000 });
  return panel.$$eval('[data-testid="sso-row"]', (rows) =>
    Object.fromEntries(rows.map((r) => [r.getAttribute('data-label') ?? '', { value: r.querySelector('dd')?.textContent ?? '', problem: r.getAttribute('data-problem') === 'true' }])),
  );
}

test('Firefox: a good SAML login is decoded in the SSO tab and tied to the session; storage holds no SAML message', async () => {
  test.setTimeout(180_000);
  const emulator = session.emulator();
  const firefox = session.firefox();
  await emulator.setSso({ enabled: true });
  const page = await firefox.browser.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await ssoLoginFirefox(page, emulator.url, 'signed-in');

  const panel = await panelFor(firefox, emulator.url, `${emulator.url}/browse/ABC-7`);
  await panel.waitForFunction(() => document.querySelector('[data-testid="story-line"][data-current="true"]')?.textContent?.includes('through single sign-on at ') ?? false, { timeout: 30_000 });
  const line = await panel.$eval('[data-testid="story-line"][data-current="true"]', (el) => el.textContent ?? '');
  expect(line).toMatch(/^Signed in as fred since .+ \(cookie JSESSIONID\) through single sign-on at http:\/\/127\.0\.0\.1:\d+ as fred; the identity provider allows the session until .+$/);
  expect(await panel.$$eval('[data-testid="finding-code"]', (els) => els.length)).toBe(0);

  const rows = await openConsumerSso(panel);
  expect(rows['SAML message']!.value).toBe('Response, POST binding, read from the posted form');
  expect(rows['Status']!.value).toBe('Success');
  expect(rows['NameID']!.value).toBe('fred');
  expect(rows['Signed']!.value).toBe('response and assertion');
  expect(Object.values(rows).filter((r) => r.problem)).toEqual([]);
  await panel.screenshot({ path: test.info().outputPath('firefox-sso-good.png') });

  const stored = await panel.evaluate(async () => JSON.stringify(await (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(null)));
  expect(stored).toContain('samlconsumer');
  expect(stored).toContain('"nameId":"fred"');
  expect(stored).not.toMatch(/SAML(?:Request|Response)=(?!%5Bredacted|\[redacted)/);
  expect(stored).not.toContain('SignatureValue');
  expect(stored).not.toMatch(/PHNhbWxwOlJlc3BvbnNl|PD94bWwg/); // base64 of "<samlp:Response" / "<?xml "
});


test('Firefox: each failure switch of the IdP raises its own finding, with its evidence in the SSO tab', async () => {
  test.setTimeout(300_000);
  const emulator = session.emulator();
  const firefox = session.firefox();
  for (const [failure, code, evidence] of SSO_FAILURE_CASES) {
    await emulator.setSso({ enabled: true, failure });
    const page = await firefox.browser.newPage();
    // A page of its own per failure: its own tab, its own log.
    await page.goto(`${emulator.url}/secure/Dashboard.jspa?case=${failure}`);
    await ssoLoginFirefox(page, emulator.url, 'error');
    const panel = await panelFor(firefox, emulator.url, `${emulator.url}/`);
    await panel.waitForFunction((c) => [...document.querySelectorAll('[data-testid="finding-code"]')].some((el) => el.textContent === c), { timeout: 30_000 }, code).catch(async (e: unknown) => {
      throw new Error(`${failure}: ${String(e)}; codes shown: ${await panel.$$eval('[data-testid="finding-code"]', (els) => els.map((x) => x.textContent).join(', '))}`);
    });
    const codes = await panel.$$eval('[data-testid="finding-code"]', (els) => els.map((x) => x.textContent ?? ''));
    expect(codes.filter((c) => c.startsWith('sso-')), failure).toEqual([code]);
    const rows = await openConsumerSso(panel);
    if (failure === 'loop') expect(rows[evidence]!.value).toContain('Response');
    else expect(rows[evidence]!.problem, `${failure}: ${evidence} marked`).toBe(true);
    // Closed, so the next failure's tab is the only one on the emulator (panelFor finds it by URL).
    await panel.close();
    await page.close();
  }
});
