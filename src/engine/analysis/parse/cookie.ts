/**
 * Request `Cookie` header → names and value lengths (RFC 6265 §5.4 syntax, read leniently: browsers and
 * tools send empty parts, missing `=`, quotes and odd whitespace). Values never leave this function.
 */
import { redactedLength } from '../../redact/marker';

export interface SentCookie {
  name: string;
  /** Length of the value as sent (quotes included, as browsers keep them); a redaction marker counts as its secret's length. */
  valueLength: number;
}

export function parseCookieHeader(value: string): SentCookie[] {
  const out: SentCookie[] = [];
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    // A part without `=` is a nameless cookie (RFC 6265bis §5.6 step 3): no name to report.
    const name = (eq < 0 ? '' : part.slice(0, eq)).trim();
    if (!name) continue;
    const v = part.slice(eq + 1).trim();
    out.push({ name, valueLength: redactedLength(v) ?? v.length });
  }
  return out;
}
