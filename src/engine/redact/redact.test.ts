import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSecretName, redactBody, redactHar, redactText, redactUrl, sanitizeHeader } from './redact';
import { parseAuthorization } from '../ground/parse/authorization';
import { parseCookieHeader } from '../ground/parse/cookie';
import { parseSetCookie } from '../ground/parse/set-cookie';
import { readHar } from '../har/har';
import { analyze } from '../analysis/analyzer';
import { fuzz } from '../test-support/fuzz';
import { HEADER_POLICY } from './header-policy';

const FC = fuzz(4242, 300);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('what is secret', () => {
  it('names by their words, whatever the spelling', () => {
    for (const k of ['password', 'os_password', 'newPassword', 'current-password', 'passwd', 'apiToken', 'api_key', 'X-API-KEY', 'atl_token', 'client_secret', 'jsessionid', 'jwt', 'SAMLResponse', 'otp', 'pin', 'X-Auth-Key', 'X-Access-Key', 'Ocp-Apim-Subscription-Key', 'X-Atlassian-Auth', 'Authentication', 'oauth_verifier', 'PHPSESSID', 'sid', 'pat', 'RelayState', 'passcode', 'sessionId', 'session_state', 'auth_code', 'xsrfToken']) {
      expect(isSecretName(k, 'param'), k).toBe(true);
      expect(isSecretName(k, 'json'), k).toBe(true);
    }
    for (const k of ['username', 'os_username', 'os_authType', 'issueKey', 'name', 'value', 'total', 'os_destination', 'keyboard', 'jql', 'permissionViolation', 'os_cookie', 'author', 'token_type', 'oauth_signature_method', 'sessionTimeout', 'Key-Pair-Id', 'errorCode', 'client_id']) {
      expect(isSecretName(k, 'param'), k).toBe(false);
      expect(isSecretName(k, 'json'), k).toBe(false);
    }
  });
  it('key, code, state and session alone: secret as parameters, not as JSON keys (issue keys, error codes, issue states)', () => {
    for (const k of ['key', 'code', 'state']) {
      expect(isSecretName(k, 'param'), k).toBe(true);
      expect(isSecretName(k, 'json'), k).toBe(false);
    }
    expect(isSecretName('session', 'param')).toBe(true);
  });
});

