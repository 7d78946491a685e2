/**
 * The toolbar badge and the popup, driven by the emulator: signed in, expired, logged out, login failed,
 * CAPTCHA, expiring; the popup's user and countdown; the popup after a worker restart; non-Atlassian pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';
import { BADGE_STYLE } from '../../src/background/badge-look';

test('the badge follows the session: signed in, expired, signed in again, logged out', async ({ context, emulator, tabIdOf, badgeLookOf }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);
  const host = new URL(emulator.url).host;
  await expect.poll(() => badgeLookOf(tabId)).toEqual({ ...BADGE_STYLE['signed-in'], title: `Seraph Lens\nSigned in to ${host} as fred.` });

  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=`);
  await expect(page.getByTestId('current-user')).toContainText(/anonymous/i);
  await expect.poll(() => badgeLookOf(tabId)).toEqual({
    ...BADGE_STYLE.expired,
    title: `Seraph Lens\nSession expired on ${host}: pages are served to you as anonymous. Sign in again.`,
  });

  await signIn(page, emulator.url);
  await expect.poll(() => badgeLookOf(tabId).then((b) => b.text)).toBe(BADGE_STYLE['signed-in'].text);

  await page.goto(`${emulator.url}/logout`);
  await expect.poll(() => badgeLookOf(tabId)).toEqual({ ...BADGE_STYLE.anonymous, title: `Seraph Lens\nNot signed in to ${host} (anonymous).` });
});

test('a failed login shows FAIL, the CAPTCHA after repeated failures shows CAPT', async ({ context, emulator, tabIdOf, badgeLookOf }) => {
  const page = await context.newPage();
  await page.goto(`${emulator.url}/login.jsp`);
  const tabId = await tabIdOf(page);
  const tryLogin = async (password: string) => {
    await page.fill('input[name="os_username"]', 'fred');
    await page.fill('input[name="os_password"]', password);
    await Promise.all([page.waitForLoadState('load'), page.click('[type="submit"]')]);
  };
  await tryLogin('wrong');
  await expect.poll(() => badgeLookOf(tabId)).toMatchObject(BADGE_STYLE['login-failed']);

  // A script's REST login after three failures is refused with AUTHENTICATION_DENIED (CAPTCHA).
  await tryLogin('wrong');
  await tryLogin('wrong');
  const denied = await page.evaluate(async () => {
    const r = await fetch('/rest/auth/1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'fred', password: 'fred' }) });
    return r.headers.get('X-Seraph-LoginReason');
  });
  expect(denied).toBe('AUTHENTICATION_DENIED');
  await expect.poll(() => badgeLookOf(tabId)).toMatchObject(BADGE_STYLE.captcha);
  expect((await badgeLookOf(tabId)).title).toContain('CAPTCHA required');
});

test.describe('with a session cookie that expires in 4 minutes', () => {
  test.use({ emulatorOptions: { cookieMaxAgeSec: 240 } });

  test('badge and popup say "expiring" with the user and a countdown, also after the worker restarted', async ({
    context, emulator, tabIdOf, badgeLookOf, openPopup, stopWorkers,
  }) => {
    const page = await context.newPage();
    await signIn(page, emulator.url);
    const tabId = await tabIdOf(page);
    await expect.poll(() => badgeLookOf(tabId).then((b) => b.text)).toBe(BADGE_STYLE.expiring.text);
    expect((await badgeLookOf(tabId)).title).toMatch(/The session of fred on .* expires in [34]:\d\d \(at .+\)\./);

    const checkPopup = async () => {
      const popup = await openPopup(tabId);
      const origin = popup.getByTestId('origin');
      await expect(origin).toHaveAttribute('data-kind', 'expiring');
      await expect(origin.getByTestId('origin-user')).toHaveText('fred');
      await expect(origin.getByTestId('popup-session')).toContainText('JSESSIONID');
      const first = await origin.getByTestId('popup-countdown').textContent();
      expect(first).toMatch(/^[0-3]:\d\d$/);
      await expect(origin.getByTestId('popup-countdown')).not.toHaveText(first!); // it ticks
      return popup;
    };
    (await checkPopup()).close();

    await stopWorkers();
    const popup = await checkPopup();
    // Who am I asks the server with the browser's cookies.
    await popup.getByTestId('whoami').click();
    await expect(popup.getByTestId('whoami-result')).toHaveText('The server says: fred');
  });
});

test('the popup lists findings with fixes; copy gives a summary without secrets', async ({ context, emulator, tabIdOf, openPopup }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=`);
  const tabId = await tabIdOf(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const popup = await openPopup(tabId);
  const origin = popup.getByTestId('origin');
  await expect(origin).toHaveAttribute('data-kind', 'expired');
  await expect(origin.getByTestId('popup-finding').first()).toContainText('silent-anonymous');
  await expect(origin.getByTestId('popup-finding').first()).toContainText('Fix:');
  await popup.setViewportSize({ width: 400, height: 520 });
  await popup.screenshot({ path: test.info().outputPath('popup-expired.png') });
  await popup.getByTestId('copy-summary').click();
  const copied = await popup.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`${emulator.url} (jira server): expired`);
  for (const c of await context.cookies(emulator.url)) expect(copied).not.toContain(c.value);
});

test('no badge on a page that is not an Atlassian origin of the tab', async ({ context, emulator, tabIdOf, badgeLookOf }) => {
  const plain: Server = createServer((_req, res) => res.end('<!doctype html><title>plain</title><p>not Jira</p>')).listen(0, '127.0.0.1');
  await new Promise((r) => plain.once('listening', r));
  try {
    const page = await context.newPage();
    await signIn(page, emulator.url);
    const tabId = await tabIdOf(page);
    await expect.poll(() => badgeLookOf(tabId).then((b) => b.text)).toBe(BADGE_STYLE['signed-in'].text);
    await page.goto(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/`);
    await expect.poll(() => badgeLookOf(tabId).then((b) => b.text)).toBe('');
  } finally {
    plain.close();
  }
});
