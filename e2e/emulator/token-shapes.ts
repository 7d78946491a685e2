/**
 * Secrets shaped like the real ones (tokens-2026.md), made deterministically from a seed so recorded
 * fixtures do not change from run to run. Nothing here is a real credential.
 */
import { createHash } from 'node:crypto';

const digest = (alg: 'sha256' | 'sha512', s: string) => createHash(alg).update(s).digest();

/**
 * A Cloud API token as Atlassian has made them since 2023: `ATATT3xFfGF0`, about 170 base64url characters,
 * `=` and an 8-digit upper-case hex check (about 190 characters). Classic and scoped tokens look alike
 * (the service-account KB: "no token format tells the two token types apart").
 */
export function cloudApiTokenLike(seed: string): string {
  const body = Buffer.concat([digest('sha512', `${seed}:a`), digest('sha512', `${seed}:b`), digest('sha512', `${seed}:c`)]).toString('base64url').slice(0, 168);
  return `ATATT3xFfGF0${body}=${digest('sha256', seed).toString('hex').slice(0, 8).toUpperCase()}`;
}

/**
 * A Data Center personal access token: base64 of `<12-digit token id>:<20 random bytes>`, 44 characters,
 * the shape Jira and Confluence DC hand out.
 */
export function personalAccessTokenLike(seed: string): string {
  const id = BigInt(`0x${digest('sha256', `${seed}:id`).toString('hex').slice(0, 12)}`) % 10n ** 12n;
  return Buffer.concat([Buffer.from(`${id.toString().padStart(12, '1')}:`), digest('sha256', seed).subarray(0, 20)]).toString('base64');
}

/** An OAuth 2.0 token from auth.atlassian.com: a JWT (RS256 header, claims, random-looking signature). */
export function oauthJwtLike(claims: Record<string, unknown>, seed: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const sig = Buffer.concat([digest('sha512', `${seed}:1`), digest('sha512', `${seed}:2`), digest('sha512', `${seed}:3`), digest('sha512', `${seed}:4`)]).toString('base64url');
  return `${b64({ kid: 'auth.atlassian.com/startrek', alg: 'RS256' })}.${b64(claims)}.${sig}`;
}
