/**
 * Finds any of many strings in long texts in one pass (Rabin-Karp over the first MIN_LENGTH characters).
 *
 * Redaction uses it to remove, from every body and field of a HAR, the secret values it already found in
 * headers (a session id echoed by a login response, the XSRF token a page embeds). A regular expression
 * alternation of the secrets slows down with their number (thousands of distinct cookie values make it
 * minutes per 50 MB); this costs the same whatever their number.
 */

/** Shorter strings are not searched for: they would match ordinary text. */
export const MIN_LENGTH = 8;
const BASE = 31;
/** BASE^(MIN_LENGTH-1) mod 2^32, to drop the character leaving the window. */
const DROP = (() => {
  let p = 1;
  for (let k = 1; k < MIN_LENGTH; k++) p = Math.imul(p, BASE);
  return p;
})();

function windowHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < MIN_LENGTH; k++) h = (Math.imul(h, BASE) + text.charCodeAt(at + k)) | 0;
  return h;
}

export class StringFinder {
  /** Hash of the first MIN_LENGTH characters → the strings that start so, longest first. */
  private readonly byPrefix = new Map<number, string[]>();
  private readonly all = new Set<string>();

  get size(): number {
    return this.all.size;
  }

  /** Adds a string to look for; ignored when shorter than MIN_LENGTH. */
  add(s: string): void {
    if (s.length < MIN_LENGTH || this.all.has(s)) return;
    this.all.add(s);
    const h = windowHash(s, 0);
    const list = this.byPrefix.get(h);
    if (!list) this.byPrefix.set(h, [s]);
    else {
      list.push(s);
      list.sort((a, b) => b.length - a.length);
    }
  }

  /** `text` with every occurrence replaced by `replacement(match)`, leftmost-longest, no overlaps. */
  replaceAll(text: string, replacement: (match: string) => string): string {
    if (this.all.size === 0 || text.length < MIN_LENGTH) return text;
    const out: string[] = [];
    let copied = 0;
    const last = text.length - MIN_LENGTH;
    let i = 0;
    let h = windowHash(text, 0);
    while (i <= last) {
      const candidates = this.byPrefix.get(h);
      const match = candidates?.find((s) => text.startsWith(s, i));
      if (match !== undefined) {
        out.push(text.slice(copied, i), replacement(match));
        i += match.length;
        copied = i;
        if (i <= last) h = windowHash(text, i);
        continue;
      }
      if (i === last) break;
      h = (Math.imul(h - Math.imul(text.charCodeAt(i), DROP), BASE) + text.charCodeAt(i + MIN_LENGTH)) | 0;
      i++;
    }
    if (out.length === 0) return text;
    out.push(text.slice(copied));
    return out.join('');
  }
}
