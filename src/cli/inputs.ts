/**
 * From the command line's names to HAR texts: folders walked for *.har, and only regular files of a
 * stated size read. A device (/dev/urandom, /dev/zero), a FIFO or a socket is refused before it is
 * opened (opening a FIFO for reading would wait for a writer), and no file is read past its limit: a
 * file that grows while it is read is refused too, not followed.
 */
import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { isAscii } from 'node:buffer';
import { HarEntryStream, type HarStreamEnd, type OnEntries } from '../engine/har/har-stream';

/** Bad input (file missing, unreadable, not a HAR): one line on stderr, exit 2. */
export class InputError extends Error {}

export const MB = 1024 * 1024;

/** A file to read: the name as the user will recognise it, and its absolute path. */
export interface InputFile {
  name: string;
  at: string;
}

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function statOf(name: string, at: string): Stats {
  try {
    return statSync(at);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${name}: no such file`);
    if (code === 'ELOOP') throw new InputError(`${name}: too many levels of symbolic links`);
    throw new InputError(`${name}: cannot read (${code ?? (err as Error).message})`);
  }
}

/**
 * One operand of `analyze`: a file, or a folder whose *.har files (any case, recursively, sorted, not
 * following symlinked folders) are taken. Each problem is an InputError for that operand.
 */
export function expandOperand(name: string, cwd: string): InputFile[] {
  const at = path.resolve(cwd, name);
  const st = statOf(name, at);
  if (st.isFile()) return [{ name, at }];
  if (!st.isDirectory()) throw new InputError(`${name}: ${kindOf(st)}, not a HAR file`);
  const found: InputFile[] = [];
  walk(at, name, found);
  if (found.length === 0) throw new InputError(`${name}: a folder with no .har file in it`);
  return found;
}

function walk(dirAt: string, dirName: string, into: InputFile[]): void {
  let items;
  try {
    items = readdirSync(dirAt, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`${dirName}: cannot list the folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const item of items) {
    const at = path.join(dirAt, item.name);
    const name = path.join(dirName, item.name);
    if (item.isDirectory()) walk(at, name, into);
    else if (/\.har$/i.test(item.name) && (item.isFile() || item.isSymbolicLink())) into.push({ name, at });
  }
}

export interface ReadOptions {
  maxBytes: number;
  /** Called while a large file is read (bytes so far, of total); at most every 16 MB. */
  progress?: (done: number, total: number) => void;
}

const CHUNK = 16 * MB;

