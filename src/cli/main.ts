/**
 * seraph-lens: analyse or redact HAR files with the extension's engine.
 *   seraph-lens analyze <file.har|transcript|folder|->... [--format text|json|ndjson] [--fail-on error|warning] [--input …]
 *   seraph-lens redact <file.har|transcript|-> -o <out|-> [--input …]
 * Exit 0 when analysed (findings or not), 1 when --fail-on found its level, 2 for unreadable input or a
 * usage error (one line each, never a stack trace), 70 for a bug of ours.
 */
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { HarError, checkHarDocument, convertEntries, parseHarJson } from '../engine/har/har';
import { HarStreamFallback } from '../engine/har/har-stream';
import { analyze, createAnalyzer } from '../engine/analysis/analyzer';
import { redactHar } from '../engine/redact/redact';
import { HarChangedError, redactHarStream } from '../engine/har/redact-stream';
import type { Exchange } from '../engine/types';
import type { AnalysisResult } from '../engine/types';
import { DEFAULT_MAX_MB, USAGE, UsageError, parseArgs, type Command, type FailOn, type Format, type InputKind } from './args';
import { DoctorUsageError, doctorCommand } from './doctor-command';
import { InputError, MB, expandOperand, readInput, readInputChunks, readStdin, streamHarEntries, type InputFile, type ReadOptions } from './inputs';
import { TRANSCRIPT_MAX_MB, readExchanges, redactTranscriptText, type ReportInput } from './read-any';

/** What the input is (--input) and the transcript size limit. */
interface Reading {
  kind: InputKind;
  transcriptMaxMb: number | null;
}
import { jsonReport } from './report-json';
import { writeJson } from './json-out';
import { textReport, ansi, plain } from './report-text';
import { reportContext, ReportWitness, type ReportContext } from './report-story';
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
  /** Standard input for `-` (tests); default: file descriptor 0. */
  stdin?: () => string;
  /** Standard input as text (doctor --token-stdin); default: process.stdin. */
  readStdin?: () => Promise<string>;
  /** In-process tests of doctor: extra trusted certificates (the CLI takes NODE_EXTRA_CA_CERTS). */
  ca?: readonly string[];
}

/** Files over this size get a progress line on stderr when stderr is a terminal. */
export const PROGRESS_BYTES = 50 * MB;

export const EXIT = { ok: 0, failOn: 1, input: 2, internal: 70 } as const;

