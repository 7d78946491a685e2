/**
 * Single sign-on in real Chromium with the built extension against the emulator's SAML IdP (issue #19): the
 * SSO leg is captured (the AuthnRequest from the Location of Jira's 302, the IdP's response from the form
 * posted to the consumer), decoded in the SSO tab, tied to the session in the story header, and each failure
 * switch of the IdP raises its finding. Nothing of the SAML messages reaches storage.session.
 */
import { test, expect } from '../support/chromium';
import type { Page, Request } from '@playwright/test';
import { SSO_FAILURE_CASES, ssoLogin } from '../fixtures/sso-scenarios';

test.describe.configure({ timeout: 120_000 });
test.use({ emulatorOptions: { sso: true } });

/** The SAMLResponse the browser posted, and the assertion's signature inside it: what must never be stored. */
function watchSamlPosts(page: Page): { responses: string[]; signatures: string[] } {
  const seen = { responses: [] as string[], signatures: [] as string[] };
  page.on('request', (r: Request) => {
    if (r.method() !== 'POST' || !r.url().includes('/plugins/servlet/samlconsumer')) return;
    const value = new URLSearchParams(r.postData() ?? '').get('SAMLResponse');
    if (!value) return;
    seen.responses.push(value);
    const xml = Buffer.from(value, 'base64').toString('utf8');
    for (const m of xml.matchAll(/SignatureValue>([^<]+)</g)) seen.signatures.push(m[1]!.replace(/\s+/g, ''));
  });
  return seen;
}

const row = (panel: Page, label: string) => panel.locator(`[data-testid="sso-row"][data-label="${label}"]`);

/** The SSO leg is auth-relevant: its rows show with the panel's default filter. */
async function openRequest(panel: Page, path: string, method = 'GET') {
  const r = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText(path) }).filter({ hasText: method });
  await r.first().click();
  await panel.keyboard.press('Enter');
  await expect(panel.getByTestId('request-detail')).toContainText(path);
  await panel.getByTestId('detail-tab-sso').click();
}

