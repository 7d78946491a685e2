/**
 * Pasted text → lines, and the few shapes one line can have (HTTP start lines, header lines, shell
 * prompts, masked values). Every test here looks at a bounded prefix of the line with anchored patterns
 * whose quantifiers are bounded: a 100 MB line without a break costs one slice, never a backtracking scan.
 */

/** A line longer than this is read only up to here (a header line of real traffic is far shorter). */
export const MAX_LINE = 16 * 1024;

export interface SourceLine {
  text: string;
  /** The line's own break (`\r\n`, `\n`, `\r` or '' for the last line): written back as it was. */
  eol: string;
}

/** Lines with their breaks, in one pass (CRLF, LF and lone CR all end a line). */
export function splitLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    const crlf = c === 0x0d && text.charCodeAt(i + 1) === 0x0a;
    out.push({ text: text.slice(start, i), eol: crlf ? '\r\n' : c === 0x0d ? '\r' : '\n' });
    if (crlf) i++;
    start = i + 1;
  }
  if (start < n || out.length === 0) out.push({ text: text.slice(start), eol: '' });
  return out;
}

/** The part of a line the grammar reads. */
export const capped = (line: string) => (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line);

export interface RequestLine {
  method: string;
  target: string;
  version: string;
}

const REQUEST_LINE = /^([A-Z][A-Z_-]{0,19}) (\S{1,8192}) (HTTP\/\d(?:\.\d)?)\s*$/;
/**
 * Without a version only a common method and an absolute http(s) URI: `GET https://host/path`, as API
 * docs and forum posts write a request (`GET /path` alone is prose: "- GET /rest/api/3/myself → 200").
 */
const REQUEST_LINE_NO_VERSION = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (https?:\/\/[^\s/?#]{1,300}(?:[/?#]\S{0,8192})?)\s*$/;
/** `GET /rest/api/2/myself HTTP/1.1` (or HTTP/2), or `GET https://host/path` (version ''); null for anything else. */
export function requestLine(line: string): RequestLine | null {
  const text = capped(line);
  const m = REQUEST_LINE.exec(text);
  if (m) return { method: m[1]!, target: m[2]!, version: m[3]! };
  const n = REQUEST_LINE_NO_VERSION.exec(text);
  return n ? { method: n[1]!, target: n[2]!, version: '' } : null;
}

/**
 * A label before a start line: `Response: HTTP/1.1 403 Forbidden`, `Request: GET /x HTTP/1.1`, or a
 * log line's head (`2021-08-09 16:30:59.412 TRACE rest: HTTP/1.1 401 Unauthorized`, `[DEBUG] http: …`).
 * Returns the label's length (the start line begins there), or -1. Only these shapes: a header line whose
 * value merely looks like a status line (`X-Note: HTTP/1.1 200`) is not a label.
 */
export function startLabel(line: string): number {
  const head = line.length > 256 ? line.slice(0, 256) : line;
  const m = WORD_LABEL.exec(head) ?? LOG_LABEL.exec(head);
  if (!m) return -1;
  const rest = line.slice(m[0].length);
  return statusLine(rest) || requestLine(rest) ? m[0].length : -1;
}
/** `Response:`, `Request:`, `< Reply:` … : a word that says which side follows. */
const WORD_LABEL = /^(?:request|response|reply|answer|sent|received|send|recv|req|res)[ \t]{0,2}:[ \t]{0,4}/i;
/** A log line's head: a timestamp and/or a level, then perhaps a logger's name and a colon. */
const LOG_LABEL =
  /^(?:\[?(?:\d{4}-\d\d-\d\d[T ])?\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?\]?[ \t]{1,4}(?:\[?(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FINE|FINER|FINEST)\]?[ \t]{1,4})?|\[?(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FINE|FINER|FINEST)\]?[ \t]{1,4})(?:[A-Za-z_][\w.$/-]{0,63}[ \t]{0,2}:[ \t]{1,4})?/i;

export interface StatusLine {
  version: string;
  status: number;
}

const STATUS_LINE = /^(HTTP\/\d(?:\.\d)?) (\d{3})(?:\s.{0,1024})?$/;
/** `HTTP/1.1 401 Unauthorized`, `HTTP/2 302`; null for anything else. */
export function statusLine(line: string): StatusLine | null {
  const m = STATUS_LINE.exec(capped(line).trimEnd());
  return m ? { version: m[1]!, status: Number(m[2]) } : null;
}

export interface HeaderLine {
  name: string;
  /** `: ` as written (`:`, `: `, `:\t`), so a redacted copy keeps the writer's spacing. */
  sep: string;
  value: string;
  /** An HTTP/2 pseudo-header (`:status`, `:path`, …): the name is without its leading colon. */
  pseudo: boolean;
}

/** RFC 9110 token characters, at most 256 of them. */
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]{1,256})(:[ \t]*)(.*)$/;
const PSEUDO_LINE = /^:(authority|method|path|scheme|status|protocol)(:?[ \t]+|:)(.*)$/;

