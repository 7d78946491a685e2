/**
 * `npm run bench`: every benchmark, one table of ratios with the absolute figures beside them, also
 * written to bench/results.json. Benchmarks never fail the build: each row says its target and whether
 * it was met. `npm run bench -- engine` runs one group; SERAPH_BENCH_QUICK=1 uses smaller sizes.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineBench, incrementalBench, redactionBench } from './engine.bench';
import { importTaskBench, panelBench } from './panel.bench';
import { pageLoadBench } from './page-load.bench';
import { soakBench } from './soak.bench';
import { bundleBench } from './bundle.bench';
import { popupBench } from './popup.bench';
import { cliBench } from './cli.bench';
import { memoryBench } from './memory.bench';
import type { BenchRow } from './measure';

const quick = Boolean(process.env.SERAPH_BENCH_QUICK);
const groups: Record<string, () => BenchRow[] | Promise<BenchRow[]>> = {
  engine: () => [...engineBench(quick ? [1, 5] : [1, 10, 100]), ...incrementalBench(quick ? 20_000 : 100_000), ...redactionBench()],
  // The compiled CLI as processes: start-up and the whole path on large files.
  cli: () => cliBench(quick ? [10] : [10, 60, 150], quick ? 9 : 21),
  // Peak memory and time of the streamed redact and analyze, beside JSON.parse: `npm run bench -- memory`.
  memory: () => memoryBench(quick ? [10, 50] : [10, 50, 150], quick ? 1 : 3),
  // These need the built extension (npm run bench builds it first).
  // SERAPH_BENCH_PAGE_LOADS=50 for a steadier page-load median (the machine's swings dwarf a 3 % target).
  'page-load': () => pageLoadBench(Number(process.env.SERAPH_BENCH_PAGE_LOADS) || (quick ? 4 : 25)),
  soak: () => soakBench(quick ? 10_000 : 100_000),
  panel: async () => [...(await panelBench(quick ? 5000 : 50_000)), ...(await importTaskBench(quick ? 20 : 150))],
  // The import row alone (also part of panel): `npm run bench -- import`.
  import: () => importTaskBench(quick ? 20 : 150),
  popup: () => popupBench(quick ? 3 : 9),
  bundle: () => bundleBench(),
};

const unknown = process.argv.slice(2).filter((a) => !(a in groups));
if (unknown.length) console.error(`unknown group(s) ${unknown.join(', ')}; groups: ${Object.keys(groups).join(', ')}`);
const wanted = process.argv.slice(2).filter((a) => a in groups);
const rows: BenchRow[] = [];
const seconds: Record<string, number> = {};
for (const [name, run] of Object.entries(groups)) {
  if (wanted.length ? !wanted.includes(name) : name === 'import') continue; // import is inside panel
  console.error(`running ${name}…`);
  const t0 = performance.now();
  try {
    rows.push(...(await run()));
  } catch (err) {
    // A benchmark that breaks is reported (as a missed target), and the others still run.
    rows.push({ bench: name, case: `failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`, value: NaN, unit: '', target: 'runs', met: false });
  }
  seconds[name] = Math.round((performance.now() - t0) / 1000);
  console.error(`  ${name}: ${seconds[name]} s`);
}

// Ratios against native code (JSON.parse) move with the hardware: one VM of the same kind gave 1.2 where the next gave 2.9.
const machine = { cpu: os.cpus()[0]?.model.trim() ?? 'unknown', cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)) };
console.log(`node ${process.version} on ${machine.cpus} × ${machine.cpu}, load average ${machine.loadavg.join(' ')}`);
const ratio = (r: BenchRow) => (r.ratio === undefined ? '' : String(+r.ratio.toFixed(3)));
const table = [
  ['benchmark', 'case', 'value', 'baseline', 'ratio', 'target', 'met'],
  ...rows.map((r) => [r.bench, r.case, `${r.value} ${r.unit}`, r.baseline === undefined ? '' : `${r.baseline} ${r.unit}`, ratio(r), r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO']),
];
const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
for (const row of table) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
const judged = rows.filter((r) => r.met !== undefined);
const missed = judged.filter((r) => !r.met);
console.log(`\n${judged.length - missed.length} of ${judged.length} targets met${missed.length ? `; missed: ${missed.map((r) => `${r.bench}: ${r.case.trim().slice(0, 40)}`).join(', ')}` : ''}`);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, quick, machine, seconds, rows }, null, 2) + '\n');
console.error(`wrote ${path.relative(process.cwd(), out)}`);
