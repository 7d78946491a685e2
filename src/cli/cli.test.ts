/** The CLI as a user runs it (the compiled file): a child process on files, exit codes, stdout and stderr. */
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildCliForTest } from './built';

/** The CLI as shipped: compiled to one JavaScript file, run by node. */
const CLI = buildCliForTest();
const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-cli-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

const SECRETS = ['hunter2-pw', 'SESSION-VALUE-123', 'os-pass-456', 'api-token-789', 'json-pw-000', 'XSRF-TOKEN-321'];
const basic = Buffer.from('fred:hunter2-pw').toString('base64');
/** No planted secret, nor its base64 (padded or not), nor the Basic token. */
const expectNoSecret = (text: string) => {
  for (const s of SECRETS) {
    expect(text).not.toContain(s);
    expect(text).not.toContain(Buffer.from(s).toString('base64').replace(/=+$/, ''));
  }
  expect(text).not.toContain(basic);
};
const HAR = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    entries: [
      {
        startedDateTime: '2026-11-24T10:00:00Z',
        request: { method: 'POST', url: 'https://jira.example.com/login.jsp?os_password=os-pass-456', headers: [], postData: { mimeType: 'application/x-www-form-urlencoded', text: 'os_username=fred&os_password=os-pass-456' } },
        response: { status: 302, headers: [{ name: 'X-AUSERNAME', value: 'fred' }, { name: 'X-Seraph-LoginReason', value: 'OK' }, { name: 'Set-Cookie', value: 'JSESSIONID=SESSION-VALUE-123; Path=/; HttpOnly' }] },
      },
      {
        startedDateTime: '2026-11-24T11:00:00Z',
        request: {
          method: 'GET',
          url: 'https://jira.example.com/issues/?jql=',
          headers: [{ name: 'Cookie', value: 'JSESSIONID=SESSION-VALUE-123; atlassian.xsrf.token=XSRF-TOKEN-321|lout' }],
          cookies: [{ name: 'JSESSIONID', value: 'SESSION-VALUE-123' }],
        },
        response: {
          status: 200,
          headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'Content-Type', value: 'text/html' }],
          // The page embeds the XSRF token, as Jira's pages do.
          content: { mimeType: 'text/html', text: '<meta name="ajs-atl-token" content="XSRF-TOKEN-321|lout"><a href="/logout?atl_token=XSRF-TOKEN-321%7Clout">' },
        },
      },
      {
        startedDateTime: '2026-11-24T11:00:01Z',
        request: { method: 'GET', url: 'https://acme.atlassian.net/rest/api/2/myself', headers: [{ name: 'Authorization', value: `Basic ${basic}` }, { name: 'X-Api-Token', value: 'api-token-789' }] },
        response: { status: 401, headers: [{ name: 'X-Seraph-LoginReason', value: 'AUTHENTICATED_FAILED' }], content: { mimeType: 'application/json', text: '{"session":{"name":"JSESSIONID","value":"SESSION-VALUE-123"}}' } },
      },
      {
        startedDateTime: '2026-11-24T11:00:02Z',
        request: { method: 'POST', url: 'https://jira.example.com/rest/auth/1/session', headers: [{ name: 'Content-Type', value: 'application/json' }], postData: { mimeType: 'application/json', text: '{"username":"fred","password":"json-pw-000"}' } },
        response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: 'fred' }, { name: 'Set-Cookie', value: 'JSESSIONID=SESSION-VALUE-123; Path=/' }], content: { mimeType: 'application/json', text: '{"session":{"name":"JSESSIONID","value":"SESSION-VALUE-123"},"loginInfo":{}}' } },
      },
    ],
  },
});

