/**
 * Records each fixture scenario in real Chromium and checks the engine finds what the story contains.
 * `SERAPH_RECORD_FIXTURES=1 npx playwright test fixtures` rewrites e2e/fixtures/*.har (redacted) and
 * their expected CLI output; the unit tests (src/cli/fixtures.test.ts) replay those files exactly.
 */
import { test, expect } from '@playwright/test';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { recordHar } from '../support/record';
import { SCENARIOS } from '../fixtures/scenarios';
import { SSO_SCENARIOS } from '../fixtures/sso-scenarios';
import { ROOT } from '../support/paths';
import { readHar } from '../../src/engine/har/har';
import { analyze } from '../../src/engine/analysis/analyzer';
import { redactHar } from '../../src/engine/redact/redact';
import { jsonReport } from '../../src/cli/report-json';
import { textReport, plain } from '../../src/cli/report-text';
import { reportContext } from '../../src/cli/report-story';

const FIXTURES = path.join(ROOT, 'e2e/fixtures');

for (const scenario of [...SCENARIOS, ...SSO_SCENARIOS]) {
  test(`fixture "${scenario.name}": recorded traffic raises ${scenario.codes.join(', ') || 'no finding'}`, async ({ browserName: _browser }, testInfo) => {
    const rawPath = testInfo.outputPath(`${scenario.name}.raw.har`);
    const raw = await recordHar(rawPath, scenario.mode, scenario.run, { product: scenario.product ?? 'jira', ...scenario.options });
    const redacted = redactHar(raw);
    const { exchanges, entries, skipped } = readHar(JSON.stringify(redacted));
    const result = analyze(exchanges);
    const codes = [...new Set(result.findings.map((f) => f.code))];
    expect(codes.sort()).toEqual([...scenario.codes].sort());
    scenario.check?.(result);
    // Redaction changes nothing the analysis sees.
    expect(analyze(readHar(JSON.stringify(raw)).exchanges).findings.map((f) => [f.code, f.entry])).toEqual(result.findings.map((f) => [f.code, f.entry]));

    if (process.env.SERAPH_RECORD_FIXTURES) {
      mkdirSync(FIXTURES, { recursive: true });
      const base = path.join(FIXTURES, scenario.name);
      writeFileSync(`${base}.har`, JSON.stringify(redacted, null, 2) + '\n');
      writeFileSync(`${base}.expected.json`, JSON.stringify(jsonReport(result, { entries, skipped }), null, 2) + '\n');
      writeFileSync(`${base}.expected.txt`, textReport(result, { entries, skipped }, `${scenario.name}.har`, plain, reportContext(exchanges, result)));
    }
  });
}
