/**
 * `npm run bench`: every benchmark, one table of ratios with the absolute figures beside them, also
 * written to bench/results.json. Benchmarks never fail the build: each row says its target and whether
 * it was met. `npm run bench -- engine` runs one group; SERAPH_BENCH_QUICK=1 uses smaller sizes.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineBench, incrementalBench } from './engine.bench';
import { panelBench } from './panel.bench';
import { pageLoadBench } from './page-load.bench';
import { soakBench } from './soak.bench';
import { bundleBench } from './bundle.bench';
import { popupBench } from './popup.bench';
import type { BenchRow } from './measure';

const quick = Boolean(process.env.SERAPH_BENCH_QUICK);
const groups: Record<string, () => BenchRow[] | Promise<BenchRow[]>> = {
  engine: () => [...engineBench(quick ? [1, 5] : [1, 10, 100]), ...incrementalBench(quick ? 20_000 : 100_000)],
  // These need the built extension (npm run bench builds it first).
  'page-load': () => pageLoadBench(quick ? 4 : 15),
  soak: () => soakBench(quick ? 10_000 : 100_000),
  panel: () => panelBench(quick ? 5000 : 50_000),
  popup: () => popupBench(quick ? 3 : 9),
  bundle: () => bundleBench(),
};

const wanted = process.argv.slice(2).filter((a) => a in groups);
const rows: BenchRow[] = [];
for (const [name, run] of Object.entries(groups)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.error(`running ${name}…`);
  try {
    rows.push(...(await run()));
  } catch (err) {
    // A benchmark that breaks is reported, and the others still run.
    rows.push({ bench: name, case: `failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`, value: NaN, unit: '' });
  }
}

const table = [
  ['benchmark', 'case', 'value', 'baseline', 'ratio', 'target', 'met'],
  ...rows.map((r) => [r.bench, r.case, `${r.value} ${r.unit}`, r.baseline === undefined ? '' : `${r.baseline} ${r.unit}`, r.ratio?.toFixed(2) ?? '', r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO']),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
console.error(`wrote ${path.relative(process.cwd(), out)}`);
