/**
 * The real recordings in ../shared/real-traffic (made by others, not by our emulator) read exactly as their
 * README says; their redacted form reads the same. Analysed only: their hosts are not ours.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHar } from './har/har';
import { analyze } from './analysis/analyzer';
import { redactHar } from './redact/redact';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/real-traffic');
const present = existsSync(DIR);

/** The README's last column, per file: each origin's deployment and product, and every finding. */
const VERDICTS: Record<string, { origins: [origin: string, deployment: string, product: string][]; findings: string[] }> = {
  'confluence-nmap-anon.har': { origins: [['http://192.168.53.41:8090', 'server', 'confluence']], findings: [] },
  'gojira-8-denied-200.har': { origins: [['https://issues.apache.org', 'server', 'jira']], findings: ['0:captcha-required'] },
  'orgjira-224-authfailed.har': { origins: [['https://jira.xxxx.com', 'server', 'jira']], findings: ['0:login-failed'] },
  'connect-cloud-jwt-bearer.har': { origins: [['https://dhreben.atlassian.net', 'cloud', 'jira'], ['https://dan-tmp.jira-dev.com', 'cloud', 'jira']], findings: [] },
  'wget-intranet-anon.har': { origins: [['http://intranet:8080', 'server', 'jira']], findings: [] },
  'jit-12-captcha.har': { origins: [['https://jira.redacted.invalid', 'server', 'jira']], findings: ['0:captcha-required'] },
  'bugwarrior-689-cloud-401.har': { origins: [['https://netsapiens.atlassian.net', 'cloud', 'jira']], findings: ['0:login-failed'] },
  'cors-anon-public.har': { origins: [['https://jira.redacted.invalid', 'server', 'jira']], findings: [] },
};

describe.skipIf(!present)(`real recordings (${DIR})`, () => {
  it('every recording has its verdict here', () => {
    const files = readdirHar();
    expect(files.sort()).toEqual(Object.keys(VERDICTS).sort());
  });
  for (const [file, want] of Object.entries(VERDICTS)) {
    it(`${file}: as its README says, and the same after redaction`, () => {
      const text = readFileSync(path.join(DIR, file), 'utf8');
      const result = analyze(readHar(text).exchanges);
      const atlassian = result.origins.filter((o) => o.atlassian).map((o) => [o.origin, o.deployment, o.product]);
      expect(atlassian).toEqual(want.origins);
      expect(result.findings.map((f) => `${f.entry}:${f.code}`)).toEqual(want.findings);
      const redacted = analyze(readHar(JSON.stringify(redactHar(JSON.parse(text)))).exchanges);
      expect(redacted).toEqual(result);
    });
  }
});

function readdirHar(): string[] {
  return readdirSync(DIR).filter((f) => f.endsWith('.har'));
}
