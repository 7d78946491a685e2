/**
 * Engine benchmark: full analysis of a HAR (readHar + analyze) ÷ JSON.parse of the same text, at 1, 10
 * and 100 MB; and the engine's own share (conversion + analysis of the parsed document) ÷ the same parse. Both are measured alternately in this process, so the ratio cancels the machine's speed.
 * Target (issue 4): ≤ 1.5 at 100 MB and roughly constant across sizes (linear cost).
 */
import { readHar, readHarDocument } from '../src/engine/har';
import { analyze, createAnalyzer } from '../src/engine/analyzer';
import { generateHar, generateHarEntries as generateHarEntriesText } from './har-generator';
import { median, type BenchRow } from './measure';

const MB = 1024 * 1024;

export function engineBench(sizesMb = [1, 10, 100]): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const size of sizesMb) {
    const text = generateHar(size * MB);
    const runs = size >= 100 ? 3 : 7;
    const parse: number[] = [];
    const full: number[] = [];
    // Warm-up, then alternate the two so drift affects both alike.
    JSON.parse(text);
    analyze(readHar(text).exchanges);
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      JSON.parse(text);
      parse.push(performance.now() - t);
      t = performance.now();
      analyze(readHar(text).exchanges);
      full.push(performance.now() - t);
    }
    // The engine's own share: converting and analysing an already parsed document.
    const engineOnly: number[] = [];
    for (let i = 0; i < runs; i++) {
      const doc = JSON.parse(text);
      const t = performance.now();
      analyze(readHarDocument(doc).exchanges);
      engineOnly.push(performance.now() - t);
    }
    const p = median(parse);
    const a = median(full);
    const e = median(engineOnly);
    rows.push({
      bench: 'engine',
      case: `analyze ${size} MB HAR`,
      value: Math.round(a),
      unit: 'ms',
      baseline: Math.round(p),
      ratio: +(a / p).toFixed(2),
      target: '≤ 1.5 × JSON.parse',
      met: a / p <= 1.5,
    });
    rows.push({
      bench: 'engine',
      case: `  engine only, after JSON.parse, ${size} MB`,
      value: Math.round(e),
      unit: 'ms',
      baseline: Math.round(p),
      ratio: +(e / p).toFixed(2),
      target: '≤ 1.5 × JSON.parse',
      met: e / p <= 1.5,
    });
  }
  return rows;
}

/**
 * The live extension feeds one exchange at a time: the cost of an exchange must not depend on how many
 * came before. Time of the last 10% of a long log ÷ time of an early 10% (target ≤ 1.3: flat).
 */
export function incrementalBench(total = 100_000): BenchRow[] {
  const { exchanges } = readHar(generateHarEntriesText(total));
  const slice = Math.floor(total / 10);
  const early: number[] = [];
  const late: number[] = [];
  for (let run = 0; run < 4; run++) {
    const a = createAnalyzer();
    let t = 0;
    for (let i = 0; i < total; i++) {
      if (i === slice) t = performance.now();
      if (i === 2 * slice && run > 0) early.push(performance.now() - t);
      if (i === total - slice) t = performance.now();
      a.add(exchanges[i]!);
    }
    if (run > 0) late.push(performance.now() - t);
  }
  const e = median(early);
  const l = median(late);
  return [{ bench: 'engine', case: `incremental: last vs 2nd 10% of ${total}`, value: +l.toFixed(1), unit: 'ms', baseline: +e.toFixed(1), ratio: +(l / e).toFixed(2), target: '≤ 1.3 (flat)', met: l / e <= 1.3 }];
}
