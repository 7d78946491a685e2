/**
 * What the panel exports: a whole log, or one request, as HAR 1.2 (and one request as cURL).
 *
 * Every exchange was sanitized when it was captured or read (toExchange); the document is redacted once
 * more on its way out (redactHar, idempotent), so nothing secret leaves even if a record came from an
 * older version or another path.
 */
import type { Exchange } from '../types';
import { exchangesToHar } from './har';
import { redactHar } from '../redact/redact';
import { planReplay, type CredentialSource } from '../replay/plan';
import { toCurl } from '../replay/curl';
import { requestLabel } from '../request-number';

export interface HarCreator {
  name: string;
  version: string;
}

/** A whole log: every exchange, in order, redacted; `comment` (HAR's `log.comment`) says what it lacks. */
export function exportHar(exchanges: readonly Exchange[], creator: HarCreator, comment = '') {
  const har = exchangesToHar(exchanges, creator);
  return redactHar(comment ? { log: { ...har.log, comment } } : har);
}

/**
 * What a live log's export does not hold, in words, for `log.comment`: requests the retention limit or a full
 * storage dropped, and those not recorded while capture is paused. '' when it holds everything. The entries keep
 * the log's order, so request #n is entry n-1; when the log's first requests are gone (`firstEntry` > 0) the
 * comment says which request of the panel the file's #1 is.
 */
export function exportComment(gaps: { dropped: number; pausedSkipped: number; firstEntry?: number }): string {
  const notes: string[] = [];
  if (gaps.dropped > 0) notes.push(`the oldest ${gaps.dropped === 1 ? 'request was' : `${gaps.dropped} requests were`} dropped before this export (retention limit or full storage)`);
  if (gaps.firstEntry !== undefined && gaps.firstEntry > 0) notes.push(`the panel's ${requestLabel(gaps.firstEntry)} is this file's #1`);
  if (gaps.pausedSkipped > 0) notes.push(`${gaps.pausedSkipped === 1 ? '1 request was' : `${gaps.pausedSkipped} requests were`} not recorded while capture was paused`);
  return notes.length ? `Seraph Lens: ${notes.join('; ')}.` : '';
}

/** One request as a HAR file of one entry, redacted like every export. */
export function singleEntryHar(ex: Exchange, creator: HarCreator) {
  return exportHar([ex], creator);
}

/** One request's HAR entry as JSON text (for the clipboard), redacted. */
export function harEntryText(ex: Exchange): string {
  return JSON.stringify(singleEntryHar(ex, { name: '', version: '' }).log.entries[0], null, 2);
}

/**
 * One request as a cURL command, as the browser sent it: its captured headers (secret values were never
 * kept) and its credentials as shell variables (engine/replay/curl.ts): `-u "$JIRA_USER:$JIRA_TOKEN"` for
 * Basic, `Bearer $JIRA_TOKEN`, else the session cookie `$JIRA_SESSION`. Null for a request that cannot be
 * sent again (not an http(s) URL, CONNECT or TRACE).
 */
export function curlOf(ex: Exchange): string | null {
  const plan = planReplay(ex, null, { kind: 'browser' });
  if ('error' in plan) return null;
  // Placeholders only: with includeSecrets off, toCurl prints variables for typed credentials, never a value.
  const source: CredentialSource =
    ex.credentials?.scheme === 'basic'
      ? { kind: 'basic', username: 'user', secret: '', origin: plan.origin }
      : ex.credentials?.scheme === 'bearer'
        ? { kind: 'bearer', token: '', origin: plan.origin }
        : { kind: 'browser' };
  return toCurl(plan, { source, cookieNames: ex.cookiesSent, includeSecrets: false });
}
