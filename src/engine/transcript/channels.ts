/**
 * Source lines → logical lines on a channel: what curl's `-v` prefixes (`> `, `< `, `* `) and
 * `--trace-ascii` blocks say each line is. Plain pastes (raw dumps, HTTPie, `curl -i`) have one channel.
 * The assembler (messages.ts) then reads HTTP messages from the req/res/plain lines.
 */
import { capped, startLabel, type SourceLine } from './lines';

export type Channel = 'req' | 'res' | 'info' | 'plain' | 'skip' | 'req-data' | 'res-data';

export interface LogicalLine {
  text: string;
  channel: Channel;
  /** First and last source line it came from (a wrapped trace row spans several). */
  first: number;
  last: number;
  /** The prefix it had (`> `, `< `, `* `): a redacted copy writes it back. */
  prefix: string;
}

/** One `--trace-ascii` block: its heading line, what it carries and its logical lines. */
export interface TraceBlock {
  heading: number;
  kind: 'send-header' | 'recv-header' | 'send-data' | 'recv-data' | 'other';
  /** `10:45:12.345678 ` when written with --trace-time. */
  time: string;
  lines: number[];
}

export interface Channels {
  lines: LogicalLine[];
  /** Trace blocks (trace-ascii only), in order. */
  blocks: TraceBlock[];
}

/**
 * Every line on the plain channel. A label before a start line (`Response: HTTP/1.1 403`, a log line's
 * `2021-08-09 16:30:59.412 TRACE rest: `) is the line's prefix; the lines under it that are indented to
 * the label's width (a logger's hanging indent) are read without that indent, up to the first line that
 * is not. Both are written back as they were (the prefix).
 */
export function plainChannels(src: readonly SourceLine[], indent = 0): Channels {
  let hang = 0; // > 0: the block's indent; < 0: a label's width, the next line sets the indent
  return {
    lines: src.map((l, i) => {
      let cut = indentOf(l.text, indent);
      if (hang < 0) {
        // The first line under a label: its indent, when wider than a paste's own and not past the label.
        const k = indentOf(l.text, -hang);
        hang = k > 8 && k < l.text.length ? k : 0;
      }
      if (hang > 0) {
        const k = indentOf(l.text, hang);
        if (k === hang) cut = hang;
        else if (k === l.text.length) cut = k; // a blank line inside the block
        else hang = 0;
      }
      const label = startLabel(l.text.slice(cut));
      if (label >= 0) {
        cut += label;
        hang = -cut;
      }
      return { text: l.text.slice(cut), channel: 'plain', first: i, last: i, prefix: l.text.slice(0, cut) };
    }),
    blocks: [],
  };
}

/**
 * How many leading blanks (up to `max`) a line has: a paste indented as a Markdown code block is read
 * without its indent, and the redacted copy writes the indent back (it is the line's prefix).
 */
function indentOf(text: string, max: number): number {
  let k = 0;
  while (k < max && (text.charCodeAt(k) === 0x20 || text.charCodeAt(k) === 0x09)) k++;
  return k;
}

/** curl's progress meter (`  % Total    % Received …`, `100  1234  100  1234 …`): neither prose nor a body. */
const PROGRESS = /^\s{0,8}(?:% Total\s|Dload\s|\d{1,3}\s{1,8}[\d.]{1,8}[kMGT]?\s{1,8}\d{1,3}\s{1,8}[\d.]{1,8}[kMGT]?\s)/;
export const isProgressLine = (line: string) => PROGRESS.test(capped(line));

