/**
 * The story header in real Chromium with the built extension against the emulator: the expiry's time is the
 * session's own (the same as the session line's), a new sign-in resolves it, a logout is not an error, and
 * failed logins and the CAPTCHA name the account. Screenshots light and dark, wide and docked.
 */
import { test, expect } from '../support/chromium';
import type { Page } from '@playwright/test';
import { signIn } from '../support/jira';

// Several sign-ins, panels and screenshots each: slow on a loaded machine, not stuck.
test.describe.configure({ timeout: 180_000 });

const CLOCK = /(\d{1,2}:\d{2}:\d{2}(?:\s?[AP]M)?)/;

/** The current line of the only origin. */
const currentLine = (panel: Page) => panel.locator('[data-testid="story-line"][data-current="true"]');

async function shots(panel: Page, name: string, outputPath: (n: string) => string): Promise<void> {
  for (const [w, h] of [[1280, 800], [500, 800]] as const) {
    await panel.setViewportSize({ width: w, height: h });
    await panel.screenshot({ path: outputPath(`${name}-${w}x${h}.png`) });
  }
}

test.describe('a session cookie with an expiry', () => {
  test.use({ emulatorOptions: { cookieMaxAgeSec: 6, sessionTimeoutSec: 6 } });

  test('the story says when the session expired: the session line\'s time, not the first anonymous page', async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
    const page = await context.newPage();
    await signIn(page, emulator.url);
    const tabId = await tabIdOf(page);
    const panel = await openPanel(tabId);
    // (Under load the 6 s may already be over here: the line then says "expired at", checked below.)
    await expect(currentLine(panel)).toContainText(/^Signed in as fred (since|at) .+? \(cookie JSESSIONID\)/);

    const session = panel.getByTestId('session').filter({ hasText: 'user fred' });
    await expect(session).toHaveAttribute('data-state', 'expired', { timeout: 15_000 });
    // Expired with no request after it yet: already the story's current, red state.
    await expect(currentLine(panel)).toHaveAttribute('data-severity', 'error');
    await expect(currentLine(panel).getByTestId('story-fix')).toHaveText('· Fix: Sign in again.');

    await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
    await page.goto(`${emulator.url}/browse/ABC-7`);
    await expect(currentLine(panel)).toContainText('then 2 pages served as anonymous');
    const text = (await currentLine(panel).getByTestId('story-text').textContent())!;
    const expiredInStory = new RegExp(`session expired at ${CLOCK.source}`).exec(text)?.[1];
    const expiredInSession = new RegExp(`expired (?:at )?${CLOCK.source}`).exec((await session.textContent())!)?.[1];
    expect(expiredInStory).toBeTruthy();
    expect(expiredInStory).toBe(expiredInSession);
    // …and not the first anonymous page's time (the old banner's mistake), which came seconds later.
    const pageRow = panel.getByTestId('request-row').filter({ hasText: '/issues/?jql=project%3DABC' });
    await expect(pageRow).toHaveCount(1);

    // A page link selects that request.
    await currentLine(panel).getByTestId('story-entries').first().getByRole('button').first().click();
    await expect(panel.getByTestId('request-detail')).toContainText('/issues/?jql=project%3DABC');
    await panel.keyboard.press('Escape');

    // The first screen holds the story and the request list, even when the panel is short.
    await panel.setViewportSize({ width: 1280, height: 300 });
    await expect(currentLine(panel)).toBeInViewport();
    await expect(panel.getByTestId('request-row').first()).toBeInViewport();
    await shots(panel, 'story-expired-light', (n) => testInfo.outputPath(n));
  });
});

