/** Small display helpers shared by the panel's components. */
import type { Severity, Finding } from '../engine/types';
import { parseAUsername } from '../engine/ground/parse/seraph';
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

/*
 * Times the way DevTools prints them (Console timestamps, Network tooltips): 24-hour local clock, fixed
 * width, and the date in front when the moment is not today (a log kept across midnight or an imported
 * HAR from last week must not read as today). Built by hand, not with Intl: a locale's "2:03:07 PM" is
 * neither sortable by eye nor what DevTools shows, and this runs for every visible row.
 */
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a local date. */
export function isoDate(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function sameDay(a: number, b: number): boolean {
  const x = new Date(a);
  const y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** `HH:MM:SS`, for prose ("expired at 10:42:07"). */
export function clockTime(time: number): string {
  const d = new Date(time);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `HH:MM:SS`, or `YYYY-MM-DD HH:MM:SS` when `time` is not on `now`'s day. */
export function stamp(time: number, now: number = Date.now()): string {
  return sameDay(time, now) ? clockTime(time) : `${isoDate(time)} ${clockTime(time)}`;
}

/** A request's time as the list shows it: `HH:MM:SS.mmm`, the date in front when not today. */
export function requestTime(time: number, now: number = Date.now()): string {
  return `${stamp(time, now)}.${pad(new Date(time).getMilliseconds(), 3)}`;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  return findings.reduce<Severity | null>((w, f) => (w === null || RANK[f.severity] < RANK[w] ? f.severity : w), null);
}
