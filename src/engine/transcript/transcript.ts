/**
 * Transcripts in, like HAR: what people paste into tickets (`curl -v`, `curl -i`, `--trace-ascii`,
 * HTTPie `--verbose`, raw HTTP/1.1 and HTTP/2 dumps, a bare curl command) → the engine's RawExchanges.
 * Pure TypeScript without Node or browser APIs: the CLI and the panel share it.
 *
 * Libraries considered (2026-12):
 * - http-parser-js 0.5 (MIT, one file, no dependencies): Node's HTTP/1 parser in JS. Strict and streaming:
 *   it wants the exact bytes of one connection, so prose, `> ` prefixes, trace rows, HTTP/2 (`HTTP/2 401`,
 *   `:status`) and masked values would all need the pre-processing that is the real work here. Not used.
 * - llhttp: Node's own parser, generated C/wasm (the npm package is the llparse generator). Just as strict,
 *   and a wasm blob in the panel. Not used.
 * - curlconverter 4 (MIT): reads curl commands completely, but depends on tree-sitter, tree-sitter-bash
 *   and web-tree-sitter (wasm, asynchronous start), yamljs, lossless-json and jsesc: megabytes for the
 *   panel. Not used.
 * - string-argv 0.3 (MIT, no dependencies, tiny): splits on quotes only; no backslash escapes, `$VAR`,
 *   or shell operators (`| jq .`). Not enough.
 * - shell-quote 1.10 (MIT, no dependencies, ~10 KB unminified; already in the tree through web-ext):
 *   POSIX-like words with quotes, escapes, `$VAR` kept as written through an env callback, operators
 *   recognised. Used for command words (curl-command.ts), on input capped at MAX_COMMAND, and its quote()
 *   to write a command again (write.ts).
 * The HTTP message grammar itself is a few anchored, bounded line patterns (lines.ts) applied to capped
 * lines, and a single-pass state machine (messages.ts): linear in the input, lenient where pastes are.
 * The CLI bundle grew by about 25 KB unminified (this folder and shell-quote).
 */
import type { RawExchange } from '../intake/to-exchange';
import { plainChannels, traceChannels, verboseChannels, type Channels } from './channels';
import { assemble, type Assembled } from './messages';
import { buildExchanges } from './exchanges';
import { capped, commandOf, requestLine, splitLines, startLabel, statusLine, headerLine, type SourceLine } from './lines';
import type { Lack } from './unknown';
import { commandAt } from './curl-command';
import { headersObjectAt } from './objects';

export type InputFormat = 'har' | 'curl' | 'curl-trace' | 'httpie' | 'raw' | 'curl-command' | 'headers-object' | 'unknown';

export interface TranscriptRead {
  format: InputFormat;
  exchanges: RawExchange[];
  /** What the transcript did not give, in words: "request", "response", "scheme", "host", "date", "secret". */
  lacks: Lack[];
  /** Exchanges dropped (past MAX_EXCHANGES) or read from a cut message (a start line or headers past the caps). */
  skipped: number;
}

/** Lines looked at to tell the format: enough for any preamble of prose. */
const DETECT_LINES = 5000;

/** Which kind of paste this is; 'unknown' when it has no HTTP message nor a curl command. */
export function detectInput(text: string): InputFormat {
  return detectLines(splitLines(headOf(text)));
}

/** The first few MB: detection never needs more, and splitting a 100 MB text twice would be waste. */
const headOf = (text: string) => (text.length > 4 * 1024 * 1024 ? text.slice(0, 4 * 1024 * 1024) : text);

function detectLines(lines: readonly SourceLine[]): InputFormat {
  return detectShape(lines).format;
}

/**
 * The format, and the indent of the first HTTP line: a paste may carry up to 8 leading blanks on every
 * line (a Markdown code block: 4; a quote in a mail: a few).
 */
function detectShape(lines: readonly SourceLine[]): { format: InputFormat; indent: number } {
  let indent = -1;
  const format = detectFormat(lines, (k) => {
    if (indent < 0) indent = k;
  });
  return { format, indent: Math.max(0, indent) };
}

