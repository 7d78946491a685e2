/** Small helpers over ordered header lists (names compare case-insensitively, duplicates kept). */
import type { Header } from '../types';

/** Names longer than this are not cached (a hostile one could be megabytes). */
const MAX_CACHED_NAME = 64;
const MAX_CACHED_NAMES = 512;
const lowerCase = new Map<string, string>();

/**
 * A header name in lower case. The same few dozen names come back on every request of a log, so their
 * lower-case forms are cached: comparing them costs no new string (allocation was most of a large HAR's
 * conversion time). Bounded: the cache starts over when a log brings too many distinct names.
 */
export function lowerName(name: string): string {
  let lower = lowerCase.get(name);
  if (lower === undefined) {
    lower = name.toLowerCase();
    if (name.length <= MAX_CACHED_NAME) {
      if (lowerCase.size >= MAX_CACHED_NAMES) lowerCase.clear();
      lowerCase.set(name, lower);
    }
  }
  return lower;
}

export function headerValues(headers: readonly Header[], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers) if (lowerName(h.name) === lower) out.push(h.value);
  return out;
}

export function firstHeader(headers: readonly Header[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const h of headers) if (lowerName(h.name) === lower) return h.value;
  return null;
}

export function hasHeader(headers: readonly Header[], name: string): boolean {
  return firstHeader(headers, name) !== null;
}