test('a good SAML login: the SSO tab decodes both messages, the story says who the IdP signed in and until when, storage holds no message', async ({
  context,
  emulator,
  tabIdOf,
  openPanel,
  openExtensionPage,
}, testInfo) => {
  const page = await context.newPage();
  const posted = watchSamlPosts(page);
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const panel = await openPanel(await tabIdOf(page));
  await ssoLogin(page, emulator.url, 'signed-in');
  expect(posted.responses).toHaveLength(1);

  // The story: signed in through SSO, by which IdP, as whom, and the IdP's own limit on the session.
  const line = panel.locator('[data-testid="story-line"][data-current="true"]');
  await expect(line).toContainText('through single sign-on at http://127.0.0.1:');
  await expect(line).toContainText(' as fred; ');
  await expect(line).toContainText('the identity provider allows the session until');
  await expect(panel.getByTestId('finding-code')).toHaveCount(0);
  // The session lifetime view: fred's lane says the sign-in came through SSO and until when the IdP allows it,
  // and the timeline marks the SSO sign-in at the consumer's answer.
  const lane = panel.getByTestId('session').filter({ hasText: 'user fred' });
  await expect(lane.getByTestId('session-sso')).toContainText('via SSO, IdP allows until');
  await expect(lane.locator('.tl-label')).toHaveAttribute('title', /signed in through SSO \(http:\/\/127\.0\.0\.1:\d+, fred\) at .+ · the IdP allows the session until /);
  await expect(panel.getByTestId('sso-marker')).toHaveCount(1);
  await expect(panel.getByTestId('sso-marker')).toHaveAttribute('data-entry', /\d+/);

  // Jira's 302 to the IdP: the AuthnRequest read from its Location.
  await openRequest(panel, '/plugins/servlet/external-login');
  await expect(panel.getByTestId('sso-title')).toHaveText('This URL starts a SAML sign-in. The answer sends the browser to the identity provider (SAML).');
  await expect(row(panel, 'SAML message')).toContainText("AuthnRequest, Redirect binding, read from the response's Location");
  await expect(row(panel, 'Consumer URL (ACS)')).toContainText(`${emulator.url}/plugins/servlet/samlconsumer`);

  // The IdP's answer posted to the consumer: the response's facts, nothing marked.
  await openRequest(panel, '/plugins/servlet/samlconsumer', 'POST');
  await expect(row(panel, 'SAML message')).toContainText('Response, POST binding, read from the posted form');
  await expect(row(panel, 'Status')).toContainText('Success');
  await expect(row(panel, 'NameID')).toContainText('fred');
  await expect(row(panel, 'Audience')).toContainText(emulator.url);
  await expect(row(panel, 'Signed')).toContainText('response and assertion');
  await expect(panel.locator('[data-testid="sso-row"][data-problem="true"]')).toHaveCount(0);
  await expect(panel.getByTestId('sso-kept')).toContainText('only these facts were kept');
  await panel.setViewportSize({ width: 1280, height: 800 });
  await panel.screenshot({ path: testInfo.outputPath('sso-good-1280x800.png') });

  // Nothing of the message is kept: not the SAMLResponse, not a signature, not the RelayState value.
  const ext = await openExtensionPage('src/options/index.html');
  const stored = JSON.stringify(await ext.evaluate(() => chrome.storage.session.get(null)));
  expect(stored).toContain('samlconsumer'); // the log is there…
  for (const v of posted.responses) expect(stored).not.toContain(v.slice(0, 48));
  expect(posted.signatures.length).toBeGreaterThanOrEqual(2);
  for (const s of posted.signatures) expect(stored).not.toContain(s.slice(0, 24));
  expect(stored).not.toMatch(/SAML(?:Request|Response)=(?!%5Bredacted|\[redacted)/);
});


for (const [failure, code, evidence] of SSO_FAILURE_CASES) {
  test(`IdP switch "${failure}": the panel raises ${code} and the SSO tab shows why`, async ({ context, emulator, tabIdOf, openPanel }, testInfo) => {
    await emulator.setSso({ failure });
    const page = await context.newPage();
    await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
    const panel = await openPanel(await tabIdOf(page));
    await ssoLogin(page, emulator.url, 'error');
    await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
    await expect(page.getByTestId('issue-count')).toHaveText('5');

    await expect(panel.locator('[data-testid="finding-code"]', { hasText: code })).toHaveCount(1);
    // No other SSO finding: each switch is told apart.
    const codes = await panel.getByTestId('finding-code').allTextContents();
    expect(codes.filter((c) => c.startsWith('sso-'))).toEqual([code]);
    await openRequest(panel, '/plugins/servlet/samlconsumer', 'POST');
    if (failure !== 'loop') await expect(row(panel, evidence)).toHaveAttribute('data-problem', 'true');
    else await expect(row(panel, evidence)).toContainText('Response');
    if (failure === 'expired') {
      // To look at: wide and docked right, light and dark.
      for (const theme of ['light', 'dark'] as const) {
        await panel.emulateMedia({ colorScheme: theme });
        await panel.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
        for (const [width, height] of [[1280, 800], [500, 800]] as const) {
          await panel.setViewportSize({ width, height });
          await panel.screenshot({ path: testInfo.outputPath(`sso-expired-${theme}-${width}x${height}.png`) });
        }
      }
    }
  });
}

test.describe('OpenID Connect', () => {
  test.use({ emulatorOptions: { sso: { protocol: 'oidc' } } });

  test('a good OIDC login ties the session to the sign-in and keeps no code; an error callback raises sso-failed', async ({ context, emulator, tabIdOf, openPanel, openExtensionPage }) => {
    const page = await context.newPage();
    const codes: string[] = [];
    page.on('request', (r) => {
      const code = new URL(r.url()).searchParams.get('code');
      if (code && r.url().includes('/plugins/servlet/oidc/callback')) codes.push(code);
    });
    await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
    const panel = await openPanel(await tabIdOf(page));
    await ssoLogin(page, emulator.url, 'signed-in');
    expect(codes).toHaveLength(1);
    const line = panel.locator('[data-testid="story-line"][data-current="true"]');
    await expect(line).toContainText('through single sign-on (OpenID Connect)');
    await openRequest(panel, '/plugins/servlet/oidc/callback');
    await expect(row(panel, 'Authorization code')).toContainText('came back (value not kept)');
    await expect(row(panel, 'state')).toContainText('present');
    const ext = await openExtensionPage('src/options/index.html');
    const stored = JSON.stringify(await ext.evaluate(() => chrome.storage.session.get(null)));
    expect(stored).toContain('oidc/callback');
    expect(stored).not.toContain(codes[0]!);

    // Signed out, then the provider refuses the next login: the callback carries error=access_denied.
    await page.goto(`${emulator.url}/logout`);
    await emulator.setSso({ failure: 'failed' });
    const second = await context.newPage();
    await second.goto(`${emulator.url}/secure/Dashboard.jspa`);
    const panel2 = await openPanel(await tabIdOf(second));
    await ssoLogin(second, emulator.url, 'error');
    await expect(panel2.locator('[data-testid="finding-code"]', { hasText: 'sso-failed' })).toHaveCount(1);
    await openRequest(panel2, '/plugins/servlet/oidc/callback');
    await expect(row(panel2, 'Error')).toHaveAttribute('data-problem', 'true');
    await expect(row(panel2, 'Error')).toContainText('access_denied');
  });
});
