/**
 * The one spelling of a redacted secret. Sanitized exchanges, redacted HAR files, the panel and the
 * CLI all use it, so a value that was redacted once is recognised (and left alone) everywhere.
 * It keeps the length, which the findings contract allows, and contains no `;`, `,` or `=` so it
 * survives inside Cookie and Set-Cookie syntax.
 */
const MARKER = /^\[redacted (\d+)\]$/;

export function redactedMarker(length: number): string {
  return length === 0 ? '' : `[redacted ${length}]`;
}

export function isRedactedMarker(value: string): boolean {
  return MARKER.test(value);
}

/** Length of the secret a marker stands for, or null when `value` is not a marker. */
export function redactedLength(value: string): number | null {
  const m = MARKER.exec(value);
  return m ? Number(m[1]) : null;
}