test('signing in again resolves the expiry; a logout afterwards is not red', async ({ context, emulator, tabIdOf, openPanel, openExtensionPage }, testInfo) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  expect(await page.evaluate(async () => (await fetch('/rest/api/2/search?jql=')).status)).toBe(401);

  const panel = await openPanel(tabId);
  await expect(currentLine(panel)).toHaveAttribute('data-severity', 'error');
  await expect(currentLine(panel)).toContainText(/^Signed in as fred at .+? \(cookie JSESSIONID\); by .+? the server had dropped the session/);
  await expect(currentLine(panel).getByTestId('story-entries')).toHaveText([/^1 page served as anonymous \(#\d+\)$/, /^1 REST call refused \(401\) \(#\d+\)$/]);
  await expect(currentLine(panel).getByTestId('story-fix')).toHaveText('· Fix: Sign in again.');
  await expect(panel.getByTestId('silent-anonymous-summary')).toHaveCount(0);

  await signIn(page, emulator.url);
  await expect(currentLine(panel)).toHaveAttribute('data-severity', 'ok');
  await expect(panel.getByTestId('story-earlier')).toHaveText('1 earlier');
  await panel.getByTestId('story-earlier').click();
  const earlier = panel.locator('[data-testid="story-line"][data-current="false"]');
  await expect(earlier).toHaveCount(1);
  await expect(earlier).toHaveAttribute('data-severity', 'info');
  await expect(earlier.getByTestId('story-resolved')).toContainText(/Signed in again at .+?/);
  await expect(earlier.getByTestId('story-fix')).toHaveCount(0);
  await shots(panel, 'story-resolved-light', (n) => testInfo.outputPath(n));

  await page.goto(`${emulator.url}/logout`);
  await page.goto(`${emulator.url}/browse/ABC-7`);
  await expect(currentLine(panel)).toContainText('signed out at');
  await expect(currentLine(panel)).toHaveAttribute('data-severity', 'info');
  await expect(panel.locator('[data-testid="story-line"][data-severity="error"]')).toHaveCount(0);
  await expect(panel.locator('[data-testid="story-line"][role="alert"]')).toHaveCount(0);

  const dark = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=dark`);
  await expect(currentLine(dark)).toContainText('signed out at');
  await dark.getByTestId('story-earlier').click();
  await shots(dark, 'story-logout-dark', (n) => testInfo.outputPath(n));
});

test('failed logins and the CAPTCHA that follows name the account, never the password', async ({ context, emulator, tabIdOf, openPanel, openExtensionPage }, testInfo) => {
  const page = await context.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const tabId = await tabIdOf(page);
  // A script on the page with wrong Basic credentials: 3 failures, then the CAPTCHA refuses even the right ones.
  const statuses = await page.evaluate(async () => {
    const out: number[] = [];
    for (const pw of ['wrong-pw-1', 'wrong-pw-2', 'wrong-pw-3', 'fred']) {
      const r = await fetch('/rest/api/2/myself', { headers: { Authorization: `Basic ${btoa(`fred:${pw}`)}` } });
      out.push(r.status);
    }
    return out;
  });
  expect(statuses).toEqual([401, 401, 401, 403]);

  const panel = await openPanel(tabId);
  await expect(currentLine(panel)).toHaveAttribute('data-kind', 'captcha-required');
  await expect(currentLine(panel)).toHaveAttribute('data-severity', 'error');
  await expect(currentLine(panel).getByTestId('story-text')).toContainText(/^Login refused for fred at .+?: the server wants a CAPTCHA solved first/);
  await expect(currentLine(panel).getByTestId('story-fix')).toContainText('/login.jsp');
  await panel.getByTestId('story-earlier').click();
  const failed = panel.locator('[data-testid="story-line"][data-kind="login-failed"]');
  await expect(failed.getByTestId('story-text')).toContainText(/Login failed for fred at .+? \(3 times, last at .+?\)/);
  const header = (await panel.getByTestId('story').textContent())!;
  expect(header).not.toContain('wrong-pw');

  // Signing in through the form (solving the CAPTCHA) resolves both.
  emulator.resetCaptcha();
  await signIn(page, emulator.url);
  await expect(currentLine(panel)).toHaveAttribute('data-severity', 'ok');
  await expect(panel.locator('[data-testid="story-line"][data-kind="captcha-required"] [data-testid="story-resolved"]')).toContainText('Signed in again');
  await shots(panel, 'story-captcha-light', (n) => testInfo.outputPath(n));
  const dark = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=dark`);
  await dark.getByTestId('story-earlier').click();
  await shots(dark, 'story-captcha-dark', (n) => testInfo.outputPath(n));
});
