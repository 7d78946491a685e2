/**
 * Starts a HAR import in its own worker (import-worker.ts) and gathers the batches it posts. The panel's
 * main thread only appends batches and updates a progress bar; cancel() terminates the worker, and nothing
 * of a cancelled or failed import reaches the view.
 */
import type { Exchange, Finding, SessionInfo } from '../engine/types';
import { importFraction, PHASE_TEXT, type ImportMessage } from './import-protocol';
import type { ImportDerived } from './import-derived';

export interface ImportedHar {
  exchanges: Exchange[];
  findings: Finding[];
  /** The findings by entry, indexed as the batches came in (each its own short task). */
  findingsByEntry: Map<number, Finding[]>;
  /** Exchanges answered 401, counted as they came in. */
  unauthorized: number;
  sessions: SessionInfo[];
  skipped: number;
  derived: ImportDerived;
  /** Set when the text was a transcript, not a HAR. */
  format?: string;
  lacks?: string[];
}

export interface ImportProgress {
  /** 0..1 of the whole import. */
  fraction: number;
  /** "Parsing", "Analysing 12,000 of 75,000", … */
  text: string;
}

export class ImportCancelled extends Error {}
/** The file could not be imported; `message` is the one line the error banner shows. */
export class ImportFailed extends Error {}

export interface RunningImport {
  result: Promise<ImportedHar>;
  cancel(): void;
}

export function startImport(file: File, onProgress: (p: ImportProgress) => void): RunningImport {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  const exchanges: Exchange[] = [];
  const findings: Finding[] = [];
  const findingsByEntry = new Map<number, Finding[]>();
  let unauthorized = 0;
  let lastPhase = '';
  let lastFraction = -1;
  let settle: { resolve(r: ImportedHar): void; reject(e: Error): void } | null = null;
  const result = new Promise<ImportedHar>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const finish = (f: (s: NonNullable<typeof settle>) => void) => {
    worker.terminate();
    if (settle) f(settle);
    settle = null;
  };
  worker.onmessage = (e: MessageEvent<ImportMessage>) => {
    const m = e.data;
    switch (m.type) {
      case 'progress': {
        // Every update re-renders the panel: at most one per percent of the bar or new phase.
        const fraction = importFraction(m.phase, m.done, m.total);
        if (m.phase === lastPhase && fraction - lastFraction < 0.01) break;
        lastPhase = m.phase;
        lastFraction = fraction;
        const counts = m.phase === 'analysing' && m.total ? ` ${m.done.toLocaleString('en')} of ${m.total.toLocaleString('en')} entries` : m.phase === 'reading' && m.total ? ` ${mb(m.done)} of ${mb(m.total)}` : '';
        onProgress({ fraction, text: `${PHASE_TEXT[m.phase]}${counts}…` });
        break;
      }
      case 'exchanges':
        for (const ex of m.batch) {
          exchanges.push(ex);
          if (ex.status === 401) unauthorized++;
        }
        break;
      case 'findings':
        for (const f of m.batch) {
          findings.push(f);
          const list = findingsByEntry.get(f.entry);
          if (list) list.push(f);
          else findingsByEntry.set(f.entry, [f]);
        }
        break;
      case 'done':
        finish((s) => s.resolve({ exchanges, findings, findingsByEntry, unauthorized, sessions: m.sessions, skipped: m.skipped, derived: m.derived, ...m.source }));
        break;
      case 'error':
        finish((s) => s.reject(new ImportFailed(m.message)));
        break;
    }
  };
  worker.onerror = (e) => {
    e.preventDefault();
    finish((s) => s.reject(new ImportFailed('could not be read')));
  };
  worker.postMessage({ file });
  return { result, cancel: () => finish((s) => s.reject(new ImportCancelled('cancelled'))) };
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(bytes < 10_485_760 ? 1 : 0)} MB`;
}
