/**
 * The replay verdict story in Firefox ESR: a page served anonymously after the session expired, replayed
 * with os_authType=cookie and the browser's cookies, answers 401, and the verdict sentence says the session
 * cookie is no longer valid; the matrix opens over the whole panel with the same verdict, each row says what
 * it really sent and why it answered so, Tab stays inside it, and Esc closes it.
 */
import { test, expect } from '@playwright/test';
import { signInFirefox, useEmulatorAndFirefox, openPanelFor } from '../support/firefox';

const session = useEmulatorAndFirefox();
// The single replay and then the matrix (9 requests); on a loaded 2-core machine this passed 60 s.
test.describe.configure({ timeout: 180_000 });

test('Firefox: replaying an anonymously served page with os_authType=cookie shows the 401', async () => {
  const emulator = session.emulator();
  const firefox = session.firefox();
  const page = await firefox.browser.newPage();
  await signInFirefox(page, emulator.url);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);

  const { panel } = await openPanelFor(firefox, `${emulator.url}/__emulator/`, `${emulator.url}/issues/`);
  await panel.waitForSelector('[data-testid="request-row"]', { timeout: 15_000 });

  // Open the flagged row's details, then the replay form.
  const rows = await panel.$$('[data-testid="request-row"]');
  let opened = false;
  for (const row of rows) {
    if ((await row.$eval('[data-testid="url"]', (el) => el.textContent)) === '/issues/?jql=project%3DABC') {
      await row.click({ count: 2 });
      opened = true;
      break;
    }
  }
  expect(opened).toBe(true);
  await panel.click('[data-testid="replay-open"]');
  await panel.waitForSelector('[data-testid="replay-auth-type"]');
  await panel.select('[data-testid="replay-auth-type"]', 'cookie');
  await panel.click('[data-testid="replay-run"]');
  await panel.waitForSelector('[data-testid="replay-row"][data-label="os_authType=cookie · browser cookies"]', { timeout: 15_000 });
  const cells = await panel.$eval('[data-testid="replay-row"][data-label="os_authType=cookie · browser cookies"]', (tr) => ({
    status: tr.querySelector('[data-field="status"]')?.textContent,
    user: tr.querySelector('[data-field="user"]')?.textContent,
  }));
  expect(cells).toEqual({ status: '401', user: 'anonymous' });
  const original = await panel.$eval('[data-testid="replay-row"][data-label="original (captured)"] [data-field="status"]', (el) => el.textContent);
  expect(original).toBe('200');

  // What was sent, above the result, and the verdict sentence after it.
  const sent = await panel.$eval('[data-testid="replay-sent"] [data-testid="sent-request"]', (el) => el.textContent);
  expect(sent).toBe(`GET ${emulator.url}/issues/?jql=project%3DABC&os_authType=cookie`);
  const verdict = await panel.$eval('[data-testid="replay-single-verdict"]', (el) => el.textContent);
  expect(verdict).toBe('Your session cookie is no longer valid: with os_authType=cookie the server answers 401; the original page was served to anonymous.');

  // The matrix with typed credentials too (plain http://: asked first): over the whole panel, the same first verdict.
  await panel.select('[data-testid="replay-source"]', 'basic');
  await panel.type('[data-testid="replay-username"]', 'fred');
  await panel.type('[data-testid="replay-secret"]', 'fred');
  await panel.click('[data-testid="replay-matrix"]');
  await panel.click('[data-testid="replay-confirm-send"]');
  await panel.waitForSelector('[data-testid="replay-verdict"]', { timeout: 60_000 });
  const matrix = await panel.$eval('[data-testid="replay-matrix-view"]', (el) => ({
    width: el.getBoundingClientRect().width,
    viewport: window.innerWidth,
    verdict: el.querySelector('[data-testid="replay-verdict"] li')?.textContent,
    rows: el.querySelectorAll('[data-testid="replay-row"]').length,
  }));
  expect(matrix).toEqual({ width: matrix.viewport, viewport: matrix.viewport, verdict, rows: 13 });

  // Each row says what it really sent; the cookie rows are judged on the session cookie Firefox put on them.
  const rowsSeen = await panel.$$eval('[data-testid="replay-row"]', (trs) =>
    trs.map((tr) => ({
      label: tr.getAttribute('data-label'),
      credentials: tr.querySelector('[data-testid="replay-row-credentials"]')?.textContent ?? null,
      findings: tr.querySelector('[data-field="findings"]')?.textContent ?? '',
      reason: tr.querySelector('[data-testid="replay-reason"]')?.textContent ?? null,
    })),
  );
  const cookieRows = rowsSeen.filter((r) => r.label?.endsWith('· browser cookies'));
  expect(cookieRows.map((r) => r.credentials)).toEqual(Array(4).fill('browser cookies: session cookie JSESSIONID'));
  for (const r of cookieRows) expect(r.findings).not.toContain('auth-required-no-challenge');
  expect(rowsSeen.find((r) => r.label === 'os_authType=cookie · typed credentials')?.reason).toBe(
    'os_authType=cookie ignores the Authorization header, so the typed credentials were not used; a typed-credentials replay sends no cookies, so no session: 401.',
  );

  // Modal: Tab and Shift+Tab stay inside; Esc closes it and focus goes back to the button that opened it.
  const focusInside = () => panel.evaluate(() => {
    const dialog = document.querySelector('[data-testid="replay-matrix-view"]');
    return dialog !== null && dialog !== document.activeElement && dialog.contains(document.activeElement);
  });
  expect(await focusInside()).toBe(true);
  for (const shift of [false, false, false, true, true, true]) {
    if (shift) await panel.keyboard.down('Shift');
    await panel.keyboard.press('Tab');
    if (shift) await panel.keyboard.up('Shift');
    expect(await focusInside()).toBe(true);
  }
  await panel.keyboard.press('Escape');
  await panel.waitForFunction(() => document.querySelector('[data-testid="replay-matrix-view"]') === null, { timeout: 10_000 });
  expect(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('replay-matrix');
});
