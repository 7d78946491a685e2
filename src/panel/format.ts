/** Small display helpers shared by the panel's components. */
import type { Severity, Finding } from '../engine/types';
import { parseAUsername } from '../engine/analysis/parse/seraph';
import { visible } from './visible';

/**
 * X-AUSERNAME as a person reads it: decoded the way Jira encodes it (Java's URLEncoder: `+` is a space,
 * `%D9%85` is UTF-8), invisible characters escaped; `anonymous` as such; '' when absent.
 */
export function userName(raw: string | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  const u = parseAUsername(raw);
  return u.anonymous ? 'anonymous' : u.user === null ? '' : visible(u.user);
}

export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

// One formatter for the whole panel: toLocaleTimeString with options builds a new one per call, which
// profiled as the panel's most expensive function on large logs.
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function clockTime(time: number): string {
  return TIME.format(time);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  return findings.reduce<Severity | null>((w, f) => (w === null || RANK[f.severity] < RANK[w] ? f.severity : w), null);
}
