/**
 * A pasted curl (or HTTPie) command line → the request it makes. Shell words come from shell-quote
 * (quotes, escapes, `$VAR` kept as written); line continuations (`\`, PowerShell's backtick, cmd's `^`)
 * are joined first. Only what the command says is used: curl's own default (http:// for a URL without a
 * scheme) is what curl would do, but a `$BASE_URL` host stays unknown and a masked secret stays masked.
 */
import { parse, type ParseEntry } from 'shell-quote';
import type { Header } from '../types';
import { isMasked } from './lines';

/** A command is read up to this long: a real one is a few KB even with an inline JSON body. */
export const MAX_COMMAND = 256 * 1024;

export interface CommandRequest {
  tool: 'curl' | 'http' | 'https';
  method: string | null;
  /** As written (`https://…`, `jira.example.com/rest`, `$BASE/rest`), or null when none was found. */
  url: string | null;
  headers: Header[];
  /** -u user:secret: the user; `secret` is null when it was masked or not given (curl would prompt), `mask` the mask as written. */
  basic: { user: string; secret: string | null; mask: string | null } | null;
  bearer: { token: string | null; mask: string | null } | null;
  body: string | null;
  /** Every word with the value the request would carry (for write-back: which literal holds a secret). */
  words: string[];
}

/** Joins continuation lines: `\` + newline (sh), `` ` `` + newline (PowerShell), ` ^` + newline (cmd). */
export function joinContinuations(text: string): string {
  return text.replace(/(?:\\|`| \^)[ \t]*\r?\n/g, ' ');
}

/** Does this (capped) line end with a continuation mark, so the command goes on below? */
export const continues = (line: string) => /(?:\\|`|\s\^)[ \t]*$/.test(line.length > 64 ? line.slice(-64) : line);

/** Shell words; operators end the command (`| jq .`, `> out.json`, `&& …`); globs are taken as text. */
export function shellWords(command: string): string[] {
  const entries: ParseEntry[] = parse(joinContinuations(command.slice(0, MAX_COMMAND)), (key: string) => `$${key}`);
  const words: string[] = [];
  for (const e of entries) {
    if (typeof e === 'string') words.push(e);
    else if ('pattern' in e) words.push(e.pattern);
    else if ('op' in e) {
      // `&` in an unquoted URL splits it in the shell too; anything else ends the command.
      if (e.op !== '&') break;
    } else break; // a comment
  }
  return words;
}

/** curl options that take a value we do not use (so the value is not mistaken for the URL). */
const CURL_VALUE_OPTIONS = new Set([
  '-o', '--output', '-w', '--write-out', '-m', '--max-time', '--connect-timeout', '-x', '--proxy', '-U', '--proxy-user',
  '-T', '--upload-file', '--cacert', '--capath', '-E', '--cert', '--key', '--cert-type', '--key-type', '-K', '--config',
  '-c', '--cookie-jar', '-D', '--dump-header', '-r', '--range', '--retry', '--retry-delay', '--retry-max-time', '-y',
  '--speed-time', '-Y', '--speed-limit', '-z', '--time-cond', '-C', '--continue-at', '--resolve', '--connect-to',
  '--trace', '--trace-ascii', '--stderr', '--limit-rate', '--interface', '--local-port', '--max-redirs', '--max-filesize',
  '-Q', '--quote', '--dns-servers', '--ciphers', '--tls-max', '--proto', '--proto-redir', '--proto-default', '-t',
  '--telnet-option', '--netrc-file', '--unix-socket', '--abstract-unix-socket', '--variable', '--expand-url',
  '--aws-sigv4', '--ntlm-wb', '--pinnedpubkey', '--hostpubmd5', '--pass', '--sasl-authzid', '--service-name',
  '--keepalive-time', '--happy-eyeballs-timeout-ms', '--noproxy', '--preproxy', '--proxy-header', '--create-file-mode',
  '--output-dir', '--parallel-max', '--mail-from', '--mail-rcpt', '--login-options', '--socks5', '--socks5-hostname',
  '--proxy-pass', '--proxy-cert', '--proxy-key', '--proxy-cacert', '--tlsuser', '--tlspassword', '--proxy-tlsuser',
  '--proxy-tlspassword', '--key-pass', '--delegation', '--ftp-port', '-P', '--krb', '--ech', '--ipfs-gateway',
]);
const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '--data-urlencode', '--json']);
const FORM_OPTIONS = new Set(['-F', '--form', '--form-string']);

