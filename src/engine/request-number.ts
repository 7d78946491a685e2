/**
 * The one request number people see (#26): 1-based, the same in the panel's list, story, findings, timeline,
 * popup, the CLI's text and JSON `number`, and exports. Everything stored keeps the 0-based `Exchange.index`
 * / finding `entry` (the HAR entry index); only what is shown goes through here.
 */
export function requestNumber(entry: number): number {
  return entry + 1;
}

/** `#7` for entry 6. */
export function requestLabel(entry: number): string {
  return `#${requestNumber(entry)}`;
}
