/**
 * Input text → exchanges, whatever it is: a HAR file (har-slices.ts, as before) or a pasted transcript
 * (engine/transcript), detected or named with --input. Also the redacted copy, in the input's own format.
 */
import { readHarText } from '../engine/har/har-slices';
import { toExchange } from '../engine/intake/to-exchange';
import { NEITHER_HAR_NOR_TRANSCRIPT, readTranscript, readableFormat, type InputFormat } from '../engine/transcript/transcript';
import { writeRedactedTranscript } from '../engine/transcript/write';
import type { Exchange } from '../engine/types';
import type { InputKind } from './args';
import { InputError } from './inputs';

/**
 * Transcripts larger than this are refused unless --max-size is given: reading one holds about 6 to 18
 * times its size in memory (a line, its role and its message each), and no paste is this large.
 */
export const TRANSCRIPT_MAX_MB = 128;

/** The same refusal as a file over --max-size, for a transcript over TRANSCRIPT_MAX_MB. */
function checkTranscriptSize(name: string, text: string, limitMb: number | null): void {
  if (limitMb !== null && text.length > limitMb * 1024 * 1024) {
    throw new InputError(`${name}: a transcript larger than ${limitMb} MB (the limit for transcripts; --max-size MB raises it)`);
  }
}

/** The report's `input`: `format` and `lacks` only for transcripts (a HAR's report stays as it was). */
export interface ReportInput {
  entries: number;
  skipped: number;
  format?: InputFormat;
  lacks?: string[];
}

/** The format to read: named, or detected; text that is neither a transcript nor JSON-like is refused here. */
export function formatOf(name: string, text: string, kind: InputKind): InputFormat {
  if (kind === 'har') return 'har';
  if (kind !== null) return kind;
  const format = readableFormat(text);
  if (format === null) throw new InputError(`${name}: ${NEITHER_HAR_NOR_TRANSCRIPT}`);
  return format;
}

/** Exchanges and the report's input block; `readHar` is the HAR path (main.ts turns its errors into InputErrors). */
export function readExchanges(name: string, text: string, kind: InputKind, transcriptMaxMb: number | null = TRANSCRIPT_MAX_MB, readHar = readHarText): { exchanges: Exchange[]; input: ReportInput } {
  const format = formatOf(name, text, kind);
  if (format === 'har') {
    const { exchanges, entries, skipped } = readHar(text);
    return { exchanges, input: { entries, skipped } };
  }
  checkTranscriptSize(name, text, transcriptMaxMb);
  const read = readTranscript(text, format);
  if (read.exchanges.length === 0) throw new InputError(`${name}: no HTTP request or response found (read as ${read.format === 'unknown' ? format : read.format})`);
  const exchanges = read.exchanges.map(toExchange);
  return { exchanges, input: { entries: exchanges.length, skipped: read.skipped, format: read.format, lacks: read.lacks } };
}

/** The redacted transcript in its own format, or null when the input is a HAR (main.ts redacts it as before). */
export function redactTranscriptText(name: string, text: string, kind: InputKind, transcriptMaxMb: number | null = TRANSCRIPT_MAX_MB): string | null {
  const format = formatOf(name, text, kind);
  if (format === 'har') return null;
  checkTranscriptSize(name, text, transcriptMaxMb);
  const read = readTranscript(text, format);
  if (read.exchanges.length === 0) throw new InputError(`${name}: no HTTP request or response found (read as ${format})`);
  return writeRedactedTranscript(text, format);
}