/** A Data Center SSO login: the AuthnRequest in Jira's 302, the IdP's POST to the consumer, the signed-in page. */
const SAML_RESPONSE_XML = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="2026-11-24T10:00:01Z" Destination="https://jira.example.com/plugins/servlet/samlconsumer"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.example.org</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" IssueInstant="2026-11-24T10:00:01Z"><saml:Issuer>https://idp.example.org</saml:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignatureValue>SIG-SECRET-555</ds:SignatureValue></ds:Signature><saml:Subject><saml:NameID>fred</saml:NameID></saml:Subject><saml:Conditions NotBefore="2026-11-24T10:00:00Z" NotOnOrAfter="2026-11-24T10:05:00Z"><saml:AudienceRestriction><saml:Audience>https://jira.example.com</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="2026-11-24T10:00:00Z" SessionNotOnOrAfter="2026-11-24T18:00:00Z"/><saml:AttributeStatement><saml:Attribute Name="email"><saml:AttributeValue>ATTR-SECRET-666</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>`;
const SAML_RESPONSE = Buffer.from(SAML_RESPONSE_XML).toString('base64');
const SSO_HAR = JSON.stringify({
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    entries: [
      {
        startedDateTime: '2026-11-24T10:00:02Z',
        request: { method: 'POST', url: 'https://jira.example.com/plugins/servlet/samlconsumer', headers: [], postData: { mimeType: 'application/x-www-form-urlencoded', text: `SAMLResponse=${encodeURIComponent(SAML_RESPONSE)}&RelayState=relay-777` } },
        response: { status: 302, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'Location', value: 'https://jira.example.com/' }, { name: 'Set-Cookie', value: 'JSESSIONID=SSO-SESSION-888; Path=/' }] },
      },
      {
        startedDateTime: '2026-11-24T10:00:03Z',
        request: { method: 'GET', url: 'https://jira.example.com/plugins/servlet/oidc/callback?code=OIDC-CODE-999&state=st', headers: [{ name: 'Cookie', value: 'JSESSIONID=SSO-SESSION-888' }] },
        response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: 'fred' }, { name: 'Content-Type', value: 'text/html' }] },
      },
    ],
  },
});

describe('seraph-lens analyze: single sign-on', () => {
  it('--json lists the SSO facts and the session it created, never the assertion, a code or a token', () => {
    const p = file('sso.har', SSO_HAR);
    const { code, out } = run('analyze', p, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['version', 'input', 'origins', 'sessions', 'findings', 'sso']);
    expect(report.sso.map((x: { entry: number; endpoint: string }) => [x.entry, x.endpoint])).toEqual([[0, 'saml-consumer'], [1, 'oidc-callback']]);
    expect(report.sso[0].saml).toMatchObject({ message: 'Response', issuer: 'https://idp.example.org', nameId: 'fred', notOnOrAfter: '2026-11-24T10:05:00.000Z', attributeNames: ['email'], assertionSigned: true });
    expect(report.sso[1].oidc).toEqual({ error: null, errorDescription: null, statePresent: true, codePresent: true, tokenPresent: false });
    expect(report.sessions.find((s: { user: string }) => s.user === 'fred').sso).toEqual({ entry: 0, number: 1, protocol: 'saml', issuer: 'https://idp.example.org', nameId: 'fred', authnInstant: '2026-11-24T10:00:00.000Z', sessionNotOnOrAfter: '2026-11-24T18:00:00.000Z' });
    expect(report.findings.filter((f: { code: string }) => f.code.startsWith('sso-'))).toEqual([]);
    const text = run('analyze', p).out;
    expect(text).toContain('signed in through SSO (https://idp.example.org, fred)');
    for (const o of [out, text]) {
      for (const secret of ['SIG-SECRET-555', 'ATTR-SECRET-666', 'OIDC-CODE-999', 'SSO-SESSION-888', 'relay-777', SAML_RESPONSE.slice(0, 40), encodeURIComponent(SAML_RESPONSE).slice(0, 40)]) expect(o).not.toContain(secret);
    }
  });
});

