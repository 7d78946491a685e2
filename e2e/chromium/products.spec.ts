/**
 * The silent-anonymous story on every emulated product in real Chromium with the built extension: Jira and
 * Confluence, Data Center and Cloud (Cloud under its real name, acme.atlassian.net, Confluence under /wiki).
 * Signed in on the product's form, the session dies on the server, public pages keep "working" as anonymous
 * content and the product's REST call answers 401. The badge says expired, the panel flags the anonymous pages
 * `silent-anonymous` and the REST call `session-expired`, and on Cloud the lifetime view counts down to the
 * session token's `exp` and shows when it was issued, due for refresh and ends.
 */
import { test as base, expect } from '../support/chromium';
import { testTlsFor } from '../emulator/tls';
import { decodeSessionToken } from '../emulator/server';
import { BADGE_STYLE } from '../../src/background/badge-look';
import { CLOUD_HOST, STORY_PROFILES, playwrightBrowse, signInStory, sessionDiesStory, storyEmulatorOptions } from '../support/stories';


for (const profile of STORY_PROFILES) {
  const cloud = profile.mode === 'cloud';
  const test = base.extend({
    emulatorOptions: { ...storyEmulatorOptions(profile), ...(cloud ? { tls: testTlsFor(CLOUD_HOST) } : {}) },
    chromiumArgs: async ({ emulator }, use) => {
      await use(cloud ? [`--host-resolver-rules=MAP ${CLOUD_HOST}:443 127.0.0.1:${emulator.port}`, '--ignore-certificate-errors'] : []);
    },
  });

  test(`${profile.title}: the session dies on the server; badge EXP, pages silent-anonymous, REST session-expired${cloud ? ', the token\'s expiry shown' : ''}`, async ({
    context,
    emulator,
    tabIdOf,
    openPanel,
    badgeLookOf,
  }, testInfo) => {
    test.setTimeout(120_000); // two cores shared: a browser, the emulator and the panel in one story
    const origin = cloud ? `https://${CLOUD_HOST}` : emulator.url;
    const page = await context.newPage();
    const b = playwrightBrowse(page);
    await signInStory(b, emulator, profile, origin);
    const tabId = await tabIdOf(page);
    await expect.poll(() => badgeLookOf(tabId).then((l) => l.text)).toBe(BADGE_STYLE['signed-in'].text);

    const panel = await openPanel(tabId);
    // Cloud sets tenant.session.token and cloud.session.token side by side; the first is the one looked up.
    const session = panel.getByTestId('session').filter({ hasText: cloud ? 'tenant.session.token' : 'JSESSIONID' }).filter({ hasText: `user ${profile.engineUser}` });
    await expect(session).toHaveCount(1);
    if (cloud) {
      // The cookie is a browser-session cookie: the token's exp is the session's end, counted down live.
      const token = (await context.cookies(origin)).find((c) => c.name === 'tenant.session.token');
      expect(token?.expires).toBe(-1);
      const claims = decodeSessionToken(token!.value)!;
      await expect(session).toHaveAttribute('data-state', 'active');
      await expect(session.getByTestId('session-email')).toHaveText('user@example.com');
      const countdown = session.getByTestId('session-countdown');
      await expect(countdown).toHaveText(/^(59|60):\d\d$/);
      const first = await countdown.textContent();
      await expect(countdown).not.toHaveText(first!); // it ticks
      await expect(session.getByTestId('token-issued')).toHaveAttribute('data-time', new Date(claims.iat * 1000).toISOString());
      await expect(session.getByTestId('token-refresh')).toHaveAttribute('data-time', new Date(claims.refreshTimeout * 1000).toISOString());
      await expect(session.getByTestId('token-expires')).toHaveAttribute('data-time', new Date(claims.exp * 1000).toISOString());
    } else {
      await expect(session).toHaveAttribute('data-state', 'browser-session');
    }

    await page.bringToFront();
    await sessionDiesStory(b, emulator, profile, origin);

    const host = new URL(origin).host;
    await expect.poll(() => badgeLookOf(tabId)).toEqual({
      ...BADGE_STYLE.expired,
      title: `Seraph Lens\nSession expired on ${host}: pages are served to you as anonymous. Sign in again.`,
    });

    await panel.bringToFront();
    // Both public pages, served as nobody, are flagged; the REST call is the session-expired 401.
    const flagged = panel.locator('[data-testid="request-row"].silent-anonymous');
    await expect(flagged.getByTestId('url')).toHaveText(profile.anonymousPages);
    await expect(panel.locator('[data-testid="story-line"][data-current="true"]')).toContainText('2 pages served as anonymous');
    const rest = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText(profile.rest, { exact: true }) });
    await expect(rest.getByTestId('status')).toHaveText('401');
    await expect(rest.getByTestId('finding-marker')).toHaveAttribute('title', /session-expired/);
    await expect(panel.locator('[data-testid="finding"][data-code="session-expired"]')).toHaveCount(1);
    await expect(panel.locator('[data-testid="finding"][data-code="silent-anonymous"]')).toHaveCount(2);
    // Nothing else cried wolf: no logout, no cleared cookie, no challenge warning on the browser's cookie calls.
    const codes = await panel.getByTestId('finding').evaluateAll((els) => [...new Set(els.map((el) => el.getAttribute('data-code')))].sort());
    expect(codes).toEqual(['session-expired', 'silent-anonymous']);

    // The lifetime view: the signed-in session is over, served as anonymous.
    await expect(session).toHaveAttribute('data-state', 'anonymous');
    if (cloud) {
      const claims = decodeSessionToken((await context.cookies(origin)).find((c) => c.name === 'tenant.session.token')!.value)!;
      await expect(session.getByTestId('token-expires')).toHaveAttribute('data-time', new Date(claims.exp * 1000).toISOString());
      await expect(session.getByTestId('token-expires').locator('title')).toContainText('expires');
    }
    await panel.screenshot({ path: testInfo.outputPath(`${profile.product}-${profile.mode}-panel.png`) });
  });
}

