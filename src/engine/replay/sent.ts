/**
 * What a replay is about to send, in words, shown above its result: method, URL, which credentials (never
 * a secret: the Basic user at most) and that it stops at the first answer.
 */
import type { ReplayPlan } from './plan';

/** Where the replay's credentials come from, without the secret (the panel passes only what may be shown). */
export type SentCredentials =
  | { kind: 'browser'; /** What the captured request sent ("session cookie JSESSIONID"): the browser holds the same names. */ captured: string }
  | { kind: 'anonymous' }
  | { kind: 'basic'; username: string; cloud: boolean }
  | { kind: 'bearer' };

export interface SentSummary {
  method: string;
  url: string;
  credentials: string;
}

export function whatIsSent(plan: Pick<ReplayPlan, 'method' | 'url' | 'origin'>, creds: SentCredentials): SentSummary {
  return { method: plan.method, url: plan.url, credentials: credentialsText(plan.origin, creds) };
}

function credentialsText(origin: string, c: SentCredentials): string {
  switch (c.kind) {
    case 'browser':
      return `the browser's cookies for ${origin} (the captured request sent: ${c.captured}); no Authorization header`;
    case 'anonymous':
      return 'nothing: no cookies, no Authorization header';
    case 'basic':
      return `Authorization: Basic as ${c.username || '(no user typed)'}, with the ${c.cloud ? 'API token' : 'password'} you typed (not shown; forgotten once sent); no cookies`;
    case 'bearer':
      return 'Authorization: Bearer with the token you typed (not shown; forgotten once sent); no cookies';
  }
}