/** `Name: value` or `:status: 401`; null for anything else (prose, a body). */
export function headerLine(line: string): HeaderLine | null {
  const text = capped(line);
  const p = PSEUDO_LINE.exec(text);
  if (p) return { name: p[1]!, sep: p[2]!, value: p[3]!.trim(), pseudo: true };
  const m = HEADER_LINE.exec(text);
  return m ? { name: m[1]!, sep: m[2]!, value: m[3]!.trim(), pseudo: false } : null;
}

/**
 * The command after a shell prompt, when the line is one: `$ curl …`, `user@host:~$ curl …`, `% …`,
 * `# …`, `❯ …`, `PS C:\> curl.exe …`, `C:\Users\me> curl …`, or the bare command. Only commands we read
 * (curl, http, https) count; returns the line from the command on, or null.
 */
export function commandOf(line: string): string | null {
  const head = line.length > 512 ? line.slice(0, 512) : line;
  const at = commandStart(head);
  if (at < 0) return null;
  const prefix = head.slice(0, at).trimEnd();
  // Straight after `>` only behind a Windows prompt: not `<b>curl …` in an HTML body.
  if (at > 0 && head[at - 1] === '>' && !/^(?:PS )?[A-Za-z]:\\[^<>"|?*]{0,256}>$/.test(prefix)) return null;
  // `$`, `#`, `%`, `>` end most prompts; oh-my-zsh's `➜  dir` and starship's `❯` begin theirs.
  if (prefix === '' || /[$#%>❯➜»λ]$/.test(prefix) || /^[➜❯λ]/.test(prefix)) return line.slice(at);
  return null;
}

const COMMANDS = ['curl.exe ', 'curl ', 'https ', 'http '];
function commandStart(head: string): number {
  let best = -1;
  for (const c of COMMANDS) {
    for (let at = head.indexOf(c); at >= 0; at = head.indexOf(c, at + 1)) {
      // cmd.exe writes `C:\Users\fred>curl …`, without a space after its prompt.
      if (at === 0 || /[\s>]/.test(head[at - 1]!)) {
        if (best < 0 || at < best) best = at;
        break;
      }
    }
  }
  return best;
}

/**
 * A value somebody masked before pasting (`XXXXX`, `***REDACTED***`, `<token>`, `$TOKEN`, `${API_TOKEN}`,
 * `{{token}}`, `[valid_oauth_token]`, `[...]`, `%TOKEN%`, `$env:TOKEN`, `…`, or our own `[redacted N]`): the secret is unknown, not this text.
 */
const MASKED =
  /^(?:[xX*•#]{3,64}|\*{0,8}\s{0,2}redacted\s{0,2}\*{0,8}|redacted-[a-z0-9-]{1,16}|\[redacted(?:[ -]\d{1,12})?[^\]]{0,4200}\]|<[^<>]{1,64}>|\$\{?[A-Za-z_][A-Za-z0-9_]{0,64}\}?|\$env:[A-Za-z_][A-Za-z0-9_]{0,64}|%[A-Za-z_][A-Za-z0-9_]{0,64}%|\{\{[^{}]{1,64}\}\}|\[(?:(?=[^\]]{0,64}(?:token|pass|secret|key|credential|auth|jwt))[A-Za-z_][\w .-]{0,63}|\.{3}|…)\]|\.{3}|…|(?:your|my)[-_ ]?(?:api[-_ ]?)?(?:token|password|secret|key))$/i;

export function isMasked(value: string): boolean {
  const v = value.trim();
  return v.length > 0 && v.length <= 4300 && MASKED.test(v);
}
