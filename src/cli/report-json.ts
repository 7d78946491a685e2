/** The CLI's JSON output, exactly the schema of findings.md. */
import type { AnalysisResult } from '../engine/types';

export const REPORT_VERSION = 1;

/** ECMAScript dates end at ±8.64e15 ms: a later expiry (a huge Max-Age) is written as the last one. */
const MAX_DATE_MS = 8.64e15;

/** ISO-8601 for an epoch-ms time; never throws. */
export function isoTime(ms: number): string {
  const clamped = Number.isNaN(ms) ? 0 : Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, ms));
  return new Date(clamped).toISOString();
}

export function jsonReport(result: AnalysisResult, input: { entries: number; skipped: number }) {
  return {
    version: REPORT_VERSION,
    input: { entries: input.entries, skipped: input.skipped },
    origins: result.origins.map(({ origin, atlassian, deployment, product }) => ({ origin, atlassian, deployment, product })),
    sessions: result.sessions.map((s) => ({
      origin: s.origin,
      cookie: s.cookie,
      user: s.user,
      issuedEntry: s.issuedEntry,
      expires: s.expires === null ? null : isoTime(s.expires),
      tokenExpires: s.tokenExpires === null ? null : isoTime(s.tokenExpires),
      clearedEntry: s.clearedEntry,
      lastSentEntry: s.lastSentEntry,
    })),
    findings: result.findings.map(({ code, severity, entry, url, message, fix }) => ({ code, severity, entry, url, message, fix })),
  };
}