describe('sanitizeHeader', () => {
  it('Basic keeps the user part and the length, drops the password', () => {
    const v = sanitizeHeader('Authorization', `Basic ${b64('fred:fred')}`);
    expect(v).toBe('Basic [redacted 12 user=fred shape=password]');
    expect(parseAuthorization(v)).toMatchObject({ scheme: 'basic', user: 'fred' });
  });
  it('Cloud email users and odd user names survive the round trip', () => {
    const v = sanitizeHeader('authorization', 'Basic dXNlckBleGFtcGxlLmNvbTp1c2VyX2FwaV90b2tlbg==');
    expect(v).toBe('Basic [redacted 44 user=user%40example.com shape=password]');
    expect(parseAuthorization(v)).toMatchObject({ scheme: 'basic', user: 'user@example.com' });
    const odd = sanitizeHeader('Authorization', `Basic ${b64('a] b%c\r\n:pw')}`);
    expect(odd).toMatch(/^Basic \[redacted \d+ user=[^\]\s]* shape=password\]$/);
    expect(parseAuthorization(odd)).toMatchObject({ scheme: 'basic', user: 'a] b%c\r\n' });
  });
  it('Bearer, other schemes and bare tokens keep only the scheme and length', () => {
    expect(sanitizeHeader('Authorization', 'Bearer abc.def.ghi')).toBe('Bearer [redacted 11 shape=password]');
    expect(sanitizeHeader('Authorization', 'JWT x')).toBe('JWT [redacted 1 shape=jwt]');
    expect(sanitizeHeader('Authorization', 'loneToken')).toBe('[redacted 9]');
    expect(sanitizeHeader('Authorization', 's3cr3t+part1 part2')).toBe('[redacted 18]'); // not a scheme: nothing kept
    expect(sanitizeHeader('Authorization', 'Bearer')).toBe('Bearer');
    expect(sanitizeHeader('Proxy-Authorization', 'Basic ZnJlZDpmcmVk')).toBe('Basic [redacted 12 user=fred shape=password]');
    // Only the exact sanitized spelling is left alone; a look-alike is still a secret.
    expect(sanitizeHeader('Authorization', 'Bearer [redacted-not-really-SECRET]')).toBe('Bearer [redacted 28 shape=masked]');
    expect(sanitizeHeader('Authorization', 'Basic [redacted 5 user=x] SECRET')).toBe('Basic [redacted 26]');
  });
  it('Cookie keeps names and lengths, in order; a part without a name is a value', () => {
    const v = sanitizeHeader('Cookie', 'JSESSIONID=ABC123; atlassian.xsrf.token=X|lin; empty=; BAREVALUE');
    expect(v).toBe('JSESSIONID=[redacted 6]; atlassian.xsrf.token=[redacted 1]|lin; empty=; [redacted 9]');
    expect(parseCookieHeader(v)).toEqual(parseCookieHeader('JSESSIONID=ABC123; atlassian.xsrf.token=X|lin; empty=; BAREVALUE'));
    expect(sanitizeHeader('Cookie', 'a="q v"; __proto__=x')).toBe('a=[redacted 5]; __proto__=[redacted 1]');
  });
  it('Set-Cookie keeps attributes verbatim and an empty (clearing) value empty', () => {
    expect(sanitizeHeader('Set-Cookie', 'JSESSIONID=ABCDEF; Path=/; HttpOnly; Max-Age=300')).toBe('JSESSIONID=[redacted 6]; Path=/; HttpOnly; Max-Age=300');
    expect(sanitizeHeader('set-cookie', 'JSESSIONID=; Path=/; Max-Age=0')).toBe('JSESSIONID=; Path=/; Max-Age=0');
    expect(sanitizeHeader('set-cookie', 'a=1; Path=/\nb=22; Secure')).toBe('a=[redacted 1]; Path=/\nb=[redacted 2]; Secure');
    expect(sanitizeHeader('Set-Cookie', 'x=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=.example.com; SameSite=None; Secure')).toBe(
      'x=[redacted 1]; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=.example.com; SameSite=None; Secure',
    );
  });
  it('Set-Cookie lines folded with commas (some tools) lose every value, dates stay whole', () => {
    expect(sanitizeHeader('Set-Cookie', 'JSESSIONID=AAA111; Path=/, atlassian.xsrf.token=SECRETXSRF|lin; Expires=Wed, 21 Oct 2026 07:28:00 GMT')).toBe(
      'JSESSIONID=[redacted 6]; Path=/, atlassian.xsrf.token=[redacted 10]|lin; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
    );
  });
  it('fails closed: any header not on the list loses its value, whatever its name (issue 16)', () => {
    for (const [name, value] of [
      ['Authentication', 'Bearer 0123456789abcdef'],
      ['X-Auth-Key', 'k3y'],
      ['X-Access-Key', 'AKIAEXAMPLE'],
      ['Ocp-Apim-Subscription-Key', 'sub-key'],
      ['X-Atlassian-Auth', 'secret'],
      ['X-Something-New', 'who knows'],
      ['Sec-WebSocket-Protocol', 'access_token, abc'],
      ['Content-Security-Policy', "report-uri https://sentry.example/api/1/?sentry_key=abc"],
      ['X-Atlassian-Token', 'not-no-check'],
    ]) {
      expect(sanitizeHeader(name!, value!), name).toBe(`[redacted ${value!.length}]`);
    }
    for (const [name, value] of [
      ['X-AUSERNAME', 'jsmith'],
      ['X-AUSERID', '10000'],
      ['X-AACCOUNTID', '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077'],
      ['X-Seraph-LoginReason', 'OUT, OK'],
      ['X-AREQUESTID', '1182x5631x1'],
      ['X-ASEN', 'SEN-L123'],
      ['X-Confluence-Request-Time', '1733000000000'],
      ['ATL-TraceId', '0123456789abcdef0123456789abcdef'],
      ['Content-Type', 'multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW'],
      ['Date', 'Tue, 01 Dec 2026 10:00:00 GMT'],
      ['X-Atlassian-Token', 'no-check'],
      ['Origin', 'https://jira.example.com'],
      [':status', '200'],
    ]) {
      expect(sanitizeHeader(name!, value!), name).toBe(value);
    }
    expect(sanitizeHeader('X-Authentication-Denied-Reason', 'CAPTCHA_CHALLENGE; login-url=https://j/login.jsp?token=abc')).toBe('CAPTCHA_CHALLENGE; login-url=https://j/login.jsp?token=%5Bredacted%203%5D');
    expect(sanitizeHeader('Link', '<https://j/x?sig=abc>; rel="next"')).toBe('<https://j/x?sig=%5Bredacted%203%5D>; rel="next"');
  });
  it('every listed header has a reason, and each name is listed once', () => {
    const names = HEADER_POLICY.flatMap((p) => p.names);
    expect(new Set(names).size).toBe(names.length);
    for (const p of HEADER_POLICY) expect(p.why.length).toBeGreaterThan(20);
    for (const n of ['x-ausername', 'x-auserid', 'x-aaccountid', 'x-seraph-loginreason', 'x-authentication-denied-reason', 'www-authenticate', 'x-arequestid', 'x-asessionid', 'x-asen', 'x-confluence-request-time', 'atl-traceid', 'content-type', 'date', 'location', 'set-cookie', 'cookie', 'authorization']) {
      expect(names, n).toContain(n);
    }
  });
  it('token-like header names are redacted; Atlassian diagnostics and CORS are not', () => {
    expect(sanitizeHeader('X-XSRF-Token', 'abcd')).toBe('[redacted 4]');
    expect(sanitizeHeader('X-CSRF', 'abcd')).toBe('[redacted 4]');
    expect(sanitizeHeader('X-Api-Key', 'k')).toBe('[redacted 1]');
    expect(sanitizeHeader('X-Forwarded-Authorization', 'Bearer s')).toBe('[redacted 8]');
    expect(sanitizeHeader('X-Amz-Security-Token', 'k')).toBe('[redacted 1]');
    expect(sanitizeHeader('X-Atlassian-Token', 'no-check')).toBe('no-check');
    expect(sanitizeHeader('X-Authentication-Denied-Reason', 'CAPTCHA_CHALLENGE; login-url=https://x/login.jsp')).toContain('CAPTCHA_CHALLENGE');
    expect(sanitizeHeader('X-AUSERNAME', 'fred')).toBe('fred');
    expect(sanitizeHeader('X-ASESSIONID', '1x2y3z')).toBe('1x2y3z');
    expect(sanitizeHeader('Access-Control-Allow-Credentials', 'true')).toBe('true');
    expect(sanitizeHeader('WWW-Authenticate', 'Basic realm="protected-area"')).toBe('Basic realm="protected-area"');
  });
  it('headers that carry URLs lose their secret parameters', () => {
    expect(sanitizeHeader('Location', 'https://h/cb#access_token=SECRETACCESS&state=1')).toBe('https://h/cb#access_token=%5Bredacted%2012%5D&state=%5Bredacted%201%5D');
    expect(sanitizeHeader('Referer', 'https://j/login.jsp?os_username=fred&os_password=pw')).toBe('https://j/login.jsp?os_username=fred&os_password=%5Bredacted%202%5D');
    expect(sanitizeHeader(':path', '/rest/api/2/myself?api_key=k')).toBe('/rest/api/2/myself?api_key=%5Bredacted%201%5D');
    expect(sanitizeHeader('Refresh', '0; url=https://h/x?token=t')).toBe('0; url=https://h/x?token=%5Bredacted%201%5D');
    expect(sanitizeHeader('Location', '/secure/Dashboard.jspa')).toBe('/secure/Dashboard.jspa');
  });
  it('is idempotent and leaves no secret for generated secrets', () => {
    const secret = fc.string({ minLength: 6, maxLength: 40, unit: 'grapheme' }).filter((s) => !/[;\s,=]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(fc.constantFrom('fred', 'user@example.com', 'jörg'), secret, (user, pw) => {
        const cases: [string, string][] = [
          ['Authorization', `Basic ${b64(`${user}:${pw}`)}`],
          ['Authorization', `Bearer ${pw}`],
          ['Authorization', pw],
          ['Cookie', `JSESSIONID=${pw}; other=${pw}; ${pw}`],
          ['Set-Cookie', `cloud.session.token=${pw}; Domain=.atlassian.net; Secure`],
          ['X-Auth-Token', pw],
        ];
        for (const [name, value] of cases) {
          const once = sanitizeHeader(name, value);
          expect(sanitizeHeader(name, once)).toBe(once);
          expect(once).not.toContain(pw);
          expect(once).not.toContain(b64(`${user}:${pw}`));
        }
      }),
      FC,
    );
  });
  it('Set-Cookie: the sanitized line reads the same to the Set-Cookie parser', () => {
    const attr = fc.constantFrom('Path=/', 'Path=/jira', 'HttpOnly', 'Secure', 'SameSite=Lax', 'Max-Age=0', 'Max-Age=1800', 'Domain=.atlassian.net', 'Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    const value = fc.oneof(fc.constant(''), fc.string({ unit: fc.constantFrom(...'AZaz09-._~+/|%!'), minLength: 1, maxLength: 40 }));
    fc.assert(
      fc.property(fc.constantFrom('JSESSIONID', 'seraph.rememberme.cookie', 'cloud.session.token', 'x'), value, fc.array(attr, { maxLength: 5 }), (name, v, attrs) => {
        const line = [`${name}=${v}`, ...attrs].join('; ');
        const once = sanitizeHeader('Set-Cookie', line);
        expect(parseSetCookie(once, 1_800_000_000_000)).toEqual(parseSetCookie(line, 1_800_000_000_000));
        expect(sanitizeHeader('Set-Cookie', once)).toBe(once);
      }),
      FC,
    );
  });
  it('never throws on hostile values', () => {
    fc.assert(
      fc.property(fc.constantFrom('Authorization', 'Cookie', 'Set-Cookie', 'X-Token', 'X-AUSERNAME', 'Location', 'Link'), fc.string({ maxLength: 300, unit: 'binary' }), (n, v) => {
        const once = sanitizeHeader(n, v);
        expect(sanitizeHeader(n, once)).toBe(once);
      }),
      FC,
    );
    expect(() => sanitizeHeader('Cookie', 'a=' + 'x'.repeat(1_000_000))).not.toThrow();
    expect(sanitizeHeader('Authorization', 'Basic ' + 'A'.repeat(1_000_000))).toBe('Basic [redacted 1000000]');
    expect(sanitizeHeader('Set-Cookie', 'a=' + 'x'.repeat(1_000_000) + '; Path=/')).toBe('a=[redacted 1000000]; Path=/');
  });
});

