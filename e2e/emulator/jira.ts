/** Jira-like content whose size gives away who you are: 200 issues for a user, 5 for anonymous. */
export const ISSUE_COUNT_SIGNED_IN = 200;
export const ISSUE_COUNT_ANONYMOUS = 5;
export const PROJECT = 'ABC';

export function visibleIssueCount(signedIn: boolean): number {
  return signedIn ? ISSUE_COUNT_SIGNED_IN : ISSUE_COUNT_ANONYMOUS;
}

export function issueNumber(key: string): number | null {
  const m = /^ABC-(\d+)$/i.exec(key);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= ISSUE_COUNT_SIGNED_IN ? n : null;
}

export function canSee(key: string, signedIn: boolean): boolean {
  const n = issueNumber(key);
  return n !== null && n <= visibleIssueCount(signedIn);
}

export function issue(n: number, origin: string) {
  return { id: String(10000 + n), key: `${PROJECT}-${n}`, self: `${origin}/rest/api/2/issue/${10000 + n}`, fields: { summary: `Issue number ${n}` } };
}

/** GET /rest/api/2/search: paging like Jira (maxResults capped at 50). */
export function search(url: URL, signedIn: boolean, origin: string) {
  const total = visibleIssueCount(signedIn);
  const startAt = Math.max(0, Number(url.searchParams.get('startAt')) || 0);
  const maxResults = Math.min(50, Math.max(0, Number(url.searchParams.get('maxResults') ?? 50) || 0));
  const issues = [];
  for (let n = startAt + 1; n <= Math.min(total, startAt + maxResults); n++) issues.push(issue(n, origin));
  return { startAt, maxResults, total, issues };
}
