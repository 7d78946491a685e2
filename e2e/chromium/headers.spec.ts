/**
 * Issue #26 item 9 in real Chromium with the built extension against the emulator: the Headers tab shows every
 * header of a captured request in DevTools' sections (Date, Content-Type, Server beside the auth headers, which
 * come first), the Authorization value redacted, and no secret in storage; an imported HAR that holds a SAML
 * login shows the SAML message in the SSO tab, pretty-printed, its signature masked.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../support/chromium';
import { recordSamlLoginHar, signatureParts } from '../fixtures/sso-raw-har';

test.describe.configure({ timeout: 180_000 });

const PASSWORD = 'Hdr-planted-pass-6Tz';
test.use({ emulatorOptions: { users: [{ name: 'fred', displayName: 'Fred', password: PASSWORD }] } });

async function openDetail(panel: Page, path: string) {
  await panel.getByTestId('filter-auth-only').uncheck();
  await panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText(path, { exact: true }) }).first().click();
  await panel.keyboard.press('Enter');
  const detail = panel.getByTestId('request-detail');
  await expect(detail).toBeVisible();
  return detail;
}

test('Headers: every header of a captured request in General / Response / Request, auth first, Authorization redacted, no secret stored', async ({
  context,
  emulator,
  tabIdOf,
  openPanel,
  worker,
}) => {
  const page = await context.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await page.evaluate((pw) => fetch('/rest/api/2/myself', { credentials: 'omit', headers: { Authorization: `Basic ${btoa(`fred:${pw}`)}`, 'X-Atlassian-Token': 'no-check' } }), PASSWORD);
  const panel = await openPanel(await tabIdOf(page));
  const detail = await openDetail(panel, '/rest/api/2/myself');
  await detail.getByRole('tab', { name: 'Headers', exact: true }).click();

  const sections = detail.getByTestId('headers-section');
  await expect(sections).toHaveText(['General', /^Response Headers \(\d+\)$/, /^Request Headers \(\d+\)$/]);
  await expect(detail.locator('tr[data-general="Request Method"]')).toContainText('GET');
  await expect(detail.locator('tr[data-general="Status Code"]')).toContainText('200');
  // The headers the analysis never read are there now, names as the server sent them.
  for (const name of ['date', 'content-type', 'server']) await expect(detail.locator(`tr[data-dir="response"][data-header="${name}"]`)).toHaveCount(1);
  await expect(detail.locator('tr[data-header="server"] td.name')).toHaveText('Server');
  await expect(detail.locator('tr[data-header="server"]')).toContainText('nginx');
  await expect(detail.locator('tr[data-header="date"] td.value')).toHaveText(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
  // Auth headers first in each section, marked; the others follow.
  for (const dir of ['response', 'request']) {
    const auth = await detail.locator(`tr[data-dir="${dir}"]`).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-auth') === 'true'));
    expect(auth[0], dir).toBe(true);
    expect(auth.indexOf(false), dir).toBeGreaterThan(0);
    expect(auth.slice(auth.indexOf(false)), dir).not.toContain(true);
  }
  const authorization = detail.locator('tr[data-dir="request"][data-header="authorization"]');
  await expect(authorization).toHaveAttribute('data-auth', 'true');
  await expect(authorization.locator('td.value')).toContainText(/^Basic \[redacted \d+ user=fred/);
  await expect(authorization.getByTestId('header-decoded')).toContainText('Basic as fred; secret not kept');
  await expect(detail.locator('tr[data-dir="request"][data-header="x-atlassian-token"]')).toHaveAttribute('data-auth', 'true');
  await expect(detail.locator('tr[data-header="user-agent"]')).toContainText('Chrome');
  await expect(detail.getByTestId('headers-cut')).toHaveCount(0);
  await panel.setViewportSize({ width: 1280, height: 800 });
  await panel.screenshot({ path: test.info().outputPath('headers-1280x800.png') });
  await panel.setViewportSize({ width: 500, height: 800 });
  await panel.screenshot({ path: test.info().outputPath('headers-500x800.png') });

  // Nothing secret in the panel or in storage.
  const secrets = [PASSWORD, btoa(`fred:${PASSWORD}`)];
  const stored = await (await worker()).evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(stored).toContain('"server"'); // every header is stored…
  for (const s of secrets) {
    expect(stored).not.toContain(s); // …and no secret
    expect(await panel.content()).not.toContain(s);
  }
});

test.describe('an imported SAML login', () => {
  test.use({ emulatorOptions: { sso: true } });

  test('the SSO tab shows the SAML message the file holds, pretty, signature and digest values masked, NameID kept', async ({ emulator, openExtensionPage }) => {
    const { har, samlResponse } = await recordSamlLoginHar(emulator.url);
    const hidden = signatureParts(samlResponse);
    expect(hidden.length).toBeGreaterThanOrEqual(4); // two signatures, each a SignatureValue and a DigestValue

    const panel = await openExtensionPage('src/panel/index.html?tabId=999999');
    await panel.setViewportSize({ width: 1280, height: 800 });
    await panel.getByTestId('import-har').setInputFiles({ name: 'saml-login.har', mimeType: 'application/json', buffer: Buffer.from(har) });
    await expect(panel.getByTestId('imported')).toContainText('saml-login.har');
    await panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/plugins/servlet/samlconsumer') }).first().click();
    await panel.keyboard.press('Enter');
    await panel.getByTestId('detail-tab-sso').click();

    const xml = panel.getByTestId('sso-xml');
    await expect(xml).toBeVisible();
    const text = (await xml.textContent())!;
    expect(text.split('\n')[0]).toMatch(/^<samlp:Response /);
    expect(text).toMatch(/\n {2}<saml:Issuer>/);
    expect(text).toMatch(/<ds:SignatureValue>\[redacted \d+\]<\/ds:SignatureValue>/);
    expect(text).toMatch(/<ds:DigestValue>\[redacted \d+\]<\/ds:DigestValue>/);
    expect(text).toMatch(/<saml:NameID[^>]*>fred<\/saml:NameID>/);
    for (const part of hidden) expect(await panel.content()).not.toContain(part.slice(0, 24));
    await expect(panel.getByTestId('sso-xml-note')).toContainText('masked');
    await panel.screenshot({ path: test.info().outputPath('sso-xml-1280x800.png') });
    // The masked signature, in view.
    await xml.evaluate((pre) => {
      const at = pre.textContent!.indexOf('<ds:SignatureValue>');
      pre.scrollTop = (pre.scrollHeight * at) / pre.textContent!.length - 40;
    });
    await panel.screenshot({ path: test.info().outputPath('sso-xml-signature-1280x800.png') });

    // The AuthnRequest in the Location of the site's 302 (Redirect binding, DEFLATE) reads too.
    await panel.getByTestId('detail-close').click();
    await panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/plugins/servlet/external-login') }).first().click();
    await panel.keyboard.press('Enter');
    await panel.getByTestId('detail-tab-sso').click();
    await expect(panel.getByTestId('sso-xml')).toContainText('<samlp:AuthnRequest ');
  });

  test('live capture keeps only the facts: no SAML message in the SSO tab or in storage', async ({ context, emulator, tabIdOf, openPanel, worker }) => {
    const page = await context.newPage();
    await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
    const panel = await openPanel(await tabIdOf(page));
    await page.goto(`${emulator.url}/login.jsp?os_destination=%2Fbrowse%2FABC-7`);
    await page.waitForURL((u) => u.pathname === '/browse/ABC-7');
    await panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/plugins/servlet/samlconsumer') }).first().click();
    await panel.keyboard.press('Enter');
    await panel.getByTestId('detail-tab-sso').click();
    await expect(panel.getByTestId('sso-kept')).toBeVisible();
    await expect(panel.getByTestId('sso-xml')).toHaveCount(0);
    const stored = await (await worker()).evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
    expect(stored).toContain('samlconsumer');
    expect(stored).not.toContain('samlXml');
    expect(stored).not.toContain('SignatureValue');
  });
});
