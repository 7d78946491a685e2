import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shellQuote, toCurl, CURL_PLACEHOLDERS } from './curl';
import type { ReplayPlan } from './plan';
import { fuzz } from '../test-support/fuzz';

const plan: ReplayPlan = {
  method: 'GET', url: "https://j.example/issues/?jql=summary~'it''s'&os_authType=basic", origin: 'https://j.example',
  headers: [{ name: 'Accept', value: 'application/json' }, { name: 'Authorization', value: 'Basic ZnJlZDpodW50ZXIy' }],
  credentials: 'omit', redirect: 'manual', needsConfirmation: false, notes: [],
};
const basic = { kind: 'basic' as const, username: 'fred', secret: 'hunter2', origin: 'https://j.example' };

describe('toCurl', () => {
  it('placeholders by default: no secret, not even base64', () => {
    const cmd = toCurl(plan, { source: basic, cookieNames: [], includeSecrets: false });
    expect(cmd).toBe(`curl \\\n  --globoff \\\n  -H 'Accept: application/json' \\\n  -u "${CURL_PLACEHOLDERS.user}:${CURL_PLACEHOLDERS.token}" \\\n  'https://j.example/issues/?jql=summary~'\\''it'\\'''\\''s'\\''&os_authType=basic'`);
    expect(cmd).not.toMatch(/hunter2|ZnJlZDpodW50ZXIy/);
  });
  it('secrets only when asked', () => {
    expect(toCurl(plan, { source: basic, cookieNames: [], includeSecrets: true })).toContain(`-u 'fred:hunter2'`);
    const bearer = { kind: 'bearer' as const, token: 'pat-123', origin: 'https://j.example' };
    expect(toCurl(plan, { source: bearer, cookieNames: [], includeSecrets: false })).toContain('-H "Authorization: Bearer $JIRA_TOKEN"');
    expect(toCurl(plan, { source: bearer, cookieNames: [], includeSecrets: true })).toContain(`-H 'Authorization: Bearer pat-123'`);
  });
  it('browser cookies become a session variable; methods other than GET are explicit', () => {
    const cmd = toCurl({ ...plan, method: 'POST' }, { source: { kind: 'browser' }, cookieNames: ['JSESSIONID', 'atlassian.xsrf.token'], includeSecrets: true });
    expect(cmd).toContain(`-X 'POST'`);
    expect(cmd).toContain('-b "JSESSIONID=$JIRA_SESSION"');
  });
});

describe('shellQuote', () => {
  it('the shell gives back exactly the string, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\0')), fc.constantFrom("'", '"', '$(id)', '`id`', '\\', '\n', '$HOME', '!'), (s, evil) => {
        const value = s + evil + s;
        const out = execFileSync('sh', ['-c', `printf %s ${shellQuote(value)}`], { encoding: 'utf8' });
        expect(out).toBe(value);
      }),
      fuzz(4246, 150),
    );
  });
  it('refuses NUL', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/);
  });
});
