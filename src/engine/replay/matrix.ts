/**
 * The replay matrix: every os_authType × every credentials source, compared with the original request, and
 * the verdict in words ("was I really signed in when this page loaded?"). Also the matrix's rate limit.
 */
import { authTypeLabel, AUTH_TYPE_CHOICES, type AuthTypeChoice } from './url';
import type { ReplayOutcome } from './outcome';
import type { SourceKind } from './plan';
import { originalText, phrase, refused, servedAnonymous, signedIn } from './verdict';

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

export { differences, type OutcomeField } from './differences';

/** Plain-language conclusions, most important first (the phrases are shared with a single replay's verdict). */
export function matrixVerdict(original: ReplayOutcome, results: readonly MatrixResult[]): string[] {
  const find = (authType: AuthTypeChoice, source: MatrixSource) => results.find((r) => r.cell.authType === authType && r.cell.source === source)?.outcome;
  const out: string[] = [];
  const cookie = find('cookie', 'browser');
  const totals = results.filter((r) => signedIn(r.outcome) && r.outcome.searchTotal !== null).map((r) => r.outcome.searchTotal!);
  const fullTotal = totals.length ? Math.max(...totals) : null;

  if (cookie && refused(cookie)) out.push(phrase.cookieInvalid('cookie', cookie, originalText(original, fullTotal)));
  else if (cookie && signedIn(cookie)) {
    out.push(phrase.sessionValid('cookie', cookie));
    if (servedAnonymous(original)) out.push(phrase.validNowNotThen);
  } else if (cookie && servedAnonymous(cookie)) out.push(phrase.cookiesStillAnonymous);

  const typed = results.filter((r) => r.cell.source === 'typed').map((r) => r.outcome);
  const captcha = typed.find((o) => o.loginReason?.includes('AUTHENTICATION_DENIED'));
  const badCredentials = typed.find((o) => o.loginReason?.includes('AUTHENTICATED_FAILED'));
  const goodTyped = typed.find(signedIn);
  if (captcha) out.push(phrase.captcha);
  else if (badCredentials) out.push(phrase.badCredentials);
  else if (goodTyped) out.push(phrase.typedWork(goodTyped));

  const anonymous = find(null, 'anonymous');
  if (anonymous && servedAnonymous(anonymous)) out.push(phrase.anonymousServed(anonymous));
  if (out.length === 0) out.push(phrase.nothing);
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