describe('seraph-lens analyze', () => {
  let good: string;
  beforeAll(() => {
    good = file('good.har', HAR);
  });
  it('--json: the findings.md schema on stdout, exit 0', () => {
    const { code, out, err } = run('analyze', good, '--json');
    expect(err).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(Object.keys(report)).toEqual(['version', 'input', 'origins', 'sessions', 'findings']);
    expect(report.version).toBe(1);
    expect(report.input).toEqual({ entries: 4, skipped: 0 });
    expect(report.origins.length).toBeGreaterThan(0);
    for (const o of report.origins) {
      expect(typeof o.origin).toBe('string');
      expect(typeof o.atlassian).toBe('boolean');
      expect(['cloud', 'server', 'unknown']).toContain(o.deployment);
    }
    for (const o of report.origins) expect(Object.keys(o)).toEqual(['origin', 'atlassian', 'deployment', 'product']);
    for (const s of report.sessions) {
      expect(Object.keys(s)).toEqual(['origin', 'cookie', 'user', 'issuedEntry', 'expires', 'tokenExpires', 'clearedEntry', 'lastSentEntry']);
      expect(s.expires === null || !Number.isNaN(Date.parse(s.expires))).toBe(true);
      expect(typeof s.origin).toBe('string');
      expect(typeof s.cookie).toBe('string');
      expect(s.user === null || typeof s.user === 'string').toBe(true);
      for (const k of ['issuedEntry', 'clearedEntry', 'lastSentEntry']) expect(s[k] === null || Number.isInteger(s[k])).toBe(true);
    }
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(Object.keys(f)).toEqual(['code', 'severity', 'entry', 'number', 'url', 'message', 'fix']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
      expect(Number.isInteger(f.entry)).toBe(true);
      expect(f.number).toBe(f.entry + 1); // the request number people see, beside the 0-based entry
      for (const k of ['code', 'url', 'message', 'fix']) expect(typeof f[k]).toBe('string');
    }
    expectNoSecret(out);
  });
  it('text report: a summary line, grouped by origin, no colour when piped, no secret', () => {
    const { code, out } = run('analyze', good);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^good\.har: 4 entries, 2 origins, \d+ errors?/);
    expect(out).toContain('https://jira.example.com  (Jira Server / Data Center)');
    expect(out).toContain('https://acme.atlassian.net  (Jira Cloud)');
    expect(out).not.toContain('\x1b[');
    expectNoSecret(out);
  });
  it('bad input: exit 2, one line on stderr naming the problem, no stack trace', () => {
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.har'), /missing\.har: no such file/],
      ['/dev/null', /\/dev\/null: a character device, not a HAR file/],
      [file('empty.har', '  \n'), /empty/],
      [file('broken.har', '{"log": {"entries": [\n  {"request": }\n]}}'), /broken\.har: not JSON: line 2, column 15/],
      [file('nothar.har', '{"hello": "world"}'), /nothar\.har: not a HAR file: no "log" object/],
      [file('v3.har', '{"log": {"version": "3.0", "entries": []}}'), /unsupported HAR version/],
    ];
    for (const [p, want] of cases) {
      const { code, out, err } = run('analyze', p, '--json');
      expect(code, p).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n'), p).toHaveLength(1);
      expect(err).toMatch(want);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });
  it('usage errors: exit 2 with the usage', () => {
    for (const args of [[], ['frobnicate'], ['analyze'], ['analyze', 'x.har', '--nope'], ['redact', 'a.har', 'b.har', '-o', '-'], ['redact', 'x.har', '--json', '-o', '-']]) {
      const { code, err } = run(...args);
      expect(code).toBe(2);
      expect(err).toContain('usage:');
    }
    const help = run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage:');
    expect(run('analyze', '--help').code).toBe(0);
  });
});

