/**
 * seraph-lens: analyse or redact HAR files with the extension's engine.
 *   seraph-lens analyze <file.har|folder>... [--format text|json|ndjson] [--fail-on error|warning]
 *   seraph-lens redact <file.har> -o <out.har|->
 * Exit 0 when analysed (findings or not), 1 when --fail-on found its level, 2 for unreadable input or a
 * usage error (one line each, never a stack trace), 70 for a bug of ours.
 */
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { HarError, checkHarDocument, convertEntries, parseHarJson } from '../engine/har/har';
import { readHarText } from '../engine/har/har-slices';
import { HarEntryStream, HarStreamFallback } from '../engine/har/har-stream';
import { analyze, createAnalyzer } from '../engine/analysis/analyzer';
import { redactHar } from '../engine/redact/redact';
import { HarChangedError, redactHarStream } from '../engine/redact/redact-stream';
import type { Exchange } from '../engine/types';
import type { AnalysisResult } from '../engine/types';
import { USAGE, UsageError, parseArgs, type FailOn, type Format } from './args';
import { InputError, MB, expandOperand, readInput, readInputChunks, type InputFile } from './inputs';
import { jsonReport } from './report-json';
import { textReport, ansi, plain } from './report-text';
import { CLI_VERSION } from './version';
import { makeWellFormed } from './well-formed';

export { USAGE };

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  /** stdout is a terminal: colour (unless NO_COLOR). */
  isTTY: boolean;
  /** stderr is a terminal: a progress line for large files. */
  stderrIsTTY?: boolean;
  env: Record<string, string | undefined>;
  /** Where relative file names start; default process.cwd(). */
  cwd?: string;
}

/** Files over this size get a progress line on stderr when stderr is a terminal. */
export const PROGRESS_BYTES = 50 * MB;

export const EXIT = { ok: 0, failOn: 1, input: 2, internal: 70 } as const;

export function main(argv: string[], io: Io): number {
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'help') {
      io.stdout(USAGE + '\n');
      return EXIT.ok;
    }
    if (cmd.command === 'version') {
      io.stdout(CLI_VERSION + '\n');
      return EXIT.ok;
    }
    if (cmd.command === 'analyze') return analyzeCommand(cmd.files, cmd.format, cmd.failOn, cmd.maxMb * MB, io);
    return redactCommand(cmd.file, cmd.output, cmd.maxMb * MB, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`seraph-lens: ${err.message}\n${USAGE}\n`);
      return EXIT.input;
    }
    if (err instanceof InputError) {
      io.stderr(`seraph-lens: ${oneLine(err.message)}\n`);
      return EXIT.input;
    }
    io.stderr(internalLine(err));
    return EXIT.internal;
  }
}

// A bug of ours, not bad input: still one line, but say so.
const internalLine = (err: unknown) => `seraph-lens: internal error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`;
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');
const cwdOf = (io: Io) => io.cwd ?? process.cwd();
/** NO_COLOR (no-color.org): present and not empty means no colour. */
const colour = (io: Io) => io.isTTY && !io.env.NO_COLOR;

/** HarError (not JSON, not HAR) → InputError naming the file. */
function asHar<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof HarError) throw new InputError(`${file}: ${err.message}`);
    throw err;
  }
}

/** A progress line on stderr (a terminal only) for a large file: rewritten in place, erased when done. */
function progressFor(io: Io, file: InputFile) {
  let size = 0;
  try {
    size = statSync(file.at).size;
  } catch {
    // readInput says what is wrong with it
  }
  if (!io.stderrIsTTY || size <= PROGRESS_BYTES) return null;
  const mb = (n: number) => `${Math.round(n / MB)}`;
  const show = (s: string) => io.stderr(`\r\x1b[K${s}`);
  return {
    read: (done: number, total: number) => show(`seraph-lens: ${file.name}: reading ${mb(done)} of ${mb(total)} MB`),
    /** A streamed pass: what it does to the part read so far (analysing, redacting). */
    step: (doing: string) => (done: number, total: number) => show(`seraph-lens: ${file.name}: ${doing} ${mb(done)} of ${mb(total)} MB`),
    analysing: () => show(`seraph-lens: ${file.name}: analysing ${mb(size)} MB…`),
    done: () => io.stderr('\r\x1b[K'),
  };
}