describe('redactUrl', () => {
  it('redacts secret parameters and JWT-shaped values, keeping the rest byte for byte', () => {
    expect(redactUrl('https://j.example/login.jsp?os_username=fred&os_password=s3cret&x=%2F#frag')).toBe(
      'https://j.example/login.jsp?os_username=fred&os_password=%5Bredacted%206%5D&x=%2F#frag',
    );
    expect(redactUrl(`https://x.atlassian.net/plugins/servlet?jwt=${JWT}`)).not.toContain(JWT);
    expect(redactUrl(`https://x.atlassian.net/a?state=${JWT}`)).not.toContain(JWT);
    expect(redactUrl(`https://x.atlassian.net/verify/${JWT}/done`)).toBe(`https://x.atlassian.net/verify/%5Bredacted%20${JWT.length}%5D/done`);
    expect(redactUrl('https://fred:pw@host/x')).toBe('https://fred:%5Bredacted%202%5D@host/x');
  });
  it('Jira and SSO specifics: atl_token, ;jsessionid, SAMLResponse, OAuth code, tokens in fragments', () => {
    expect(redactUrl('https://jira/secure/Logout!default.jspa?atl_token=BWP3%7Clin')).toBe('https://jira/secure/Logout!default.jspa?atl_token=%5Bredacted%208%5D');
    expect(redactUrl('https://jira/secure/Dashboard.jspa;jsessionid=6E34879?os_authType=cookie')).toBe('https://jira/secure/Dashboard.jspa;jsessionid=%5Bredacted%207%5D?os_authType=cookie');
    expect(redactUrl('https://idp/sso?SAMLResponse=PHNhbWw%2B&RelayState=x')).toBe('https://idp/sso?SAMLResponse=%5Bredacted%208%5D&RelayState=%5Bredacted%201%5D');
    expect(redactUrl('https://app/cb?code=abc&state=xyz')).toBe('https://app/cb?code=%5Bredacted%203%5D&state=%5Bredacted%203%5D');
    expect(redactUrl('https://app/#/cb?access_token=t0k&x=1')).toBe('https://app/#/cb?access_token=%5Bredacted%203%5D&x=1');
    expect(redactUrl(`https://app/#/verify/${JWT}`)).toBe(`https://app/#/verify/%5Bredacted%20${JWT.length}%5D`);
  });
  it('leaves ordinary URLs alone (the same string)', () => {
    for (const u of ['https://jira.example.com/issues/?jql=project%3DABC', 'https://jira/secure/Dashboard.jspa?os_authType=cookie', 'https://j/browse/ABC-1?issueKey=ABC-1', 'relative/path?x=1#y']) {
      expect(redactUrl(u)).toBe(u);
    }
  });
  it('is idempotent and never throws', () => {
    const once = redactUrl('https://h/p?token=abc&os_password=x%20y&bad=%E0%A4%A');
    expect(redactUrl(once)).toBe(once);
    const part = fc.constantFrom('https://', 'u:p@', 'h/', '?', '#', '&', '=', ';', 'token', 'os_password', 'jsessionid', '%', '%5B', '+', 'eyJab.cd.ef', JWT, '[redacted 3]', 'a');
    fc.assert(
      fc.property(fc.array(fc.oneof(part, fc.string({ maxLength: 5, unit: 'binary' })), { maxLength: 20 }), (parts) => {
        const url = parts.join('');
        const r = redactUrl(url);
        expect(redactUrl(r)).toBe(r);
      }),
      FC,
    );
  });
});

