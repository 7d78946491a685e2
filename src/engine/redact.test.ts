import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactBody, redactHar, redactUrl, sanitizeHeader } from './redact';
import { parseAuthorization } from './parse/authorization';
import { parseCookieHeader } from './parse/cookie';

const FC = { seed: 4242, numRuns: 300 };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('sanitizeHeader', () => {
  it('Basic keeps the user part and the length, drops the password', () => {
    const v = sanitizeHeader('Authorization', `Basic ${b64('fred:fred')}`);
    expect(v).toBe('Basic [redacted 12 user=fred]');
    expect(parseAuthorization(v)).toEqual({ scheme: 'basic', user: 'fred' });
  });
  it('Cloud email users survive the round trip', () => {
    const v = sanitizeHeader('authorization', 'Basic dXNlckBleGFtcGxlLmNvbTp1c2VyX2FwaV90b2tlbg==');
    expect(v).not.toContain('dXNlckBleGFtcGxlLmNvbTp1c2VyX2FwaV90b2tlbg');
    expect(parseAuthorization(v)).toEqual({ scheme: 'basic', user: 'user@example.com' });
  });
  it('Bearer and unknown schemes keep only the scheme and length', () => {
    expect(sanitizeHeader('Authorization', 'Bearer abc.def.ghi')).toBe('Bearer [redacted 11]');
    expect(sanitizeHeader('Authorization', 'JWT x')).toBe('JWT [redacted 1]');
    expect(sanitizeHeader('Authorization', 'loneToken')).toBe('[redacted 9]');
    // Only the exact sanitized spelling is left alone; a look-alike is still a secret.
    expect(sanitizeHeader('Authorization', 'Bearer [redacted-not-really-SECRET]')).toBe('Bearer [redacted 28]');
  });
  it('Cookie keeps names and lengths, in order', () => {
    const v = sanitizeHeader('Cookie', 'JSESSIONID=ABC123; atlassian.xsrf.token=X|lin; empty=');
    expect(v).toBe('JSESSIONID=[redacted 6]; atlassian.xsrf.token=[redacted 5]; empty=');
    expect(parseCookieHeader(v).map((c) => c.name)).toEqual(['JSESSIONID', 'atlassian.xsrf.token', 'empty']);
  });
  it('Set-Cookie keeps attributes verbatim and an empty (clearing) value empty', () => {
    expect(sanitizeHeader('Set-Cookie', 'JSESSIONID=ABCDEF; Path=/; HttpOnly; Max-Age=300')).toBe('JSESSIONID=[redacted 6]; Path=/; HttpOnly; Max-Age=300');
    expect(sanitizeHeader('set-cookie', 'JSESSIONID=; Path=/; Max-Age=0')).toBe('JSESSIONID=; Path=/; Max-Age=0');
    expect(sanitizeHeader('set-cookie', 'a=1; Path=/\nb=22; Secure')).toBe('a=[redacted 1]; Path=/\nb=[redacted 2]; Secure');
  });
  it('token-like header names are redacted, Atlassian diagnostics are not', () => {
    expect(sanitizeHeader('X-XSRF-Token', 'abcd')).toBe('[redacted 4]');
    expect(sanitizeHeader('X-Api-Key', 'k')).toBe('[redacted 1]');
    expect(sanitizeHeader('X-Atlassian-Token', 'no-check')).toBe('no-check');
    expect(sanitizeHeader('X-Authentication-Denied-Reason', 'CAPTCHA_CHALLENGE; login-url=https://x/login.jsp')).toContain('CAPTCHA_CHALLENGE');
    expect(sanitizeHeader('X-AUSERNAME', 'fred')).toBe('fred');
  });
  it('is idempotent and leaves no secret for generated secrets', () => {
    const secret = fc.string({ minLength: 6, maxLength: 40, unit: 'grapheme' }).filter((s) => !/[;\s,=]/.test(s) && s.trim() === s);
    fc.assert(
      fc.property(fc.constantFrom('fred', 'user@example.com', 'jörg'), secret, (user, pw) => {
        const cases: [string, string][] = [
          ['Authorization', `Basic ${b64(`${user}:${pw}`)}`],
          ['Authorization', `Bearer ${pw}`],
          ['Cookie', `JSESSIONID=${pw}; other=${pw}`],
          ['Set-Cookie', `cloud.session.token=${pw}; Domain=.atlassian.net; Secure`],
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
  it('never throws on hostile values', () => {
    fc.assert(
      fc.property(fc.constantFrom('Authorization', 'Cookie', 'Set-Cookie', 'X-Token', 'X-AUSERNAME'), fc.string({ maxLength: 300, unit: 'binary' }), (n, v) => {
        const once = sanitizeHeader(n, v);
        expect(sanitizeHeader(n, once)).toBe(once);
      }),
      FC,
    );
    expect(() => sanitizeHeader('Cookie', 'a=' + 'x'.repeat(1_000_000))).not.toThrow();
    expect(sanitizeHeader('Authorization', 'Basic ' + 'A'.repeat(1_000_000))).toBe('Basic [redacted 1000000]');
  });
});

describe('redactUrl', () => {
  it('redacts secret parameters and JWT-shaped values, keeping the rest byte for byte', () => {
    expect(redactUrl('https://j.example/login.jsp?os_username=fred&os_password=s3cret&x=%2F#frag')).toBe(
      'https://j.example/login.jsp?os_username=fred&os_password=%5Bredacted%206%5D&x=%2F#frag',
    );
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk';
    expect(redactUrl(`https://x.atlassian.net/plugins/servlet?jwt=${jwt}`)).not.toContain(jwt);
    expect(redactUrl(`https://x.atlassian.net/a?state=${jwt}`)).not.toContain(jwt);
    expect(redactUrl('https://fred:pw@host/x')).toBe('https://fred:%5Bredacted%202%5D@host/x');
  });
  it('is idempotent', () => {
    const once = redactUrl('https://h/p?token=abc&os_password=x%20y');
    expect(redactUrl(once)).toBe(once);
  });
});

describe('redactBody', () => {
  it('JSON: passwords and the session value of /rest/auth/1/session; names kept', () => {
    expect(JSON.parse(redactBody('{"username":"fred","password":"fred"}', 'application/json'))).toEqual({ username: 'fred', password: '[redacted 4]' });
    const res = JSON.parse(redactBody('{"session":{"name":"JSESSIONID","value":"6E3487971234567896704A9EB4AE501F"},"loginInfo":{"loginCount":2}}'));
    expect(res.session).toEqual({ name: 'JSESSIONID', value: '[redacted 32]' });
    expect(res.loginInfo.loginCount).toBe(2);
  });
  it('form bodies: os_password', () => {
    expect(redactBody('os_username=fred&os_password=fred&os_cookie=true', 'application/x-www-form-urlencoded')).toBe(
      'os_username=fred&os_password=%5Bredacted%204%5D&os_cookie=true',
    );
  });
  it('does not pollute prototypes and survives hostile nesting', () => {
    const out = redactBody('{"__proto__":{"password":"p","polluted":true},"constructor":{"prototype":{"x":1}}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out).not.toContain('"p"');
    const deep = '['.repeat(5000) + '{"password":"deepsecret"}' + ']'.repeat(5000);
    expect(redactBody(deep)).not.toContain('deepsecret');
  });
  it('broken JSON still loses its "password" values', () => {
    expect(redactBody('{"password":"hunter2", "x": ')).toBe('{"password":"[redacted 7]", "x": ');
  });
});

describe('redactHar', () => {
  const har = {
    log: {
      version: '1.2',
      entries: [
        {
          request: {
            method: 'POST',
            url: 'https://jira.example.com/login.jsp?os_password=hunter2',
            headers: [
              { name: 'Cookie', value: 'JSESSIONID=SESSIONSECRET01' },
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
        'not an entry',
      ],
    },
  };
  it('removes every planted secret and keeps the shape', () => {
    const out = redactHar(har);
    const text = JSON.stringify(out);
    for (const s of ['hunter2', 'SESSIONSECRET01', 'SESSIONSECRET02', b64('fred:hunter2')]) expect(text).not.toContain(s);
    expect(out.log.entries).toHaveLength(2);
    expect(text).toContain('user=fred');
    expect(har.log.entries[0]).toHaveProperty('request.cookies.0.value', 'SESSIONSECRET01'); // input untouched
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
        ],
      },
    };
    const out = redactHar(doc);
    const text = JSON.stringify(out);
    for (const s of ['B64SESSIONSECRET', b64(secretJson), 'ARRAYSECRET', '123456789', 'WSSECRET']) expect(text).not.toContain(s);
    const body = Buffer.from(out.log.entries[0]!.response.content!.text, 'base64').toString('utf8');
    expect(JSON.parse(body).session).toEqual({ name: 'JSESSIONID', value: '[redacted 16]' });
    expect(out.log.entries[1]!.response.content!.text).toBe('iVBORw0KGgo=');
    expect(redactHar(out)).toEqual(out);
  });
  it('tolerates any shape', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void redactHar({ log: { entries: [v] } })), FC);
    expect(redactHar(null)).toBeNull();
  });
});
