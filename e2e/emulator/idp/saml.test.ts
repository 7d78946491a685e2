/** SAML single sign-on through the emulated IdP: the good login, the messages on the wire, and each failure switch. */
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { get, start } from '../test-client';
import { decodeRedirect } from './saml-xml';
import { DSIG_NS, idpKeys } from './sign';
import { postToConsumer, readAutoPost, samlResponseXml, samlTrip } from './sso-client';

const sso = { sso: true } as const;
/** The reason on the SSO error page, HTML-unescaped. */
const reasonIn = (html: string) => (/data-testid="sso-error">([^<]*)</.exec(html)?.[1] ?? '(no SSO error on the page)').replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));
const errorText = async (res: Response) => reasonIn(await res.text());

describe('SAML SSO, the good login', () => {
  it('login page → external-login → IdP → consumer: a session, X-AUSERNAME and back to the page the login started from', async () => {
    const { emu, c } = await start(sso);
    expect(emu.idpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.idpUrl).not.toBe(emu.url); // another origin, as a real IdP is
    const login = await c.req('/login.jsp?os_destination=%2Fbrowse%2FABC-7');
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/plugins/servlet/external-login/1?os_destination=%2Fbrowse%2FABC-7');

    const trip = await samlTrip(c, login.headers.get('location')!);
    expect(trip.idpLocation.pathname).toBe('/sso');
    expect(trip.post.action).toBe(`${emu.url}/plugins/servlet/samlconsumer`);
    expect(trip.post.fields.RelayState).toBe(trip.idpLocation.searchParams.get('RelayState'));
    expect(trip.consumer.status).toBe(302);
    expect(trip.consumer.headers.get('location')).toBe('/browse/ABC-7');
    expect(trip.consumer.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(trip.consumer.headers.getSetCookie().some((s) => /^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly$/.test(s))).toBe(true);
    expect(emu.sessionCount()).toBe(1);

    const page = await c.req('/browse/ABC-7');
    expect(page.headers.get('x-ausername')).toBe('fred');
    expect(await page.text()).toContain('Signed in as <b>fred</b>');
    expect((await c.req('/rest/api/2/myself')).status).toBe(200);
  });

  it('the AuthnRequest inflates (raw DEFLATE + base64) and names the SP, its consumer and the IdP', async () => {
    const { emu, c } = await start(sso);
    const res = await c.req('/plugins/servlet/external-login');
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(`${emu.idpUrl}/sso`);
    expect(location.searchParams.get('RelayState')).toMatch(/^[0-9a-f]{32}$/);
    const xml = decodeRedirect(location.searchParams.get('SAMLRequest')!);
    expect(xml).toMatch(/^<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2\.0:protocol"/);
    expect(xml).toMatch(/ ID="ONELOGIN_[0-9a-f-]{36}"/);
    expect(xml).toContain(`Destination="${emu.idpUrl}/sso"`);
    expect(xml).toContain(`AssertionConsumerServiceURL="${emu.url}/plugins/servlet/samlconsumer"`);
    expect(xml).toContain('ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"');
    expect(xml).toContain(`<saml:Issuer>${emu.url}</saml:Issuer>`);
  });

  it('the Response and its Assertion are signed, and both signatures verify with xml-crypto and the IdP key', async () => {
    const { emu, c } = await start(sso);
    const trip = await samlTrip(c, '/plugins/servlet/external-login/1');
    const xml = samlResponseXml(trip.post);
    const request = decodeRedirect(trip.idpLocation.searchParams.get('SAMLRequest')!);
    const requestId = / ID="([^"]+)"/.exec(request)![1]!;
    expect(xml).toContain(`InResponseTo="${requestId}"`);
    expect(xml).toContain(`Destination="${emu.url}/plugins/servlet/samlconsumer"`);
    expect(xml).toContain(`<saml:Audience>${emu.url}</saml:Audience>`);
    expect(xml).toContain(`Recipient="${emu.url}/plugins/servlet/samlconsumer"`);
    expect(xml).toMatch(/<saml:NameID Format="[^"]+">fred<\/saml:NameID>/);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect(xml).toMatch(/<saml:AuthnStatement AuthnInstant="[^"]+Z" SessionIndex="[^"]+" SessionNotOnOrAfter="[^"]+Z">/);

    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const signatures = Array.from(doc.getElementsByTagNameNS(DSIG_NS, 'Signature'));
    expect(signatures.map((s) => (s.parentNode as Element).localName)).toEqual(['Response', 'Assertion']);
    for (const signature of signatures) {
      const sig = new SignedXml({ publicCert: idpKeys().publicKeyPem });
      sig.loadSignature(signature);
      expect(sig.checkSignature(xml)).toBe(true);
    }
  });

  it('a Response edited after signing is rejected: no session', async () => {
    const { emu, c } = await start(sso);
    let res = await c.req('/plugins/servlet/external-login/1');
    const page = await fetch(res.headers.get('location')!);
    const post = readAutoPost(await page.text());
    const edited = samlResponseXml(post).replace('>fred</saml:NameID>', '>admin</saml:NameID>');
    res = await postToConsumer(c, { ...post, fields: { ...post.fields, SAMLResponse: Buffer.from(edited).toString('base64') } });
    expect(res.status).toBe(401);
    expect(await errorText(res)).toMatch(/signature|not signed/i);
    expect(emu.sessionCount()).toBe(0);
  });

  it('a RelayState is used once: posting the same Response again is refused', async () => {
    const { emu, c } = await start(sso);
    const trip = await samlTrip(c, '/plugins/servlet/external-login/1');
    expect(trip.consumer.status).toBe(302);
    const again = await postToConsumer(c, trip.post);
    expect(again.status).toBe(401);
    expect(await errorText(again)).toContain('RelayState');
    expect(emu.sessionCount()).toBe(1);
  });

  it('an anonymous page of a site without anonymous access leads through the login page to the IdP and back', async () => {
    const { c } = await start({ ...sso, anonymousAccess: false });
    const trip = await samlTrip(c, '/browse/ABC-1');
    expect(trip.consumer.headers.get('location')).toBe('/browse/ABC-1');
    expect((await c.req('/browse/ABC-1')).headers.get('x-ausername')).toBe('fred');
  });

  it('Confluence Data Center: the same endpoints; X-AUSERNAME once signed in', async () => {
    const { c } = await start({ ...sso, product: 'confluence' });
    const login = await c.req('/login.action?os_destination=%2Fdisplay%2FTEAM%2FRoadmap');
    expect(login.headers.get('location')).toBe('/plugins/servlet/external-login/1?os_destination=%2Fdisplay%2FTEAM%2FRoadmap');
    const trip = await samlTrip(c, login.headers.get('location')!);
    expect(trip.consumer.headers.get('location')).toBe('/display/TEAM/Roadmap');
    const page = await c.req('/display/TEAM/Roadmap');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-ausername')).toBe('fred');
  });

  it('without an automatic user the IdP asks for a username; any name it is given is asserted', async () => {
    const { c } = await start({ sso: { user: null } });
    const res = await c.req('/plugins/servlet/external-login/1');
    const form = await (await fetch(res.headers.get('location')!)).text();
    expect(form).toContain('name="username"');
    const hidden = readAutoPost(form);
    const answer = await fetch(`${c.emu.idpUrl}/sso`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...hidden.fields, username: 'admin' }).toString() });
    const consumer = await postToConsumer(c, readAutoPost(await answer.text()));
    expect(consumer.status).toBe(302);
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('admin');
  });

  it('auth_fallback shows the login form, whose password login still works', async () => {
    const { c } = await start(sso);
    const form = await c.req('/login.jsp?auth_fallback');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('id="login-form"');
    expect((await c.formLogin({ os_username: 'fred', os_password: 'fred' })).status).toBe(302);
  });
});

