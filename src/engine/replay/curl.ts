/**
 * "Copy as cURL" for a replay: a POSIX shell command line.
 *
 * Secrets are shell variables unless the user asks for them (`includeSecrets`); the command expands them
 * from the environment, so it can be pasted as is after exporting them:
 *
 * | variable            | stands for                                                                     |
 * |---------------------|--------------------------------------------------------------------------------|
 * | `$JIRA_USER`        | Basic user: Server/DC user name, Cloud account email                            |
 * | `$JIRA_TOKEN`       | Basic secret (password, Cloud API token), or the bearer token (DC PAT)          |
 * | `$JIRA_SESSION`     | value of the `JSESSIONID` cookie                                                |
 * | `$JIRA_<COOKIE>`    | any other session cookie: name upper-cased, other characters `_`                |
 * |                     | (`cloud.session.token` → `$JIRA_CLOUD_SESSION_TOKEN`)                           |
 *
 * Cookie values are never known to the extension (they were redacted at capture), so browser cookies are
 * always variables, and only session cookies (atlassian.ts) are written: the others do not authenticate.
 *
 * Quoting: every literal argument is one single-quoted word (`'` written as `'\''`); only the placeholder
 * arguments are double-quoted, and they hold nothing but fixed text and `$NAME`s. An argument holding a
 * control character (newline, tab, ESC, …) is refused: it would survive `sh`, but not a paste into a
 * terminal (an ESC sequence can end bracketed paste and run what follows).
 */
import type { Header } from '../types';
import { isSessionCookie } from '../atlassian';
import type { CredentialSource, ReplayPlan } from './plan';
import { hasTerminalControl } from './text';

export const CURL_PLACEHOLDERS = {
  user: 'JIRA_USER',
  token: 'JIRA_TOKEN',
  session: 'JIRA_SESSION',
} as const;

/** The variable name for a session cookie's value (without `$`). */
export function cookiePlaceholder(cookieName: string): string {
  return cookieName === 'JSESSIONID' ? CURL_PLACEHOLDERS.session : `JIRA_${cookieName.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
}

export interface CurlOptions {
  /** How the replay authenticates; typed sources carry the secrets written with `includeSecrets`. */
  source: CredentialSource;
  /** Exchange.cookiesSent: the cookie names of the captured request (for the browser source). */
  cookieNames?: readonly string[];
  /** Write typed credentials in clear instead of `$JIRA_USER` / `$JIRA_TOKEN`. Off by default. */
  includeSecrets?: boolean;
}

export type CurlResult = { ok: true; command: string } | { ok: false; error: string };

/**
 * The command for `request` (a ReplayPlan, or anything with method, URL and headers): `curl`, `--globoff`
 * (so `[]{}` in URLs stay literal), `-X METHOD` for methods other than GET (`--head` for HEAD), one `-H` per
 * header, the credentials, and the URL last; one argument per line. Authorization headers of `request` are
 * ignored: the credentials come from `source`.
 */
export function toCurl(request: Pick<ReplayPlan, 'method' | 'url' | 'headers'>, options: CurlOptions): CurlResult {
  const { source, includeSecrets = false } = options;
  const words: string[] = [];
  const literal = (s: string) => {
    if (hasTerminalControl(s)) throw new ControlCharacterError();
    words.push(shellQuote(s));
  };
  try {
    words.push('curl', '--globoff');
    const method = request.method.toUpperCase();
    if (method === 'HEAD') words.push('--head');
    else if (method !== 'GET') {
      words.push('-X');
      literal(method);
    }
    for (const h of request.headers as readonly Header[]) {
      if (h.name.toLowerCase() === 'authorization') continue;
      words.push('-H');
      literal(`${h.name}: ${h.value}`);
    }
    if (source.kind === 'basic') {
      words.push('-u');
      if (includeSecrets) literal(`${source.username}:${source.secret}`);
      else words.push(`"$${CURL_PLACEHOLDERS.user}:$${CURL_PLACEHOLDERS.token}"`);
    } else if (source.kind === 'bearer') {
      words.push('-H');
      if (includeSecrets) literal(`Authorization: Bearer ${source.token.trim()}`);
      else words.push(`"Authorization: Bearer $${CURL_PLACEHOLDERS.token}"`);
    } else if (source.kind === 'browser') {
      const names = [...new Set((options.cookieNames ?? []).filter((n) => isSessionCookie(n) && SAFE_COOKIE_NAME.test(n)))];
      if (names.length) words.push('-b', `"${names.map((n) => `${n}=$${cookiePlaceholder(n)}`).join('; ')}"`);
    }
    literal(request.url);
  } catch (err) {
    if (err instanceof ControlCharacterError) return { ok: false, error: 'The request holds a line break or another control character; it cannot be copied as a shell command safely.' };
    throw err;
  }
  return { ok: true, command: joinWords(words) };
}

/**
 * One POSIX shell word that stands for exactly `s`: `'…'`, each `'` written as `'\''`. Inside single
 * quotes the shell expands nothing (`$`, backticks, `\`, `!` and newlines stay literal).
 * @throws Error for a NUL character, which no shell argument can hold.
 */
export function shellQuote(s: string): string {
  if (s.includes('\0')) throw new Error('A shell argument cannot contain a NUL character.');
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Safe inside double quotes: no `$`, backtick, `\`, `"` or `!`.
const SAFE_COOKIE_NAME = /^[A-Za-z0-9._-]+$/;

class ControlCharacterError extends Error {}

/** `curl --globoff -H 'A: b' 'url'` → options with their values on one line each, continued with `\`. */
function joinWords(words: string[]): string {
  const lines: string[] = [];
  let i = 0;
  const head = [words[i++]!, words[i++]!];
  lines.push(head.join(' '));
  while (i < words.length) {
    const w = words[i++]!;
    if ((w === '-X' || w === '-H' || w === '-u' || w === '-b') && i < words.length) lines.push(`${w} ${words[i++]!}`);
    else lines.push(w);
  }
  return lines.join(' \\\n  ');
}
