/**
 * The silent-anonymous story on every emulated product in Firefox ESR with the built extension (see
 * e2e/chromium/products.spec.ts for the story). Cloud answers as https://acme.atlassian.net through a local
 * CONNECT proxy (support/connect-proxy.ts). The panel is the extension page for the tab, the badge is read with
 * `browser.action` from it.
 */
import { test, expect } from '@playwright/test';
import { startEmulator, type Emulator } from '../emulator/server';
import { testTlsFor } from '../emulator/tls';
import { launchFirefox, tabIdFrom, type FirefoxSession } from '../support/firefox';
import { startConnectProxy, firefoxProxyPrefs, type ConnectProxy } from '../support/connect-proxy';
import { puppeteerBrowse } from '../support/puppeteer-browse';
import { CLOUD_HOST, CLOUD_SESSION_LIFETIME_SEC, STORY_PROFILES, signInStory, sessionDiesStory, storyEmulatorOptions } from '../support/stories';
import { BADGE_STYLE } from '../../src/background/badge-look';
import { poll } from '../support/poll';


for (const profile of STORY_PROFILES) {
  const cloud = profile.mode === 'cloud';
  test.describe(`Firefox, ${profile.title}`, () => {
    let emulator: Emulator | undefined;
    let proxy: ConnectProxy | undefined;
    let firefox: FirefoxSession | undefined;
    test.beforeEach(async () => {
      emulator = await startEmulator({ ...storyEmulatorOptions(profile), ...(cloud ? { tls: testTlsFor(CLOUD_HOST) } : {}) });
      proxy = cloud ? await startConnectProxy(CLOUD_HOST, emulator.port) : undefined;
      firefox = await launchFirefox(proxy ? firefoxProxyPrefs(proxy.port) : {});
    });
    test.afterEach(async () => {
      await firefox?.close();
      await proxy?.close();
      await emulator?.close();
    });

    test(`the session dies on the server; badge EXP, pages silent-anonymous, REST session-expired${cloud ? ', the token\'s expiry shown' : ''}`, async () => {
      test.setTimeout(120_000); // two cores shared: Firefox, the emulator and the panel in one story
      const origin = cloud ? `https://${CLOUD_HOST}` : emulator!.url;
      const page = await firefox!.browser.newPage();
      const b = puppeteerBrowse(page);
      await signInStory(b, emulator!, profile, origin);
      await sessionDiesStory(b, emulator!, profile, origin);

      const panel = await firefox!.openExtensionPage('src/panel/index.html', `${emulator!.url}/__emulator/`);
      const tabId = await tabIdFrom(panel, `${origin}${profile.anonymousPages[1]}`);
      expect(tabId).not.toBeNull();

      const badge = await poll(
        () =>
          panel.evaluate(async (id) => {
            const br = (globalThis as unknown as { browser: typeof chrome }).browser;
            return { text: await br.action.getBadgeText({ tabId: id }), title: await br.action.getTitle({ tabId: id }) };
          }, tabId!),
        (v) => v.text === BADGE_STYLE.expired.text,
      );
      expect(badge).toEqual({ text: BADGE_STYLE.expired.text, title: `Seraph Lens\nSession expired on ${new URL(origin).host}: pages are served to you as anonymous. Sign in again.` });

      await panel.evaluate((id) => {
        location.search = `?tabId=${id}`;
      }, tabId);
      await panel.waitForFunction((n) => document.querySelectorAll('[data-testid="finding"]').length >= n, { timeout: 20_000 }, 3);
      const flagged = await panel.$$eval('[data-testid="request-row"].silent-anonymous [data-testid="url"]', (els) => els.map((el) => el.textContent));
      expect(flagged).toEqual(profile.anonymousPages);
      const rest = await panel.$$eval('[data-testid="request-row"]', (rows) =>
        rows.map((r) => ({
          url: r.querySelector('[data-testid="url"]')?.textContent,
          status: r.querySelector('[data-testid="status"]')?.textContent,
          codes: r.querySelector('[data-testid="finding-marker"]')?.getAttribute('title') ?? '',
        })),
      );
      expect(rest.find((r) => r.url === profile.rest)).toEqual({ url: profile.rest, status: '401', codes: 'session-expired' });
      const codes = await panel.$$eval('[data-testid="finding"]', (els) => els.map((el) => el.getAttribute('data-code')).sort());
      expect(codes).toEqual(['session-expired', 'silent-anonymous', 'silent-anonymous']);
      const summary = await panel.$eval('[data-testid="story-line"][data-current="true"]', (el) => el.textContent);
      expect(summary).toContain('2 pages served as anonymous');

      // The lifetime view: the signed-in session is over; on Cloud it shows the token's own times.
      const sessions = await panel.$$eval('[data-testid="session"]', (els) =>
        els.map((el) => ({
          text: el.textContent ?? '',
          state: el.getAttribute('data-state'),
          issued: el.querySelector('[data-testid="token-issued"]')?.getAttribute('data-time') ?? null,
          refresh: el.querySelector('[data-testid="token-refresh"]')?.getAttribute('data-time') ?? null,
          expires: el.querySelector('[data-testid="token-expires"]')?.getAttribute('data-time') ?? null,
          email: el.querySelector('[data-testid="session-email"]')?.textContent ?? null,
        })),
      );
      const mine = sessions.find((s) => s.text.includes(`user ${profile.engineUser}`) && s.text.includes(cloud ? 'tenant.session.token' : 'JSESSIONID'));
      expect(mine?.state).toBe('anonymous');
      if (cloud) {
        expect(mine?.email).toBe('user@example.com');
        const at = (iso: string | null | undefined) => Date.parse(iso ?? '');
        expect(at(mine?.expires) - at(mine?.issued)).toBe(CLOUD_SESSION_LIFETIME_SEC * 1000);
        expect(at(mine?.refresh) - at(mine?.issued)).toBe(600_000);
        expect(Math.abs(at(mine?.issued) - Date.now())).toBeLessThan(10 * 60_000);
      }
      await panel.screenshot({ path: test.info().outputPath(`firefox-${profile.product}-${profile.mode}-panel.png`) });
    });
  });
}
