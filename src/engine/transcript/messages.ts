/**
 * Logical lines → HTTP messages (start line, headers, body), the commands that were pasted with them, and
 * what the text says about scheme and host (curl's `* Connected to … port 443` and TLS lines, the URL
 * curl announces for a stream or a redirect). Each line also gets a role, which the redacted copy
 * (write.ts) uses to rewrite exactly the parts that can hold a secret.
 */
import type { Channels, LogicalLine } from './channels';
import { capped, commandOf, headerLine, requestLine, statusLine, type HeaderLine } from './lines';
import { commandAt, commandUrl, type CommandRequest } from './curl-command';
import { headersObjectAt } from './objects';

/** Header lines kept per message; the rest are ignored (a real message has a few dozen). */
export const MAX_HEADERS = 256;
/** Body text kept per message (the facts the engine reads live in small answers). */
export const MAX_BODY = 2 * 1024 * 1024;
/** Messages kept per paste: enough for MAX_EXCHANGES exchanges (exchanges.ts) with interim answers. */
export const MAX_MESSAGES = 250_000;
/** The role of most lines, shared: one object per line of a 100 MB paste is memory for nothing. */
const TEXT: Role = { kind: 'text' };

export interface Connection {
  host: string;
  port: number | null;
  /** TLS handshake lines seen since it was opened. */
  tls: boolean;
}

export interface Message {
  kind: 'request' | 'response';
  method: string;
  target: string;
  status: number;
  headers: { name: string; value: string }[];
  pseudo: Record<string, string>;
  body: string[];
  bodyChars: number;
  /** curl's connection when the request was sent, and the URL curl announced for it. */
  connection: Connection | null;
  announced: string | null;
  /** The pasted command that made it (a request from a command alone has no start line). */
  command: CommandRequest | null;
  /** Header lines past MAX_HEADERS, or a start line cut by MAX_LINE. */
  truncated: boolean;
  /**
   * A response without a start line: `headers` (an object of headers, headers-object.ts) or `body` (a
   * JSON body pasted before the command that got it). Its status is unknown (0).
   */
  alone?: 'headers' | 'body';
}

export type Role =
  | { kind: 'text' }
  | { kind: 'start'; message: number }
  | { kind: 'header'; message: number; header: HeaderLine }
  | { kind: 'fold'; message: number }
  /** A `name: 'value',` line of a headers object: the value (from `valueAt`) holds the quoted values. */
  | { kind: 'entry'; message: number; name: string; valueAt: number }
  | { kind: 'body'; message: number }
  | { kind: 'command'; command: number; last: number };

export interface Assembled {
  messages: Message[];
  /** Exchanges past MAX_MESSAGES: their lines have roles (the copy is redacted), their messages are not kept. */
  dropped: number;
  roles: Role[];
  /** host → scheme, from commands (`curl https://host/…`) and curl's announced URLs. */
  schemes: Map<string, 'http' | 'https'>;
  commands: CommandRequest[];
}

