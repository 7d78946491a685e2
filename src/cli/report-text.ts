/** The CLI's human report: grouped by origin, sessions as a short timeline, findings by entry. */
import type { AnalysisResult, Finding, SessionInfo } from '../engine/types';

export interface Style {
  bold(s: string): string;
  severity(sev: Finding['severity'], s: string): string;
  dim(s: string): string;
}

export const plain: Style = { bold: (s) => s, severity: (_, s) => s, dim: (s) => s };
export const ansi: Style = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  severity: (sev, s) => `\x1b[${sev === 'error' ? 31 : sev === 'warning' ? 33 : 36}m${s}\x1b[39m`,
};

function count(n: number, stem: string, one = '', many = 's'): string {
  return `${n} ${stem}${n === 1 ? one : many}`;
}

function sessionLine(s: SessionInfo): string {
  const parts = [`${s.cookie}`, s.user ? `user ${s.user}` : 'user unknown'];
  parts.push(s.issuedEntry === null ? 'issued before the capture' : `issued at #${s.issuedEntry}`);
  parts.push(s.expires === null ? 'browser-session cookie (server timeout unknown)' : `expires ${new Date(s.expires).toISOString()}`);
  if (s.lastSentEntry !== null) parts.push(`last sent at #${s.lastSentEntry}`);
  if (s.anonymousEntry !== null) parts.push(`served as anonymous from #${s.anonymousEntry}`);
  if (s.clearedEntry !== null) parts.push(`cleared at #${s.clearedEntry}`);
  return parts.join(' · ');
}

export function textReport(result: AnalysisResult, input: { entries: number; skipped: number }, file: string, style: Style): string {
  const out: string[] = [];
  const bySeverity = (sev: Finding['severity']) => result.findings.filter((f) => f.severity === sev).length;
  out.push(
    style.bold(
      `${file}: ${count(input.entries, 'entr', 'y', 'ies')}${input.skipped ? ` (${input.skipped} skipped)` : ''}, ${count(result.origins.length, 'origin')}, ` +
        `${count(bySeverity('error'), 'error')}, ${count(bySeverity('warning'), 'warning')}, ${bySeverity('info')} info`,
    ),
  );
  for (const origin of result.origins) {
    out.push('');
    const kind = origin.atlassian ? `Atlassian ${origin.deployment === 'cloud' ? 'Cloud' : origin.deployment === 'server' ? 'Server / Data Center' : ''}`.trim() : 'not Atlassian';
    out.push(style.bold(`${origin.origin}  (${kind})`));
    if (!origin.atlassian) continue;
    const sessions = result.sessions.filter((s) => s.origin === origin.origin);
    if (sessions.length) {
      out.push('  Sessions:');
      for (const s of sessions) out.push(`    ${sessionLine(s)}`);
    }
    const findings = result.findings.filter((f) => new URL(f.url).origin === origin.origin).sort((a, b) => a.entry - b.entry);
    if (findings.length === 0) {
      out.push('  No findings.');
      continue;
    }
    out.push('  Findings:');
    for (const f of findings) {
      out.push(`    ${style.severity(f.severity, `[${f.severity}]`)} #${f.entry} ${style.bold(f.code)}`);
      out.push(`      ${f.message}`);
      out.push(style.dim(`      fix: ${f.fix}`));
    }
  }
  return out.join('\n') + '\n';
}
