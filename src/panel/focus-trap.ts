/**
 * Keeps Tab inside a modal dialog (aria-modal promises that): Tab and Shift+Tab cycle through the dialog's
 * focusable elements, and focus that had left the dialog comes back to it. The cycle is moved by hand,
 * not left to the browser, so a focusable the list does not know (a scroll container Chromium makes
 * focusable) cannot lead out of the dialog.
 */
const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function trapFocus(e: KeyboardEvent, root: HTMLElement | null): void {
  if (!root || e.key !== 'Tab') return;
  const items = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  e.preventDefault();
  if (items.length === 0) return root.focus();
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = at === -1 ? (e.shiftKey ? items.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + items.length) % items.length;
  items[next]!.focus();
}
