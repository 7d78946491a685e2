/**
 * The headers each product puts on every answer (atlassian-auth.md §4, §8), chosen by the profile: what
 * names the caller (X-AUSERNAME on Server/DC, X-AACCOUNTID on Cloud), the correlation ids, and the
 * headers that give the product away (X-ASEN, X-Confluence-Request-Time, ATL-TraceId).
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from './auth';
import { publicSessionId } from './sessions';
import type { EmulatorState } from './state';
import { accountIdOf } from './users';

/** X-AREQUESTID like Jira's `<minute of day>x<request number>x<n>`; the counter is process-wide, so ids never repeat. */
let requestCounter = 0;
function requestId(now: number): string {
  const d = new Date(now);
  return `${d.getUTCHours() * 60 + d.getUTCMinutes()}x${++requestCounter}x1`;
}

/** X-AUSERNAME as Java's URLEncoder writes it: space as `+`, and only `A-Za-z0-9.-*_` left bare. */
export function javaUrlEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

export function productHeaders(state: EmulatorState, caller: Caller): Record<string, string> {
  const { profile } = state;
  const now = state.clock.now();
  const h: Record<string, string> = {};
  if (profile.requestId) {
    h['X-AREQUESTID'] = requestId(now);
    if (caller.session) h['X-ASESSIONID'] = publicSessionId(caller.session);
  }
  if (profile.ausername === 'always' || (profile.ausername === 'signed-in' && caller.user)) {
    h['X-AUSERNAME'] = javaUrlEncode(caller.user?.name ?? 'anonymous');
  }
  if (profile.cloud) {
    if (caller.user) h['X-AACCOUNTID'] = accountIdOf(caller.user);
    h['ATL-TraceId'] = randomBytes(8).toString('hex');
  }
  // The front end that answers: Atlassian's edge on Cloud, the reverse proxy a Data Center node sits behind.
  h['Server'] = profile.cloud ? 'AtlassianEdge' : 'nginx';
  if (profile.sen) h['X-ASEN'] = state.sen;
  if (profile.confluenceRequestTime) h['X-Confluence-Request-Time'] = String(now);
  return h;
}