/** `curl -v`: `> ` request, `< ` response, `* ` info, `{ [n bytes data]` markers; the rest is the body (stdout). */
export function verboseChannels(src: readonly SourceLine[], indent = 0): Channels {
  const lines: LogicalLine[] = src.map((l, i) => {
    const cut = indentOf(l.text, indent);
    const t = l.text.slice(cut);
    const c = t.charCodeAt(0);
    const two = t.length === 1 || t.charCodeAt(1) === 0x20;
    let channel: Channel = 'plain';
    if (two && c === 0x3e /* > */) channel = 'req';
    else if (two && c === 0x3c /* < */) channel = 'res';
    else if (two && c === 0x2a /* * */) channel = 'info';
    else if ((c === 0x7b || c === 0x7d) && t.startsWith(' [', 1)) channel = 'skip';
    else if (isProgressLine(t)) channel = 'skip';
    const prefix = channel === 'req' || channel === 'res' || channel === 'info' ? t.slice(0, Math.min(2, t.length)) : '';
    return { text: t.slice(prefix.length), channel, first: i, last: i, prefix: l.text.slice(0, cut) + prefix };
  });
  return { lines, blocks: [] };
}

const TRACE_TIME = /^\d\d:\d\d:\d\d\.\d{6} /;
const HEADING = /^(== Info:|=> Send header|<= Recv header|=> Send data|<= Recv data|=> Send SSL data|<= Recv SSL data)/;
const ROW = /^([0-9a-f]{4,8}): ?/;
/** curl's --trace-ascii rows hold 64 bytes; a full row continues on the next one (lines break at CRLF). */
export const TRACE_WIDTH = 64;

/** `curl --trace-ascii`: headings, then `0000: ` rows; header rows are lines, data rows are cut every 64 bytes. */
export function traceChannels(src: readonly SourceLine[]): Channels {
  const lines: LogicalLine[] = [];
  const blocks: TraceBlock[] = [];
  let block: TraceBlock | null = null;
  let open: LogicalLine | null = null; // a header line whose row was full: the next row continues it
  for (let i = 0; i < src.length; i++) {
    const raw = src[i]!.text;
    const time = TRACE_TIME.exec(raw)?.[0] ?? '';
    const t = time ? raw.slice(time.length) : raw;
    const heading = HEADING.exec(capped(t))?.[1];
    if (heading) {
      open = null;
      if (heading === '== Info:') {
        block = null;
        lines.push({ text: t.slice(heading.length).trim(), channel: 'info', first: i, last: i, prefix: '' });
        continue;
      }
      const kind = heading === '=> Send header' ? 'send-header' : heading === '<= Recv header' ? 'recv-header' : heading === '=> Send data' ? 'send-data' : heading === '<= Recv data' ? 'recv-data' : 'other';
      block = { heading: i, kind, time, lines: [] };
      blocks.push(block);
      continue;
    }
    const row = block ? ROW.exec(t) : null;
    if (!block || !row) {
      block = null;
      open = null;
      lines.push({ text: t, channel: 'plain', first: i, last: i, prefix: '' });
      continue;
    }
    const data = t.slice(row[0].length);
    if (block.kind === 'send-data' || block.kind === 'recv-data') {
      // Data rows are a byte stream cut every 64 bytes (newlines shown as '.'): one logical line per block.
      const last = block.lines.length ? lines[block.lines[block.lines.length - 1]!]! : null;
      if (last) {
        last.text += data;
        last.last = i;
      } else {
        block.lines.push(lines.length);
        lines.push({ text: data, channel: block.kind === 'send-data' ? 'req-data' : 'res-data', first: i, last: i, prefix: '' });
      }
      continue;
    }
    if (block.kind === 'other') {
      lines.push({ text: '', channel: 'skip', first: i, last: i, prefix: '' });
      continue;
    }
    if (open) {
      // An empty row right after a full one is the CRLF of a line exactly 64 bytes long.
      if (data !== '') open.text += data;
      open.last = i;
      if (data.length < TRACE_WIDTH) open = null;
      continue;
    }
    const line: LogicalLine = { text: data, channel: block.kind === 'send-header' ? 'req' : 'res', first: i, last: i, prefix: '' };
    block.lines.push(lines.length);
    lines.push(line);
    open = data.length >= TRACE_WIDTH ? line : null;
  }
  return { lines, blocks };
}
