/**
 * The request list's filters, as plain data and pure functions. The text box takes the Network panel's
 * syntax: `status:401`, `status:4xx`, `method:POST`, `user:anonymous`, `origin:jira`, `finding:silent-anonymous`,
 * `path:/rest/`, `reason:AUTHENTICATED_FAILED`, plain words, `"quoted values"`, and `-` in front of any of them
 * to negate it (`-login`, `-status:200`). Every term must hold. An unknown key (`foo:bar`, `https://…`) is
 * plain text, as in DevTools.
 */
import type { CapturedExchange } from '../shared/protocol';
import type { Finding } from '../engine/types';
import { isAuthRelevant } from '../engine/analysis/relevance';
import { urlParts } from '../engine/ground/atlassian';
import { firstHeader } from '../engine/exchange/headers';
import { userName } from './format';

export interface Filters {
  /** Filter text in the syntax above. */
  text: string;
  authOnly: boolean;
  /** Off: only what happened since the tab's last top-level navigation, like the Network panel. */
  preserveLog: boolean;
}

export const DEFAULT_FILTERS: Filters = { text: '', authOnly: true, preserveLog: true };

export const FILTER_KEYS = ['status', 'method', 'user', 'origin', 'finding', 'path', 'reason'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface FilterTerm {
  /** null: plain text, matched anywhere (method, URL, status, response header values). */
  key: FilterKey | null;
  /** Lower-cased. */
  value: string;
  negate: boolean;
}

/** Splits filter text into terms. Never throws: whatever cannot be read as a key is text. */
export function parseFilter(input: string): FilterTerm[] {
  const terms: FilterTerm[] = [];
  // A word: optional `-`, optional `key:`, then a quoted value (quotes may be left open) or up to a space.
  const WORD = /(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S*))/gy;
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    WORD.lastIndex = i;
    const m = WORD.exec(input)!;
    i = Math.max(WORD.lastIndex, i + 1);
    const [whole, dash, rawKey, quoted, bare] = m;
    const value = (quoted ?? bare ?? '').toLowerCase();
    const key = rawKey?.toLowerCase();
    if (key && (FILTER_KEYS as readonly string[]).includes(key)) {
      if (value) terms.push({ key: key as FilterKey, value, negate: dash === '-' });
      continue;
    }
    // Unknown key or none: the word as written is text (a lone `-` is a dash to look for, not a negation).
    const text = key ? `${key}:${value}` : value;
    if (text) terms.push({ key: null, value: text, negate: dash === '-' });
    else if (whole === '-') terms.push({ key: null, value: '-', negate: false });
  }
  return terms;
}

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

/**
 * What keyed terms look at in one exchange, lower-cased once (exchanges never change) and only once a term
 * asks. Plain text searches every response header value: that haystack is built per search, not kept
 * for 100,000 rows.
 */
interface Fields {
  user: string;
  origin: string;
  path: string;
  reason: string;
}
const fieldCache = new WeakMap<CapturedExchange, Fields>();

function fieldsOf(ex: CapturedExchange): Fields {
  let f = fieldCache.get(ex);
  if (!f) {
    const parts = urlParts(ex.url);
    f = {
      user: (userName(firstHeader(ex.responseHeaders, 'x-ausername')) || (firstHeader(ex.responseHeaders, 'x-aaccountid') ?? '')).toLowerCase(),
      origin: (parts?.origin ?? '').toLowerCase(),
      path: parts ? `${parts.path}${parts.query ? `?${parts.query}` : ''}`.toLowerCase() : ex.url.toLowerCase(),
      reason: (firstHeader(ex.responseHeaders, 'x-seraph-loginreason') ?? '').toLowerCase(),
    };
    fieldCache.set(ex, f);
  }
  return f;
}

function haystack(ex: CapturedExchange): string {
  return `${ex.method} ${ex.url} ${ex.status} ${ex.responseHeaders.map((h) => h.value).join(' ')}`.toLowerCase();
}

/** `status:401` exact, `status:4xx` / `status:4` a class, `status:failed` (or 0) no response. */
function statusMatches(status: number, value: string): boolean {
  if (value === 'failed') return status === 0;
  const cls = /^([1-5])(?:xx)?$/.exec(value);
  if (cls) return Math.floor(status / 100) === Number(cls[1]);
  return String(status) === value;
}

function termMatches(t: FilterTerm, ex: CapturedExchange, findings: readonly Finding[] | undefined): boolean {
  switch (t.key) {
    case 'status':
      return statusMatches(ex.status, t.value);
    case 'method':
      return ex.method.toLowerCase() === t.value;
    case 'finding':
      return (findings ?? []).some((x) => x.code.toLowerCase().includes(t.value));
    case null:
      return haystack(ex).includes(t.value);
    default:
      return fieldsOf(ex)[t.key].includes(t.value);
  }
}

export interface Filtered {
  rows: CapturedExchange[];
  /** Rows that every other filter lets through and only "auth-relevant only" hides. */
  hiddenNotAuth: number;
}

export function filterRows(exchanges: readonly CapturedExchange[], byEntry: ReadonlyMap<number, Finding[]>, f: Filters): Filtered {
  const terms = parseFilter(f.text);
  let from = 0;
  if (!f.preserveLog) for (let i = exchanges.length - 1; i >= 0; i--) if (exchanges[i]!.type === 'main_frame') { from = i; break; }
  const rows: CapturedExchange[] = [];
  let hiddenNotAuth = 0;
  for (let i = from; i < exchanges.length; i++) {
    const ex = exchanges[i]!;
    const findings = byEntry.get(ex.index);
    if (!terms.every((t) => termMatches(t, ex, findings) !== t.negate)) continue;
    if (f.authOnly && !isAuthRelevant(ex, findings !== undefined)) hiddenNotAuth++;
    else rows.push(ex);
  }
  return { rows, hiddenNotAuth };
}

export function applyFilters(exchanges: readonly CapturedExchange[], byEntry: ReadonlyMap<number, Finding[]>, f: Filters): CapturedExchange[] {
  return filterRows(exchanges, byEntry, f).rows;
}