const CONNECTED = /(?:Connected to|Established connection to) (\S{1,253}) \(([^)]{0,80})\)(?: port (\d{1,5}))?/;
const REUSED = /Re-using existing (?:\S{1,16} )?connection(?: #\d{1,8})? with (?:host|proxy) (\S{1,253})/;
/** Lines curl -v writes only for a TLS connection (OpenSSL, LibreSSL's `(304) (OUT)`, Schannel, Secure Transport). */
const TLS = /^(?:SSL connection using|TLSv1(?:\.\d)? \(|SSLv3|\(\d{1,6}\) \((?:IN|OUT)\), TLS|ALPN[,:]|Server certificate:|SSL certificate verify|TLS handshake|successfully set certificate verify|CAfile:|CApath:|SSL Trust Anchors|schannel:|SecureTransport|Recv failure.{0,40}SSL)/;
/** curl 8 over HTTP/2 lists the pseudo-headers it sends: `[HTTP/2] [1] [:scheme: https]`. */
const H2_SCHEME = /^\[HTTP\/[23]\] \[\d{1,10}\] \[:scheme: (https?)\]/;
const ANNOUNCED = /(?:OPENED stream for|Issue another request to this URL: ')(https?:\/\/[^\s']{1,8192})/;

/** `withRoles`: only the redacted copy needs each line's role; reading alone saves an object per line. */
export function assemble(ch: Channels, verbose: boolean, withRoles = true): Assembled {
  const { lines } = ch;
  const roles: Role[] = withRoles ? new Array<Role>(lines.length) : [];
  const role = withRoles ? (i: number, r: Role) => void (roles[i] = r) : () => {};
  const messages: Message[] = [];
  const commands: CommandRequest[] = [];
  const schemes = new Map<string, 'http' | 'https'>();
  const connections = new Map<string, Connection>();
  let connection: Connection | null = null;
  let announced: string | null = null;
  let cur: Message | null = null;
  let phase = 'body' as 'headers' | 'body' | 'copy';
  let curIndex = -1;
  let lastRequest = -1;
  let lastResponse = -1;
  let notCommandUntil = -1; // lines continuing a command-like line that was not a command
  let notObjectUntil = -1; // lines looked at for an object of headers or a JSON body that was not one
  // A chunked body as it went over the wire (`d5`, the data, `0`): bytes left in this chunk; -1 when a
  // size line is due; NaN when the body is not read as chunks.
  let chunkFor: Message | null = null;
  let chunkLeft = NaN;

  let dropped = 0;
  let droppedLast: Message['kind'] | null = null;
  const start = (kind: Message['kind'], i: number, fields: Partial<Message>) => {
    const m: Message = { kind, method: '', target: '', status: 0, headers: [], pseudo: {}, body: [], bodyChars: 0, connection: null, announced: null, command: null, truncated: false, ...fields };
    if (messages.length >= MAX_MESSAGES) {
      // Past the cap: read on (the lines still get roles) into a message nobody keeps; count the exchanges.
      if (kind === 'request' || droppedLast !== 'request') dropped++;
      droppedLast = kind;
      m.bodyChars = MAX_BODY;
      cur = m;
      curIndex = -1;
      phase = 'headers';
      role(i, { kind: 'start', message: -1 });
      return;
    }
    if (kind === 'request') {
      m.connection = connection ? { ...connection } : null;
      m.announced = announced;
      announced = null;
    }
    cur = m;
    curIndex = messages.length;
    if (kind === 'request') lastRequest = curIndex;
    else lastResponse = curIndex;
    messages.push(m);
    phase = 'headers';
    role(i, { kind: 'start', message: curIndex });
  };
  const addBody = (m: Message, text: string) => {
    if (m.bodyChars >= MAX_BODY) return;
    const part = text.length > MAX_BODY - m.bodyChars ? text.slice(0, MAX_BODY - m.bodyChars) : text;
    m.body.push(part);
    m.bodyChars += part.length + 1;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    role(i, TEXT);
    if (l.channel === 'info') {
      info(l.text);
      // curl's next info line (`* Connection #0 … left intact`) comes after the body: what follows is prose.
      if (verbose && cur !== null && phase === 'body' && (cur as Message).body.length > 0) cur = null;
      continue;
    }
    if (l.channel === 'skip') continue;
    if (l.channel === 'req-data' || l.channel === 'res-data') {
      const at = l.channel === 'req-data' ? lastRequest : lastResponse;
      if (at >= 0) {
        addBody(messages[at]!, l.text);
        role(i, { kind: 'body', message: at });
      }
      continue;
    }
    const text = l.text;
    // A start line begins a message on its channel (any channel but a verbose paste's stdout).
    const mayStart = !verbose || l.channel !== 'plain';
    const req = mayStart && l.channel !== 'res' ? requestLine(text) : null;
    if (req) {
      start('request', i, { method: req.method, target: req.target, truncated: text.length > capped(text).length });
      continue;
    }
    const st = l.channel !== 'req' ? statusLine(text) : null;
    if (st && mayStart) {
      start('response', i, { status: st.status });
      continue;
    }
    if (st && cur !== null && (cur as Message).kind === 'response') {
      // `curl -v -i`: the response headers again on stdout. Read for redaction only.
      phase = 'copy';
      continue;
    }
    if (phase === 'headers' || phase === 'copy') {
      const m = cur!;
      if (text.trim() === '') {
        phase = 'body';
        continue;
      }
      if ((text[0] === ' ' || text[0] === '\t') && phase === 'headers' && m.headers.length) {
        // An obsolete folded header line: part of the previous value.
        const h = m.headers[m.headers.length - 1]!;
        if (h.value.length < 16_384) h.value += ` ${capped(text).trim()}`;
        role(i, { kind: 'fold', message: curIndex });
        continue;
      }
      const h = headerLine(text);
      if (h && h.pseudo && mayStart && phase === 'headers') {
        const isResponse = h.name === 'status';
        // `:status` after a request's headers, or `:method` after a response's, starts the next message.
        if (isResponse !== (m.kind === 'response')) {
          startPseudo(h, i);
          continue;
        }
      }
      if (h) {
        role(i, { kind: 'header', message: curIndex, header: h });
        if (phase === 'copy') continue;
        if (h.pseudo) m.pseudo[h.name] = h.value;
        else if (m.headers.length < MAX_HEADERS && curIndex >= 0) m.headers.push({ name: h.name, value: h.value });
        else m.truncated = true;
        continue;
      }
      // Not a header: in a plain paste the headers ended without their blank line; the body begins.
      if (l.channel !== 'plain') continue;
      phase = 'body';
    }
    if (l.channel !== 'plain') continue;
    const pseudo = mayStart ? headerLine(text) : null;
    if (pseudo?.pseudo) {
      startPseudo(pseudo, i);
      continue;
    }
    const command = i > notCommandUntil ? commandOf(text) : null;
    const commandEnd = command === null ? -1 : readCommand(i, command);
    if (commandEnd >= 0) {
      i = commandEnd;
      continue;
    }
    // curl -v writes the response body to stdout; in other pastes a request has its body too.
    if (cur !== null && phase === 'body' && !isPrompt(text) && mayHaveBody(cur, verbose)) {
      if (chunkFor !== cur) {
        chunkFor = cur;
        chunkLeft = !verbose && isChunked(cur) ? -1 : NaN;
      }
      if (chunkLeft <= 0) {
        // Between chunks: blank lines (the CRLF after a chunk's data) and the next size.
        if (text.trim() === '') continue;
        const size = CHUNK_SIZE.exec(text.length > 300 ? text.slice(0, 300) : text);
        if (size) {
          if (Number.parseInt(size[1]!, 16) === 0) cur = null; // the last chunk: the body is whole
          else chunkLeft = Number.parseInt(size[1]!, 16);
          continue;
        }
        chunkLeft = NaN; // not chunks after all: the rest is the body as it is
      }
      addBody(cur, text);
      role(i, { kind: 'body', message: curIndex });
      if (chunkLeft > 0) chunkLeft = Math.max(0, chunkLeft - text.length - 1);
    } else {
      cur = null;
      if (!verbose && i > notObjectUntil) {
        const end = readAlone(i);
        if (end >= 0) i = end;
      }
    }
  }
  return { messages, dropped, roles, schemes, commands };

  /**
   * At line i, outside any message: an object of response headers, or a JSON object pasted on its own
   * (kept as a body without a status line: exchanges.ts gives it to the command after it, if any).
   * Returns the index of its last line, or -1.
   */
  function readAlone(i: number): number {
    const lineAt = (k: number) => (lines[i + k]?.channel === 'plain' ? lines[i + k]!.text : undefined);
    const found = headersObjectAt(lineAt);
    const o = found.object;
    if (o) {
      for (let k = 1; k <= o.last; k++) role(i + k, TEXT); // the closing `}` (entries get theirs below)
      start('response', i, { alone: 'headers' });
      const m = cur as Message;
      for (const e of o.entries) {
        role(i + e.line, { kind: 'entry', message: curIndex, name: e.name, valueAt: e.valueAt });
        for (const value of e.values) {
          if (m.headers.length < MAX_HEADERS && curIndex >= 0) m.headers.push({ name: e.name, value });
          else m.truncated = true;
        }
      }
      cur = null;
      phase = 'body';
      return i + o.last;
    }
    const json = jsonBlockAt(lineAt);
    notObjectUntil = i + Math.max(found.seen, json.seen);
    if (json.last < 0) return -1;
    start('response', i, { alone: 'body' });
    const m = cur as Message;
    for (let k = 0; k <= json.last; k++) {
      addBody(m, lines[i + k]!.text);
      role(i + k, { kind: 'body', message: curIndex });
    }
    cur = null;
    phase = 'body';
    return i + json.last;
  }

  function startPseudo(h: HeaderLine, i: number): void {
    start(h.name === 'status' ? 'response' : 'request', i, h.name === 'status' ? { status: /^\d{3}$/.test(h.value) ? Number(h.value) : 0 } : {});
    (cur as Message).pseudo[h.name] = h.value;
    role(i, { kind: 'header', message: curIndex, header: h });
  }

  function info(text: string): void {
    const t = capped(text);
    const c = CONNECTED.exec(t);
    if (c) {
      connection = { host: c[1]!.toLowerCase(), port: c[3] ? Number(c[3]) : portIn(c[2]!), tls: false };
      connections.set(connection.host, connection);
      return;
    }
    const r = REUSED.exec(t);
    if (r) {
      const host = r[1]!.replace(/[!,]$/, '').toLowerCase();
      connection = connections.get(host) ?? { host, port: null, tls: false };
      return;
    }
    if (connection && TLS.test(t.trimStart())) connection.tls = true;
    const h2 = H2_SCHEME.exec(t.trimStart());
    if (h2 && connection && h2[1] === 'https') connection.tls = true;
    const a = ANNOUNCED.exec(t);
    if (a) {
      announced = a[1]!;
      noteScheme(a[1]!);
    }
  }

  function noteScheme(url: string): void {
    const m = /^(https?):\/\/([^/?#\s]{1,300})/i.exec(url);
    if (!m) return;
    const scheme = m[1]!.toLowerCase() as 'http' | 'https';
    let host = m[2]!.replace(/^[^@]*@/, '').toLowerCase();
    if ((scheme === 'https' && host.endsWith(':443')) || (scheme === 'http' && host.endsWith(':80'))) host = host.replace(/:\d+$/, '');
    schemes.set(host, scheme);
    schemes.set(host.replace(/:\d+$/, ''), scheme);
  }

  /** A command and its continuation lines; returns the index of its last line, or -1 when it is not a command we read. */
  function readCommand(i: number, first: string): number {
    // Continuation lines are the paste's plain lines only (not curl's own -v lines).
    const found = commandAt((k) => (lines[i + k]?.channel === 'plain' ? lines[i + k]!.text : undefined), first);
    if (!found.request) {
      notCommandUntil = i + found.last;
      return -1;
    }
    const parsed = found.request;
    const j = i + found.last;
    const index = commands.length;
    commands.push(parsed);
    if (parsed.url) {
      // What the tool does with a URL without a scheme is what the request was: curl and `http` use
      // http://, `https` https:// (HTTPie's --default-scheme aside, which we then do not guess).
      const u = commandUrl(parsed.url, parsed.tool === 'https' ? 'https' : 'http');
      if (u.scheme && u.authority && !parsed.words.includes('--default-scheme')) noteScheme(`${u.scheme}://${u.authority}`);
    }
    // A curl command is a request of its own until its output shows the real one (exchanges.ts pairs them).
    if (parsed.tool === 'curl') {
      start('request', i, { method: parsed.method ?? 'GET', command: parsed });
      cur = null;
      phase = 'body';
    }
    for (let k = i; k <= j; k++) role(k, { kind: 'command', command: index, last: j });
    return j;
  }
}

/**
 * A response's body runs to the next message; a request has one only when its headers announce it
 * (Content-Length, Transfer-Encoding, Content-Type): otherwise the lines after it are prose ("Response:").
 * curl -v writes only the response body (stdout).
 */
function mayHaveBody(m: Message, verbose: boolean): boolean {
  if (m.kind === 'response') return true;
  if (verbose) return false;
  return m.headers.some((h) => /^(?:content-length|transfer-encoding|content-type)$/i.test(h.name));
}

const isChunked = (m: Message) => m.kind === 'response' && m.headers.some((h) => /^transfer-encoding$/i.test(h.name) && /chunked/i.test(h.value));
/** A chunk's size line: hex digits, perhaps a chunk extension. */
const CHUNK_SIZE = /^([0-9a-fA-F]{1,8})(?:[ \t]{0,4};[^\r\n]{0,256})?[ \t]*$/;

/** Lines a JSON body pasted alone may span, and the JSON read at most. */
const MAX_JSON_LINES = 5000;

/**
 * A JSON object pasted alone: `{` opening a line, up to the `}` at the same indent, and valid JSON.
 * `last`: its last line (relative), or -1; `seen`: lines looked at.
 */
function jsonBlockAt(lineAt: (k: number) => string | undefined): { last: number; seen: number } {
  const open = lineAt(0);
  if (open === undefined || !/^[ \t]{0,32}\{/.test(open.length > 40 ? open.slice(0, 40) : open)) return { last: -1, seen: 0 };
  const indent = /^[ \t]*/.exec(open)![0];
  let chars = 0;
  for (let k = 0; k < MAX_JSON_LINES; k++) {
    const line = lineAt(k);
    if (line === undefined) return { last: -1, seen: k };
    chars += line.length + 1;
    if (chars > MAX_BODY) return { last: -1, seen: k };
    const closes = k === 0 ? line.trimEnd().endsWith('}') : line.trimEnd() === `${indent}}`;
    if (!closes) continue;
    let text = '';
    for (let j = 0; j <= k; j++) text += lineAt(j)! + '\n';
    try {
      const v: unknown = JSON.parse(text);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return { last: k, seen: k };
    } catch {
      /* not JSON */
    }
    if (k > 0) return { last: -1, seen: k };
  }
  return { last: -1, seen: MAX_JSON_LINES };
}

/** `93.184.216.34 port 443` or `[::1]:443` inside curl's parenthesis. */
function portIn(s: string): number | null {
  const m = /(?:port |:)(\d{1,5})\s*$/.exec(s);
  return m ? Number(m[1]) : null;
}

const PROMPT_ONLY = /^(?:PS [^>]{0,256}>|[A-Za-z]:\\[^>]{0,256}>|[^\s]{0,128}[$#%❯])\s*$/;
const FENCE = /^\s{0,3}(?:```|~~~|\{(?:code|noformat)(?::[^}]{0,64})?\})/;
/** A bare prompt line, or a code fence (Markdown, Jira's `{code}` and `{noformat}`), ends what was pasted before it. */
const isPrompt = (line: string) => line.length < 400 && (PROMPT_ONLY.test(line) || FENCE.test(line));

export type { LogicalLine };
