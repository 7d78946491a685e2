/** Control characters in user-visible or shell-bound text (shared by the replay modules). */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const C0_DEL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const C0_DEL_C1 = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const C0_DEL_ALL = /[\u0000-\u001f\u007f]/g;

/** C0 controls (tab, CR, LF, NUL, ESC, …) or DEL. */
export function hasControl(s: string): boolean {
  return C0_DEL.test(s);
}

/** C0 or C1 controls, or DEL: anything a terminal may act on. */
export function hasTerminalControl(s: string): boolean {
  return C0_DEL_C1.test(s);
}

/** `s` shortened to 100 characters with controls shown as `?`, for messages. */
export function printable(s: string): string {
  const clean = s.replace(C0_DEL_ALL, '?');
  return clean.length > 100 ? `${clean.slice(0, 100)}…` : clean;
}
