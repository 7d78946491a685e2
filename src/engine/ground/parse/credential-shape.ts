/**
 * What kind of secret an Authorization header carried, read from the raw value before redaction and kept
 * as a one-word fact, never the value: the token rules tell an expired API token from a password sent to
 * Cloud, or a Data Center PAT sent as a Basic password, by it (research/tokens-2026.md §1, §3, §5).
 *
 * Heuristics, in order (each a shape people really send):
 * - masked: what people paste instead of the secret (`XXXXX`, `****`, `<token>`, `$TOKEN`, `${JIRA_TOKEN}`,
 *   `***REDACTED***`, `[redacted]`, `{{token}}`, `%TOKEN%`): a recording that never held the real one;
 * - jwt: three base64url parts starting `eyJ` (Connect JWTs, OAuth 2.0 access tokens);
 * - api-token: Atlassian API tokens made since 2023 begin `ATATT`; older ones are 24 random letters and
 *   digits; any long secret drawn from a token alphabet with letters, digits and many distinct characters;
 * - pat: a Data Center personal access token is 44 base64 characters encoding `<numeric id>:<random bytes>`;
 * - password: short, or human (spaces, a word without digits);
 * - unknown: anything else (empty, undecodable, huge).
 */
import type { CredentialShape } from '../../types';

export const CREDENTIAL_SHAPES: readonly CredentialShape[] = ['api-token', 'password', 'pat', 'jwt', 'oauth1', 'masked', 'unknown'];

/** Longer than this is not a credential anyone types or pastes: not classified (and not scanned). */
const MAX_SECRET = 8192;

const MASKED = [
  /^[xX*•#.·_-]{3,}$/, // XXXXX, ****, •••, ...
  /^\*{0,5}\s*(?:redacted|masked|hidden|removed|secret|censored)\s*\*{0,5}$/i, // ***REDACTED***
  /^\[[^\]]{0,40}\]$/, // [redacted], [token]
  /^<[^<>]{1,60}>$/, // <token>, <api-token>
  /^\{\{[^{}]{1,60}\}\}$/, // {{token}}
  /^\$\{?[A-Za-z_][A-Za-z0-9_]{0,60}\}?$/, // $TOKEN, ${JIRA_TOKEN}
  /^\$\([^()]{1,80}\)$/, // $(cat token)
  /^%[A-Za-z_][A-Za-z0-9_]{0,60}%$/, // %TOKEN%
  /^(?:your|my)[-_ ]?(?:api[-_ ]?)?(?:token|password|pat|secret)(?:[-_ ]?here)?$/i,
  /^(?:api[-_]?)?(?:token|password|passwd|secret|changeme|pat|personal[-_]access[-_]token)$/i,
];

export function isMaskedSecret(secret: string): boolean {
  const s = secret.trim();
  return s.length > 0 && s.length <= 120 && MASKED.some((re) => re.test(s));
}

const JWT = /^eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;
const TOKEN_ALPHABET = /^[A-Za-z0-9_\-+/=.~]+$/;

/** A DC PAT: 44 base64 characters whose first bytes are a numeric id and a colon. */
export function isPatShaped(secret: string): boolean {
  if (secret.length < 40 || secret.length > 48 || !/^[A-Za-z0-9+/]+=*$/.test(secret)) return false;
  try {
    return /^\d{3,20}:/.test(atob(secret.slice(0, 32)));
  } catch {
    return false;
  }
}

function distinct(s: string): number {
  return new Set(s).size;
}

/** A secret that looks generated rather than chosen: token alphabet, letters and digits, many distinct characters. */
function isTokenLike(s: string): boolean {
  if (!TOKEN_ALPHABET.test(s) || !/[A-Za-z]/.test(s) || !/\d/.test(s)) return false;
  if (s.length >= 32) return distinct(s) >= 16;
  // Classic API tokens before 2023: 24 letters and digits, mixed case.
  return s.length >= 20 && /[a-z]/.test(s) && /[A-Z]/.test(s) && distinct(s) >= 12;
}

/** The shape of a secret as sent (a Basic password part, a Bearer token). */
export function secretShape(secret: string): CredentialShape {
  const s = secret.trim();
  if (s === '' || s.length > MAX_SECRET) return 'unknown';
  if (isMaskedSecret(s)) return 'masked';
  if (JWT.test(s)) return 'jwt';
  if (s.startsWith('ATATT') && s.length >= 40 && TOKEN_ALPHABET.test(s)) return 'api-token';
  if (isPatShaped(s)) return 'pat';
  if (isTokenLike(s)) return 'api-token';
  if (s.length <= 40 || /\s/.test(s)) return 'password';
  return 'unknown';
}

/** Reads a shape back from its marker word; anything else (or none, an old marker) is unknown. */
export function shapeOf(word: string | undefined): CredentialShape {
  return word !== undefined && (CREDENTIAL_SHAPES as readonly string[]).includes(word) ? (word as CredentialShape) : 'unknown';
}
