/**
 * `JSON.stringify(value, null, 2) + '\n'` written in pieces of about a megabyte: the same bytes, without the
 * whole text (and, for the 34,000 findings of a 150 MB HAR, its tens of megabytes) in memory at once. Objects and
 * arrays of the top three levels are written member by member, deeper values with JSON.stringify.
 */
const PIECE = 1 << 20;
const LEVELS = 3;

export function writeJson(value: unknown, write: (s: string) => void): void {
  let out = '';
  const put = (s: string) => {
    out += s;
    if (out.length >= PIECE) {
      write(out);
      out = '';
    }
  };
  const leaf = (v: unknown, pad: string) => {
    // A string, number or boolean is written alike with or without the indent (and never on two lines):
    // most leaves are, and the indenting stringify is the slower one.
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return put(JSON.stringify(v));
    const text = JSON.stringify(v, null, 2) ?? 'null';
    put(pad && text.includes('\n') ? text.replace(/\n/g, `\n${pad}`) : text);
  };
  const emit = (v: unknown, pad: string, level: number) => {
    // Plain arrays and objects only: anything with a toJSON (a Date) is left to JSON.stringify.
    if (level >= LEVELS || typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return leaf(v, pad);
    const inner = pad + '  ';
    if (Array.isArray(v)) {
      if (v.length === 0) return put('[]');
      put('[');
      for (let i = 0; i < v.length; i++) {
        put(`${i ? ',' : ''}\n${inner}`);
        const item: unknown = v[i];
        // JSON.stringify writes null for what it cannot write in an array.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') put('null');
        else emit(item, inner, level + 1);
      }
      return put(`\n${pad}]`);
    }
    let first = true;
    for (const key of Object.keys(v)) {
      const member: unknown = (v as Record<string, unknown>)[key];
      // …and leaves out of an object.
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      put(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
      first = false;
      emit(member, inner, level + 1);
    }
    put(first ? '{}' : `\n${pad}}`);
  };
  emit(value, '', 0);
  put('\n');
  if (out) write(out);
}