describe('redactBody', () => {
  it('JSON: passwords and the session value of /rest/auth/1/session; names kept', () => {
    expect(JSON.parse(redactBody('{"username":"fred","password":"fred"}', 'application/json'))).toEqual({ username: 'fred', password: '[redacted 4]' });
    const res = JSON.parse(redactBody('{"session":{"name":"JSESSIONID","value":"6E3487971234567896704A9EB4AE501F"},"loginInfo":{"loginCount":2}}'));
    expect(res.session).toEqual({ name: 'JSESSIONID', value: '[redacted 32]' });
    expect(res.loginInfo.loginCount).toBe(2);
  });
  it('JSON: any spelling of a secret key, everything under it, the rest byte for byte', () => {
    const text = '{\n  "id": 12345678901234567890,\n  "password": "new1", "currentPassword": "old1", "apiToken": 42,\n  "credentials": {"user": "u", "pass": ["a", "b"]}, "self": "https://j/rest?token=t"\n}';
    expect(redactBody(text, 'application/json')).toBe(
      '{\n  "id": 12345678901234567890,\n  "password": "[redacted 4]", "currentPassword": "[redacted 4]", "apiToken": "[redacted 2]",\n  "credentials": {"user": "[redacted 1]", "pass": ["[redacted 1]", "[redacted 1]"]}, "self": "https://j/rest?token=%5Bredacted%201%5D"\n}',
    );
    const embedded = JSON.stringify({ payload: JSON.stringify({ username: 'fred', password: 'EMBEDDED1' }), log: 'Authorization: Bearer 0123456789abcdefXYZ' });
    expect(redactBody(embedded, 'application/json')).not.toMatch(/EMBEDDED1|0123456789abcdefXYZ/);
    const plain = '{"total": 5, "issues": [], "expand": "names,schema"}';
    expect(redactBody(plain, 'application/json')).toBe(plain);
  });
  it('form bodies: os_password; multipart fields named like secrets', () => {
    expect(redactBody('os_username=fred&os_password=fred&os_cookie=true', 'application/x-www-form-urlencoded')).toBe('os_username=fred&os_password=%5Bredacted%204%5D&os_cookie=true');
    expect(redactBody('os_username=fred&os_password=p%C3%A4ss')).toBe('os_username=fred&os_password=%5Bredacted%204%5D');
    const mp = '--b\r\nContent-Disposition: form-data; name="username"\r\n\r\nfred\r\n--b\r\nContent-Disposition: form-data; name="password"\r\n\r\nSECRETMP\r\n--b--\r\n';
    expect(redactBody(mp, 'multipart/form-data; boundary=b')).toBe(mp.replace('SECRETMP', '[redacted 8]'));
  });
  it('other text: known secret patterns only', () => {
    expect(redactBody('{"password":"hunter2", "x": ')).toBe('{"password":"[redacted 7]", "x": ');
    expect(redactBody('<meta name="ajs-atl-token" content="BWP3-NZB2|lin"><meta name="description" content="Jira">', 'text/html')).toBe(
      '<meta name="ajs-atl-token" content="[redacted 13]"><meta name="description" content="Jira">',
    );
    expect(redactBody('<input type="hidden" name="atl_token" value="T0K3N">', 'text/html')).toBe('<input type="hidden" name="atl_token" value="[redacted 5]">');
    expect(redactBody('<a href="/logout?atl_token=T0K3N%7Clin&x=1">', 'text/html')).toBe('<a href="/logout?atl_token=%5Bredacted%209%5D&x=1">');
    expect(redactBody("curl -H 'Authorization: Basic ZnJlZDpmcmVk' https://j", 'text/plain')).toBe("curl -H 'Authorization: Basic [redacted 12 user=fred shape=password]' https://j");
    expect(redactBody('token is Bearer 0123456789abcdefXYZ ok')).toBe('token is Bearer [redacted 19] ok');
    expect(redactBody(`var t = "${JWT}";`, 'application/javascript')).toBe(`var t = "[redacted ${JWT.length}]";`);
    const prose = 'Basic authentication and Bearer tokens are described in the Authorization header docs.';
    expect(redactBody(prose, 'text/html')).toBe(prose);
  });
  it('does not pollute prototypes and survives hostile nesting', () => {
    const out = redactBody('{"__proto__":{"password":"p","polluted":true},"constructor":{"prototype":{"x":1}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out).not.toContain('"p"');
    const deep = '['.repeat(100_000) + '{"password":"deepsecret"}' + ']'.repeat(100_000);
    expect(redactBody(deep)).not.toContain('deepsecret');
  });
  it('megabytes of body (within the test timeout: linear)', () => {
    const big = JSON.stringify({ issues: Array.from({ length: 20_000 }, (_, i) => ({ key: `ABC-${i}`, summary: 's'.repeat(150) })), password: 'x' });
    expect(redactBody(big, 'application/json')).toBe(big.replace('"password":"x"', '"password":"[redacted 1]"'));
    const html = '<div class="row"><a href="/browse/ABC-1?x=1">ABC-1</a> lorem ipsum</div>\n'.repeat(50_000);
    expect(redactBody(html, 'text/html')).toBe(html);
  });
  it('is idempotent on any mix of secret-looking fragments', () => {
    const fragment = fc.constantFrom('password=', 'atl_token=', '"password":"', '"password": ', 'Authorization: ', 'authorization=', 'Bearer ', 'Basic ', '<meta name="csrf-token" content="', '<input name="pin" value=\'', '"', "'", '>', '&', ';', ' ', '\n', '{', '}', ':', ',', JWT, '[redacted 3]', '%5Bredacted%203%5D', '0123456789abcdefXYZ', 'ZnJlZDpmcmVk', 'name="password"\r\n\r\n', '\r\n--b');
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 25 }), fc.constantFrom('', 'application/json', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b'), (parts, mime) => {
        const once = redactBody(parts.join(''), mime);
        expect(redactBody(once, mime)).toBe(once);
      }),
      fuzz(4243, 1000),
    );
  });
  it('redactText never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (t) => void redactText(t)), FC);
  });
});

