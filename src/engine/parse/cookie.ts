/**
 * Request `Cookie` header → names and value lengths (RFC 6265 §5.4 syntax, read leniently: browsers and
 * tools send empty parts, missing `=`, quotes and odd whitespace). Values never leave this function.
 */
export interface SentCookie {
  name: string;
  valueLength: number;
}

export function parseCookieHeader(value: string): SentCookie[] {
  const out: SentCookie[] = [];
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? '' : part.slice(0, eq)).trim();
    if (!name) continue; // a part without `=` is not a cookie pair (RFC 6265 §5.2 step 1 analogue)
    let v = part.slice(eq + 1).trim();
    if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
    out.push({ name, valueLength: v.length });
  }
  return out;
}