function detectFormat(lines: readonly SourceLine[], httpAt: (indent: number) => void): InputFormat {
  const firstAt = lines.findIndex((l) => l.text.trim() !== '');
  const first = firstAt < 0 ? '' : lines[firstAt]!.text.replace(/^\uFEFF/, '').trimStart();
  // JSON (`{ "log": …`), not Jira's `{code}` or `{noformat}` around a paste, nor an object of headers.
  if (/^\{\s*(?:"|\}|$)/.test(first.slice(0, 64)) && !headersObjectAt((k) => lines[firstAt + k]?.text).object) return 'har';
  let object = false;
  let notObjectUntil = -1;
  let message = false;
  let command: 'curl' | 'http' | null = null;
  let verbose = false;
  let skipUntil = -1;
  const n = Math.min(lines.length, DETECT_LINES);
  for (let i = 0; i < n; i++) {
    const line = capped(lines[i]!.text);
    const blank = /^[ \t]{0,8}/.exec(line)![0].length;
    const t = line.slice(blank);
    const trace = t.replace(/^\d\d:\d\d:\d\d\.\d{6} /, '');
    if (trace.startsWith('== Info:') || trace.startsWith('=> Send header') || trace.startsWith('<= Recv header')) return 'curl-trace';
    if ((t.startsWith('> ') && requestLine(t.slice(2))) || (t.startsWith('< ') && statusLine(t.slice(2)))) {
      verbose = true;
      httpAt(blank);
    } else if (requestLine(t) || statusLine(t) || headerLine(t)?.pseudo || startLabel(t) >= 0) {
      message = true;
      httpAt(blank);
    }
    if (!object && i > notObjectUntil && t.trimEnd().endsWith('{')) {
      const found = headersObjectAt((k) => lines[i + k]?.text);
      if (found.object) object = true;
      else notObjectUntil = i + found.seen;
    }
    const c: string | null = command === null && i > skipUntil ? commandOf(t) : null;
    if (c !== null) {
      const found = commandAt((k) => lines[i + k]?.text, c);
      if (found.request) command = /^curl/i.test(c) ? 'curl' : 'http';
      else skipUntil = i + found.last;
    }
  }
  if (verbose) return 'curl';
  if (message) return command === 'curl' ? 'curl' : command === 'http' ? 'httpie' : 'raw';
  if (command === 'curl') return 'curl-command';
  if (object) return 'headers-object';
  return 'unknown';
}

/** What a text that is neither a HAR nor a transcript is told, by the CLI and the panel alike. */
export const NEITHER_HAR_NOR_TRANSCRIPT = 'neither a HAR file nor a transcript (no HTTP request, response or curl command in it)';

/**
 * The format to read a text as, detected: a transcript's kind, or 'har'. A text that is neither but starts like
 * JSON is a HAR to be (the HAR reader names its problem: line, column); null for anything else.
 */
export function readableFormat(text: string): InputFormat | null {
  const detected = detectInput(text);
  if (detected !== 'unknown') return detected;
  const first = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text)?.[0];
  return first === '{' || first === '[' || first === '\ufeff' ? 'har' : null;
}

export class TranscriptError extends Error {
  override readonly name = 'TranscriptError';
}

/** The pieces both the reader and the redacted copy need. */
export interface Parsed {
  format: InputFormat;
  source: SourceLine[];
  channels: Channels;
  assembled: Assembled;
}

/**
 * `format` as the user named it: `curl` covers curl's shapes (-v, -i, --trace-ascii, a command) and the
 * one that fits is taken; any other name is taken as it is.
 */
export function parseTranscript(text: string, format?: InputFormat, withRoles = true): Parsed {
  const source = splitLines(text);
  const { format: detected, indent } = detectShape(source);
  let f = format ?? detected;
  if (f === 'curl' && (detected === 'curl-trace' || detected === 'curl-command')) f = detected;
  if (f === 'har') throw new TranscriptError('a HAR file, not a transcript');
  const verbose = f === 'curl' && source.some((l) => /^[ \t]{0,8}[<>] /.test(l.text.length > 16 ? l.text.slice(0, 16) : l.text));
  const channels = f === 'curl-trace' ? traceChannels(source) : verbose ? verboseChannels(source, indent) : plainChannels(source, indent);
  return { format: f === 'unknown' ? 'unknown' : f, source, channels, assembled: assemble(channels, verbose, withRoles) };
}

export function readTranscript(text: string, format?: InputFormat): TranscriptRead {
  const parsed = parseTranscript(text, format, false);
  const { exchanges, lacks, skipped } = buildExchanges(parsed.assembled);
  const order: Lack[] = ['request', 'response', 'status', 'response-headers', 'scheme', 'host', 'date', 'secret'];
  return { format: parsed.format, exchanges, lacks: order.filter((l) => lacks.has(l)), skipped };
}
