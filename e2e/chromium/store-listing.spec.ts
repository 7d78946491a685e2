/**
 * Store listing screenshots (1280×800), made from the real extension against the emulator, never by hand:
 * the panel, the session timeline, the replay matrix, the popup and the SSO view, into store/screenshots/, and the 128 px
 * icon beside them. Run by `npm run store` (SERAPH_STORE_SHOTS=1); skipped in `npm test`.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';
import { ROOT } from '../support/paths';
import { ssoLogin } from '../fixtures/sso-scenarios';

const OUT = path.join(ROOT, 'store');
const SIZE = { width: 1280, height: 800 };

test.skip(!process.env.SERAPH_STORE_SHOTS, 'store listing screenshots: npm run store');
test.use({ emulatorOptions: { users: [{ name: 'fred', displayName: 'Fred Sanders', password: 'fred' }] } });

async function shot(page: Page, name: string) {
  mkdirSync(path.dirname(path.join(OUT, 'screenshots', name)), { recursive: true });
  await page.screenshot({ path: path.join(OUT, 'screenshots', name) });
}

test('store listing: panel, timeline, replay matrix, popup, icon', async ({ context, emulator, tabIdOf, openExtensionPage, openPopup, summaryOf }) => {
  test.setTimeout(180_000);
  mkdirSync(OUT, { recursive: true });
  copyFileSync(path.join(ROOT, 'public/icons/128.png'), path.join(OUT, 'icon-128.png'));

  // A morning on Jira: signed in, the session expires, pages turn anonymous, a REST call gets 401.
  const page = await context.newPage();
  await signIn(page, emulator.url);
  await page.goto(`${emulator.url}/browse/ABC-1`);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  await page.goto(`${emulator.url}/browse/ABC-7`);
  await page.goto(`${emulator.url}/rest/api/2/search?jql=project%3DABC`);
  const tabId = await tabIdOf(page);
  await expect.poll(() => summaryOf(tabId).then((s) => s.unauthorized)).toBe(1);

  // The same four pictures in DevTools' light theme (the store's) and in its dark theme (store/screenshots/dark/, for the README).
  for (const theme of ['light', 'dark'] as const) {
    const dir = theme === 'light' ? '' : 'dark/';
    const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=${theme}`);
    await panel.setViewportSize(SIZE);
    await expect(panel.locator('[data-testid="story-line"][data-current="true"]')).toContainText('2 pages served as anonymous');
    await panel.getByTestId('request-row').filter({ hasText: '/issues/?jql=project%3DABC' }).click();
    await panel.keyboard.press('Enter');
    await expect(panel.getByTestId('request-detail')).toBeVisible();
    await shot(panel, `${dir}1-panel.png`);
    await panel.keyboard.press('Escape');

    await panel.getByTestId('sessions').scrollIntoViewIfNeeded();
    await expect(panel.getByTestId('session').first()).toBeVisible();
    await panel.getByTestId('sessions').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(panel, `${dir}2-timeline.png`);

    await panel.getByTestId('filter-auth-only').uncheck();
    const row = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/issues/?jql=project%3DABC', { exact: true }) }).first();
    await row.click({ button: 'right' });
    await panel.getByTestId('menu-replay').click();
    const replay = panel.getByTestId('replay');
    await replay.getByTestId('replay-source').selectOption('basic');
    await replay.getByTestId('replay-username').fill('fred');
    await replay.getByTestId('replay-secret').fill('fred');
    await replay.getByTestId('replay-matrix').click();
    // The emulator is plain http://: typed credentials go only after the warning is confirmed.
    await panel.getByTestId('replay-confirm-send').click();
    await expect(panel.getByTestId('replay-row')).toHaveCount(13);
    await expect(panel.getByTestId('replay-verdict')).toContainText('Your session cookie is no longer valid');
    await panel.getByTestId('replay-results').evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shot(panel, `${dir}3-replay-matrix.png`);

    // The popup is small: shown at its natural size, centred and enlarged on a plain background.
    const popup = await openPopup(tabId);
    await popup.setViewportSize(SIZE);
    await popup.emulateMedia({ colorScheme: theme });
    await expect(popup.getByTestId('popup-session').first()).toBeVisible();
    await popup.addStyleTag({ content: `html { background: ${theme === 'dark' ? '#101114' : '#e8ebf0'}; } body { zoom: 1.25; width: 420px; margin: 24px auto; box-shadow: 0 4px 24px rgba(0,0,0,.2); border-radius: 8px; }` });
    await shot(popup, `${dir}4-popup.png`);
    await panel.close();
    await popup.close();
  }
});

test.describe('single sign-on', () => {
  test.use({ emulatorOptions: { users: [{ name: 'fred', displayName: 'Fred Sanders', password: 'fred' }], sso: { failure: 'expired' } } });

  // An SSO login whose assertion arrived after it expired: the finding, and the SSO tab with the window marked.
  test('store listing: the SSO view', async ({ context, emulator, tabIdOf, openExtensionPage }) => {
    test.setTimeout(120_000);
    const page = await context.newPage();
    await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
    await ssoLogin(page, emulator.url, 'error');
    const tabId = await tabIdOf(page);
    for (const theme of ['light', 'dark'] as const) {
      const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=${theme}`);
      await panel.setViewportSize(SIZE);
      await expect(panel.locator('[data-testid="finding-code"]', { hasText: 'sso-assertion-expired' })).toHaveCount(1);
      await panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/plugins/servlet/samlconsumer') }).first().click();
      await panel.keyboard.press('Enter');
      await panel.getByTestId('detail-tab-sso').click();
      await expect(panel.locator('[data-testid="sso-row"][data-problem="true"]').first()).toBeVisible();
      await shot(panel, `${theme === 'light' ? '' : 'dark/'}5-sso.png`);
      await panel.close();
    }
  });
});
