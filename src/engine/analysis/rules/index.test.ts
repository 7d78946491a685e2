/**
 * The findings contract (../shared/findings.md, beside the repository) against the registry: every code of
 * its table has a rule file `rules/<code>.ts`, registered once in rules/index.ts with the same severity.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { RULES } from './index';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTRACT = path.resolve(HERE, '../../../../../shared/findings.md');
const present = existsSync(CONTRACT);

describe('rules registry', () => {
  if (!present) console.warn(`findings contract not found at ${CONTRACT}: the registry check is skipped`);

  it.skipIf(!present)(`every code of findings.md has its rule file, registered once with its severity (${CONTRACT})`, () => {
    const table = readFileSync(CONTRACT, 'utf8').split(/^## Codes/m)[1] ?? '';
    const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \| (error|warning|info) \|/gm)].map((m) => ({ code: m[1]!, severity: m[2]! }));
    expect(rows.length).toBeGreaterThanOrEqual(10);
    const index = readFileSync(path.join(HERE, 'index.ts'), 'utf8');
    for (const { code, severity } of rows) {
      expect(existsSync(path.join(HERE, `${code}.ts`)), `rules/${code}.ts`).toBe(true);
      expect(index, `rules/index.ts imports ./${code}`).toContain(`from './${code}'`);
      const rules = RULES.filter((r) => r.code === code);
      expect(rules, code).toHaveLength(1);
      expect(rules[0]!.severity, code).toBe(severity);
    }
  });

  it('no two rules share a code, and every rule has its own file', () => {
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
    for (const r of RULES) expect(existsSync(path.join(HERE, `${r.code}.ts`)), r.code).toBe(true);
  });
});