describe('seraph-lens analyze - (a pipe)', () => {
  it('reads a transcript from standard input', () => {
    const transcript = '> GET /rest/api/2/myself HTTP/1.1\n> Host: jira.example.com\n> Cookie: JSESSIONID=SESSION-VALUE-123\n>\n< HTTP/1.1 401\n< X-AUSERNAME: anonymous\n<\n';
    const r = spawnSync(process.execPath, [CLI, 'analyze', '-', '--json'], { cwd: ROOT, encoding: 'utf8', input: transcript, env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.input).toEqual({ entries: 1, skipped: 0, format: 'curl', lacks: ['scheme', 'date'] });
    expect(report.findings.map((f: { code: string }) => f.code)).toContain('session-expired');
    expectNoSecret(r.stdout);
  });
});

describe('seraph-lens redact', () => {
  it('writes a valid HAR without any planted secret that analyses to the same findings', () => {
    const input = file('secrets.har', HAR);
    const output = path.join(dir, 'out.har');
    const { code, err } = run('redact', input, '-o', output);
    expect(code).toBe(0);
    expect(err).toContain('wrote');
    const text = readFileSync(output, 'utf8');
    const doc = JSON.parse(text);
    expect(doc.log.version).toBe('1.2');
    expect(doc.log.entries).toHaveLength(4);
    expect(text.startsWith('{\n  "log": {')).toBe(true); // pretty, 2 spaces
    expectNoSecret(text);
    const before = JSON.parse(run('analyze', input, '--json').out);
    const after = JSON.parse(run('analyze', output, '--json').out);
    expect(after.findings).toEqual(before.findings.map((f: { url: string }) => ({ ...f, url: f.url.replace('os-pass-456', '%5Bredacted%2011%5D') })));
    expect(after.sessions).toEqual(before.sessions);
  });
  it('to stdout with -o -, refuses to overwrite its input, needs -o', () => {
    const input = file('again.har', HAR);
    expect(JSON.parse(run('redact', input, '-o', '-').out).log.version).toBe('1.2');
    const self = run('redact', input, '-o', input);
    expect(self.code).toBe(2);
    expect(self.err).toMatch(/refusing to overwrite/);
    const link = path.join(dir, 'link-to-again.har');
    symlinkSync(input, link);
    expect(run('redact', input, '-o', link).code).toBe(2);
    expect(readFileSync(input, 'utf8')).toBe(HAR);
    expect(run('redact', input).code).toBe(2);
  });
});

describe('pathological input', () => {
  it('redact refuses a HAR nested too deeply to write, in one line; analyze still reads it', () => {
    const deep = '{"log": {"version": 1.2, "entries": [{"request": {"url": "https://j/"}, "_x": ' + '['.repeat(20_000) + ']'.repeat(20_000) + '}]}}';
    const p = file('deep.har', deep);
    const r = run('redact', p, '-o', path.join(dir, 'deep-out.har'));
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/deep\.har: too deeply nested/);
    const a = run('analyze', p, '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out).input).toEqual({ entries: 1, skipped: 0 });
  });
});

describe('npm scripts', () => {
  it('npm run -s analyze -- file --json behaves like the bin', () => {
    const p = file('npm.har', HAR);
    const r = spawnSync('npm', ['run', '-s', 'analyze', '--', p, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(run('analyze', p, '--json').out));
  });
});

describe('odd but readable input', () => {
  const entry = (url: string, status: unknown, headers: { name: string; value: string }[], sent = true) => ({
    startedDateTime: '2026-11-24T10:00:00Z',
    request: { method: 'GET', url, headers: sent ? [{ name: 'Cookie', value: 'JSESSIONID=SESSION-VALUE-123' }] : [] },
    response: { status, headers },
  });
  const ODD = JSON.stringify({
    log: {
      entries: [
        { ...entry('https://jira.example.com/', 200, [{ name: 'X-AUSERNAME', value: 'fred' }, { name: 'Set-Cookie', value: 'JSESSIONID=SESSION-VALUE-123; Max-Age=999999999999' }], false), startedDateTime: '+275760-09-12T00:00:00.000Z' },
        entry('https://JİRA.example.com:443/x', 401, [{ name: 'X-AUSERNAME', value: 'anonymous' }]),
        entry('https://jira.example.com/rest/api/2/x', '401', [{ name: 'X-AUSERNAME', value: 'anonymous' }]),
        entry('not a url', 401, []),
        { request: { url: 'https://jira.example.com/x', headers: 'bad' }, response: { status: 200, headers: 'bad' } },
        entry('https://jira.example.com/y', 200, [{ name: 'X-AUSERNAME', value: 'fred\u001b]0;title\u0007' }]),
      ],
    },
  });
  it('exit 0; every finding of the JSON is in the text report; dates past year 275760 still ISO; no terminal escapes', () => {
    const p = file('odd.har', ODD);
    const json = run('analyze', p, '--json');
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.input).toEqual({ entries: 6, skipped: 1 });
    for (const s of report.sessions) expect(s.expires === null || /^[+-]?\d{4,6}-\d\d-\d\dT/.test(s.expires)).toBe(true);
    const text = run('analyze', p);
    expect(text.code).toBe(0);
    const lines = text.out.split('\n').filter((l) => /^\s+\[(error|warning|info)\] #\d+ \S+ \S+ · [a-z-]+$/.test(l));
    expect(lines).toHaveLength(report.findings.length);
    for (const [i, f] of (report.findings as { number: number }[]).entries()) expect(lines[i]).toContain(`] #${f.number} `);
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(text.out).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
    expect(text.out).toContain('fred\\x1b]0;title\\x07'); // the user name from the HAR, made harmless
    expectNoSecret(json.out + text.out);
  });
});

describe('as a user runs it', () => {
  it('npm run -s analyze from a subdirectory reads a name relative to where it was typed', () => {
    const p = file('sub.har', HAR);
    const cwd = path.join(ROOT, 'src');
    const r = spawnSync('npm', ['run', '-s', 'analyze', '--', path.relative(cwd, p)], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^sub\.har: 4 entries/);
  });
  it('a reader that stops early (| head) ends it quietly', () => {
    const big = file('big.har', JSON.stringify({ log: { entries: Array.from({ length: 3000 }, () => JSON.parse(HAR).log.entries[1]) } }));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" analyze "${big}" --json | head -c 10 >/dev/null`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/\n\s+at |Error/);
  });
});
