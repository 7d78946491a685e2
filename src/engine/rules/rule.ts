/**
 * The uniform contract of an analysis rule: one file per finding code (findings.md), each a pure check
 * of one exchange against its origin's state as it was before this exchange.
 */
import type { FindingCode, OriginInfo, Severity } from '../types';
import type { ExchangeFacts } from '../facts';
import type { SessionTracker } from '../sessions';

export interface OriginState {
  info: OriginInfo;
  sessions: SessionTracker;
  /** The user the origin last named (X-AUSERNAME, session endpoint, login); null when none or logged out. */
  lastUser: string | null;
  /** A logout (or server-cleared session cookie) happened and nobody signed in since. */
  loggedOut: boolean;
}

export interface RuleContext {
  f: ExchangeFacts;
  origin: OriginState;
}

export interface Verdict {
  /** One sentence: what happened. */
  message: string;
  /** One sentence: what to do. */
  fix: string;
}

export interface Rule {
  code: FindingCode;
  severity: Severity;
  check(ctx: RuleContext): Verdict | null;
}

/** `GET /issues/?jql=project%3DABC`, shortened for sentences. */
export function requestLabel(f: ExchangeFacts): string {
  const q = f.ex.url.indexOf('?');
  const query = q < 0 ? '' : f.ex.url.slice(q);
  const target = f.path + (query.length > 60 ? query.slice(0, 57) + '…' : query);
  return `${f.ex.method} ${target}`;
}

export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
