/**
 * A transcript written back in its own format with every secret value replaced. Each part goes through
 * the engine's redactor (redact.ts) by what it is: header values by name (sanitizeHeader), request
 * targets and URLs (redactUrl), bodies (redactBody, by Content-Type), and everything else, prose and
 * curl's info lines included, through the free-text rules (redactText). Nothing here decides what a
 * secret is.
 */
import { quote } from 'shell-quote';
import type { Header } from '../types';
import { redactBody, redactText, redactUrl, sanitizeHeader } from '../redact/redact';
import { secretShape } from '../ground/parse/credential-shape';
import { commandMask } from './unknown';
import { parseTranscript, type InputFormat, type Parsed } from './transcript';
import { TRACE_WIDTH } from './channels';
import type { Message, Role } from './messages';
import { MAX_COMMAND, shellWords } from './curl-command';
import { commandOf, isMasked, requestLine, type HeaderLine } from './lines';

/** What a removed command-line secret is replaced with: shell-safe, and read back as masked (lines.ts). */
const COMMAND_MASK = 'REDACTED';

export function writeRedactedTranscript(text: string, format?: InputFormat): string {
  const p = parseTranscript(text, format);
  return p.format === 'curl-trace' ? writeTrace(p) : writeLines(p);
}

const contentType = (m: Message | undefined) => m?.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';

/** One source line per logical line: prefix + the line's redacted text, with its own line break. */
function writeLines(p: Parsed): string {
  const { source, channels, assembled } = p;
  const { lines } = channels;
  const { roles, messages } = assembled;
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const role = roles[i]!;
    const l = lines[i]!;
    if (role.kind === 'body') {
      // A run of body lines of one message is redacted as one body (JSON spans lines).
      let j = i;
      while (j + 1 < lines.length && roles[j + 1]!.kind === 'body' && (roles[j + 1] as { message: number }).message === role.message) j++;
      const body = lines.slice(i, j + 1).map((x) => x.text).join('\n');
      const eol = source[i]!.eol || '\n';
      const redacted = redactBody(body, contentType(messages[role.message])).split('\n');
      // Each line's prefix (a paste's indent, a logger's hanging indent) back where it was; if the
      // redactor changed the number of lines, the first line's prefix before the whole.
      const same = redacted.length === j - i + 1;
      out += redacted.map((t, k) => (same ? lines[i + k]!.prefix : k === 0 ? l.prefix : '') + t).join(eol) + source[j]!.eol;
      i = j;
      continue;
    }
    if (role.kind === 'command') {
      const block = source.slice(i, role.last + 1);
      out += redactCommand(block.map((s) => s.text).join('\n'), block.map((s) => s.eol));
      i = role.last;
      continue;
    }
    out += l.prefix + rewrite(role, l.text) + source[i]!.eol;
  }
  return out;
}

/** A line that is not a body or a command. */
function rewrite(role: Role, text: string): string {
  if (role.kind === 'header') return headerText(role.header, text);
  if (role.kind === 'entry') return entryText(role.name, text, role.valueAt);
  if (role.kind === 'fold') return text.replace(/\S[\s\S]*$/, (v) => sanitizeHeader('X-Folded-Value', v)); // what it continues is unknown here: all of it
  if (role.kind === 'start') {
    const r = requestLine(text);
    if (r) return `${r.method} ${redactUrl(r.target)}${r.version ? ` ${r.version}` : ''}`;
  }
  return redactText(text);
}

/** `Name: value` with the value as sanitizeHeader keeps it; the whole value even past the line cap. */
function headerText(h: HeaderLine, text: string): string {
  const nameAt = h.pseudo ? 1 : 0;
  const value = text.slice(nameAt + h.name.length + h.sep.length).trim();
  const kept = h.pseudo ? (h.name === 'path' || h.name === 'authority' ? redactUrl(value) : value) : sanitizeHeader(h.name, value);
  return `${h.pseudo ? ':' : ''}${h.name}${h.sep}${kept}`;
}