/** An open regular file within the limit; every way of not having one is an InputError naming the file. */
function openInput(file: InputFile, opts: ReadOptions): { fd: number; size: number; tooLarge: () => InputError } {
  const { name, at } = file;
  const st = statOf(name, at);
  if (st.isDirectory()) throw new InputError(`${name}: is a directory, not a HAR file`);
  if (!st.isFile()) throw new InputError(`${name}: ${kindOf(st)}, not a HAR file`);
  const tooLarge = () => new InputError(`${name}: larger than ${Math.round((opts.maxBytes / MB) * 10) / 10} MB (the limit; --max-size MB raises it)`);
  if (st.size > opts.maxBytes) throw tooLarge();
  let fd: number;
  try {
    // O_NONBLOCK: should the name have become a FIFO since the stat, opening it does not wait for a writer.
    fd = openSync(at, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new InputError(`${name}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputError(`${name}: not a regular file, not a HAR file`);
  } catch (err) {
    closeSync(fd);
    if (err instanceof InputError) throw err;
    throw new InputError(`${name}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return { fd, size: st.size, tooLarge };
}

/**
 * Bytes read from disk at a time by readInputChunks. Small enough that each chunk's string is made in V8's
 * young generation: from 128 KB up, every chunk is a fresh large object (a megabyte's string, made outside
 * the heap, took 7 times as long as 64 KB ones: decoding was a tenth of a large HAR's analysis).
 */
export const STREAM_CHUNK_BYTES = 64 * 1024;

/**
 * The file's text as UTF-8 chunks handed to `onChunk` (a character split across two reads is kept whole), read
 * from disk 64 KB at a time: never the whole file in memory. The same checks and errors as readInput,
 * the empty file included (after the last chunk), and the same text: a chunk ends before an incomplete UTF-8
 * sequence at its end, whose bytes start the next read, so each piece decodes as it would in the whole file.
 */
export function readInputChunks(file: InputFile, opts: ReadOptions, onChunk: (text: string) => void): void {
  const { name } = file;
  const { fd, size, tooLarge } = openInput(file, opts);
  const buf = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
  let carried = 0; // bytes of an incomplete character at the start of buf, from the previous read
  let length = 0;
  let reported = 0;
  let blank = true;
  const give = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    // Most HAR files are ASCII: Latin-1 is then the same text, and much faster to make than UTF-8.
    const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    if (blank && /\S/.test(text)) blank = false;
    onChunk(text);
  };
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, carried, buf.length - carried, null);
      } catch (err) {
        throw new InputError(`${name}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      if (n === 0) break;
      length += n;
      if (length > opts.maxBytes) throw tooLarge();
      if (opts.progress && length - reported >= CHUNK) opts.progress((reported = length), size);
      const end = carried + n;
      const whole = completeUtf8(buf, end);
      give(buf.subarray(0, whole));
      buf.copy(buf, 0, whole, end);
      carried = end - whole;
    }
    give(buf.subarray(0, carried)); // a sequence the file never completes: decoded as readInput would
  } finally {
    closeSync(fd);
  }
  if (blank) throw new InputError(`${name}: the file is empty`);
}

/** Where the last UTF-8 sequence of buf[0, end) starts when the bytes end before it does; else end. */
export function completeUtf8(buf: Uint8Array, end: number): number {
  for (let i = end - 1; i >= 0 && i >= end - 3; i--) {
    const b = buf[i]!;
    if (b < 0x80) return end; // ASCII: complete
    if (b >= 0xc0) {
      // A lead byte: the sequence needs 2, 3 or 4 bytes.
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return end - i < need ? i : end;
    }
    // A continuation byte: look further back for its lead.
  }
  return end;
}

/** The file's text, UTF-8; every way of not having one is an InputError naming the file. */
export function readInput(file: InputFile, opts: ReadOptions): string {
  const { name } = file;
  const { fd, size, tooLarge } = openInput(file, opts);
  let buf: Buffer;
  let length = 0;
  let reported = 0;
  try {
    // Sized by the stat, grown if the file is longer than it said (never past the limit).
    buf = Buffer.allocUnsafe(Math.min(opts.maxBytes + 1, Math.max(size + 1, 64 * 1024)));
    for (;;) {
      if (length === buf.length) {
        if (length > opts.maxBytes) throw tooLarge();
        const bigger = Buffer.allocUnsafe(Math.min(opts.maxBytes + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      const n = readSync(fd, buf, length, Math.min(CHUNK, buf.length - length), null);
      if (n === 0) break;
      length += n;
      if (opts.progress && length - reported >= CHUNK) opts.progress((reported = length), size);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${name}: cannot read (${code ?? (err as Error).message})`);
  } finally {
    closeSync(fd);
  }
  if (length > opts.maxBytes) throw tooLarge();
  let text: string;
  try {
    text = buf.toString('utf8', 0, length);
  } catch {
    throw new InputError(`${name}: too large to read`);
  }
  if (!/\S/.test(text)) throw new InputError(`${name}: the file is empty`);
  return text;
}

/** Standard input (`-`) as text, read up to the limit: a pipe (`pbpaste | seraph-lens analyze -`) or a file. */
export function readStdin(name: string, opts: ReadOptions, fd = 0): string {
  const chunks: Buffer[] = [];
  let length = 0;
  const buf = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A non-blocking pipe with nothing in it yet: wait a little and ask again.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break; // Windows: the pipe was closed
      throw new InputError(`${name}: cannot read standard input (${code ?? (err as Error).message})`);
    }
    if (n === 0) break;
    length += n;
    if (length > opts.maxBytes) throw new InputError(`${name}: larger than ${Math.round((opts.maxBytes / MB) * 10) / 10} MB (the limit; --max-size MB raises it)`);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  const text = Buffer.concat(chunks, length).toString('utf8');
  if (!/\S/.test(text)) throw new InputError(`${name}: standard input is empty`);
  return text;
}

/**
 * A HAR file streamed as `analyze` reads it: read in chunks, cut between entries by guessing (har-stream.ts), each
 * slice of parsed entries handed to `onEntries` in order. Throws the stream's HarStreamFallback where it cannot go on.
 */
export function streamHarEntries(file: InputFile, opts: ReadOptions, onEntries: OnEntries): HarStreamEnd {
  const stream = new HarEntryStream(onEntries, undefined, { guess: true });
  readInputChunks(file, opts, (chunk) => stream.push(chunk));
  return stream.end();
}
