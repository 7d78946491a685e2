/** Small helpers over ordered header lists (names compare case-insensitively, duplicates kept). */
import type { Header } from './types';

export function headerValues(headers: readonly Header[], name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const h of headers) if (h.name.toLowerCase() === lower) out.push(h.value);
  return out;
}

export function firstHeader(headers: readonly Header[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.value;
  return null;
}

export function hasHeader(headers: readonly Header[], name: string): boolean {
  return firstHeader(headers, name) !== null;
}
