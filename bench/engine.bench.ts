/**
 * Engine benchmark: full analysis of a HAR (readHar + analyze) ÷ JSON.parse of the same text, at 1, 10
 * and 100 MB. Both are measured alternately in this process, so the ratio cancels the machine's speed.
 * Target (issue 4): ≤ 1.5 at 100 MB and roughly constant across sizes (linear cost).
 */
import { readHar } from '../src/engine/har';
import { analyze } from '../src/engine/analyzer';
import { generateHar } from './har-generator';
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
    const p = median(parse);
    const a = median(full);
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
  }
  return rows;
}