interface Analysed {
  result: AnalysisResult;
  input: { entries: number; skipped: number };
}

function analyseFile(file: InputFile, maxBytes: number, io: Io): Analysed {
  const progress = progressFor(io, file);
  try {
    // Streamed: the file is read a megabyte at a time, cut between entries (har-stream.ts), and each slice's
    // exchanges are fed to the analyser and let go; memory follows the largest entry, not the file.
    try {
      return analyseStreamed(file, progress ? { maxBytes, progress: progress.step('analysing') } : { maxBytes });
    } catch (err) {
      if (!(err instanceof HarStreamFallback)) throw err;
    }
    // Not JSON, not a HAR, or a shape the stream does not read: the whole text, for the usual result or error.
    const text = readInput(file, progress ? { maxBytes, progress: progress.read } : { maxBytes });
    progress?.analysing();
    const { exchanges, entries, skipped } = asHar(file.name, () => readHarText(text));
    return { result: analyze(exchanges), input: { entries, skipped } };
  } finally {
    progress?.done();
  }
}

function analyseStreamed(file: InputFile, read: { maxBytes: number; progress?: (done: number, total: number) => void }): Analysed {
  const analyzer = createAnalyzer();
  let fed = 0;
  const batch: Exchange[] = [];
  const stream = new HarEntryStream((list, first) => {
    convertEntries(list, first, batch);
    for (const ex of batch) analyzer.feed(ex);
    fed += batch.length;
    batch.length = 0;
  });
  readInputChunks(file, read, (chunk) => stream.push(chunk));
  const { entries } = stream.end();
  return { result: analyzer.result(), input: { entries, skipped: entries - fed } };
}

const worst = (result: AnalysisResult, failOn: FailOn) =>
  failOn !== null && result.findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));

function analyzeCommand(operands: string[], format: Format, failOn: FailOn, maxBytes: number, io: Io): number {
  // One file named on the command line: exactly the findings.md output, as before. Folders or several
  // names: every file is reported, in order, and a bad one does not stop the others.
  const single = operands.length === 1 && !isDirectory(operands[0]!, io);
  if (single) {
    const file = { name: operands[0]!, at: path.resolve(cwdOf(io), operands[0]!) };
    const { result, input } = analyseFile(file, maxBytes, io);
    if (format === 'json') io.stdout(JSON.stringify(jsonReport(result, input), null, 2) + '\n');
    else if (format === 'ndjson') io.stdout(JSON.stringify({ file: file.name, ...jsonReport(result, input) }) + '\n');
    else io.stdout(textReport(result, input, path.basename(file.name), colour(io) ? ansi : plain));
    return worst(result, failOn) ? EXIT.failOn : EXIT.ok;
  }

  let unreadable = 0;
  let internal = 0;
  let failed = false;
  let analysed = 0;
  const counts = { error: 0, warning: 0, info: 0 };
  const json: unknown[] = [];
  const style = colour(io) ? ansi : plain;
  const problem = (name: string, err: unknown) => {
    let line: string;
    if (err instanceof InputError) {
      unreadable++;
      line = oneLine(err.message);
      io.stderr(`seraph-lens: ${line}\n`);
    } else {
      internal++;
      line = internalLine(err).slice('seraph-lens: '.length, -1);
      io.stderr(internalLine(err));
    }
    const record = { file: name, error: line.startsWith(`${name}: `) ? line.slice(name.length + 2) : line };
    if (format === 'ndjson') io.stdout(JSON.stringify(record) + '\n');
    else if (format === 'json') json.push(record);
  };
  for (const operand of operands) {
    let files: InputFile[];
    try {
      files = expandOperand(operand, cwdOf(io));
    } catch (err) {
      problem(operand, err);
      continue;
    }
    for (const file of files) {
      let done: Analysed;
      try {
        done = analyseFile(file, maxBytes, io);
      } catch (err) {
        problem(file.name, err);
        continue;
      }
      analysed++;
      const { result, input } = done;
      for (const f of result.findings) counts[f.severity]++;
      if (worst(result, failOn)) failed = true;
      if (format === 'ndjson') io.stdout(JSON.stringify({ file: file.name, ...jsonReport(result, input) }) + '\n');
      else if (format === 'json') json.push({ file: file.name, ...jsonReport(result, input) });
      else io.stdout((analysed > 1 ? '\n' : '') + textReport(result, input, file.name, style));
    }
  }
  if (format === 'json') io.stdout(JSON.stringify(json, null, 2) + '\n');
  if (format === 'text') {
    const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
    io.stdout(
      `\n${style.bold(`${n(analysed, 'file')} analysed${unreadable + internal ? `, ${n(unreadable + internal, 'file')} not` : ''}: ` +
        `${n(counts.error, 'error')}, ${n(counts.warning, 'warning')}, ${counts.info} info`)}\n`,
    );
  }
  if (internal) return EXIT.internal;
  if (unreadable) return EXIT.input;
  return failed ? EXIT.failOn : EXIT.ok;
}