/** doctor is asynchronous (it asks a site); analyze and redact stay synchronous. */
export function main(argv: string[], io: Io): number | Promise<number> {
  try {
    const cmd = parseArgs(argv);
    if (cmd.command === 'doctor') return doctor(cmd, io);
    if (cmd.command === 'help') {
      io.stdout(USAGE + '\n');
      return EXIT.ok;
    }
    if (cmd.command === 'version') {
      io.stdout(CLI_VERSION + '\n');
      return EXIT.ok;
    }
    // Transcripts have a lower limit of their own, unless --max-size says otherwise (read-any.ts).
    const transcriptMaxMb = cmd.maxMb === DEFAULT_MAX_MB ? TRANSCRIPT_MAX_MB : null;
    if (cmd.command === 'analyze') return analyzeCommand(cmd.files, cmd.format, cmd.failOn, cmd.maxMb * MB, io, { kind: cmd.input ?? null, transcriptMaxMb });
    return redactCommand(cmd.file, cmd.output, cmd.maxMb * MB, io, { kind: cmd.input ?? null, transcriptMaxMb });
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

async function doctor(cmd: Extract<Command, { command: 'doctor' }>, io: Io): Promise<number> {
  try {
    return await doctorCommand(cmd, {
      stdout: io.stdout,
      stderr: io.stderr,
      env: io.env,
      readStdin: io.readStdin ?? readProcessStdin,
      style: colour(io) ? ansi : plain,
      ...(io.ca ? { ca: io.ca } : {}),
    });
  } catch (err) {
    if (err instanceof DoctorUsageError) {
      io.stderr(`seraph-lens: ${oneLine(err.message)}\n`);
      return EXIT.input;
    }
    io.stderr(internalLine(err));
    return EXIT.internal;
  }
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
  input: ReportInput;
  /** The story per site and the requests per origin, for the text report (only it asks: JSON skips the work). */
  context: () => ReportContext;
}

/** `-` is standard input; anything else a file. */
const STDIN = '-';
const stdinFile = (): InputFile => ({ name: STDIN, at: STDIN });

function readText(file: InputFile, opts: ReadOptions, io: Io): string {
  if (file.at !== STDIN) return readInput(file, opts);
  const text = io.stdin ? io.stdin() : readStdin(STDIN, opts);
  if (text.length > opts.maxBytes) throw new InputError(`${STDIN}: larger than ${Math.round((opts.maxBytes / MB) * 10) / 10} MB (the limit; --max-size MB raises it)`);
  if (!/\S/.test(text)) throw new InputError(`${STDIN}: standard input is empty`);
  return text;
}

/** `story`: the text report will ask for the context (JSON and NDJSON never do: the stream then keeps nothing for it). */
function analyseFile(file: InputFile, maxBytes: number, io: Io, reading: Reading, story: boolean): Analysed {
  const progress = file.at === STDIN ? null : progressFor(io, file);
  try {
    // A HAR file is streamed: read a megabyte at a time, cut between entries (har-stream.ts), each slice's
    // exchanges fed to the analyser and let go; memory follows the largest entry, not the file.
    if (streams(file, reading)) {
      try {
        return analyseStreamed(file, progress ? { maxBytes, progress: progress.step('analysing') } : { maxBytes }, story);
      } catch (err) {
        if (!(err instanceof HarStreamFallback)) throw err;
      }
    }
    // Standard input, a transcript, or what the stream hands back (not JSON, not a HAR, odd shapes): the
    // whole text, for the usual result or the usual one-line error.
    const text = readText(file, { maxBytes, ...(progress ? { progress: progress.read } : {}) }, io);
    progress?.analysing();
    // HAR: a slice of entries at a time (har-slices.ts), same result and errors as one JSON.parse.
    // A transcript: read by engine/transcript, detected or named by --input.
    const { exchanges, input } = asHar(file.name, () => readExchanges(file.name, text, reading.kind, reading.transcriptMaxMb));
    const result = analyze(exchanges);
    // Told now, so that the exchanges are not held while the report is written.
    const context = reportContext(exchanges, result);
    return { result, input, context: () => context };
  } finally {
    progress?.done();
  }
}

/**
 * Streamed: a file (not standard input) read as a HAR, by --input har or detected. Detection calls any text
 * whose first line opens a JSON object a HAR (transcript.ts), and the stream reads nothing else, so a text the
 * stream reads is one the whole-text path would have read as a HAR too.
 */
const streams = (file: InputFile, reading: Reading) => file.at !== STDIN && (reading.kind === null || reading.kind === 'har');

function analyseStreamed(file: InputFile, read: ReadOptions, story: boolean): Analysed {
  const analyzer = createAnalyzer();
  const witness = new ReportWitness();
  let fed = 0;
  const batch: Exchange[] = [];
  const { entries } = streamHarEntries(file, read, (list, first) => {
    convertEntries(list, first, batch);
    if (story) for (const ex of batch) witness.note(ex, analyzer.feed(ex));
    else for (const ex of batch) analyzer.feed(ex);
    fed += batch.length;
    batch.length = 0;
  });
  const result = analyzer.result();
  const context = () => {
    if (!story) throw new Error('the report context was not kept');
    return witness.context(result);
  };
  return { result, input: { entries, skipped: entries - fed }, context };
}

const worst = (result: AnalysisResult, failOn: FailOn) =>
  failOn !== null && result.findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));