describe('SAML SSO failure switches: no session, an error page', () => {
  const cases = [
    { failure: 'failed', error: /status code of the Response was not Success, was urn:oasis:names:tc:SAML:2\.0:status:Responder -> urn:oasis:names:tc:SAML:2\.0:status:AuthnFailed: Authentication failed for fred/, xml: /<samlp:StatusMessage>/ },
    { failure: 'skew', error: /Timing issues \(please check your clock settings\)/, xml: /NotBefore=/ },
    { failure: 'expired', error: /Could not validate timestamp: expired/, xml: /NotOnOrAfter=/ },
    { failure: 'audience', error: /https:\/\/old-base-url\.example\.com is not a valid audience/, xml: /<saml:Audience>https:\/\/old-base-url\.example\.com<\/saml:Audience>/ },
    { failure: 'destination', error: /The response was received at http:\/\/127\.0\.0\.1:\d+\/plugins\/servlet\/samlconsumer instead of https:\/\/old-base-url\.example\.com\/plugins\/servlet\/samlconsumer/, xml: /Destination="https:\/\/old-base-url/ },
    { failure: 'unknown-user', error: /Received SSO request for user fred@idp\.example\.com, but the user does not exist/, xml: />fred@idp\.example\.com<\/saml:NameID>/ },
  ] as const;

  it.each(cases)('$failure', async ({ failure, error, xml }) => {
    const { emu, c } = await start({ sso: { failure } });
    const trip = await samlTrip(c, '/login.jsp');
    expect(samlResponseXml(trip.post)).toMatch(xml);
    expect(trip.consumer.status).toBe(401);
    expect(trip.consumer.headers.getSetCookie().some((s) => s.startsWith('JSESSIONID=') && !s.startsWith('JSESSIONID=;'))).toBe(false);
    const body = await trip.consumer.text();
    expect(body).toContain("We can't log you in right now");
    expect(reasonIn(body)).toMatch(error);
    expect(emu.sessionCount()).toBe(0);
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('anonymous');
  });

  it('failed: the Response carries no Assertion, and is still signed', async () => {
    const { c } = await start({ sso: { failure: 'failed' } });
    const xml = samlResponseXml((await samlTrip(c, '/login.jsp')).post);
    expect(xml).not.toContain('Assertion');
    expect(xml).toContain('<ds:Signature');
  });

  it('skew: every time of the IdP is off by skewMinutes; behind by 20 minutes the assertion has expired for the SP', async () => {
    const { c } = await start({ sso: { failure: 'skew', skewMinutes: 10 } });
    const ahead = samlResponseXml((await samlTrip(c, '/login.jsp')).post);
    const issued = Date.parse(/IssueInstant="([^"]+)"/.exec(ahead)![1]!);
    expect(issued - Date.now()).toBeGreaterThan(9 * 60_000);
    await c.emu.setSso({ skewMinutes: -20 });
    const behind = await samlTrip(c, '/login.jsp');
    expect(await errorText(behind.consumer)).toMatch(/expired/);
  });

  it('expired: IssueInstant is now, the window closed ten minutes ago', async () => {
    const { c } = await start({ sso: { failure: 'expired' } });
    const xml = samlResponseXml((await samlTrip(c, '/login.jsp')).post);
    expect(Math.abs(Date.parse(/IssueInstant="([^"]+)"/.exec(xml)![1]!) - Date.now())).toBeLessThan(60_000);
    expect(Date.now() - Date.parse(/Conditions NotBefore="[^"]+" NotOnOrAfter="([^"]+)"/.exec(xml)![1]!)).toBeGreaterThan(9 * 60_000);
  });

  it('loop: the consumer accepts the assertion but sets no cookie and sends the browser back to the IdP; the third visit ends in an error page', async () => {
    const { emu, c } = await start({ sso: { failure: 'loop' } });
    await c.req('/secure/Dashboard.jspa'); // Tomcat's anonymous JSESSIONID, before the loop
    let trip = await samlTrip(c, '/login.jsp');
    for (let round = 2; round <= 3; round++) {
      expect(trip.consumer.status).toBe(302);
      expect(trip.consumer.headers.getSetCookie()).toEqual([]);
      const location = new URL(trip.consumer.headers.get('location')!);
      expect(location.origin).toBe(emu.idpUrl);
      const page = await fetch(location, { redirect: 'manual' });
      const post = readAutoPost(await page.text());
      trip = { ...trip, post, consumer: await postToConsumer(c, post) };
    }
    expect(trip.consumer.status).toBe(401);
    expect(await errorText(trip.consumer)).toMatch(/Login loop: the IdP was visited 3 times/);
    expect(emu.sessionCount()).toBe(0);
    expect(emu.idpRequests.map((r) => `${r.method} ${r.url.split('?')[0]} ${r.status}`)).toEqual(Array(3).fill('GET /sso 200'));
  });

  it('loop with a browser that has no cookie at all: not even an anonymous JSESSIONID on the consumer answers', async () => {
    const { c } = await start({ sso: { failure: 'loop' } });
    const res = await c.req('/plugins/servlet/external-login/1');
    c.jar.clear();
    const post = readAutoPost(await (await fetch(res.headers.get('location')!)).text());
    const consumer = await postToConsumer(c, post);
    expect(consumer.status).toBe(302);
    expect(consumer.headers.getSetCookie()).toEqual([]);
  });
});

describe('switching SSO', () => {
  it('off by default: the login page is the form, the SSO URLs are 404, no IdP is started', async () => {
    const { emu, c } = await start();
    expect(emu.idpUrl).toBeNull();
    expect((await c.req('/login.jsp')).status).toBe(200);
    expect((await c.req('/plugins/servlet/external-login/1')).status).toBe(404);
    expect((await c.req('/plugins/servlet/samlconsumer', { method: 'POST' })).status).toBe(404);
  });

  it('POST /__emulator/sso turns it on, sets a switch, and off again; /__emulator/state shows the URLs', async () => {
    const { emu, c } = await start();
    const on = await fetch(`${emu.url}/__emulator/sso?enabled=true&failure=audience`, { method: 'POST', redirect: 'manual' });
    expect(on.status).toBe(303);
    const state = (await (await get(emu, '/__emulator/state')).json()) as { sso: Record<string, unknown> };
    expect(state.sso).toMatchObject({
      enabled: true,
      protocol: 'saml',
      failure: 'audience',
      user: 'fred',
      idpUrl: emu.idpUrl,
      loginUrl: `${emu.url}/plugins/servlet/external-login/1`,
      consumerUrl: `${emu.url}/plugins/servlet/samlconsumer`,
      idpSsoUrl: `${emu.idpUrl}/sso`,
    });
    expect((await samlTrip(c, '/login.jsp')).consumer.status).toBe(401);
    await fetch(`${emu.url}/__emulator/sso`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'failure=none' });
    expect((await samlTrip(c, '/login.jsp')).consumer.status).toBe(302);
    await fetch(`${emu.url}/__emulator/sso?enabled=false`, { method: 'POST' });
    expect((await c.req('/login.jsp')).status).toBe(200);
    const page = await (await get(emu, '/__emulator/')).text();
    expect(page).toContain('action="/__emulator/sso?failure=skew"');
  });

  it('bad control parameters are 400; Cloud refuses SSO', async () => {
    const { emu } = await start();
    for (const q of ['failure=sometimes', 'protocol=cas', 'enabled=maybe', 'skewMinutes=soon']) {
      expect((await fetch(`${emu.url}/__emulator/sso?${q}`, { method: 'POST', redirect: 'manual' })).status, q).toBe(400);
    }
    const cloud = await start({ mode: 'cloud' });
    expect((await fetch(`${cloud.emu.url}/__emulator/sso?enabled=true`, { method: 'POST', redirect: 'manual' })).status).toBe(400);
    await expect(start({ mode: 'cloud', sso: true })).rejects.toThrow(/Data Center/);
  });
});
