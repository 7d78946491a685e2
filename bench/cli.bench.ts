/**
 * The CLI as a user runs it (issue 18): whole processes, the compiled dist/cli/seraph-lens.mjs (built
 * here from the sources), each timed from spawn to exit and compared with a node process doing the least
 * the same job could do, the two interleaved run by run.
 *  - start-up: `seraph-lens analyze one-entry.har --json` ÷ `node -e 0` (target ≤ 2);
 *  - whole path: `seraph-lens analyze big.har --json` ÷ `node -e` that reads the file and JSON.parses it
 *    (target ≤ 1.5), on 10 MB and 100 MB.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHar, generateHarEntries } from './har-generator';
import { median, type BenchRow } from './measure';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function wall(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Medians of `runs` interleaved runs of both commands (after one warm-up each). */
function sideBySide(ours: string[], baseline: string[], runs: number): { ours: number; baseline: number; ratio: number } {
  wall(ours);
  wall(baseline);
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const x = wall(ours);
    const y = wall(baseline);
    a.push(x);
    b.push(y);
    ratios.push(x / y);
  }
  return { ours: median(a), baseline: median(b), ratio: median(a) / median(b) };
}

const round = (ms: number) => (ms < 100 ? +ms.toFixed(1) : Math.round(ms));

export function cliBench(sizesMb: number[], startRuns: number): BenchRow[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-cli-bench-'));
  const rows: BenchRow[] = [];
  try {
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs', dir], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr}`);
    const cli = path.join(dir, 'seraph-lens.mjs');

    const one = path.join(dir, 'one.har');
    writeFileSync(one, generateHarEntries(1));
    const start = sideBySide([cli, 'analyze', one, '--json'], ['-e', '0'], startRuns);
    rows.push({
      bench: 'cli',
      case: `start-up: seraph-lens analyze of a one-entry HAR ÷ node -e 0 (processes, median of ${startRuns})`,
      value: round(start.ours),
      baseline: round(start.baseline),
      unit: 'ms',
      ratio: start.ratio,
      target: '≤ 2 × node -e 0',
      met: start.ratio <= 2,
    });

    for (const mb of sizesMb) {
      const file = path.join(dir, `${mb}mb.har`);
      writeFileSync(file, generateHar(mb * 1024 * 1024));
      const runs = mb >= 100 ? 5 : 9;
      const parse = `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
      const whole = sideBySide([cli, 'analyze', file, '--json'], ['-e', parse], runs);
      rows.push({
        bench: 'cli',
        case: `whole path: seraph-lens analyze --json of a ${mb} MB HAR ÷ node reading and JSON.parsing it (processes, median of ${runs})`,
        value: round(whole.ours),
        baseline: round(whole.baseline),
        unit: 'ms',
        ratio: whole.ratio,
        target: '≤ 1.5 × read + parse',
        met: whole.ratio <= 1.5,
      });
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
