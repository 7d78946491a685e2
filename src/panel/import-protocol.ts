/**
 * Messages between the panel and its HAR import worker (import-worker.ts). The worker reads the file,
 * parses it a slice at a time (engine/har/har-slices.ts) and analyses it (the same engine as the live log);
 * the panel's main thread only receives the results in batches small enough to never hold it long.
 */
import type { Exchange, Finding, SessionInfo } from '../engine/types';
import type { ImportDerived } from './import-derived';

/** How the text was read: a HAR, or a transcript in words ("curl -v transcript") with what it lacked. */
export interface ImportedText {
  format?: string;
  lacks?: string[];
}

export type ImportPhase = 'reading' | 'parsing' | 'analysing' | 'loading';

export type ImportMessage =
  /** `done` of `total` for the phase (bytes while reading, entries while analysing); total 0: unknown. */
  | { type: 'progress'; phase: ImportPhase; done: number; total: number }
  | { type: 'exchanges'; batch: Exchange[] }
  | { type: 'findings'; batch: Finding[] }
  /** Last: with what the panel derives from the whole log (import-derived.ts), its typed arrays transferred. */
  | { type: 'done'; skipped: number; sessions: SessionInfo[]; derived: ImportDerived; source: ImportedText }
  /** One line, for the panel's error banner. */
  | { type: 'error'; message: string };

/**
 * Exchanges (or findings) per message: taking a message in (structured clone) is one task of the main
 * thread, so batches are kept small enough for that task to stay short (profiled: ~2,000 exchanges took
 * 50-110 ms on a loaded 2-core machine).
 */
export const IMPORT_BATCH = 400;

/** The share of the bar each phase fills, in order, so the bar only moves forward. */
const WEIGHTS: Record<ImportPhase, [number, number]> = {
  reading: [0, 0.3],
  parsing: [0.3, 0.65],
  analysing: [0.65, 0.9],
  loading: [0.9, 1],
};

/** The whole import's progress, 0..1, from one progress message. */
export function importFraction(phase: ImportPhase, done: number, total: number): number {
  const [from, to] = WEIGHTS[phase];
  const part = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return from + (to - from) * part;
}

export const PHASE_TEXT: Record<ImportPhase, string> = {
  reading: 'Reading',
  parsing: 'Parsing',
  analysing: 'Analysing',
  loading: 'Loading',
};
