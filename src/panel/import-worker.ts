/**
 * The panel's HAR import, off the main thread: a module worker (bundled by vite from the panel) that reads
 * the File (or pasted text), parses it (a HAR with the slice reader, a transcript with engine/transcript) and
 * runs the engine over it, posting progress on the way and the results in batches. Pure engine code runs here; no extension API is used. Cancelling is terminating it.
 */
import { HarError } from '../engine/har/har';
import { readImportText } from './import-read';
import { createAnalyzer } from '../engine/analysis/analyzer';
import { IMPORT_BATCH, type ImportMessage } from './import-protocol';
import { deriveImport, transferables } from './import-derived';
import { sessionKey } from './model';

interface WorkerScope {
  postMessage(message: ImportMessage, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<{ file: File }>) => void) | null;
}
const scope = self as unknown as WorkerScope;
const post = (m: ImportMessage, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** Progress messages at most this often: enough for a smooth bar, few enough to cost nothing. */
const PROGRESS_EVERY_MS = 50;

scope.onmessage = (e) => {
  void importFile(e.data.file).catch((err: unknown) => {
    post({ type: 'error', message: err instanceof HarError ? err.message : 'could not be read' });
  });
};

async function importFile(file: File): Promise<void> {
  const text = await readText(file);
  post({ type: 'progress', phase: 'parsing', done: 0, total: 0 });
  const { exchanges, skipped, source } = readImportText(text);

  // Each batch goes to the panel as soon as the analyser is past it: the panel takes it in (structured clone,
  // a short task of its own thread) while this worker analyses the next ones.
  const analyzer = createAnalyzer();
  let last = 0;
  for (let i = 0; i < exchanges.length; i += IMPORT_BATCH) {
    const batch = exchanges.slice(i, i + IMPORT_BATCH);
    for (const ex of batch) analyzer.feed(ex);
    post({ type: 'exchanges', batch });
    if (performance.now() - last > PROGRESS_EVERY_MS) {
      last = performance.now();
      post({ type: 'progress', phase: 'analysing', done: i + batch.length, total: exchanges.length });
    }
  }
  const result = analyzer.result();
  // The sessions as the panel's model keeps them (one per key), so the story is built from the same list.
  const sessions = [...new Map(result.sessions.map((s) => [sessionKey(s), s])).values()];
  // What the panel would otherwise compute over the whole log on its main thread when it shows it.
  const derived = deriveImport(exchanges, result.findings, sessions, Date.now());

  const total = result.findings.length;
  for (let i = 0; i < result.findings.length; i += IMPORT_BATCH) {
    post({ type: 'findings', batch: result.findings.slice(i, i + IMPORT_BATCH) });
    post({ type: 'progress', phase: 'loading', done: Math.min(total, i + IMPORT_BATCH), total });
  }
  post({ type: 'done', skipped, sessions, derived, source }, transferables(derived));
}

/**
 * Files up to this size are read in one piece, with no progress while it lasts: reading a stream chunk by
 * chunk took 2-3 times as long (11 MB: 320-720 ms against 110-160 ms, loaded 2-core machine), and such a read
 * is short. Larger files are streamed, so the bar moves while they are read.
 */
const WHOLE_READ_BYTES = 32 * 1024 * 1024;

/**
 * The file as text, UTF-8, with progress by bytes (a truncated multi-byte character becomes U+FFFD, as
 * file.text() does). The bytes are gathered and decoded once: decoding chunk by chunk and joining the parts
 * took a quarter longer (profiled with 150 MB).
 */
async function readText(file: File): Promise<string> {
  post({ type: 'progress', phase: 'reading', done: 0, total: file.size });
  if (file.size <= WHOLE_READ_BYTES) {
    const whole = await file.arrayBuffer();
    post({ type: 'progress', phase: 'reading', done: file.size, total: file.size });
    return new TextDecoder().decode(whole);
  }
  const reader = file.stream().getReader();
  let buffer = new Uint8Array(file.size);
  let bytes = 0;
  let last = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (bytes + value.byteLength > buffer.length) {
      // The file grew while read (size is a snapshot): make room.
      const bigger = new Uint8Array(Math.max(buffer.length * 2, bytes + value.byteLength));
      bigger.set(buffer.subarray(0, bytes));
      buffer = bigger;
    }
    buffer.set(value, bytes);
    bytes += value.byteLength;
    if (performance.now() - last > PROGRESS_EVERY_MS) {
      last = performance.now();
      post({ type: 'progress', phase: 'reading', done: bytes, total: file.size });
    }
  }
  post({ type: 'progress', phase: 'reading', done: file.size, total: file.size });
  return new TextDecoder().decode(buffer.subarray(0, bytes));
}
