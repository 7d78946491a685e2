/** Jira-like content whose size gives away who you are: 200 issues for a user, 5 for anonymous. */
import type { Mode } from './mode';

export const ISSUE_COUNT_SIGNED_IN = 200;
export const ISSUE_COUNT_ANONYMOUS = 5;
export const PROJECT = 'ABC';

export function visibleIssueCount(signedIn: boolean): number {
  return signedIn ? ISSUE_COUNT_SIGNED_IN : ISSUE_COUNT_ANONYMOUS;
}

/** ABC-1 … ABC-200 exist; anything else does not. */
export function issueNumber(key: string): number | null {
  const m = /^ABC-(\d{1,6})$/i.exec(key);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= ISSUE_COUNT_SIGNED_IN ? n : null;
}

/** Anonymous users may browse the public issues ABC-1 … ABC-5 only. */
export function canSee(key: string, signedIn: boolean): boolean {
  const n = issueNumber(key);
  return n !== null && n <= visibleIssueCount(signedIn);
}

export function issueSummary(n: number): string {
  return `Issue number ${n}`;
}

export function issue(n: number, origin: string) {
  const id = String(10000 + n);
  return { id, key: `${PROJECT}-${n}`, self: `${origin}/rest/api/2/issue/${id}`, fields: { summary: issueSummary(n) } };
}

/** Jira's own page-size ceilings for /rest/api/2/search (Server's jira.search.views.default.max; Cloud's 100). */
const MAX_RESULTS = { server: 1000, cloud: 100 } as const;

/** GET /rest/api/2/search: paging like Jira; maxResults defaults to 50 and is capped. */
export function search(url: URL, signedIn: boolean, origin: string, mode: Mode) {
  const total = visibleIssueCount(signedIn);
  const startAt = Math.max(0, Math.floor(Number(url.searchParams.get('startAt')) || 0));
  const asked = url.searchParams.get('maxResults');
  const maxResults = Math.min(MAX_RESULTS[mode], Math.max(0, Math.floor(asked === null || asked === '' ? 50 : Number(asked) || 0)));
  const issues = [];
  for (let n = startAt + 1; n <= Math.min(total, startAt + maxResults); n++) issues.push(issue(n, origin));
  return { expand: 'names,schema', startAt, maxResults, total, issues };
}

/** Jira's REST date-time format: `2013-11-21T15:29:23.000+0000`. */
export function jiraDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