/** `'name': 'value',` with each quoted value as sanitizeHeader keeps it, quotes and commas as written. */
function entryText(name: string, text: string, valueAt: number): string {
  const value = text.slice(valueAt).replace(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g, (_m, single: string | undefined, double: string | undefined) => {
    const q = single !== undefined ? "'" : '"';
    const kept = sanitizeHeader(name, (single ?? double ?? '').replace(/\\(.)/g, '$1'));
    return q + kept.replace(/[\\'"]/g, (c) => (c === q || c === '\\' ? `\\${c}` : c)) + q;
  });
  return text.slice(0, valueAt) + value;
}

// ---- commands -------------------------------------------------------------------------------------

const HEADER_ITEM = /^([A-Za-z0-9!#$%&'*+.^_`|~-]{1,256}):(?![=/])([\s\S]*)$/;
const VALUE_OPTIONS = new Set(['-H', '--header', '-u', '--user', '-U', '--proxy-user', '--oauth2-bearer', '-b', '--cookie', '-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '-e', '--referer', '--url', '-a', '--auth', '-F', '--form', '--form-string', '-E', '--cert', '--proxy-cert', ...['--pass', '--proxy-pass', '--tlspassword', '--proxy-tlspassword', '--key-pass']]);
/** Options whose whole value is a secret (key passphrases, TLS-SRP passwords). */
const SECRET_OPTIONS = new Set(['--pass', '--proxy-pass', '--tlspassword', '--proxy-tlspassword', '--key-pass']);

/**
 * A pasted command with its secrets replaced in place: each changed word is found in the text and
 * swapped, so prompt, quoting and line continuations stay. Where that cannot be done safely (the word is
 * spelled with escapes, or the new text needs quotes the old one did not have) the command is written
 * again as one line from its redacted words.
 */
function redactCommand(text: string, eols: string[]): string {
  const nl = text.indexOf('\n');
  const firstLine = nl < 0 ? text : text.slice(0, nl);
  const command = commandOf(firstLine) ?? firstLine;
  // The prompt (`$ `, `PS C:\> `) is not part of the command: the shell never read it.
  const prompt = redactText(firstLine.slice(0, firstLine.length - command.length));
  const body = text.slice(prompt.length === 0 ? 0 : firstLine.length - command.length);
  const joined = body.slice(0, MAX_COMMAND);
  const words = shellWords(joined);
  const redactedWords = redactWords(words);
  let out = joined;
  let cursor = 0;
  let ok = body.length <= MAX_COMMAND;
  for (let k = 0; k < words.length && ok; k++) {
    const w = words[k]!;
    const r = redactedWords[k]!;
    if (r === w) continue;
    const at = out.indexOf(w, cursor);
    if (at < 0 || !safeSwap(out, at, w, r)) ok = false;
    else {
      out = out.slice(0, at) + r + out.slice(at + w.length);
      cursor = at + r.length;
    }
  }
  if (!ok) return prompt + quote(redactedWords) + (eols[eols.length - 1] ?? '');
  // A swap never adds or removes a line break: each line keeps its own.
  return (prompt + out).split('\n').map((line, k) => line + (eols[k] ?? eols[eols.length - 1] ?? '')).join('');
}

/** Characters the shell reads specially outside quotes. */
const SHELL_SPECIAL = /[\s'"$`\\!;&|<>()*?[\]{}#~]/g;

/** Can `r` replace `w` at `at` and mean the same word? Inside matching quotes, or needing nothing new. */
function safeSwap(text: string, at: number, w: string, r: string): boolean {
  const before = text[at - 1];
  const after = text[at + w.length];
  if (before === "'" && after === "'") return !r.includes("'");
  if (before === '"' && after === '"') return !/["$`\\]/.test(r);
  const had = new Set(w.match(SHELL_SPECIAL) ?? []);
  return (r.match(SHELL_SPECIAL) ?? []).every((c) => had.has(c)) && !/[\s'"\\$`]/.test(r);
}

/** Each word as it may be shown: the value of an option by what the option carries, the rest as free text. */
function redactWords(words: readonly string[]): string[] {
  const headers: Header[] = [];
  const out = words.slice();
  let option: string | null = null;
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (option === null && VALUE_OPTIONS.has(w)) {
      option = w;
      continue;
    }
    const opt = option;
    option = null;
    if (opt === '-H' || opt === '--header' || (opt === null && k > 0 && HEADER_ITEM.test(w) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(w))) {
      const m = HEADER_ITEM.exec(w);
      if (m) {
        const lead = /^\s*/.exec(m[2]!)![0];
        headers.push({ name: m[1]!, value: m[2]!.trim() });
        out[k] = `${m[1]}:${lead}${sanitizeHeader(m[1]!, m[2]!.trim())}`;
      } else out[k] = redactText(w);
    } else if (opt === '-u' || opt === '--user' || opt === '-U' || opt === '--proxy-user' || opt === '-a' || opt === '--auth') {
      const colon = w.indexOf(':');
      // The mask names the secret's shape (REDACTED-password), so the copy reads with the same credentials.
      out[k] = colon < 0 || isMasked(w.slice(colon + 1)) ? w : `${w.slice(0, colon)}:${opt === '-u' || opt === '--user' ? commandMask(secretShape(w.slice(colon + 1))) : COMMAND_MASK}`;
    } else if (opt === '--oauth2-bearer') out[k] = isMasked(w) ? w : commandMask(secretShape(w));
    else if (opt !== null && SECRET_OPTIONS.has(opt)) out[k] = isMasked(w) ? w : COMMAND_MASK;
    else if (opt === '-E' || opt === '--cert' || opt === '--proxy-cert') {
      // `file[:password]` (a `C:\` drive letter is not a password).
      const colon = w.indexOf(':', /^[A-Za-z]:\\/.test(w) ? 2 : 0);
      out[k] = colon < 0 || isMasked(w.slice(colon + 1)) ? w : `${w.slice(0, colon)}:${COMMAND_MASK}`;
    }
    else if (opt === '-b' || opt === '--cookie') out[k] = w.includes('=') ? sanitizeHeader('Cookie', w) : w;
    else if (opt !== null && opt.startsWith('-d') || opt?.startsWith('--data') || opt === '--json') {
      const type = opt === '--json' ? 'application/json' : (headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '');
      out[k] = w.startsWith('@') ? w : redactBody(w, type);
    } else if (opt === '-F' || opt === '--form' || opt === '--form-string') out[k] = redactBody(w, 'application/x-www-form-urlencoded');
    else if (/^[a-z][a-z0-9+.-]{0,15}:\/\//i.test(w) || opt === '--url' || opt === '-e' || opt === '--referer') out[k] = redactUrl(w);
    else out[k] = w.startsWith('-') ? w : redactText(w);
  }
  return out;
}

// ---- --trace-ascii ---------------------------------------------------------------------------------

/** Header and data blocks written again from their redacted lines (rows and byte counts recomputed); the rest line by line. */
function writeTrace(p: Parsed): string {
  const { source, channels, assembled } = p;
  const { lines, blocks } = channels;
  const { roles, messages } = assembled;
  const replaced = new Array<string | null | undefined>(source.length); // null: a row written with its block
  for (const block of blocks) {
    if (block.kind === 'other') continue;
    const texts = block.lines.map((li) => {
      const role = roles[li]!;
      const l = lines[li]!;
      for (let s = l.first; s <= l.last; s++) replaced[s] = null;
      if (role.kind === 'body') return redactBody(l.text, contentType(messages[role.message]));
      return rewrite(role, l.text);
    });
    const header = block.kind === 'send-header' || block.kind === 'recv-header';
    let offset = 0;
    const rows: string[] = [];
    for (const t of texts) {
      for (let c = 0; c === 0 || c < t.length; c += TRACE_WIDTH) {
        rows.push(`${block.time}${offset.toString(16).padStart(4, '0')}: ${t.slice(c, c + TRACE_WIDTH)}`);
        offset += Math.min(TRACE_WIDTH, t.length - c);
      }
      if (header) offset += 2; // the CRLF trace-ascii does not print
    }
    const name = block.kind === 'send-header' ? '=> Send header' : block.kind === 'recv-header' ? '<= Recv header' : block.kind === 'send-data' ? '=> Send data' : '<= Recv data';
    replaced[block.heading] = [`${block.time}${name}, ${offset} bytes (0x${offset.toString(16)})`, ...rows].join(source[block.heading]!.eol || '\n');
  }
  // Headings and rows sit between the logical lines: everything is written in source order.
  return interleave(source, replaced, lines, roles);
}

/** The trace in source order: each block (heading and rows) where it was, the other lines rewritten one by one. */
function interleave(source: Parsed['source'], replaced: (string | null | undefined)[], lines: Parsed['channels']['lines'], roles: Role[]): string {
  const byFirst = new Map<number, number>();
  lines.forEach((l, k) => byFirst.set(l.first, k));
  let out = '';
  for (let s = 0; s < source.length; s++) {
    const r = replaced[s];
    if (r === null) continue;
    if (r !== undefined) {
      out += r + source[s]!.eol;
      continue;
    }
    const k = byFirst.get(s);
    const role = k === undefined ? ({ kind: 'text' } as Role) : roles[k]!;
    if (role.kind === 'command') {
      const last = lines[role.last]!.last;
      const block = source.slice(s, last + 1);
      out += redactCommand(block.map((x) => x.text).join('\n'), block.map((x) => x.eol));
      s = last;
      continue;
    }
    out += (role.kind === 'text' ? redactText(source[s]!.text) : rewrite(role, source[s]!.text)) + source[s]!.eol;
  }
  return out;
}
