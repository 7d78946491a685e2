import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readHar } from '../engine/har/har';
import { analyze } from '../engine/analysis/analyzer';
import { buildStory } from '../engine/analysis/story';
import { groupFindings } from '../engine/analysis/finding-groups';
import { deriveImport, endedSessions, findingsByEntryOf, unpackGroups } from './import-derived';
import { tickSourceOf } from './timeline/layout';

const FIXTURES = path.resolve(__dirname, '../../e2e/fixtures');
const hars = readdirSync(FIXTURES).filter((f) => f.endsWith('.har'));

describe('deriveImport: what the import worker derives is what the components would', () => {
  it.each(hars)('%s', (name) => {
    const { exchanges } = readHar(readFileSync(path.join(FIXTURES, name), 'utf8'));
    const { findings, sessions } = analyze(exchanges);
    // Through a structured clone, as the worker posts it (the findings come separately, in order).
    const now = Date.now();
    const derived = structuredClone(deriveImport(exchanges, findings, sessions, now));
    const received = structuredClone(findings);
    expect(derived.ticks).toEqual(tickSourceOf(exchanges, findingsByEntryOf(findings)));
    expect(derived.story).toEqual({ ended: endedSessions(sessions, now), stories: buildStory({ exchanges, findings, sessions, now }) });
    const groups = unpackGroups(derived.groups, received);
    expect(groups).toEqual(groupFindings(received));
    // The groups hold the received findings themselves, not copies.
    for (const g of groups) for (const f of g.findings) expect(received).toContain(f);
  });

  it('a log without findings or sessions', () => {
    const d = deriveImport([], [], [], 0);
    expect(d.groups).toEqual([]);
    expect(d.story).toEqual({ ended: 0, stories: [] });
    expect(d.ticks.times.length).toBe(0);
  });
});