/**
 * Does a word look like the URL of a command (`https://…`, `host.tld/…`, `localhost:8080`, `$BASE/…`,
 * HTTPie's `:3000/x`)? Prose that begins with "curl" or "http" has none, and is not read as a command.
 */
export function looksLikeUrl(word: string): boolean {
  return word.length <= 8192 && URL_LIKE.test(word);
}
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]{0,15}:\/\/\S|[$%]\{?[A-Za-z_]|\{\{|<[^<>\s]{1,64}>\/|localhost(?:[:/?]|$)|\[[0-9a-f:.]{2,64}\]|(?:[A-Za-z0-9-]{1,63}\.){1,16}[A-Za-z0-9-]{1,63}(?::\d{1,5})?(?:[/?#]|$)|:\d{0,5}(?:\/|$))/i;

/**
 * The command that starts with `first` (the part of line 0 after its prompt), with its continuation lines
 * (`lineAt(k)`: line k after it, undefined past the end): the request (null when it is not one we read) and its last line.
 */
export function commandAt(lineAt: (k: number) => string | undefined, first: string): { request: CommandRequest | null; last: number } {
  let text = first;
  let line = first;
  let k = 0;
  for (;;) {
    if (k >= MAX_COMMAND_LINES || text.length >= MAX_COMMAND) break;
    const next = lineAt(k + 1);
    if (next === undefined) break;
    // A command broken over lines without continuation marks (for reading, in a post): the next line
    // goes on only when it starts with an option (`  --header '…'`, `-d '…'`), never prose or output.
    if (!continues(line.length > 64 ? line.slice(-64) : line) && !OPTION_LINE.test(next.length > 64 ? next.slice(0, 64) : next)) break;
    k++;
    line = next;
    text += '\n' + next;
  }
  // `last` even when it is not a command: its continuation lines are not commands either (no re-reading).
  return { request: /^curl/i.test(first) ? readCurlCommand(text) : readHttpieCommand(text), last: k };
}

/** A line that starts with a command-line option: `-v`, `--url …`, `-XPOST` (not a `- bullet` or `---`). */
const OPTION_LINE = /^[ \t]{0,16}(?:--[A-Za-z][A-Za-z0-9-]{0,40}|-[A-Za-z0-9])(?:[\s=]|$|[^\s-])/;

/** Lines a pasted command may continue over. */
export const MAX_COMMAND_LINES = 500;

/** Reads a curl command's words (after `curl`); null when it names no URL (prose that says "curl …"). */
export function readCurlCommand(command: string): CommandRequest | null {
  const words = shellWords(command);
  const at = words.findIndex((w) => /^curl(?:\.exe)?$/i.test(w));
  if (at < 0) return null;
  const req: CommandRequest = { tool: 'curl', method: null, url: null, headers: [], basic: null, bearer: null, body: null, words };
  const data: string[] = [];
  let head = false;
  let getData = false;
  let json = false;
  let form = false;
  for (let i = at + 1; i < words.length; i++) {
    let w = words[i]!;
    let value: string | undefined;
    // `--data=x` is not curl syntax, but `-XPOST`, `-HName: v` and `-uuser:pw` are.
    if (/^-[XHudbAeF]./.test(w) && !w.startsWith('--')) {
      value = w.slice(2);
      w = w.slice(0, 2);
    }
    const next = () => value ?? words[++i] ?? '';
    if (w === '-X' || w === '--request') req.method = next();
    else if (w === '-H' || w === '--header') {
      const h = next();
      const colon = h.indexOf(':');
      if (colon > 0 && !h.startsWith('@')) {
        const value = h.slice(colon + 1).trim();
        // `-H 'Name;'` sends an empty header, `-H 'Name:'` removes one: neither carries a value.
        if (value) req.headers.push({ name: h.slice(0, colon).trim(), value });
      }
    } else if (w === '-u' || w === '--user') {
      const v = next();
      const colon = v.indexOf(':');
      const user = colon < 0 ? v : v.slice(0, colon);
      const secret = colon < 0 ? null : v.slice(colon + 1);
      const masked = secret === null || secret === '' || isMasked(secret);
      req.basic = { user, secret: masked ? null : secret, mask: masked ? secret : null };
    } else if (w === '--oauth2-bearer') {
      const t = next();
      req.bearer = isMasked(t) ? { token: null, mask: t } : { token: t, mask: null };
    } else if (w === '-b' || w === '--cookie') {
      const c = next();
      // Without `=` it names a cookie file: nothing the request shows.
      if (c.includes('=')) req.headers.push({ name: 'Cookie', value: c });
    } else if (w === '-A' || w === '--user-agent') req.headers.push({ name: 'User-Agent', value: next() });
    else if (w === '-e' || w === '--referer') req.headers.push({ name: 'Referer', value: next() });
    else if (DATA_OPTIONS.has(w)) {
      const d = next();
      if (w === '--json') json = true;
      // `@file` is read from a file we do not have: the request has a body, its text is unknown.
      if (!d.startsWith('@') || w === '--data-raw') data.push(d);
      else data.push('');
    } else if (FORM_OPTIONS.has(w)) {
      next();
      form = true;
    } else if (w === '-I' || w === '--head') head = true;
    else if (w === '-G' || w === '--get') getData = true;
    else if (w === '--url') req.url = next();
    else if (CURL_VALUE_OPTIONS.has(w)) next();
    else if (!w.startsWith('-') || w === '-') {
      if (req.url === null && w !== '-') req.url = w;
    }
  }
  if (req.url === null || !looksLikeUrl(req.url)) return null;
  const hasBody = data.length > 0 || form;
  if (req.method === null) req.method = head ? 'HEAD' : hasBody && !getData ? 'POST' : 'GET';
  if (data.length && !getData) req.body = data.join('&');
  if (json) {
    if (!req.headers.some((h) => h.name.toLowerCase() === 'content-type')) req.headers.push({ name: 'Content-Type', value: 'application/json' });
  } else if (data.length && !getData && !req.headers.some((h) => h.name.toLowerCase() === 'content-type')) {
    req.headers.push({ name: 'Content-Type', value: 'application/x-www-form-urlencoded' });
  }
  return req;
}

const HTTPIE_METHOD = /^[A-Z]{3,10}$/;

/** An HTTPie command (`http`, `https`): its method and URL only (the request block that follows says the rest). */
export function readHttpieCommand(command: string): CommandRequest | null {
  const words = shellWords(command);
  const at = words.findIndex((w) => w === 'http' || w === 'https');
  if (at < 0) return null;
  const req: CommandRequest = { tool: words[at] as 'http' | 'https', method: null, url: null, headers: [], basic: null, bearer: null, body: null, words };
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('-')) {
      // Options with a separate value: skip it so it is not read as the URL.
      if (/^(?:-a|--auth|-A|--auth-type|--session|--session-read-only|--verify|--cert|--cert-key|--proxy|--timeout|--max-redirects|-o|--output|-p|--print|--pretty|-s|--style|--format-options|--default-scheme)$/.test(w)) i++;
      continue;
    }
    if (req.method === null && req.url === null && HTTPIE_METHOD.test(w)) req.method = w;
    else if (req.url === null) {
      req.url = w;
      break;
    }
  }
  return req.url !== null && looksLikeUrl(req.url) ? req : null;
}

export interface ParsedUrl {
  /** null: not given (`$BASE/rest`) */
  scheme: 'http' | 'https' | null;
  /** host[:port], lower-case host; null when not given */
  authority: string | null;
  /** path and query, starting with `/` */
  path: string;
}

/**
 * A URL as a command wrote it. `defaultScheme`: what the tool does without one (curl and `http`: http,
 * `https`: https). A variable in place of the origin leaves scheme and host unknown.
 */
export function commandUrl(url: string, defaultScheme: 'http' | 'https'): ParsedUrl {
  const u = url.trim();
  if (u.startsWith('$') || u.startsWith('%') || u.startsWith('{{') || u.startsWith('<')) {
    const slash = u.indexOf('/');
    return { scheme: null, authority: null, path: slash < 0 ? '/' : u.slice(slash) };
  }
  const m = /^([a-z][a-z0-9+.-]{0,15}):\/\//i.exec(u);
  const scheme = m ? m[1]!.toLowerCase() : defaultScheme;
  const rest = m ? u.slice(m[0].length) : u;
  const end = rest.search(/[/?#]/);
  let authority = (end < 0 ? rest : rest.slice(0, end)).replace(/^[^@]*@/, '').toLowerCase();
  let path = end < 0 ? '/' : rest.slice(end);
  if (!path.startsWith('/')) path = `/${path}`;
  const hash = path.indexOf('#');
  if (hash >= 0) path = path.slice(0, hash);
  if (scheme !== 'http' && scheme !== 'https') return { scheme: null, authority: authority || null, path };
  if (authority.includes('$') || authority === '') return { scheme: null, authority: null, path };
  // The default port says nothing more than the scheme.
  if ((scheme === 'https' && authority.endsWith(':443')) || (scheme === 'http' && authority.endsWith(':80'))) authority = authority.replace(/:\d+$/, '');
  return { scheme, authority, path };
}
