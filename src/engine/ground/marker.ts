/**
 * The one spelling of a redacted secret. Sanitized exchanges, redacted HAR files, the panel and the
 * CLI all use it, so a value that was redacted once is recognised (and left alone) everywhere.
 * It keeps the length, which the findings contract allows, and contains no `;`, `,` or `=` so it
 * survives inside Cookie and Set-Cookie syntax.
 *
 * A Cloud session token's marker also carries the few claims the analysis needs (cookie-value.ts):
 * `[redacted 812 claims:<base64url JSON>]`, so a redacted HAR analyses like the original.
 */
const MARKER = /^\[redacted (\d{1,12})(?: claims:([A-Za-z0-9_-]{1,4096}))?\]$/;

export function redactedMarker(length: number, claims?: string): string {
  if (length === 0) return '';
  return claims ? `[redacted ${length} claims:${claims}]` : `[redacted ${length}]`;
}

/** A redacted value, or content removed whole (`[removed: 2.1 KB binary]`). */
export function isRedactedMarker(value: string): boolean {
  return value.length < 4200 && (MARKER.test(value) || REMOVED.test(value));
}

/**
 * Content that could not be read, so could not be redacted, is removed whole (fails closed): a binary or
 * non-UTF-8 body, a binary WebSocket frame, a key or certificate file. The marker says what and how big.
 */
const REMOVED = /^\[removed: \d{1,6}(?:\.\d)? (?:B|KB|MB|GB) [a-z ]{1,40}\]$/;

export function removedMarker(bytes: number, what: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let size = bytes;
  let u = 0;
  while (size >= 1024 && u < units.length - 1) {
    size /= 1024;
    u++;
  }
  const shown = u === 0 ? String(Math.round(size)) : size.toFixed(1).replace(/\.0$/, '');
  return `[removed: ${shown} ${units[u]} ${what}]`;
}

export function isRemovedMarker(value: string): boolean {
  return value.length < 100 && REMOVED.test(value);
}

/** Length of the secret a marker stands for, or null when `value` is not a marker. */
export function redactedLength(value: string): number | null {
  const m = value.length < 4200 ? MARKER.exec(value) : null;
  return m ? Number(m[1]) : null;
}

/** The base64url claims a marker carries, or null. */
export function markerClaims(value: string): string | null {
  const m = value.length < 4200 ? MARKER.exec(value) : null;
  return m?.[2] ?? null;
}
