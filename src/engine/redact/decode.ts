/**
 * Decode, then scan (issue 25.3): free text often holds its secrets behind one or more encodings — JSON in
 * an HTML attribute (`data-props="{&quot;xsrfToken&quot;:…`), JSON in a JavaScript string
 * (`JSON.parse("{\u0022accessToken\u0022:…")`), a URL inside another URL's parameter encoded twice
 * (`continue=https%253A…%253Fapi_token%253D…`), a base64 run that decodes to text. text.ts reads the
 * decoded views these functions produce, notes every secret found there, and sweeps those values (in all
 * their spellings, sweep.ts) out of the original text.
 *
 * Every function is one pass of a global regular expression whose match is bounded or a single character
 * class run (no nested quantifier), so each view costs time linear in the text.
 */
import { decodeBase64Utf8 } from '../ground/parse/authorization';

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(quot|amp|lt|gt|apos|nbsp));?/g;
const NAMED: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: ' ' };

function fromCodePoint(cp: number): string {
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
}

/** HTML character references undone (`&quot;`, `&#34;`, `&#x22;`, also without the `;`). */
export function htmlDecode(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (_m, dec: string | undefined, hex: string | undefined, name: string | undefined) => (dec ? fromCodePoint(Number(dec)) : hex ? fromCodePoint(parseInt(hex, 16)) : NAMED[name!.toLowerCase()]!));
}

const JS_ESCAPE = /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(["'`\\/]))/g;

/** JavaScript and JSON string escapes undone (`\u0022`, `\x22`, `\"`, `\/`), one level. */
export function jsUnescape(text: string): string {
  if (text.indexOf('\\') < 0) return text;
  return text.replace(JS_ESCAPE, (_m, braced: string | undefined, u: string | undefined, x: string | undefined, c: string | undefined) =>
    braced ? fromCodePoint(parseInt(braced, 16)) : u ? String.fromCharCode(parseInt(u, 16)) : x ? String.fromCharCode(parseInt(x, 16)) : c!,
  );
}

const PERCENT_RUN = /(?:%[0-9a-fA-F]{2}){1,1024}/g; // bounded: see base64Texts

/** Percent-encoding undone, one level, run by run (an invalid run stays as it was; `+` stays). */
export function urlDecodeOnce(text: string): string {
  if (text.indexOf('%') < 0) return text;
  return text.replace(PERCENT_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

const MAX_RUN = 1024 * 1024;

function isBase64Char(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 0x2b || c === 0x2f || c === 0x5f || c === 0x2d;
}

/**
 * Base64 (and base64url) runs of 24+ characters that decode to UTF-8 text, joined by line breaks. A
 * character loop, not a regular expression: an unbounded `[…]{24,}` over a run of megabytes is not linear
 * in V8 (its backtracking stack grows with the run).
 */
export function base64Texts(text: string): string {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isBase64Char(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let digitish = false;
    while (i < text.length && isBase64Char(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if ((c >= 48 && c <= 57) || c === 0x2b || c === 0x2f) digitish = true;
      i++;
    }
    let end = i;
    while (end < text.length && end - i < 2 && text.charCodeAt(end) === 0x3d) end++;
    if (end - start < 24 || end - start > MAX_RUN || !(digitish || end > i)) continue; // words and camelCase names are not base64 worth decoding
    const run = text.slice(start, end);
    const decoded = decodeBase64Utf8(run.length % 4 === 1 ? run.slice(0, -1) : run, MAX_RUN);
    if (decoded !== null && isPrintable(decoded)) out.push(decoded);
  }
  return out.join('\n');
}

/** Text a person could read: no control characters but whitespace, at least 4 characters. */
function isPrintable(s: string): boolean {
  if (s.length < 4) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || c === 0xfffd) return false;
  }
  return true;
}

/**
 * An encoded character that could hide a `name=value`, `"name": "value"` or URL from the text rules: an
 * entity, JS escape or percent-escape of a quote, `:`, `=`, `&`, `?`, `/` or `%` (`&amp;` and `%20` alone
 * hide nothing: the rules read past them). Bounded alternatives: one linear scan.
 */
const ENCODED_SYNTAX = /&(?:quot|apos|#0*(?:34|39|58|61)|#x0*(?:22|27|3a|3d));|\\(?:u00|x[0-9a-f]{2}|u\{|["'])|%(?:2[2567f]|3[adf])/i;

/** Cheap: is there anything to decode that could hide a secret? */
export function mayBeEncoded(text: string): boolean {
  return ENCODED_SYNTAX.test(text) || hasBase64Run(text);
}

function hasBase64Run(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isBase64Char(c) && c !== 0x2f) {
      // `/` is left out: paths (`/rest/api/2/issue/…`) are long runs of the alphabet and never worth decoding.
      if (++run >= 24) return true;
    } else run = 0;
  }
  return false;
}

/** The decoded views of `text` worth scanning (each different from it). */
export function decodedViews(text: string): string[] {
  const views: string[] = [];
  const add = (v: string) => {
    if (v !== text && v.length > 0 && !views.includes(v)) views.push(v);
  };
  const html = htmlDecode(text);
  add(html);
  const js = jsUnescape(html);
  add(js);
  add(jsUnescape(js)); // JSON in a JS string in JSON: `\\u0022`
  let url = js;
  for (let k = 0; k < 3 && url.indexOf('%') >= 0; k++) {
    const next = urlDecodeOnce(url);
    if (next === url) break;
    add(next);
    url = next;
  }
  const b64 = base64Texts(text);
  if (b64) add(b64);
  return views;
}
