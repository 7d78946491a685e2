/**
 * seraph-lens: analyse or redact HAR files with the extension's engine.
 *   seraph-lens analyze <file.har> [--json]
 *   seraph-lens redact <file.har> -o <out.har|->
 * Exit 0 when analysed (findings or not), 2 for unreadable input or a usage error; never a stack trace.
 */
import { readFileSync, statSync, writeFileSync, realpathSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHar, HarError } from '../engine/har';
import { analyze } from '../engine/analyzer';
import { redactHar } from '../engine/redact';
import { jsonReport } from './report-json';
import { textReport, ansi, plain } from './report-text';

export const USAGE = `usage:
  seraph-lens analyze <file.har> [--json]     report sessions and findings (JSON schema: findings.md)
  seraph-lens redact <file.har> -o <out.har>  write a copy without secret values (-o - for stdout)
exit codes: 0 analysed or written, 2 unreadable input or usage error`;

class UsageError extends Error {}
class InputError extends Error {}

interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
}

const nodeIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

export function main(argv: string[], io: Io = nodeIo): number {
  try {
    const [command, ...rest] = argv;
    if (command === '--help' || command === '-h' || command === 'help') {
      io.stdout(USAGE + '\n');
      return 0;
    }
    if (command === 'analyze') return analyzeCommand(rest, io);
    if (command === 'redact') return redactCommand(rest, io);
    throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`seraph-lens: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof InputError || err instanceof HarError) {
      io.stderr(`seraph-lens: ${err.message}\n`);
      return 2;
    }
    // A bug of ours, not bad input: still one line, but say so.
    io.stderr(`seraph-lens: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 70;
  }
}

function parse(args: string[], flags: { json?: boolean; output?: boolean }) {
  let file: string | null = null;
  let json = false;
  let output: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json' && flags.json) json = true;
    else if ((a === '-o' || a === '--output') && flags.output) {
      output = args[++i] ?? null;
      if (output === null) throw new UsageError(`${a} needs a file name (or - for stdout)`);
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option "${a}"`);
    else if (file === null) file = a;
    else throw new UsageError(`unexpected argument "${a}"`);
  }
  if (file === null) throw new UsageError('missing <file.har>');
  return { file, json, output };
}

function load(file: string): { text: string; name: string } {
  const name = path.basename(file);
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new InputError(`${file}: no such file`);
  }
  if (stat.isDirectory()) throw new InputError(`${file}: is a directory, not a HAR file`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (text.trim() === '') throw new InputError(`${file}: the file is empty`);
  return { text, name };
}

function readHarFile(file: string) {
  const { text, name } = load(file);
  try {
    return { ...readHar(text), name };
  } catch (err) {
    if (err instanceof HarError) throw new InputError(`${file}: ${err.message}`);
    throw err;
  }
}

function analyzeCommand(args: string[], io: Io): number {
  const { file, json } = parse(args, { json: true });
  const { exchanges, entries, skipped, name } = readHarFile(file);
  const result = analyze(exchanges);
  const input = { entries, skipped };
  if (json) io.stdout(JSON.stringify(jsonReport(result, input), null, 2) + '\n');
  else io.stdout(textReport(result, input, name, io.isTTY && !io.env.NO_COLOR ? ansi : plain));
  return 0;
}

function redactCommand(args: string[], io: Io): number {
  const { file, output } = parse(args, { output: true });
  if (output === null) throw new UsageError('redact needs -o <out.har> (or -o - for stdout)');
  const { text } = load(file);
  readHarFile(file); // the same validation as analyze: refuse what is not a HAR
  if (output !== '-' && existsSync(output) && realpathSync(output) === realpathSync(file)) {
    throw new UsageError('refusing to overwrite the input file; choose another -o');
  }
  const redacted = JSON.stringify(redactHar(JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)), null, 2) + '\n';
  if (output === '-') io.stdout(redacted);
  else {
    try {
      writeFileSync(output, redacted);
    } catch (err) {
      throw new InputError(`${output}: cannot write (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    io.stderr(`seraph-lens: wrote ${output}\n`);
  }
  return 0;
}

// Run when executed (tsx src/cli/main.ts, or bin/seraph-lens.mjs), not when imported by tests.
const invoked = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invoked === fileURLToPath(import.meta.url) || invoked.endsWith(`${path.sep}seraph-lens.mjs`) || invoked.endsWith(`${path.sep}seraph-lens`)) {
  process.exitCode = main(process.argv.slice(2));
}
