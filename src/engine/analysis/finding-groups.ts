/**
 * Findings grouped by code and cause, worst first: "3 × served as anonymous: #8, #10, #11 · Fix: Sign in
 * again…" instead of one paragraph per request. The panel lists the groups (expandable to their requests),
 * the popup and the diagnostic summary name the most severe ones.
 *
 * A group is one code with one fix: the fix names the cause and what to do (a CAPTCHA's fix names its login
 * page, a failed login's fix differs on Cloud), so findings that share both need one explanation.
 */
import type { Finding, FindingCode, Severity } from '../types';
import { plural } from './plural';
import { requestLabel } from '../request-number';

/** A short name per code, read after a count: "3 × served as anonymous". */
export const FINDING_TITLES: Record<FindingCode, string> = {
  'silent-anonymous': 'served as anonymous',
  'session-expired': 'refused (401): session expired',
  'captcha-required': 'CAPTCHA required',
  'login-failed': 'login failed',
  'authorisation-failed': 'no access to the application',
  'cloud-basic-auth-username': 'Cloud refused a user name for Basic auth',
  'auth-required-no-challenge': '401 without a usable challenge',
  'basic-challenge': 'asked for Basic credentials',
  'session-cookie-cleared': 'session cookie cleared',
  'logged-out': 'logged out',
  'sso-failed': 'single sign-on failed at the IdP',
  'sso-assertion-expired': 'SSO assertion arrived expired',
  'sso-clock-skew': 'SSO refused: clocks disagree',
  'sso-audience-mismatch': 'SSO assertion for another service',
  'sso-destination-mismatch': 'SSO response sent to another URL',
  'sso-loop': 'single sign-on loop',
  'sso-user-unknown': 'SSO user not known to the application',
  'cloud-token-refused': 'Cloud refused an API token',
  'cloud-password-basic': 'Cloud refused a password for Basic auth',
  'scope-mismatch': 'token lacks a scope (or wrong host)',
  'token-wrong-scheme': 'token sent with the wrong scheme',
  'oauth-refresh-rejected': 'OAuth refresh token refused',
  'applink-oauth-problem': 'Application Link refused (OAuth)',
  'sso-policy-mismatch': 'SSO refused by the authentication policy',
};

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface FindingGroup {
  /** Code and fix: stable while the group grows, so a view can remember it (expanded or not). */
  key: string;
  code: FindingCode;
  /** The worst severity of its findings (one code has one severity, so this is that). */
  severity: Severity;
  title: string;
  /** Its findings by entry, first first. Never empty. */
  findings: Finding[];
  /** What happened, once for the group: the first finding's message. */
  message: string;
  fix: string;
}

/** A group as the popup and the worker keep it: bounded, whatever the number of findings. */
export interface FindingGroupSummary {
  code: FindingCode;
  severity: Severity;
  title: string;
  count: number;
  /** The first entries of the group (at most SUMMARY_ENTRIES), in order. */
  entries: number[];
  message: string;
  fix: string;
}

export const SUMMARY_ENTRIES = 5;

/** Groups by code and fix, worst first: severity (error, warning, info), then more findings, then the earlier first entry. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  // By code, then by fix: no key string is built per finding (a long capture has tens of thousands).
  const byCode = new Map<string, Map<string, Finding[]>>();
  const lists: Finding[][] = []; // in order of first appearance, as before
  for (const f of findings) {
    let byFix = byCode.get(f.code);
    if (!byFix) byCode.set(f.code, (byFix = new Map()));
    const list = byFix.get(f.fix);
    if (list) list.push(f);
    else {
      const created = [f];
      byFix.set(f.fix, created);
      lists.push(created);
    }
  }
  const groups: FindingGroup[] = [];
  for (const list of lists) {
    const key = `${list[0]!.code}\n${list[0]!.fix}`;
    // Held findings are raised late at their own (earlier) entry: order by entry, stable otherwise.
    if (!inOrder(list)) list.sort((a, b) => a.entry - b.entry);
    const first = list[0]!;
    let severity = first.severity;
    for (const f of list) if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[severity]) severity = f.severity;
    groups.push({ key, code: first.code, severity, title: FINDING_TITLES[first.code] ?? first.code, findings: list, message: first.message, fix: first.fix });
  }
  return groups.sort(compareGroups);
}

export function compareGroups(a: FindingGroup, b: FindingGroup): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.findings.length - a.findings.length ||
    a.findings[0]!.entry - b.findings[0]!.entry
  );
}

export function summarizeGroup(g: FindingGroup): FindingGroupSummary {
  return {
    code: g.code,
    severity: g.severity,
    title: g.title,
    count: g.findings.length,
    entries: g.findings.slice(0, SUMMARY_ENTRIES).map((f) => f.entry),
    message: g.message,
    fix: g.fix,
  };
}

/** "3 × served as anonymous" */
export function groupHeadline(g: { count: number; title: string }): string {
  return `${g.count} × ${g.title}`;
}

/** "#8, #10, #11" (entries 7, 9, 10), or "#1, #2, #3, #4, #5 and 12 more" when the group is longer than the entries shown. */
export function entryList(entries: readonly number[], count = entries.length, max = SUMMARY_ENTRIES): string {
  const shown = entries.slice(0, max).map(requestLabel);
  const more = count - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/** "3 × served as anonymous: #8, #10, #11" */
export function groupLine(g: FindingGroupSummary): string {
  return `${groupHeadline(g)}: ${entryList(g.entries, g.count)}`;
}

/** "6 errors, 3 warnings and 1 info in 4 groups" (severities without findings left out). */
export function groupsOverview(groups: readonly FindingGroup[]): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const g of groups) for (const f of g.findings) counts[f.severity]++;
  const parts = [
    counts.error ? plural(counts.error, 'error') : '',
    counts.warning ? plural(counts.warning, 'warning') : '',
    counts.info ? `${counts.info} info` : '',
  ].filter(Boolean);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : (parts[0] ?? 'No findings');
  return `${list} in ${plural(groups.length, 'group')}`;
}

function inOrder(list: readonly Finding[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i]!.entry < list[i - 1]!.entry) return false;
  return true;
}
