/**
 * Application links between Data Center products: the remote product calls with OAuth 1.0a
 * (`Authorization: OAuth oauth_consumer_key=…, oauth_token=…, oauth_signature=…`), and a refusal is a 401 whose
 * body is `oauth_problem=<problem>`, form-encoded, as Jira was seen answering (tokens-2026.md §4). The usual
 * checks run for real (consumer key, access token, timestamp within ±5 minutes of the emulator's clock, nonce
 * not seen before); a switch forces any problem, including those with no natural trigger here
 * (signature_invalid: signatures are not verified; token_expired; permission_denied).
 */
import type { Caller } from './auth';
import type { Clock } from './clock';
import type { EmulatorUser } from './users';

export const OAUTH_PROBLEMS = ['consumer_key_unknown', 'signature_invalid', 'timestamp_refused', 'token_rejected', 'token_expired', 'nonce_used', 'permission_denied'] as const;
export type OAuthProblem = (typeof OAUTH_PROBLEMS)[number];
export const isOAuthProblem = (s: string): s is OAuthProblem => (OAUTH_PROBLEMS as readonly string[]).includes(s);

/** The consumer key the linked application signs with (Atlassian's are `<Product>:<number>`). */
export const APPLINK_CONSUMER_KEY = 'Confluence:4471596412';
/** fred's access token for the link, as granted by "Allow access". */
export const APPLINK_ACCESS_TOKEN = 'hWq3ZTf8v0Sx2LkP9mN4cR7bJ1yD6gAe';
/** net.oauth's SimpleOAuthValidator window (and Atlassian's KB: 5 minutes). */
export const TIMESTAMP_WINDOW_SEC = 300;

export interface AppLinkSettings {
  /** Force this problem on every OAuth request; null: check for real. */
  failure: OAuthProblem | null;
  /** Also name the problem in `WWW-Authenticate: OAuth realm="…", oauth_problem="…"` (the standard form; no Atlassian capture). */
  challenge: boolean;
}

export class AppLink {
  readonly settings: AppLinkSettings = { failure: null, challenge: false };
  private readonly nonces = new Set<string>();

  constructor(private readonly clock: Clock) {}

  configure(s: Partial<AppLinkSettings>): void {
    if (s.failure !== undefined) this.settings.failure = s.failure;
    if (s.challenge !== undefined) this.settings.challenge = s.challenge;
  }

  /** The caller an OAuth 1.0a request stands for, or the problem it has. */
  check(params: Map<string, string>, users: readonly EmulatorUser[]): { caller: Caller } | { problem: OAuthProblem } {
    if (this.settings.failure) return { problem: this.settings.failure };
    if (params.get('oauth_consumer_key') !== APPLINK_CONSUMER_KEY) return { problem: 'consumer_key_unknown' };
    if (!params.get('oauth_signature')) return { problem: 'signature_invalid' };
    const ts = Number(params.get('oauth_timestamp'));
    if (!Number.isFinite(ts) || Math.abs(this.clock.now() / 1000 - ts) > TIMESTAMP_WINDOW_SEC) return { problem: 'timestamp_refused' };
    const nonce = `${params.get('oauth_timestamp')}:${params.get('oauth_nonce') ?? ''}`;
    if (this.nonces.has(nonce)) return { problem: 'nonce_used' };
    if (params.get('oauth_token') !== APPLINK_ACCESS_TOKEN) return { problem: 'token_rejected' };
    this.nonces.add(nonce);
    const user = users.find((u) => u.name === 'fred') ?? users[0]!;
    return { caller: { user, session: null, via: 'oauth', staleSessionCookie: false } };
  }
}

/** The parameters of `Authorization: OAuth k="v", …` (percent-decoded), or null for another scheme. */
export function oauthParams(authorization: string | undefined): Map<string, string> | null {
  const m = /^OAuth\s+(.*)$/is.exec(authorization?.trim() ?? '');
  if (!m) return null;
  const params = new Map<string, string>();
  for (const p of m[1]!.matchAll(/([\w.-]+)\s*=\s*"([^"]*)"/g)) params.set(p[1]!, safeDecode(p[2]!));
  return params;
}

/** An OAuth 1.0a Authorization header for fred over the link (tests and the fixture recorder). */
export function appLinkAuthorization(opts: { timestampSec: number; nonce: string; token?: string; consumerKey?: string; realm?: string }): string {
  const fields: Array<[string, string]> = [
    ['oauth_consumer_key', opts.consumerKey ?? APPLINK_CONSUMER_KEY],
    ['oauth_token', opts.token ?? APPLINK_ACCESS_TOKEN],
    ['oauth_signature_method', 'RSA-SHA1'],
    ['oauth_signature', 'bm90LWEtcmVhbC1zaWduYXR1cmU='],
    ['oauth_timestamp', String(opts.timestampSec)],
    ['oauth_nonce', opts.nonce],
    ['oauth_version', '1.0'],
  ];
  return `OAuth realm="${opts.realm ?? ''}", ${fields.map(([k, v]) => `${k}="${encodeURIComponent(v)}"`).join(', ')}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
