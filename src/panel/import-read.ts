/**
 * The text of an imported file or a paste → exchanges: a HAR (the slice reader, as before) or a transcript
 * (engine/transcript: curl -v, HTTPie, raw HTTP, a curl command), detected as the CLI detects it. Runs in the
 * import worker; a text that is neither gets a one-line error for the panel's banner.
 */
import { SLICE_CHARS, readHarText } from '../engine/har/har-slices';
import { HarError } from '../engine/har/har';
import { IMPORT_VIEW, toExchangeKeeping } from '../engine/intake/to-exchange';
import { NEITHER_HAR_NOR_TRANSCRIPT, readTranscript, readableFormat } from '../engine/transcript/transcript';
import { LACK_SHORT, formatName } from '../engine/transcript/names';
import type { Lack } from '../engine/transcript/unknown';
import type { Exchange } from '../engine/types';
import type { ImportedText } from './import-protocol';

export interface ReadText {
  exchanges: Exchange[];
  skipped: number;
  source: ImportedText;
}

export function readImportText(text: string): ReadText {
  const format = readableFormat(text);
  if (format === null) throw new HarError(NEITHER_HAR_NOR_TRANSCRIPT);
  if (format === 'har') {
    const { exchanges, skipped } = readHarText(text, SLICE_CHARS, IMPORT_VIEW);
    return { exchanges, skipped, source: {} };
  }
  const read = readTranscript(text, format);
  if (read.exchanges.length === 0) throw new HarError(`no HTTP request or response found (read as ${formatName(format)})`);
  return {
    exchanges: read.exchanges.map((raw) => toExchangeKeeping(raw, IMPORT_VIEW)),
    skipped: read.skipped,
    source: { format: formatName(read.format === 'unknown' ? format : read.format), lacks: read.lacks.map((l) => LACK_SHORT[l as Lack] ?? l) },
  };
}
