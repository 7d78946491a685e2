/**
 * File names of exported HAR files: `seraph-lens_<site>_<YYYY-MM-DD_HHMMSS>.har`, naming the site the tab was
 * on and the local time of the export (a tab id means nothing once the file is attached to a ticket).
 */
import type { Exchange } from '../types';

/**
 * The site a log is about: the host (and port) of its latest top-level page, else its most frequent host;
 * null for a log without a readable URL.
 */
export function siteOf(exchanges: readonly Exchange[]): string | null {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    if (exchanges[i]!.type === 'main_frame') {
      const host = hostOf(exchanges[i]!.url);
      if (host) return host;
    }
  }
  const counts = new Map<string, number>();
  let best: string | null = null;
  for (const ex of exchanges) {
    const host = hostOf(ex.url);
    if (!host) continue;
    const n = (counts.get(host) ?? 0) + 1;
    counts.set(host, n);
    if (best === null || n > counts.get(best)!) best = host;
  }
  return best;
}

/** A host as a file-name part: lower case letters, digits, dots and dashes only, at most 80 characters. */
export function fileNamePart(text: string): string {
  const safe = text
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[.-]+|[.-]+$/g, '')
    .slice(0, 80)
    .replace(/[.-]+$/, '');
  return safe || 'site';
}

/** `2026-12-01_170512`, in the local time of `at` (what the user's clock said when they exported). */
export function fileTimestamp(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}_${two(at.getHours())}${two(at.getMinutes())}${two(at.getSeconds())}`;
}

/** The export of a whole log (or of one request, `entry` its running number). */
export function exportFileName(exchanges: readonly Exchange[], at: Date, entry?: number): string {
  const site = fileNamePart(siteOf(exchanges) ?? 'tab');
  const which = entry === undefined ? '' : `_request-${entry}`;
  return `seraph-lens_${site}_${fileTimestamp(at)}${which}.har`;
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    return u.port ? `${u.hostname}-${u.port}` : u.hostname;
  } catch {
    return null;
  }
}
