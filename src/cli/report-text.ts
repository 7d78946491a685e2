/**
 * The CLI's human report, ready for a ticket: per Atlassian site its story (the panel's sentences), its
 * sessions and its findings as `#n METHOD path`; the other origins in one line, an SSO identity provider
 * named as such. Requests are numbered as people see them (#1 is the file's first entry).
 */
import type { AnalysisResult, Finding, OriginInfo, SessionInfo } from '../engine/types';
import { urlParts } from '../engine/ground/atlassian';
import { isoTime, type JsonInput } from './report-json';
import { plural } from '../engine/analysis/plural';
import { ssoIdpName } from '../engine/analysis/sso';
import { storyText } from '../engine/analysis/story';
import { requestLabel } from '../engine/request-number';
import type { ReportContext } from './report-story';
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
  parts.push(s.issuedEntry === null ? 'issued before the capture' : `issued at ${requestLabel(s.issuedEntry)}`);
  parts.push(
    s.expires !== null ? `expires ${isoTime(s.expires)}`
    : s.tokenExpires !== null ? `browser-session cookie, its token expires ${isoTime(s.tokenExpires)}`
    : 'browser-session cookie (server timeout unknown)',
  );
  if (s.token?.email) parts.push(`token of ${s.token.email}`);
  if (s.sso) {
    const who = [ssoIdpName(s.sso), s.sso.nameId].filter(Boolean).join(', ');
    parts.push(`signed in through SSO (${who}) at ${requestLabel(s.sso.entry)}${s.sso.sessionNotOnOrAfter !== null ? `, the IdP allowed it until ${isoTime(s.sso.sessionNotOnOrAfter)}` : ''}`);
  }
  if (s.lastSentEntry !== null) parts.push(`last sent at ${requestLabel(s.lastSentEntry)}`);
  if (s.anonymousEntry !== null) parts.push(`served as anonymous from ${requestLabel(s.anonymousEntry)}`);
  if (s.clearedEntry !== null) parts.push(`cleared at ${requestLabel(s.clearedEntry)}`);
  return clean(parts.join(' · '));
}

export function textReport(result: AnalysisResult, input: JsonInput, file: string, style: Style, context: ReportContext): string {
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
  const idps = identityProviders(result);
  const folded: OriginInfo[] = [];
  for (const origin of result.origins) {
    const idp = idps.get(origin.origin);
    // Other sites are context, not the report: one line at the end, unless a finding is about them.
    if (!origin.atlassian && !idp && !byOrigin.has(origin.origin)) {
      folded.push(origin);
      continue;
    }
    out.push('');
    out.push(style.bold(`${clean(origin.origin)}  (${idp ? `${idp} identity provider` : siteKind(origin)})`));
    for (const line of context.story.find((s) => s.origin === origin.origin)?.lines ?? []) out.push(`  ${clean(storyText(line, storyTime))}`);
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
  if (folded.length) {
    const requests = folded.reduce((n, o) => n + (context.requests.get(o.origin) ?? 0), 0);
    out.push('', style.dim(`Also seen: ${plural(requests, 'request')} to ${plural(folded.length, 'other origin')} (not Atlassian).`));
  }
  return out.join('\n') + '\n';
}

/** The story's times to the second (the findings below name the exact requests); never throws, as isoTime. */
const storyTime = (t: number) => isoTime(t).replace(/\.\d{3}Z$/, 'Z');

/** "Jira Server / Data Center", "Atlassian Cloud sign-in" (auth.atlassian.com, id.atlassian.com). */
function siteKind(origin: OriginInfo): string {
  if (!origin.atlassian) return 'not Atlassian';
  const own = ATLASSIAN_HOSTS[urlParts(origin.origin)?.host ?? ''];
  if (own) return own;
  const deployment = origin.deployment === 'cloud' ? 'Cloud' : origin.deployment === 'server' ? 'Server / Data Center' : '';
  return `${PRODUCT_NAMES[origin.product] ?? 'Atlassian'} ${deployment}`.trim();
}

/** Atlassian's own hosts beside the products, by what they do. */
const ATLASSIAN_HOSTS: Record<string, string | undefined> = {
  'auth.atlassian.com': 'Atlassian Cloud sign-in',
  'id.atlassian.com': 'Atlassian Cloud sign-in',
  'api.atlassian.com': 'Atlassian Cloud API gateway',
};

/** Origins outside Atlassian where a SAML message was read: the IdP an AuthnRequest went to. */
function identityProviders(result: AnalysisResult): Map<string, string> {
  const idps = new Map<string, string>();
  const atlassian = new Set(result.origins.filter((o) => o.atlassian).map((o) => o.origin));
  for (const { url, sso } of result.sso ?? []) {
    const origin = urlParts(url)?.origin;
    if (origin === undefined || atlassian.has(origin) || sso.endpoint !== null) continue;
    if (sso.saml) idps.set(origin, 'SAML');
  }
  return idps;
}

function findingLines(findings: readonly Finding[], style: Style, out: string[]): void {
  out.push('  Findings:');
  for (const f of [...findings].sort((a, b) => a.entry - b.entry)) {
    out.push(`    ${style.severity(f.severity, `[${f.severity}]`)} ${requestLabel(f.entry)} ${clean(requestOf(f))} · ${style.bold(clean(f.code))}`);
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
