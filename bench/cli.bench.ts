/**
 * The CLI as a user runs it (issues 18 and 28.2): whole processes, the compiled dist/cli/seraph-lens.mjs
 * (built once here from the sources), each timed from spawn to exit and compared with a node process doing
 * the least the same job could do, the two interleaved run by run.
 *  - start-up: `seraph-lens --version` and `seraph-lens analyze one-entry.har --json` ÷ `node -e 0` (target ≤ 2);
 *  - whole path: `seraph-lens analyze big.har --json` ÷ `node -e` that reads the file and JSON.parses it
 *    (target ≤ 1.2, goal ≤ 1.0), on generated 10, 60 and 150 MB HARs (bench/har-generator.ts, in a temporary
 *    folder).
 *  - the same in one warmed process (info): the analysis run in this process until the JIT has compiled it,
 *    beside JSON.parse of the same text also run warm. The gap between this ratio and the whole path's is what
 *    a fresh process pays before its code is compiled and optimized (start-up and warm-up), not the engine's
 *    steady speed.
 *  - where that time goes (info), also warmed in this process: the reader alone (the file read in chunks, cut into
 *    entries, each entry JSON.parsed, nothing built from them), then the reader with each entry converted to an
 *    exchange (the headers sanitized, secrets swept), each ÷ the same warmed read + JSON.parse. The whole
 *    analysis row above adds the analyser and the report.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHar, generateHarEntries } from './har-generator';
import { median, timeIt, type BenchRow } from './measure';
import { main } from '../src/cli/main';
import { streamHarEntries } from '../src/cli/inputs';
import { convertEntries } from '../src/engine/har/har';
import type { Exchange } from '../src/engine/types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MARK = '__seraph_bench_cpu_us=';
/** Preloaded into every process (ours and the baselines alike): its own CPU time, printed at exit. */
let reporter = '';

/** One process: wall time from spawn to exit, and the CPU time (user + system) it reported. */
function wall(args: string[]): { ms: number; cpu: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', reporter, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const us = Number(new RegExp(`${MARK}(\\d+)`).exec(r.stderr)?.[1]);
  return { ms, cpu: us / 1000 };
}

interface Pair {
  ours: number;
  baseline: number;
  ratio: number;
}

/** Medians of `runs` interleaved runs of both commands (after one warm-up each): wall time, and CPU time beside it. */
function sideBySide(ours: string[], baseline: string[], runs: number): Pair & { cpu: Pair } {
  wall(ours);
  wall(baseline);
  const a: { ms: number; cpu: number }[] = [];
  const b: { ms: number; cpu: number }[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(wall(ours));
    b.push(wall(baseline));
  }
  const pair = (k: 'ms' | 'cpu'): Pair => {
    const x = median(a.map((r) => r[k]));
    const y = median(b.map((r) => r[k]));
    return { ours: x, baseline: y, ratio: x / y };
  };
  return { ...pair('ms'), cpu: pair('cpu') };
}

const round = (ms: number) => (ms < 100 ? +ms.toFixed(1) : Math.round(ms));

/** Runs before the timed ones, in this process: enough for the JIT to have compiled and optimized the hot code. */
const WARM_UP_RUNS = 3;

/** The streamed analysis's first stages over `file`, as `analyze` reads it: `convert` false stops after each entry's parse. */
function streamStages(file: string, convert: boolean): void {
  const batch: Exchange[] = [];
  streamHarEntries({ name: file, at: file }, { maxBytes: Number.MAX_SAFE_INTEGER }, (list, first) => {
    if (!convert) return;
    convertEntries(list, first, batch);
    batch.length = 0;
  });
}

/**
 * In this process, warmed, each ÷ reading and JSON.parsing the file (also warmed, timed once): `seraph-lens
 * analyze file --json`, the reader alone, and the reader with conversion.
 */
function warmedInProcess(file: string, runs: number): { analysis: Pair; reader: Pair; converted: Pair } {
  const io = { stdout: () => {}, stderr: () => {}, isTTY: false, env: {} };
  const baseline = timeIt(() => JSON.parse(readFileSync(file, 'utf8')) as unknown, runs, WARM_UP_RUNS);
  const against = (fn: () => unknown): Pair => {
    const ours = timeIt(fn, runs, WARM_UP_RUNS);
    return { ours, baseline, ratio: ours / baseline };
  };
  return {
    analysis: against(() => {
      if (main(['analyze', file, '--json'], io) !== 0) throw new Error(`analyze ${file} failed in process`);
    }),
    reader: against(() => streamStages(file, false)),
    converted: against(() => streamStages(file, true)),
  };
}

export function cliBench(sizesMb: number[], startRuns: number): BenchRow[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-cli-bench-'));
  const rows: BenchRow[] = [];
  try {
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs', dir], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr}`);
    const cli = path.join(dir, 'seraph-lens.mjs');
    reporter = path.join(dir, 'cpu.cjs');
    writeFileSync(reporter, `process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\n${MARK}' + (u.user + u.system) + '\\n'); });\n`);

    const one = path.join(dir, 'one.har');
    writeFileSync(one, generateHarEntries(1));
    const starts: [string, string[]][] = [
      ['seraph-lens --version', [cli, '--version']],
      ['seraph-lens analyze of a one-entry HAR', [cli, 'analyze', one, '--json']],
    ];
    for (const [what, args] of starts) {
      const start = sideBySide(args, ['-e', '0'], startRuns);
      rows.push({
        bench: 'cli',
        case: `start-up: ${what} ÷ node -e 0 (processes, median of ${startRuns})`,
        value: round(start.ours),
        baseline: round(start.baseline),
        unit: 'ms',
        ratio: start.ratio,
        target: '≤ 2 × node -e 0',
        met: start.ratio <= 2,
      });
    }

    for (const mb of sizesMb) {
      const file = path.join(dir, `${mb}mb.har`);
      writeFileSync(file, generateHar(mb * 1024 * 1024));
      const runs = mb >= 60 ? 3 : 5;
      const parse = `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`;
      const whole = sideBySide([cli, 'analyze', file, '--json'], ['-e', parse], runs);
      rows.push({
        bench: 'cli',
        case: `whole path: seraph-lens analyze --json of a ${mb} MB HAR ÷ node reading and JSON.parsing it (processes, median of ${runs})`,
        value: round(whole.ours),
        baseline: round(whole.baseline),
        unit: 'ms',
        ratio: whole.ratio,
        target: '≤ 1.2 × read + parse (goal 1.0)',
        met: whole.ratio <= 1.2,
      });
      rows.push({
        bench: 'cli',
        case: `  the same, CPU time (user + system, all threads; info: steadier than wall time on a busy machine)`,
        value: round(whole.cpu.ours),
        baseline: round(whole.cpu.baseline),
        unit: 'ms',
        ratio: whole.cpu.ratio,
      });
      const warm = warmedInProcess(file, runs);
      for (const [what, pair] of [
        [`  the same in this process, warmed (${WARM_UP_RUNS} runs first; info: the engine's steady speed, without start-up and JIT warm-up)`, warm.analysis],
        ['    reader alone: chunks read, cut into entries, each JSON.parsed (warmed, ÷ the same warmed read + parse; info)', warm.reader],
        ['    reader + conversion to exchanges: headers sanitized, secrets swept; no analyser (warmed, ÷ the same warmed read + parse; info)', warm.converted],
      ] as const) {
        rows.push({ bench: 'cli', case: what, value: round(pair.ours), baseline: round(pair.baseline), unit: 'ms', ratio: pair.ratio });
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