function analyzeCommand(operands: string[], format: Format, failOn: FailOn, maxBytes: number, io: Io, reading: Reading): number {
  // One file named on the command line: exactly the findings.md output, as before. Folders or several
  // names: every file is reported, in order, and a bad one does not stop the others.
  const single = operands.length === 1 && (operands[0] === STDIN || !isDirectory(operands[0]!, io));
  if (single) {
    const file = operands[0] === STDIN ? stdinFile() : { name: operands[0]!, at: path.resolve(cwdOf(io), operands[0]!) };
    const { result, input, context } = analyseFile(file, maxBytes, io, reading, format === 'text');
    // In pieces: a large file's thousands of findings are never one string.
    if (format === 'json') writeJson(jsonReport(result, input), io.stdout);
    else if (format === 'ndjson') io.stdout(JSON.stringify({ file: file.name, ...jsonReport(result, input) }) + '\n');
    else io.stdout(textReport(result, input, path.basename(file.name), colour(io) ? ansi : plain, context()));
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
      files = operand === STDIN ? [stdinFile()] : expandOperand(operand, cwdOf(io));
    } catch (err) {
      problem(operand, err);
      continue;
    }
    for (const file of files) {
      let done: Analysed;
      try {
        done = analyseFile(file, maxBytes, io, reading, format === 'text');
      } catch (err) {
        problem(file.name, err);
        continue;
      }
      analysed++;
      const { result, input, context } = done;
      for (const f of result.findings) counts[f.severity]++;
      if (worst(result, failOn)) failed = true;
      if (format === 'ndjson') io.stdout(JSON.stringify({ file: file.name, ...jsonReport(result, input) }) + '\n');
      else if (format === 'json') json.push({ file: file.name, ...jsonReport(result, input) });
      else io.stdout((analysed > 1 ? '\n' : '') + textReport(result, input, file.name, style, context()));
    }
  }
  if (format === 'json') writeJson(json, io.stdout);
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

function redactCommand(file: string, output: string, maxBytes: number, io: Io, reading: Reading): number {
  const input = file === STDIN ? stdinFile() : { name: file, at: path.resolve(cwdOf(io), file) };
  if (streams(input, reading) && redactStreamed(input, output, maxBytes, io)) return EXIT.ok;
  const progress = file === STDIN ? null : progressFor(io, input);
  let text: string;
  try {
    text = readText(input, { maxBytes, ...(progress ? { progress: progress.read } : {}) }, io);
  } finally {
    progress?.done();
  }
  const out = path.resolve(cwdOf(io), output);
  if (output !== '-' && file !== STDIN && sameFile(input.at, out)) throw new InputError(`${output}: is the input file; refusing to overwrite it, choose another -o`);
  // A transcript is written back in its own format; a HAR as a HAR.
  let redacted = redactTranscriptText(file, text, reading.kind, reading.transcriptMaxMb);
  if (redacted === null) {
    const doc = asHar(file, () => {
      const parsed = parseHarJson(text);
      checkHarDocument(parsed); // the same document checks as analyze: refuse what is not a HAR
      return makeWellFormed(parsed);
    });
    try {
      redacted = JSON.stringify(redactHar(doc), null, 2) + '\n';
    } catch (err) {
      // JSON.stringify recurses (a few thousand levels) and strings end at 512 MB: the input's fault, not ours.
      if (err instanceof RangeError) throw new InputError(`${file}: too deeply nested or too large to write back as JSON`);
      throw err;
    }
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

/**
 * A HAR file redacted by the stream (redact-stream.ts): two passes over the file, a megabyte at a time, the
 * output written as it is made. Pass 1 reads and checks everything before anything is written or the output
 * file is created. False, with nothing written, when the stream hands the text back (redactCommand then reads
 * it whole: a transcript, not JSON, not a HAR, odd shapes).
 */
function redactStreamed(input: InputFile, output: string, maxBytes: number, io: Io): boolean {
  const out = path.resolve(cwdOf(io), output);
  const progress = progressFor(io, input);
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
      (push) => readInputChunks(input, progress ? { maxBytes, progress: progress.step(pass++ === 0 ? 'reading' : 'redacting') } : { maxBytes }, push),
      (s) => (sink ??= openSink()).write(s),
      { prepare: makeWellFormed },
    );
    // Something is always written (at least the document around the entries), so the sink exists.
    (sink ??= openSink()).close();
    if (output !== '-') io.stderr(`seraph-lens: wrote ${output}\n`);
    return true;
  } catch (err) {
    (sink as { close: () => void } | null)?.close();
    if (err instanceof HarChangedError) throw new InputError(`${input.name}: ${err.message}`);
    if (err instanceof RangeError) throw new InputError(`${input.name}: too deeply nested or too large to write back as JSON`);
    if (!(err instanceof HarStreamFallback)) throw err;
    return false;
  } finally {
    progress?.done();
  }
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
