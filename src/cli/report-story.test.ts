import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './built';
import { readHar } from '../engine/har/har';
import { analyze, createAnalyzer } from '../engine/analysis/analyzer';
import { ReportWitness, reportContext } from './report-story';
import { Traffic, CLOUD } from '../engine/test-support/exchanges';

const DIR = path.join(ROOT, 'e2e/fixtures');

describe('the text report context of a streamed file', () => {
  it('keeping only the exchanges that raised a finding tells the same story as the whole log', () => {
    const hars = [...readdirSync(DIR).filter((f) => f.endsWith('.har')), ...readdirSync(path.join(DIR, 'mixed-signals')).filter((f) => f.endsWith('.har')).map((f) => `mixed-signals/${f}`)];
    let told = 0;
    for (const har of hars) {
      const { exchanges } = readHar(readFileSync(path.join(DIR, har), 'utf8'));
      const whole = reportContext(exchanges, analyze(exchanges));
      const analyzer = createAnalyzer();
      const witness = new ReportWitness();
      for (const ex of exchanges) witness.note(ex, analyzer.feed(ex));
      expect(witness.context(analyzer.result()), har).toEqual(whole);
      told += whole.story.length;
      // A login whose answer also said "anonymous" (read as the file streams by, not from kept exchanges).
      if (har.startsWith('mixed-signals/')) expect(JSON.stringify(whole.story), har).toContain('lout');
    }
    expect(told).toBeGreaterThan(5);
  });

  it('a page held as a suspect and raised only when a later 401 confirms it keeps its own time', () => {
    const t = new Traffic(CLOUD);
    const cookie = 'tenant.session.token=SESSION';
    t.req('/jira/your-work', { user: null, accountId: 'acc-1', cookies: [cookie] });
    const held = t.req('/browse/ABC-1', { user: null, cookies: [cookie] }); // names nobody: only a suspicion
    t.req('/rest/api/3/search?jql=', { status: 401, user: null, html: false, cookies: [cookie] }); // confirms it
    const analyzer = createAnalyzer();
    const witness = new ReportWitness();
    const keptWhole: number[] = [];
    for (const ex of t.log) {
      const raised = analyzer.feed(ex);
      if (raised) keptWhole.push(ex.index);
      witness.note(ex, raised);
    }
    const result = analyzer.result();
    expect(result.findings.map((f) => `${f.entry}:${f.code}`)).toContain(`${held.index}:silent-anonymous`);
    expect(keptWhole).not.toContain(held.index); // raised late: the witness kept only its time
    const { story, requests } = witness.context(result);
    expect(story).toEqual(reportContext(t.log, result).story);
    expect(JSON.stringify(story)).toContain(`"time":${held.time}`);
    expect(requests.get(CLOUD)).toBe(3);
  });
});
