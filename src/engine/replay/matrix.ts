/**
 * The replay matrix: every os_authType × every credentials source, compared with the original request, and
 * the verdict in words ("was I really signed in when this page loaded?"). Also the matrix's rate limit.
 */
import { authTypeLabel, AUTH_TYPE_CHOICES, type AuthTypeChoice } from './url';
import type { ReplayOutcome } from './outcome';
import type { SourceKind } from './plan';

export type MatrixSource = Extract<SourceKind, 'browser' | 'anonymous'> | 'typed';

export interface MatrixCell {
  authType: AuthTypeChoice;
  source: MatrixSource;
}

export interface MatrixResult {
  cell: MatrixCell;
  outcome: ReplayOutcome;
}

export const SOURCE_LABEL: Record<MatrixSource, string> = {
  browser: 'browser cookies',
  anonymous: 'no credentials',
  typed: 'typed credentials',
};

/** os_authType (as captured, basic, cookie, any) × (browser cookies, anonymous, typed credentials if any). */
export function matrixCells(hasTypedCredentials: boolean): MatrixCell[] {
  const sources: MatrixSource[] = hasTypedCredentials ? ['browser', 'anonymous', 'typed'] : ['browser', 'anonymous'];
  return AUTH_TYPE_CHOICES.flatMap((authType) => sources.map((source) => ({ authType, source })));
}

export function cellLabel(cell: MatrixCell): string {
  return `${authTypeLabel(cell.authType)} · ${SOURCE_LABEL[cell.source]}`;
}

export type OutcomeField = 'status' | 'user' | 'loginReason' | 'challenge' | 'searchTotal';
const COMPARED: readonly OutcomeField[] = ['status', 'user', 'loginReason', 'challenge', 'searchTotal'];

/** Fields where a replay answered differently from the original. */
export function differences(original: ReplayOutcome, outcome: ReplayOutcome): OutcomeField[] {
  return COMPARED.filter((k) => original[k] !== outcome[k]);
}

const signedIn = (o: ReplayOutcome) => o.status >= 200 && o.status < 400 && o.user !== null && o.user !== 'anonymous';
const servedAnonymous = (o: ReplayOutcome) => o.status >= 200 && o.status < 400 && o.user === 'anonymous';
const refused = (o: ReplayOutcome) => o.status === 401 || o.status === 403;

/** Plain-language conclusions, most important first. */
export function matrixVerdict(original: ReplayOutcome, results: readonly MatrixResult[]): string[] {
  const find = (authType: AuthTypeChoice, source: MatrixSource) => results.find((r) => r.cell.authType === authType && r.cell.source === source)?.outcome;
  const out: string[] = [];
  const cookie = find('cookie', 'browser');
  const totals = results.filter((r) => signedIn(r.outcome) && r.outcome.searchTotal !== null).map((r) => r.outcome.searchTotal!);
  const fullTotal = totals.length ? Math.max(...totals) : null;
  const originalText =
    servedAnonymous(original)
      ? `the original page was served to anonymous${original.searchTotal !== null ? ` (${original.searchTotal}${fullTotal !== null && fullTotal > original.searchTotal ? ` of ${fullTotal}` : ''} issues)` : ''}`
      : signedIn(original)
        ? `the original request was answered as ${original.user}`
        : `the original request got ${original.status || 'no answer'}`;

  if (cookie && refused(cookie)) {
    out.push(`Your session cookie is no longer valid: with os_authType=cookie the server answers ${cookie.status}; ${originalText}.`);
  } else if (cookie && signedIn(cookie)) {
    out.push(`Your session is valid: os_authType=cookie answers ${cookie.status} as ${cookie.user}.`);
    if (servedAnonymous(original)) out.push(`The original page was served to anonymous, so the session was not valid then (it has been renewed since, or was signed in again).`);
  } else if (cookie && servedAnonymous(cookie)) {
    out.push(`With your cookies the server still answers as anonymous: the browser sends no valid session for this site.`);
  }

  const typed = results.filter((r) => r.cell.source === 'typed').map((r) => r.outcome);
  const captcha = typed.find((o) => o.loginReason?.includes('AUTHENTICATION_DENIED'));
  const badCredentials = typed.find((o) => o.loginReason?.includes('AUTHENTICATED_FAILED'));
  const goodTyped = typed.find(signedIn);
  if (captcha) out.push('CAPTCHA: the server refuses Basic logins (X-Seraph-LoginReason: AUTHENTICATION_DENIED) until you sign in once through the login page and answer it.');
  else if (badCredentials) out.push('The typed credentials were rejected (AUTHENTICATED_FAILED). On Cloud use your email address and an API token, not a user name and password.');
  else if (goodTyped) out.push(`The typed credentials work: the server answers as ${goodTyped.user}.`);

  const anonymous = find(null, 'anonymous');
  if (anonymous && servedAnonymous(anonymous)) out.push(`Without credentials this URL is served to anonymous (${anonymous.status}), which is why an expired session goes unnoticed here.`);
  if (out.length === 0) out.push('No difference that points to a session problem: every mode answered like the original.');
  return out;
}

/** The matrix is a handful of requests, never a loop: a minimum gap and a per-minute cap. */
export class ReplayLimiter {
  private readonly sent: number[] = [];

  constructor(
    readonly maxPerMinute = 30,
    readonly minGapMs = 200,
  ) {}

  /** Milliseconds to wait before the next replay may go, or null when the per-minute cap is reached. */
  delayBefore(now: number): number | null {
    while (this.sent.length && this.sent[0]! <= now - 60_000) this.sent.shift();
    if (this.sent.length >= this.maxPerMinute) return null;
    const last = this.sent.at(-1);
    return last === undefined ? 0 : Math.max(0, last + this.minGapMs - now);
  }

  /** Records a replay sent at `at`. */
  record(at: number): void {
    this.sent.push(at);
  }
}

export const CAPTCHA_WARNING =
  'Each failed Basic login counts: after a few (3 by default on Server / Data Center) the server demands a CAPTCHA and refuses every login outside the login page (AUTHENTICATION_DENIED).';
