/**
 * seraph-lens: analyse or redact HAR files with the extension's engine.
 *   seraph-lens analyze <file.har> [--json]
 *   seraph-lens redact <file.har> -o <out.har|->
 * Exit 0 when analysed (findings or not), 2 for unreadable input or a usage error; never a stack trace.
 */
import { readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarError, checkHarDocument, parseHarJson } from '../engine/har/har';
import { readHarText } from '../engine/har/har-slices';
import { analyze } from '../engine/analysis/analyzer';
import { redactHar } from '../engine/redact/redact';
import { USAGE, UsageError, parseArgs } from './args';
import { jsonReport } from './report-json';
import { textReport, ansi, plain } from './report-text';

export { USAGE };

/** Bad input (file missing, unreadable, not a HAR): one line on stderr, exit 2. */
class InputError extends Error {}

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  /** Where relative file names start; default process.cwd(). */
  cwd?: string;
}

const nodeIo: Io = {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  // `npm run analyze` runs in the package root; the user's relative names start where they typed the command.
  cwd: /^(analyze|redact)$/.test(process.env.npm_lifecycle_event ?? '') && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd(),
};

export function main(argv: string[], io: Io = nodeIo): number {
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') {
      io.stdout(USAGE + '\n');
      return 0;
    }
    if (cmd.command === 'analyze') return analyzeCommand(cmd.file, cmd.json, io);
    return redactCommand(cmd.file, cmd.output, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`seraph-lens: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof InputError) {
      io.stderr(`seraph-lens: ${oneLine(err.message)}\n`);
      return 2;
    }
    // A bug of ours, not bad input: still one line, but say so.
    io.stderr(`seraph-lens: internal error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 70;
  }
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');
const resolve = (io: Io, file: string) => path.resolve(io.cwd ?? process.cwd(), file);

/** The file's text; every way of not having one is an InputError naming the file. */
function load(file: string, io: Io): string {
  const at = resolve(io, file);
  let text: string;
  try {
    if (statSync(at).isDirectory()) throw new InputError(`${file}: is a directory, not a HAR file`);
    text = readFileSync(at, 'utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`);
    if (code === 'ERR_STRING_TOO_LONG') throw new InputError(`${file}: too large to read`);
    throw new InputError(`${file}: cannot read (${code ?? (err as Error).message})`);
  }
  if (text.trim() === '') throw new InputError(`${file}: the file is empty`);
  return text;
}

/** HarError (not JSON, not HAR) → InputError naming the file. */
function asHar<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof HarError) throw new InputError(`${file}: ${err.message}`);
    throw err;
  }
}

function analyzeCommand(file: string, json: boolean, io: Io): number {
  const text = load(file, io);
  // A slice of entries at a time (har-slices.ts): faster than one JSON.parse of it all, same result and errors.
  const { exchanges, entries, skipped } = asHar(file, () => readHarText(text));
  const result = analyze(exchanges);
  const input = { entries, skipped };
  if (json) io.stdout(JSON.stringify(jsonReport(result, input), null, 2) + '\n');
  else io.stdout(textReport(result, input, path.basename(file), io.isTTY && !io.env.NO_COLOR ? ansi : plain));
  return 0;
}

function redactCommand(file: string, output: string, io: Io): number {
  const text = load(file, io);
  const doc = asHar(file, () => {
    const parsed = parseHarJson(text);
    checkHarDocument(parsed); // the same document checks as analyze: refuse what is not a HAR
    return parsed;
  });
  if (output !== '-' && sameFile(resolve(io, file), resolve(io, output))) throw new InputError(`${output}: is the input file; refusing to overwrite it, choose another -o`);
  let redacted: string;
  try {
    redacted = JSON.stringify(redactHar(doc), null, 2) + '\n';
  } catch (err) {
    // JSON.stringify recurses (a few thousand levels) and strings end at 512 MB: the input's fault, not ours.
    if (err instanceof RangeError) throw new InputError(`${file}: too deeply nested or too large to write back as JSON`);
    throw err;
  }
  if (output === '-') {
    io.stdout(redacted);
    return 0;
  }
  try {
    writeFileSync(resolve(io, output), redacted);
  } catch (err) {
    throw new InputError(`${output}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  io.stderr(`seraph-lens: wrote ${output}\n`);
  return 0;
}

/** The same file, also through a symlink or a hard link. */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // the output does not exist yet
  }
}

/** Executed as a program (tsx src/cli/main.ts, or bin/seraph-lens.mjs under any link name), not imported by tests. */
function invokedAsProgram(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const invoked = real(path.resolve(script));
  const self = real(fileURLToPath(import.meta.url));
  const launcher = real(fileURLToPath(new URL('../../bin/seraph-lens.mjs', import.meta.url)));
  return invoked === self || invoked === launcher;
}

if (invokedAsProgram()) {
  // `seraph-lens analyze big.har | head` closes the pipe early: stop quietly instead of a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = main(process.argv.slice(2));
}
