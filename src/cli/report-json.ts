/** The CLI's JSON output, exactly the schema of findings.md. */
import type { AnalysisResult } from '../engine/types';

export const REPORT_VERSION = 1;

export function jsonReport(result: AnalysisResult, input: { entries: number; skipped: number }) {
  return {
    version: REPORT_VERSION,
    input,
    origins: result.origins.map(({ origin, atlassian, deployment }) => ({ origin, atlassian, deployment })),
    sessions: result.sessions.map((s) => ({
      origin: s.origin,
      cookie: s.cookie,
      user: s.user,
      issuedEntry: s.issuedEntry,
      expires: s.expires === null ? null : new Date(s.expires).toISOString(),
      clearedEntry: s.clearedEntry,
      lastSentEntry: s.lastSentEntry,
    })),
    findings: result.findings.map(({ code, severity, entry, url, message, fix }) => ({ code, severity, entry, url, message, fix })),
  };
}