function isDirectory(name: string, io: Io): boolean {
  try {
    return statSync(path.resolve(cwdOf(io), name)).isDirectory();
  } catch {
    return false;
  }
}

function redactCommand(file: string, output: string, maxBytes: number, io: Io): number {
  const input = { name: file, at: path.resolve(cwdOf(io), file) };
  const out = path.resolve(cwdOf(io), output);
  const progress = progressFor(io, input);
  const read = { maxBytes };
  // Streamed (redact-stream.ts): two passes over the file, a megabyte at a time, the output written as it is
  // made. Pass 1 reads and checks everything before anything is written or the output file is created.
  let sink: { write: (s: string) => void; close: () => void } | null = null;
  const openSink = () => {
    if (output !== '-' && sameFile(input.at, out)) throw new InputError(`${output}: is the input file; refusing to overwrite it, choose another -o`);
    if (output === '-') return { write: (s: string) => io.stdout(s), close: () => {} };
    let fd: number;
    try {
      fd = openSync(out, 'w');
    } catch (err) {
      throw new InputError(`${output}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    return {
      write: (s: string) => {
        try {
          writeSync(fd, s);
        } catch (err) {
          throw new InputError(`${output}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        }
      },
      close: () => closeSync(fd),
    };
  };
  try {
    let pass = 0;
    redactHarStream(
      (push) => readInputChunks(input, progress ? { maxBytes, progress: progress.step(pass++ === 0 ? 'reading' : 'redacting') } : read, push),
      (s) => (sink ??= openSink()).write(s),
      { prepare: makeWellFormed },
    );
    // An empty document is still written in one piece, so the sink exists.
    (sink ??= openSink()).close();
    if (output !== '-') io.stderr(`seraph-lens: wrote ${output}\n`);
    return EXIT.ok;
  } catch (err) {
    (sink as { close: () => void } | null)?.close();
    if (err instanceof HarChangedError) throw new InputError(`${file}: ${err.message}`);
    if (err instanceof RangeError) throw new InputError(`${file}: too deeply nested or too large to write back as JSON`);
    if (!(err instanceof HarStreamFallback)) throw err;
  } finally {
    progress?.done();
  }
  // (no progress line: it was erased, and this path is for what the stream could not read, rarely large)
  return redactWhole(input, output, out, read, io);
}

/** The whole text in memory: for what the stream does not read (not JSON, not a HAR, odd shapes), the usual result or error. */
function redactWhole(input: InputFile, output: string, out: string, read: { maxBytes: number }, io: Io): number {
  const file = input.name;
  const text = readInput(input, read);
  const doc = asHar(file, () => {
    const parsed = parseHarJson(text);
    checkHarDocument(parsed); // the same document checks as analyze: refuse what is not a HAR
    return makeWellFormed(parsed);
  });
  if (output !== '-' && sameFile(input.at, out)) throw new InputError(`${output}: is the input file; refusing to overwrite it, choose another -o`);
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
    return EXIT.ok;
  }
  try {
    writeFileSync(out, redacted);
  } catch (err) {
    throw new InputError(`${output}: cannot write (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  io.stderr(`seraph-lens: wrote ${output}\n`);
  return EXIT.ok;
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