base.describe('Jira Cloud, a session token of 4 minutes', () => {
  const test = base.extend({
    emulatorOptions: { mode: 'cloud', tls: testTlsFor(CLOUD_HOST), publicOrigin: `https://${CLOUD_HOST}`, sessionLifetimeSec: 240 },
    chromiumArgs: async ({ emulator }, use) => {
      await use([`--host-resolver-rules=MAP ${CLOUD_HOST}:443 127.0.0.1:${emulator.port}`, '--ignore-certificate-errors']);
    },
  });

  test('badge and popup count down to the token\'s exp although the cookie itself never expires', async ({ context, emulator, tabIdOf, badgeLookOf, openPopup }) => {
    test.setTimeout(120_000);
    const origin = `https://${CLOUD_HOST}`;
    const page = await context.newPage();
    const profile = STORY_PROFILES.find((p) => p.product === 'jira' && p.mode === 'cloud')!;
    await signInStory(playwrightBrowse(page), emulator, profile, origin);
    const tabId = await tabIdOf(page);
    const token = (await context.cookies(origin)).find((c) => c.name === 'tenant.session.token')!;
    expect(token.expires).toBe(-1); // a browser-session cookie: only the token knows the end

    await expect.poll(() => badgeLookOf(tabId).then((l) => l.text)).toBe(BADGE_STYLE.expiring.text);
    expect((await badgeLookOf(tabId)).title).toMatch(
      new RegExp(`^Seraph Lens\\nThe session of user@example\\.com \\(${profile.engineUser}\\) on ${CLOUD_HOST.replace(/\./g, '\\.')} expires in [0-4]:\\d\\d \\(at .+\\)\\.$`),
    );

    const popup = await openPopup(tabId);
    const status = popup.getByTestId('origin');
    await expect(status).toHaveAttribute('data-kind', 'expiring');
    // Either of Cloud's two token cookies (set together, same claims) may stand for the session.
    await expect(status.getByTestId('popup-session')).toContainText(/(tenant|cloud)\.session\.token/);
    const countdown = status.getByTestId('popup-countdown');
    await expect(countdown).toHaveText(/^[0-4]:\d\d$/);
    const first = await countdown.textContent();
    await expect(countdown).not.toHaveText(first!); // it ticks
  });
});

base.describe('Confluence DC, a private page after the session died', () => {
  const test = base.extend({ emulatorOptions: { product: 'confluence', mode: 'server' } });

  // The private page answers 302 to /login.action?…&permissionViolation=true with `Set-Cookie: atlassian.xsrf.token=…|lout`
  // to a request that carried fred's signed-in JSESSIONID: visible, so no finding, but the session is over.
  test('the badge stops saying "signed in" once the server answers lout and sends the user to the login', async ({ context, emulator, tabIdOf, badgeLookOf }) => {
    test.setTimeout(120_000);
    const page = await context.newPage();
    const profile = STORY_PROFILES.find((p) => p.product === 'confluence' && p.mode === 'server')!;
    await signInStory(playwrightBrowse(page), emulator, profile, emulator.url);
    const tabId = await tabIdOf(page);
    await expect.poll(() => badgeLookOf(tabId).then((l) => l.text)).toBe(BADGE_STYLE['signed-in'].text);
    emulator.expireAllSessions();
    await page.goto(`${emulator.url}/display/TEAM/Roadmap`);
    await expect(page).toHaveURL(/\/login\.action\?os_destination=.*permissionViolation=true/);
    await expect.poll(() => badgeLookOf(tabId).then((l) => l.text), { timeout: 15_000 }).toBe(BADGE_STYLE.expired.text);
  });
});
