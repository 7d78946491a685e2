/**
 * Server-controlled text (user names, headers, URLs, cookie names, findings' messages, file names) as the
 * panel shows it: every invisible or control character is written out as an escape (`\u202E`), so a
 * bidi override cannot reverse what follows it, a zero-width character cannot make two names look alike,
 * and a line break or NUL cannot hide the rest of a value. Visible letters of any script (Arabic, CJK, …)
 * are left as they are. The one helper every component uses (ESLint cannot see text nodes; the e2e
 * "hostile text" tests check the screens).
 *
 * Escaped: Unicode general categories Cc (C0/C1 controls, incl. tab and line breaks), Cf (format: bidi
 * embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, marks U+200E/U+200F/U+061C,
 * zero-width U+200B–U+200D, U+2060–U+2064, U+FEFF, soft hyphen, tags), Zl and Zp (U+2028, U+2029), lone
 * surrogates, and the Hangul fillers that render as nothing. A backslash before `u` is doubled, so an
 * escape the server wrote itself never looks like one the panel wrote.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u115F\u1160\u3164\uFFA0]|\\(?=u)/gu;

function escape(ch: string): string {
  if (ch === '\\') return '\\\\';
  const cp = ch.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16).toUpperCase()}}` : `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `s` with every invisible or control character visibly escaped. */
export function visible(s: string): string {
  return s.replace(INVISIBLE, escape);
}
