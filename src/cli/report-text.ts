/** The CLI's human report: grouped by origin, sessions as a short timeline, findings by entry. */
import type { AnalysisResult, Finding, SessionInfo } from '../engine/types';
import { urlParts } from '../engine/ground/atlassian';
import { isoTime, type JsonInput } from './report-json';
import { plural } from '../engine/analysis/plural';
import { ssoIdpName } from '../engine/analysis/sso';
import { LACK_NAMES, formatName } from '../engine/transcript/names';
import type { Lack } from '../engine/transcript/unknown';

/** Product names as Atlassian writes them; an unknown product is named "Atlassian". */
const PRODUCT_NAMES: Record<string, string | undefined> = { jira: 'Jira', confluence: 'Confluence', bitbucket: 'Bitbucket' };

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

/** Text from the HAR (user names, URLs, header values in messages) must not drive the terminal: controls made visible. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const clean = (s: string) => s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);


function sessionLine(s: SessionInfo): string {
  const parts = [`${s.cookie}`, s.user ? `user ${s.user}` : 'user unknown'];
  parts.push(s.issuedEntry === null ? 'issued before the capture' : `issued at #${s.issuedEntry}`);
  parts.push(
    s.expires !== null ? `expires ${isoTime(s.expires)}`
    : s.tokenExpires !== null ? `browser-session cookie, its token expires ${isoTime(s.tokenExpires)}`
    : 'browser-session cookie (server timeout unknown)',
  );
  if (s.token?.email) parts.push(`token of ${s.token.email}`);
  if (s.sso) {
    const who = [ssoIdpName(s.sso), s.sso.nameId].filter(Boolean).join(', ');
    parts.push(`signed in through SSO (${who}) at #${s.sso.entry}${s.sso.sessionNotOnOrAfter !== null ? `, the IdP allowed it until ${isoTime(s.sso.sessionNotOnOrAfter)}` : ''}`);
  }
  if (s.lastSentEntry !== null) parts.push(`last sent at #${s.lastSentEntry}`);
  if (s.anonymousEntry !== null) parts.push(`served as anonymous from #${s.anonymousEntry}`);
  if (s.clearedEntry !== null) parts.push(`cleared at #${s.clearedEntry}`);
  return clean(parts.join(' · '));
}

export function textReport(result: AnalysisResult, input: JsonInput, file: string, style: Style): string {
  const out: string[] = [];
  const bySeverity = (sev: Finding['severity']) => result.findings.filter((f) => f.severity === sev).length;
  out.push(
    style.bold(
      `${clean(file)}: ${plural(input.entries, 'entry', 'entries')}${input.skipped ? ` (${input.skipped} skipped)` : ''}, ${plural(result.origins.length, 'origin')}, ` +
        `${plural(bySeverity('error'), 'error')}, ${plural(bySeverity('warning'), 'warning')}, ${bySeverity('info')} info`,
    ),
  );
  if (input.format !== undefined) {
    out.push(`Read as ${formatName(input.format)}.`);
    if (input.lacks?.length) out.push(`The transcript did not show: ${input.lacks.map((l) => LACK_NAMES[l as Lack] ?? l).join('; ')}.`);
  }
  // Findings by origin, split the way the analyzer split them (new URL() would disagree on odd hosts).
  const byOrigin = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const key = urlParts(f.url)?.origin ?? '';
    const list = byOrigin.get(key);
    if (list) list.push(f);
    else byOrigin.set(key, [f]);
  }
  for (const origin of result.origins) {
    out.push('');
    const product = PRODUCT_NAMES[origin.product];
    const deployment = origin.deployment === 'cloud' ? 'Cloud' : origin.deployment === 'server' ? 'Server / Data Center' : '';
    const kind = origin.atlassian ? `${product ?? 'Atlassian'} ${deployment}`.trim() : 'not Atlassian';
    out.push(style.bold(`${clean(origin.origin)}  (${kind})`));
    const sessions = result.sessions.filter((s) => s.origin === origin.origin);
    if (sessions.length) {
      out.push('  Sessions:');
      for (const s of sessions) out.push(`    ${sessionLine(s)}`);
    }
    const findings = byOrigin.get(origin.origin) ?? [];
    byOrigin.delete(origin.origin);
    if (findings.length) findingLines(findings, style, out);
    else if (origin.atlassian) out.push('  No findings.');
  }
  // Never drop a finding, even one whose origin is not listed (should not happen).
  const rest = [...byOrigin.values()].flat();
  if (rest.length) {
    out.push('', style.bold('Other findings'));
    findingLines(rest, style, out);
  }
  return out.join('\n') + '\n';
}

function findingLines(findings: readonly Finding[], style: Style, out: string[]): void {
  out.push('  Findings:');
  for (const f of [...findings].sort((a, b) => a.entry - b.entry)) {
    out.push(`    ${style.severity(f.severity, `[${f.severity}]`)} #${f.entry} ${clean(requestOf(f))} · ${style.bold(clean(f.code))}`);
    out.push(`      ${clean(f.message)}`);
    out.push(style.dim(`      fix: ${clean(f.fix)}`));
  }
}

/** `GET /rest/api/3/myself` (a long query cut): which request a finding is about, beside its number. */
function requestOf(f: Finding): string {
  const parts = urlParts(f.url);
  const q = f.url.indexOf('?');
  const query = q < 0 ? '' : f.url.slice(q).replace(/#.*$/, '');
  const target = (parts?.path ?? f.url) + (query.length > 60 ? `${query.slice(0, 57)}…` : query);
  return f.method ? `${f.method} ${target}` : target;
}
