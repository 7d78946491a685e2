/**
 * The verdict of a replay in words: the sentences of the matrix (matrix.ts) and of a single replay, from
 * one set of phrases so both say the same thing the same way ("Your session cookie is no longer valid: …").
 */
import { authTypeLabel, type AuthTypeChoice } from './url';
import type { ReplayOutcome } from './outcome';
import { differences } from './differences';

/** What a replay sent, as the verdict needs it: the os_authType and where the credentials came from. */
export interface VerdictCell {
  authType: AuthTypeChoice;
  source: 'browser' | 'anonymous' | 'typed';
}

export const signedIn = (o: ReplayOutcome) => o.status >= 200 && o.status < 400 && o.user !== null && o.user !== 'anonymous';
export const servedAnonymous = (o: ReplayOutcome) => o.status >= 200 && o.status < 400 && o.user === 'anonymous';
export const refused = (o: ReplayOutcome) => o.status === 401 || o.status === 403;

/** "the original page was served to anonymous (5 of 200 issues)" / "… answered as fred" / "… got 404". */
export function originalText(original: ReplayOutcome, fullTotal: number | null = null): string {
  if (servedAnonymous(original)) {
    const total = original.searchTotal === null ? '' : ` (${original.searchTotal}${fullTotal !== null && fullTotal > original.searchTotal ? ` of ${fullTotal}` : ''} issues)`;
    return `the original page was served to anonymous${total}`;
  }
  if (signedIn(original)) return `the original request was answered as ${original.user}`;
  return `the original request got ${original.status || 'no answer'}`;
}

export const phrase = {
  cookieInvalid: (authType: AuthTypeChoice, o: ReplayOutcome, original: string) =>
    `Your session cookie is no longer valid: with ${authType === null ? 'the request as captured' : authTypeLabel(authType)} the server answers ${o.status}; ${original}.`,
  sessionValid: (authType: AuthTypeChoice, o: ReplayOutcome) =>
    `Your session is valid: ${authType === null ? 'the request as captured' : authTypeLabel(authType)} answers ${o.status} as ${o.user}.`,
  validNowNotThen: 'The original page was served to anonymous, so the session was not valid then (it has been renewed since, or was signed in again).',
  cookiesStillAnonymous: 'With your cookies the server still answers as anonymous: the browser sends no valid session for this site.',
  captcha: 'CAPTCHA: the server refuses Basic logins (X-Seraph-LoginReason: AUTHENTICATION_DENIED) until you sign in once through the login page and answer it.',
  badCredentials: 'The typed credentials were rejected (AUTHENTICATED_FAILED). On Cloud use your email address and an API token, not a user name and password.',
  typedWork: (o: ReplayOutcome) => `The typed credentials work: the server answers as ${o.user}.`,
  anonymousServed: (o: ReplayOutcome) => `Without credentials this URL is served to anonymous (${o.status}), which is why an expired session goes unnoticed here.`,
  nothing: 'No difference that points to a session problem: every mode answered like the original.',
};

const answer = (o: ReplayOutcome) => `${o.status}${o.user === null ? '' : ` as ${o.user}`}`;

/** One sentence after a single replay, in the matrix's words where the matrix would say the same. */
export function replayVerdict(original: ReplayOutcome, cell: VerdictCell, o: ReplayOutcome): string {
  const mode = cell.authType === null ? 'the request as captured' : authTypeLabel(cell.authType);
  if (o.note && (o.status === 0 || (o.status >= 300 && o.status < 400))) return `No verdict: ${o.note}`;
  if (o.status === 0) return 'No verdict: the replay got no answer.';

  if (cell.source === 'typed') {
    if (o.loginReason?.includes('AUTHENTICATION_DENIED')) return phrase.captcha;
    if (o.loginReason?.includes('AUTHENTICATED_FAILED')) return phrase.badCredentials;
    if (signedIn(o)) return phrase.typedWork(o);
    if (refused(o)) return `The typed credentials were refused: ${mode} answers ${o.status}${o.loginReason ? ` (${o.loginReason})` : ''}.`;
    if (servedAnonymous(o)) return `The typed credentials were not used: ${mode} answers ${o.status} as anonymous.`;
  }

  if (cell.source === 'browser') {
    if (cell.authType === 'basic') {
      if (refused(o)) return `os_authType=basic takes only an Authorization header and ignores cookies, so the browser's cookies get ${o.status}: this says nothing about your session (replay with os_authType=cookie to test it).`;
    } else {
      if (refused(o)) return phrase.cookieInvalid(cell.authType, o, originalText(original));
      if (signedIn(o)) return servedAnonymous(original) ? `${phrase.sessionValid(cell.authType, o)} ${phrase.validNowNotThen}` : phrase.sessionValid(cell.authType, o);
      if (servedAnonymous(o)) return phrase.cookiesStillAnonymous;
    }
  }

  if (cell.source === 'anonymous') {
    if (servedAnonymous(o)) return cell.authType === null ? phrase.anonymousServed(o) : `Without credentials ${mode} still answers ${o.status} as anonymous.`;
    if (refused(o))
      return cell.authType === null
        ? `Without credentials this URL answers ${o.status}: it asks for a login, so an expired session cannot go unnoticed here.`
        : `Without credentials ${mode} answers ${o.status}: in this mode the URL asks for a login instead of serving anonymous.`;
  }

  return differences(original, o).length === 0
    ? `The replay answered like the original: ${answer(o)}.`
    : `The replay answered ${answer(o)}; ${originalText(original)}.`;
}
