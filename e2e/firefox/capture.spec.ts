/**
 * The core capture scenario in Firefox ESR: sign in, the session expires, browse again → the panel
 * (as an extension page for the tab) lists the 401 and the anonymous page.
 */
import { test, expect } from '@playwright/test';
import { signInFirefox, useEmulatorAndFirefox, openPanelFor } from '../support/firefox';

const session = useEmulatorAndFirefox();

test('captures sign-in, silent anonymous page and /rest 401 in Firefox; the panel flags them', async () => {
  const emulator = session.emulator();
  const firefox = session.firefox();
  const page = await firefox.browser.newPage();
  await signInFirefox(page, emulator.url);
  expect(await page.$eval('[data-testid="current-user"]', (el) => el.textContent)).toContain('fred');

  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  expect(await page.$eval('[data-testid="current-user"]', (el) => el.textContent)).toMatch(/anonymous/i);
  const rest = await page.goto(`${emulator.url}/rest/api/2/search?jql=`);
  expect(rest?.status()).toBe(401);

  // Find the tab's id from inside the extension, then show the panel for it.
  const { panel } = await openPanelFor(firefox, `${emulator.url}/__emulator/`, `${emulator.url}/rest/api/2/search`);
  await panel.waitForFunction(() => document.querySelectorAll('[data-testid="request-row"]').length > 0, {
    timeout: 15_000,
  });
  const rows = await panel.$$eval('[data-testid="request-row"]', (trs) =>
    trs.map((tr) => ({
      status: tr.querySelector('[data-testid="status"]')?.textContent,
      url: tr.querySelector('[data-testid="url"]')?.textContent,
      user: tr.querySelector('[data-testid="user"]')?.textContent,
      reason: tr.querySelector('[data-testid="login-reason"]')?.textContent,
    })),
  );
  expect(rows.some((r) => r.reason === 'OK')).toBe(true);
  expect(rows.find((r) => r.url === '/issues/?jql=project%3DABC')).toMatchObject({ status: '200', user: 'anonymous' });
  expect(rows.find((r) => r.url === '/rest/api/2/search?jql=')).toMatchObject({ status: '401' });

  // The engine runs in the Firefox panel too: the anonymous page is flagged, the 401 explained.
  const summary = await panel.$eval('[data-testid="story-line"][data-current="true"]', (el) => el.textContent);
  expect(summary).toContain('then 1 page served as anonymous');
  const codes = await panel.$$eval('[data-testid="finding"]', (els) => els.map((el) => el.getAttribute('data-code')));
  // The cookie-carrying /rest 401 is session-expired and nothing more: since the revised contract (real 401s carry
  // `OAuth realm`), auth-required-no-challenge is not raised for requests that sent a session cookie.
  expect([...new Set(codes)].sort()).toEqual(['session-expired', 'silent-anonymous']);
  await panel.screenshot({ path: test.info().outputPath('firefox-panel.png') });
});