describe('redactHar', () => {
  const har = {
    log: {
      version: '1.2',
      pages: [{ id: 'p1', title: 'https://jira.example.com/login.jsp?os_password=hunter2' }],
      entries: [
        {
          _initiator: { type: 'script', stack: { callFrames: [{ url: 'https://jira.example.com/app.js?token=INITSECRET01' }] } },
          request: {
            method: 'POST',
            url: 'https://jira.example.com/login.jsp?os_password=hunter2',
            headers: [
              { name: 'Cookie', value: 'JSESSIONID=SESSIONSECRET01; atlassian.xsrf.token=XSRFSECRET01|lin' },
              { name: 'Authorization', value: `Basic ${b64('fred:hunter2')}` },
            ],
            cookies: [{ name: 'JSESSIONID', value: 'SESSIONSECRET01' }],
            queryString: [{ name: 'os_password', value: 'hunter2' }],
            postData: { mimeType: 'application/json', text: '{"username":"fred","password":"hunter2"}' },
          },
          response: {
            status: 200,
            headers: [{ name: 'Set-Cookie', value: 'JSESSIONID=SESSIONSECRET02; Path=/' }],
            cookies: [{ name: 'JSESSIONID', value: 'SESSIONSECRET02' }],
            content: { mimeType: 'application/json', text: '{"session":{"name":"JSESSIONID","value":"SESSIONSECRET02"}}' },
          },
        },
        {
          request: { method: 'GET', url: 'https://jira.example.com/browse/ABC-1', headers: [] },
          response: {
            status: 200,
            headers: [],
            // A page that embeds the XSRF token and echoes the session id in a script.
            content: { mimeType: 'text/html', text: '<script>var x = {xsrf: "XSRFSECRET01|lin", sessionId: \'SESSIONSECRET02\'};</script>' },
          },
        },
        'not an entry',
      ],
    },
  };
  const PLANTED = ['hunter2', 'SESSIONSECRET01', 'SESSIONSECRET02', 'XSRFSECRET01', 'INITSECRET01', b64('fred:hunter2')];
  it('removes every planted secret, also where it is echoed, and keeps the shape', () => {
    const out = redactHar(har);
    const text = JSON.stringify(out);
    for (const s of PLANTED) expect(text).not.toContain(s);
    expect(out.log.entries).toHaveLength(3);
    expect(text).toContain('user=fred');
    expect(out.log.entries[1]).toHaveProperty('response.content.text', '<script>var x = {xsrf: "[redacted 16]", sessionId: \'[redacted 15]\'};</script>');
    expect(har.log.entries[0]).toHaveProperty('request.cookies.0.value', 'SESSIONSECRET01'); // input untouched
  });
  it('a secret that is also part of another value changes nothing there (issue 15.6)', () => {
    // Reported: a short session id and a masked API key were replaced wherever they occurred, so the
    // redacted X-AUSERNAME read `j[redacted 8]min` and the HAR analysed to a different user.
    const doc = {
      log: {
        version: '1.2',
        entries: [
          {
            startedDateTime: '2026-11-24T10:00:00Z',
            request: { method: 'GET', url: 'https://jira.example.com/rest/auth/1/session', headers: [{ name: 'Cookie', value: 'JSESSIONID=smith-ad' }, { name: 'X-Api-Key', value: '********' }] },
            response: {
              status: 200,
              headers: [{ name: 'X-AUSERNAME', value: 'jsmith-admin' }, { name: 'X-AREQUESTID', value: '********x1' }],
              content: { mimeType: 'application/json', text: '{"self":"https://jira.example.com/rest/api/2/user?username=jsmith-admin","name":"jsmith-admin","note":"********"}' },
            },
          },
        ],
      },
    };
    const out = redactHar(doc);
    const e = out.log.entries[0]!;
    expect(e.request.headers).toEqual([{ name: 'Cookie', value: 'JSESSIONID=[redacted 8]' }, { name: 'X-Api-Key', value: '[redacted 8]' }]);
    expect(e.response.headers).toEqual(doc.log.entries[0]!.response.headers);
    expect(e.response.content.text).toBe(doc.log.entries[0]!.response.content.text);
    expect(analyze(readHar(JSON.stringify(out)).exchanges)).toEqual(analyze(readHar(JSON.stringify(doc)).exchanges));
  });
  it('is idempotent', () => {
    const once = redactHar(har);
    expect(redactHar(once)).toEqual(once);
  });
  it('also base64 bodies, non-string header values and WebSocket frames', () => {
    const secretJson = '{"session":{"name":"JSESSIONID","value":"B64SESSIONSECRET"}}';
    const doc = {
      log: {
        entries: [
          {
            request: { url: 'https://j/x', headers: [{ name: 'Authorization', value: ['Bearer ARRAYSECRET'] }, { name: 'X-Api-Key', value: 123456789 }] },
            response: { status: 200, headers: [], content: { mimeType: 'application/json', encoding: 'base64', text: b64(secretJson) } },
            _webSocketMessages: [{ type: 'send', opcode: 1, data: '{"password":"WSSECRET"}' }],
          },
          { request: { url: 'https://j/logo.png' }, response: { content: { mimeType: 'image/png', encoding: 'base64', text: 'iVBORw0KGgo=' } } },
          { request: { url: 'https://j/echo' }, response: { content: { mimeType: 'text/html', encoding: 'base64', text: b64('<input name="atl_token" value="B64HTMLSECRET">') } } },
        ],
      },
    };
    const out = redactHar(doc);
    const text = JSON.stringify(out);
    for (const s of ['B64SESSIONSECRET', b64(secretJson), 'ARRAYSECRET', 'B64HTMLSECRET', '123456789', 'WSSECRET']) expect(text).not.toContain(s);
    const body = Buffer.from(out.log.entries[0]!.response.content!.text, 'base64').toString('utf8');
    expect(JSON.parse(body).session).toEqual({ name: 'JSESSIONID', value: '[redacted 16]' });
    // Bytes that are not text cannot be read, so they cannot be kept (issue 25.4): removed, with their size.
    expect(out.log.entries[1]!.response.content!.text).toBe('[removed: 8 B binary]');
    expect(out.log.entries[1]!.response.content).not.toHaveProperty('encoding');
    expect(Buffer.from(out.log.entries[2]!.response.content!.text, 'base64').toString('utf8')).toBe('<input name="atl_token" value="[redacted 13]">');
    expect(redactHar(out)).toEqual(out);
  });
  it('tolerates any shape: junk, deep nesting, shared and cyclic objects', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const once = redactHar({ log: { entries: [v, { request: v, response: v }] } });
        expect(redactHar(once)).toEqual(once);
      }),
      FC,
    );
    expect(redactHar(null)).toBeNull();
    let deep: Record<string, unknown> = { url: 'https://h/?token=DEEPSECRET1' };
    for (let i = 0; i < 100_000; i++) deep = { parent: deep };
    expect(() => redactHar({ log: { entries: [{ _initiator: deep }] } })).not.toThrow();
    const cyclic: Record<string, unknown> = { request: { url: 'https://h/?token=CYCLESECRET' } };
    cyclic.self = cyclic;
    const out = redactHar({ log: { entries: [cyclic] } });
    expect((out.log.entries[0] as { request: { url: string } }).request.url).toBe('https://h/?token=%5Bredacted%2011%5D');
  });

  // Generated secrets planted everywhere a HAR carries them; none may survive in any form.
  const tokenChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/');
  const token = fc.string({ unit: tokenChar, minLength: 6, maxLength: 40 }).map((s) => `Zq9${s}`);
  const password = fc.string({ unit: 'grapheme', minLength: 6, maxLength: 30 }).map((s) => `Pw7${s}`);
  const jwt = fc.tuple(token, token).map(([a, b]) => `eyJ${a.replace(/[^\w-]/g, 'x')}.eyJ${b.replace(/[^\w-]/g, 'y')}.sig${a.length}`);
  const planted = fc.record({ basicPw: password, apiToken: token, bearer: token, cookie: token, setCookie: token, jsonPw: password, formPw: password, urlToken: token, jwt });
  type Planted = typeof planted extends fc.Arbitrary<infer T> ? T : never;
  const entry = (url: string, request: object, response: object) => ({
    startedDateTime: '2026-11-24T10:00:00Z',
    request: { method: 'GET', url, headers: [], ...request },
    response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: 'fred' }], ...response },
  });
  const plantedHar = (s: Planted) => ({
    log: {
      version: '1.2',
      entries: [
        entry('https://jira.example.com/rest/api/2/myself', { headers: [{ name: 'Authorization', value: `Basic ${b64(`fred:${s.basicPw}`)}` }] }, {}),
        entry('https://acme.atlassian.net/rest/api/3/myself', { headers: [{ name: 'Authorization', value: `Basic ${b64(`me@example.com:${s.apiToken}`)}` }] }, { status: 401, headers: [] }),
        entry('https://jira.example.com/rest/api/2/search', { headers: [{ name: 'Authorization', value: `Bearer ${s.bearer}` }] }, {}),
        entry(
          'https://jira.example.com/rest/auth/1/session',
          { method: 'POST', postData: { mimeType: 'application/json', text: JSON.stringify({ username: 'fred', password: s.jsonPw }) } },
          {
            headers: [{ name: 'Set-Cookie', value: `JSESSIONID=${s.setCookie}; Path=/; HttpOnly` }],
            cookies: [{ name: 'JSESSIONID', value: s.setCookie }],
            content: { mimeType: 'application/json', text: JSON.stringify({ session: { name: 'JSESSIONID', value: s.setCookie } }) },
          },
        ),
        entry(
          'https://jira.example.com/login.jsp',
          {
            method: 'POST',
            postData: {
              mimeType: 'application/x-www-form-urlencoded',
              text: `os_username=fred&os_password=${encodeURIComponent(s.formPw)}`,
              params: [{ name: 'os_username', value: 'fred' }, { name: 'os_password', value: s.formPw }],
            },
          },
          {},
        ),
        entry(
          `https://jira.example.com/browse/ABC-1?token=${encodeURIComponent(s.urlToken)}&jwt=${s.jwt}`,
          {
            headers: [{ name: 'Cookie', value: `JSESSIONID=${s.cookie}; atlassian.xsrf.token=${s.cookie}|lin` }],
            cookies: [{ name: 'JSESSIONID', value: s.cookie }],
            queryString: [{ name: 'token', value: s.urlToken }, { name: 'jwt', value: s.jwt }],
          },
          { content: { mimeType: 'text/html', text: `<meta name="ajs-atl-token" content="${s.cookie}|lin"><script>var sessionId = "${s.setCookie}";</script>` } },
        ),
      ],
    },
  });
  const forms = (secret: string) => [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), b64(secret).replace(/=+$/, '')];
  it('no planted secret survives, in any spelling; the result is stable and analyses the same', () => {
    fc.assert(
      fc.property(planted, (s) => {
        const raw = plantedHar(s);
        const out = redactHar(raw);
        const text = JSON.stringify(out);
        for (const secret of Object.values(s)) for (const form of forms(secret)) expect(text).not.toContain(form);
        for (const [user, pw] of [['fred', s.basicPw], ['me@example.com', s.apiToken]] as const) expect(text).not.toContain(b64(`${user}:${pw}`).replace(/=+$/, ''));
        expect(redactHar(out)).toEqual(out);
        const before = analyze(readHar(JSON.stringify(raw)).exchanges);
        const after = analyze(readHar(text).exchanges);
        expect(after.sessions).toEqual(before.sessions);
        expect(after.findings.map((f) => [f.code, f.entry])).toEqual(before.findings.map((f) => [f.code, f.entry]));
      }),
      fuzz(4244, 150),
    );
  });
  it('the recorded fixtures (already redacted) come out unchanged and analyse the same', () => {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../e2e/fixtures');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.har'))) {
      const doc = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
      const out = redactHar(doc);
      expect(redactHar(out), name).toEqual(out);
      expect(analyze(readHar(JSON.stringify(out)).exchanges), name).toEqual(analyze(readHar(JSON.stringify(doc)).exchanges));
    }
  });
  it('a HAR of several MB in reasonable time', () => {
    const big = {
      log: {
        entries: Array.from({ length: 3_000 }, (_, i) => ({
          request: { url: `https://j/rest/api/2/issue/ABC-${i}?fields=summary`, headers: [{ name: 'Cookie', value: `JSESSIONID=S${i}ESSION-${i * 7919}` }] },
          response: { status: 200, headers: [{ name: 'Set-Cookie', value: `atlassian.xsrf.token=X${i}SRF-${i}|lin; Path=/` }], content: { mimeType: 'application/json', text: JSON.stringify({ key: `ABC-${i}`, fields: { summary: 'lorem ipsum '.repeat(100) } }) } },
        })),
      },
    };
    const t = performance.now();
    const out = redactHar(big);
    expect(JSON.stringify(out)).not.toMatch(/S\d+ESSION-|X\d+SRF-/);
    expect(performance.now() - t).toBeLessThan(5_000);
  });
});
