/**
 * Lone surrogates (`"\ud800"` in a HAR's JSON) replaced by U+FFFD in every string and key of a parsed
 * document, in place, without recursion (documents can nest thousands of levels deep).
 *
 * Why the CLI does this before redacting: a lone surrogate is not text (no UTF-8 file can hold one, so
 * the written copy would carry U+FFFD anyway), and engine code that percent-encodes a value, as redaction
 * does with every secret it finds, throws URIError on one. Lengths do not change (one code unit each),
 * so `[redacted N]` counts stay the same.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** String.prototype.toWellFormed (ES2024), which the project's lib setting (ES2023) does not declare. */
export const wellFormed = (s: string) => (LONE_SURROGATE.test(s) ? s.replace(LONE_SURROGATES, '\ufffd') : s);
const fix = wellFormed;

export function makeWellFormed(doc: unknown): unknown {
  if (typeof doc === 'string') return fix(doc);
  const stack: unknown[] = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v = node[i];
        if (typeof v === 'string') node[i] = fix(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    } else if (typeof node === 'object' && node !== null) {
      const obj = node as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        const v = obj[key];
        const k = fix(key);
        if (k !== key) {
          delete obj[key];
          // A fixed key may meet an existing one: JSON.parse keeps the last of equal keys too.
          obj[k] = v;
        }
        if (typeof v === 'string') obj[k] = fix(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
  }
  return doc;
}
