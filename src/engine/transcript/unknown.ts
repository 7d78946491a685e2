/**
 * How a transcript's unknowns are spelled, so the engine copes with them and nobody mistakes them for
 * facts. A URL needs a scheme and a host; what the paste did not give is written as a marker that no real
 * URL has: the scheme `unknown` (urlParts accepts it, so the origin is `unknown://jira.example.com`) and
 * the host `unknown.invalid` (`.invalid` is reserved, RFC 6761: never a real or an Atlassian host).
 * A request that is not in the paste has the method UNKNOWN (no rule matches it).
 * A response without a status line (an object of headers, a JSON body pasted alone) has the status 0, as
 * a HAR writes "no status": no rule reads 0 as an answer, and the transcript lacks "status".
 * A masked secret is `[redacted 0]`: the redactor never writes length 0 (an empty value stays empty), so
 * the marker says "a secret was sent, its length is unknown".
 */
import type { CredentialShape } from '../types';

export const UNKNOWN_SCHEME = 'unknown';
export const UNKNOWN_HOST = 'unknown.invalid';
export const UNKNOWN_METHOD = 'UNKNOWN';
export const MASKED_SECRET = '[redacted 0]';

/**
 * `Basic [redacted 0 user=me%40x.com shape=masked]`: the user as given, the secret masked. The shape is `masked`
 * where a person masked it, or what our own write-back kept (`REDACTED-password`, maskShape), so a redacted
 * transcript reads with the same credential shape as the original.
 */
export const maskedBasic = (user: string, shape: CredentialShape = 'masked') => `Basic [redacted 0 user=${encodeURIComponent(user)} shape=${shape}]`;
/** A masked secret of another scheme (`Bearer [redacted 0 shape=masked]`). */
export const maskedSecret = (shape: CredentialShape = 'masked') => `[redacted 0 shape=${shape}]`;

/** Shapes our write-back names in a command's mask: those the rules tell apart. */
const NAMED_SHAPES = new Set<CredentialShape>(['api-token', 'password', 'pat', 'jwt', 'oauth1']);

/** What `redact` writes for a secret on a command line: `REDACTED-password`, or plain `REDACTED`. */
export const commandMask = (shape: CredentialShape): string => (NAMED_SHAPES.has(shape) ? `REDACTED-${shape}` : 'REDACTED');

/** The shape a mask stands for: the one commandMask named, else `masked` (a person's XXXXX, <token>, $TOKEN). */
export function maskShape(mask: string | null): CredentialShape {
  const m = /^REDACTED-([a-z0-9-]{1,16})$/i.exec(mask?.trim() ?? '');
  const shape = m?.[1]?.toLowerCase() as CredentialShape | undefined;
  return shape && NAMED_SHAPES.has(shape) ? shape : 'masked';
}

/** What a transcript can lack, in words (the report's `input.lacks`). */
export type Lack = 'request' | 'response' | 'status' | 'response-headers' | 'scheme' | 'host' | 'date' | 'secret';
