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
export const UNKNOWN_SCHEME = 'unknown';
export const UNKNOWN_HOST = 'unknown.invalid';
export const UNKNOWN_METHOD = 'UNKNOWN';
export const MASKED_SECRET = '[redacted 0]';

/** `Basic [redacted 0 user=me%40x.com]`: the user as given, the secret masked. */
export const maskedBasic = (user: string) => `Basic [redacted 0 user=${encodeURIComponent(user)}]`;

/** What a transcript can lack, in words (the report's `input.lacks`). */
export type Lack = 'request' | 'response' | 'status' | 'response-headers' | 'scheme' | 'host' | 'date' | 'secret';
