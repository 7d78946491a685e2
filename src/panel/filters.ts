/** The request list's filters, as plain data and one pure function. */
import type { CapturedExchange } from '../shared/protocol';
import type { Finding } from '../engine/types';
import { isAuthRelevant } from '../engine/analysis/relevance';
import { urlParts } from '../engine/analysis/atlassian';

export type StatusClass = 'all' | '2xx' | '3xx' | '4xx' | '5xx' | 'failed';

export interface Filters {
  text: string;
  authOnly: boolean;
  status: StatusClass;
  origin: string; // '' = all
  /** Off: only what happened since the tab's last top-level navigation, like the Network panel. */
  preserveLog: boolean;
}

export const DEFAULT_FILTERS: Filters = { text: '', authOnly: true, status: 'all', origin: '', preserveLog: true };

function originOf(url: string): string {
  return urlParts(url)?.origin ?? '';
}

/**
 * The origins of a list, sorted. Runs over every exchange in the render after an import (68,000 for 150 MB),
 * so a URL that starts with one of the last origins found, followed by `/`, `?`, `#` or nothing, is that origin
 * without being parsed again (such a URL cannot hold a user part or another port); only the others are parsed.
 */
export function origins(exchanges: readonly CapturedExchange[]): string[] {
  const found = new Set<string>();
  const recent: string[] = []; // the last few origins parsed (a hostile file may hold thousands)
  outer: for (const { url } of exchanges) {
    for (const o of recent) if (url.startsWith(o) && (url.length === o.length || '/?#'.includes(url[o.length]!))) continue outer;
    const o = originOf(url);
    if (!o) continue;
    found.add(o);
    if (!recent.includes(o)) recent.unshift(o);
    if (recent.length > 4) recent.pop();
  }
  return [...found].sort();
}

export function applyFilters(exchanges: readonly CapturedExchange[], byEntry: ReadonlyMap<number, Finding[]>, f: Filters): CapturedExchange[] {
  const text = f.text.trim().toLowerCase();
  let from = 0;
  if (!f.preserveLog) for (let i = exchanges.length - 1; i >= 0; i--) if (exchanges[i]!.type === 'main_frame') { from = i; break; }
  return exchanges.slice(from).filter((ex) => {
    if (f.authOnly && !isAuthRelevant(ex, byEntry.has(ex.index))) return false;
    if (f.status !== 'all') {
      const cls = ex.status === 0 ? 'failed' : `${Math.floor(ex.status / 100)}xx`;
      if (cls !== f.status) return false;
    }
    if (f.origin && originOf(ex.url) !== f.origin) return false;
    if (text) {
      const hay = `${ex.method} ${ex.url} ${ex.status} ${ex.responseHeaders.map((h) => h.value).join(' ')}`.toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  });
}
