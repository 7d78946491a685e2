/**
 * What a replay (or the original captured request) answered, in the terms the comparison needs: status,
 * who the server took the caller for, the Seraph login reason, the challenge, the body size, a Jira search
 * total and where a redirect went. Headers are decoded with the engine's own parsers, so the replay view and
 * the findings agree.
 */
import type { Exchange, Header } from '../types';
import { firstHeader, headerValues } from '../headers';
import { parseAUsername, parseDeniedReason, parseLoginReason, type DeniedReason, type LoginReason } from '../parse/seraph';
import { parseWwwAuthenticate } from '../parse/www-authenticate';
import { redactUrl } from '../redact';

/** What fetch() gave back, as plain data (the browser side copies it out of the Response). */
export interface ReplayResponse {
  /** Response.status; 0 for an opaque redirect or a network error. */
  status: number;
  /** Response.url: the final URL after redirects followed. */
  url: string;
  headers: Header[];
  /** The body as text, or null when not read (HEAD, opaque redirect, too large). */
  bodyText: string | null;
  /** Response.redirected. */
  redirected?: boolean;
  /** Response.type: 'basic', 'cors', 'opaqueredirect', … */
  type?: string;
}

export type OutcomeKind =
  /** An HTTP answer whose status and headers are known. */
  | 'response'
  /** A redirect with `redirect: 'manual'`: the browser hides its status and Location (status 0). */
  | 'redirect-not-followed'
  /** No HTTP answer at all (network error, blocked, aborted). */
  | 'no-response';

export interface ReplayOutcome {
  kind: OutcomeKind;
  /** HTTP status; 0 when there is none to show (see `kind`). */
  status: number;
  /** The X-AUSERNAME user (decoded); null when anonymous or not said. */
  user: string | null;
  /** X-AUSERNAME was the literal `anonymous`. */
  anonymous: boolean;
  /** X-Seraph-LoginReason, every value and the outcome (the last one). */
  loginReason: LoginReason;
  /** X-Authentication-Denied-Reason (CAPTCHA_CHALLENGE and its login URL). */
  denied: DeniedReason | null;
  /** Schemes of the WWW-Authenticate challenges, in order ("Basic", "OAuth"); empty when none. */
  challenges: string[];
  /** UTF-8 bytes of the body; null when the body is not known. */
  bodySize: number | null;
  /** `total` of a JSON answer (Jira search and other paged lists); null otherwise. */
  searchTotal: number | null;
  /** Where a redirect went (secrets in it redacted); null when there was none or it is not known. */
  redirectedTo: string | null;
  /** A sentence for what the numbers do not say ("redirect not followed"), or null. */
  note: string | null;
}

export const REDIRECT_NOT_FOLLOWED = 'redirect not followed (typed credentials stay on this origin)';

/** The outcome of a replay's fetch() answer. */
export function outcomeOf(response: ReplayResponse): ReplayOutcome {
  if (response.type === 'opaqueredirect') {
    return { ...empty('redirect-not-followed'), note: REDIRECT_NOT_FOLLOWED };
  }
  if (response.status === 0 || response.type === 'error') return outcomeOfError('no answer (network error)');
  const base = fromHeaders(response.status, response.headers);
  let redirectedTo: string | null = null;
  if (response.redirected && response.url) redirectedTo = response.url;
  else if (response.status >= 300 && response.status < 400) redirectedTo = firstHeader(response.headers, 'location');
  return {
    ...base,
    bodySize: response.bodyText === null ? null : utf8Length(response.bodyText),
    searchTotal: jsonTotal(response.bodyText),
    redirectedTo: redirectedTo === null ? null : redactUrl(redirectedTo),
  };
}

/** The outcome of a replay that got no HTTP answer; `note` says why (shown as is). */
export function outcomeOfError(note: string): ReplayOutcome {
  return { ...empty('no-response'), note };
}

/**
 * The original captured request, for the first row of the comparison. The exchange has no body: the
 * search total comes from `bodyFacts.searchTotal`, the body size is unknown, and when the response named
 * nobody in X-AUSERNAME a successful answer takes `bodyFacts.user` (the session endpoint's `name`).
 */
export function outcomeOfExchange(ex: Exchange): ReplayOutcome {
  if (ex.status === 0) return outcomeOfError('no answer was captured');
  const base = fromHeaders(ex.status, ex.responseHeaders);
  if (base.user === null && !base.anonymous && ex.status >= 200 && ex.status < 300 && ex.bodyFacts?.user) base.user = ex.bodyFacts.user;
  const location = ex.status >= 300 && ex.status < 400 ? firstHeader(ex.responseHeaders, 'location') : null;
  return { ...base, searchTotal: ex.bodyFacts?.searchTotal ?? null, redirectedTo: location };
}

/** 'fred', 'anonymous', or '—' when the server did not say. */
export function userLabel(o: ReplayOutcome): string {
  return o.anonymous ? 'anonymous' : (o.user ?? '—');
}

/** A 2xx/3xx answer naming a user: the request was authenticated. */
export function isAuthenticated(o: ReplayOutcome): boolean {
  return o.kind === 'response' && o.status >= 200 && o.status < 400 && o.user !== null;
}

/** A 2xx/3xx answer served to X-AUSERNAME `anonymous`. */
export function isServedAnonymous(o: ReplayOutcome): boolean {
  return o.kind === 'response' && o.status >= 200 && o.status < 400 && o.anonymous;
}

function empty(kind: OutcomeKind): ReplayOutcome {
  return {
    kind,
    status: 0,
    user: null,
    anonymous: false,
    loginReason: { all: [], outcome: null },
    denied: null,
    challenges: [],
    bodySize: null,
    searchTotal: null,
    redirectedTo: null,
    note: null,
  };
}

function fromHeaders(status: number, headers: readonly Header[]): ReplayOutcome {
  const au = firstHeader(headers, 'x-ausername');
  const parsed = au === null ? null : parseAUsername(au);
  const denied = firstHeader(headers, 'x-authentication-denied-reason');
  return {
    ...empty('response'),
    status,
    user: parsed?.user ?? null,
    anonymous: parsed?.anonymous ?? false,
    loginReason: parseLoginReason(headerValues(headers, 'x-seraph-loginreason')),
    denied: denied === null ? null : parseDeniedReason(denied),
    challenges: parseWwwAuthenticate(headerValues(headers, 'www-authenticate')).map((c) => c.scheme),
  };
}

/** Larger bodies are not parsed for a total (the browser side caps what it reads anyway). */
const MAX_JSON = 32 * 1024 * 1024;

/** Top-level `"total": <non-negative integer>` of a JSON object body; null for anything else. */
export function jsonTotal(body: string | null): number | null {
  if (body === null || body.length > MAX_JSON || !/^\s*\{/.test(body) || !body.includes('"total"')) return null;
  try {
    const json: unknown = JSON.parse(body);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
    const total = (json as { total?: unknown }).total;
    return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : null;
  } catch {
    return null;
  }
}

/** Bytes of `s` in UTF-8, without building the bytes (lone surrogates count as U+FFFD: 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
