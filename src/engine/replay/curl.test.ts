import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cookiePlaceholder, shellQuote, toCurl, CURL_PLACEHOLDERS, type CurlResult } from './curl';
import { planReplay, type CredentialSource, type ReplayPlan } from './plan';
import { fuzz } from '../test-support/fuzz';

const J = 'https://jira.example.com';
const plan: Pick<ReplayPlan, 'method' | 'url' | 'headers'> = {
  method: 'GET',
  url: `${J}/issues/?jql=summary~'it''s'&fields[]=key&os_authType=basic`,
  headers: [{ name: 'Accept', value: 'application/json' }, { name: 'Authorization', value: 'Basic ZnJlZDpodW50ZXIy' }],
};
const basic: CredentialSource = { kind: 'basic', username: 'fred', secret: 'hunter2', origin: J };
const bearer: CredentialSource = { kind: 'bearer', token: 'pat-NjQ2-secret', origin: J };

const cmd = (r: CurlResult): string => {
  if (!r.ok) throw new Error(r.error);
  return r.command;
};

/** Runs `command` in sh with `curl` replaced by a function printing its arguments, NUL-separated. */
function argvOf(command: string, env: Record<string, string> = {}): string[] {
  const out = execFileSync('sh', ['-c', `curl() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return out.split('\0').slice(0, -1);
}

describe('toCurl', () => {
  it('placeholders by default: no secret, not even in base64', () => {
    const c = cmd(toCurl(plan, { source: basic }));
    expect(c).toBe(
      [
        'curl --globoff',
        "-H 'Accept: application/json'",
        '-u "$JIRA_USER:$JIRA_TOKEN"',
        `'${J}/issues/?jql=summary~'\\''it'\\'''\\''s'\\''&fields[]=key&os_authType=basic'`,
      ].join(' \\\n  '),
    );
    expect(c).not.toMatch(/hunter2|ZnJlZDpodW50ZXIy|fred/);
    expect(argvOf(c, { JIRA_USER: 'u@example.com', JIRA_TOKEN: "t'o $k" })).toEqual(['--globoff', '-H', 'Accept: application/json', '-u', "u@example.com:t'o $k", plan.url]);
  });

  it('bearer: placeholder by default, the token only when asked', () => {
    const c = cmd(toCurl(plan, { source: bearer }));
    expect(c).toContain('-H "Authorization: Bearer $JIRA_TOKEN"');
    expect(c).not.toContain('pat-NjQ2-secret');
    expect(argvOf(c, { JIRA_TOKEN: 'abc' })).toEqual(['--globoff', '-H', 'Accept: application/json', '-H', 'Authorization: Bearer abc', plan.url]);
    expect(cmd(toCurl(plan, { source: bearer, includeSecrets: true }))).toContain("-H 'Authorization: Bearer pat-NjQ2-secret'");
  });

  it('secrets in clear only with includeSecrets, quoted', () => {
    const c = cmd(toCurl(plan, { source: { ...basic, secret: "it's $HOME `id`" }, includeSecrets: true }));
    expect(c).toContain(`-u 'fred:it'\\''s $HOME \`id\`'`);
    expect(argvOf(c)[4]).toBe("fred:it's $HOME `id`");
  });

  it('browser cookies: session cookies as variables, other cookies left out; even with includeSecrets', () => {
    for (const includeSecrets of [false, true]) {
      const c = cmd(toCurl({ ...plan, method: 'POST' }, { source: { kind: 'browser' }, cookieNames: ['JSESSIONID', 'atlassian.xsrf.token', 'seraph.rememberme.cookie', 'JSESSIONID'], includeSecrets }));
      expect(c).toContain("-X 'POST'");
      expect(c).toContain('-b "JSESSIONID=$JIRA_SESSION; seraph.rememberme.cookie=$JIRA_SERAPH_REMEMBERME_COOKIE"');
      expect(c).not.toContain('xsrf');
      expect(c).not.toContain('Authorization');
      expect(argvOf(c, { JIRA_SESSION: 'S1', JIRA_SERAPH_REMEMBERME_COOKIE: 'R2' })).toEqual([
        '--globoff', '-X', 'POST', '-H', 'Accept: application/json', '-b', 'JSESSIONID=S1; seraph.rememberme.cookie=R2', plan.url,
      ]);
    }
    expect(cmd(toCurl(plan, { source: { kind: 'browser' }, cookieNames: ['atlassian.xsrf.token'] }))).not.toContain('-b');
  });

  it('anonymous: no credentials at all; HEAD is --head', () => {
    expect(cmd(toCurl({ ...plan, method: 'HEAD' }, { source: { kind: 'anonymous' } }))).toBe(`curl --globoff \\\n  --head \\\n  -H 'Accept: application/json' \\\n  '${plan.url.replace(/'/g, `'\\''`)}'`);
  });

  it('refuses control characters instead of letting them reach a terminal', () => {
    for (const bad of ['a\nb', 'a\u001b[201~b', 'a\tb', 'a\u009bb']) {
      expect(toCurl({ ...plan, headers: [{ name: 'X', value: bad }] }, { source: { kind: 'anonymous' } })).toEqual({
        ok: false,
        error: 'The request holds a line break or another control character; it cannot be copied as a shell command safely.',
      });
    }
    expect(toCurl(plan, { source: { ...basic, secret: 'x\ny' }, includeSecrets: true }).ok).toBe(false);
  });

  it('works on a plan from planReplay', () => {
    const p = planReplay({ method: 'GET', url: `${J}/rest/api/2/myself`, requestHeaders: [] }, { authType: 'basic', source: basic });
    if (!p.ok) throw new Error(p.error);
    expect(cmd(toCurl(p.plan, { source: basic }))).toBe(`curl --globoff \\\n  -u "$JIRA_USER:$JIRA_TOKEN" \\\n  '${J}/rest/api/2/myself?os_authType=basic'`);
  });

  it('cookie placeholders are documented names', () => {
    expect(CURL_PLACEHOLDERS).toEqual({ user: 'JIRA_USER', token: 'JIRA_TOKEN', session: 'JIRA_SESSION' });
    expect(['JSESSIONID', 'cloud.session.token', 'tenant.session.token', 'studio.crowd.tokenkey', '__ATL_TOKEN'].map(cookiePlaceholder)).toEqual([
      'JIRA_SESSION', 'JIRA_CLOUD_SESSION_TOKEN', 'JIRA_TENANT_SESSION_TOKEN', 'JIRA_STUDIO_CROWD_TOKENKEY', 'JIRA_ATL_TOKEN',
    ]);
  });
});

describe('shellQuote', () => {
  it('sh gives back exactly the string: quotes, newlines, $, backticks, backslashes, !', () => {
    const evil = fc.constantFrom("'", "''", '"', '$(id)', '`id`', '\\', '\n', '\r\n', '$HOME', '${x}', '!', '\t', ' ', '*', '~', '#', ';', '&', '|');
    const text = fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 8 }), evil), { maxLength: 8 }).map((parts) => parts.join('').replace(/\0/g, ''));
    fc.assert(
      fc.property(text, (s) => {
        const out = execFileSync('sh', ['-c', `printf %s ${shellQuote(s)}`], { encoding: 'utf8' });
        expect(out).toBe(s);
      }),
      fuzz(4711, 200),
    );
  });
  it('exact spelling, and NUL refused', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(() => shellQuote('a\0b')).toThrow('A shell argument cannot contain a NUL character.');
  });
});
