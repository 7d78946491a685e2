/**
 * Bounded memory (issue 25.6): the compiled CLI's `redact` and `analyze` stream a HAR entry by entry, so their
 * peak memory should follow the largest entry (and what the output needs), not the file. For generated 10, 50
 * and 150 MB HARs, each run interleaved with a node process that reads and JSON.parses the same file (the least
 * a whole-document tool needs), per process: peak resident memory (the process's own getrusage maxRSS,
 * reported at exit by a preloaded line) and wall time.
 * Targets (reported, never asserted): peak memory at 150 MB within 1.5 × that at 10 MB, and below what
 * JSON.parse alone needs for the 150 MB file.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateHar } from './har-generator';
import { median, type BenchRow } from './measure';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MARK = '__seraph_bench_maxrss_kb=';

interface Run {
  ms: number;
  rssMb: number;
}

/** One process: wall time from spawn to exit, and its peak RSS as the process itself saw it at exit. */
function run(args: string[], report: string): Run {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['-r', report, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 24 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 300)}`);
  const kb = Number(new RegExp(`${MARK}(\\d+)`).exec(r.stderr)?.[1]);
  if (!Number.isFinite(kb)) throw new Error(`no peak memory reported by node ${args.join(' ')}`);
  return { ms, rssMb: kb / 1024 };
}

const round = (x: number) => (x < 100 ? +x.toFixed(1) : Math.round(x));

export function memoryBench(sizesMb: number[], runs: number): BenchRow[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-memory-bench-'));
  const rows: BenchRow[] = [];
  try {
    const built = spawnSync(process.execPath, ['scripts/build-cli.mjs', path.join(dir, 'cli')], { cwd: ROOT, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr}`);
    const cli = path.join(dir, 'cli', 'seraph-lens.mjs');
    const report = path.join(dir, 'maxrss.cjs');
    writeFileSync(report, `process.on('exit', () => process.stderr.write('\\n${MARK}' + process.resourceUsage().maxRSS + '\\n'));\n`);
    const peak: Record<string, Record<number, number>> = { redact: {}, analyze: {}, parse: {} };

    for (const mb of sizesMb) {
      const file = path.join(dir, `${mb}mb.har`);
      writeFileSync(file, generateHar(mb * 1024 * 1024));
      const commands: Record<string, string[]> = {
        redact: [cli, 'redact', file, '-o', path.join(dir, 'out.har')],
        analyze: [cli, 'analyze', file, '--json'],
        parse: ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`],
      };
      const got: Record<string, Run[]> = { redact: [], analyze: [], parse: [] };
      for (const name of Object.keys(commands)) run(commands[name]!, report); // warm-up
      // Interleaved, so the machine's drift touches all three alike.
      for (let i = 0; i < runs; i++) for (const name of Object.keys(commands)) got[name]!.push(run(commands[name]!, report));
      const med = (name: string, k: keyof Run) => median(got[name]!.map((r) => r[k]));
      for (const name of ['redact', 'analyze', 'parse']) peak[name]![mb] = med(name, 'rssMb');
      for (const name of ['redact', 'analyze']) {
        rows.push({
          bench: 'memory',
          case: `${name} of a ${mb} MB HAR: peak RSS ÷ node reading and JSON.parsing it (processes, median of ${runs})`,
          value: round(med(name, 'rssMb')),
          baseline: round(med('parse', 'rssMb')),
          unit: 'MB',
          ratio: med(name, 'rssMb') / med('parse', 'rssMb'),
        });
        rows.push({
          bench: 'memory',
          case: `  ${name} of a ${mb} MB HAR: wall time ÷ the same (info)`,
          value: Math.round(med(name, 'ms')),
          baseline: Math.round(med('parse', 'ms')),
          unit: 'ms',
          ratio: med(name, 'ms') / med('parse', 'ms'),
        });
      }
      rmSync(file, { force: true });
    }

    const small = Math.min(...sizesMb);
    const large = Math.max(...sizesMb);
    if (large > small) {
      for (const name of ['redact', 'analyze']) {
        const ratio = peak[name]![large]! / peak[name]![small]!;
        rows.push({ bench: 'memory', case: `${name}: peak RSS, ${large} MB HAR ÷ ${small} MB HAR`, value: round(peak[name]![large]!), baseline: round(peak[name]![small]!), unit: 'MB', ratio, target: '≤ 1.5 (flat)', met: ratio <= 1.5 });
        const vsParse = peak[name]![large]! / peak.parse![large]!;
        rows.push({ bench: 'memory', case: `${name}: peak RSS at ${large} MB ÷ JSON.parse alone of that file`, value: round(peak[name]![large]!), baseline: round(peak.parse![large]!), unit: 'MB', ratio: vsParse, target: '< 1', met: vsParse < 1 });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
