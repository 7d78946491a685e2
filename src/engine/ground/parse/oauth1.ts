/**
 * `Authorization: OAuth realm="…", oauth_consumer_key="…", …` (OAuth 1.0a, RFC 5849 §3.5.1): what Application
 * Links send between Atlassian servers. The consumer key, signature method, timestamp, version and realm
 * are not secret and tell why a link fails (a stale consumer key, a clock behind the server's); the token,
 * signature and nonce are, and so is anything unknown (fail closed).
 */
import type { OAuth1Facts } from '../../types';

/** Parameters whose values are kept in the sanitized header and read as facts. */
export const OAUTH1_KEPT = new Set(['realm', 'oauth_consumer_key', 'oauth_signature_method', 'oauth_timestamp', 'oauth_version']);

export interface OAuthParam {
  name: string;
  /** The value as written, quotes removed (still percent-encoded). */
  value: string;
  quoted: boolean;
}

const MAX_INPUT = 8192;
const PARAM = /\s*([A-Za-z_][A-Za-z0-9_.-]{0,63})\s*=\s*(?:"([^"\\]*)"|([^,\s"]*))\s*(?:,|$)/y;

/** The parameters of an OAuth credentials string, or null when it is not a clean parameter list (then nothing is kept). */
export function parseOAuthParams(credentials: string): OAuthParam[] | null {
  if (credentials.length > MAX_INPUT) return null;
  const out: OAuthParam[] = [];
  PARAM.lastIndex = 0;
  while (PARAM.lastIndex < credentials.length) {
    const start = PARAM.lastIndex;
    const m = PARAM.exec(credentials);
    if (!m || PARAM.lastIndex === start) return null;
    out.push({ name: m[1]!, value: m[2] ?? m[3] ?? '', quoted: m[2] !== undefined });
  }
  return out.length ? out : null;
}

/** A kept value must be short and plain: a consumer key, a method name, a number. */
export function isKeepableValue(value: string): boolean {
  return value.length <= 200 && /^[A-Za-z0-9 ._~%:/+@-]*$/.test(value);
}

function decode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** The non-secret facts of OAuth 1.0 credentials; null when they are not OAuth 1.0 parameters. */
export function oauth1Facts(credentials: string): OAuth1Facts | null {
  const params = parseOAuthParams(credentials);
  if (!params || !params.some((p) => p.name.startsWith('oauth_'))) return null;
  const get = (name: string) => {
    const p = params.find((x) => x.name === name);
    return p && isKeepableValue(p.value) && p.value !== '' ? decode(p.value) : null;
  };
  const ts = get('oauth_timestamp');
  return {
    consumerKey: get('oauth_consumer_key'),
    signatureMethod: get('oauth_signature_method'),
    timestamp: ts !== null && /^\d{1,12}$/.test(ts) ? Number(ts) : null,
    version: get('oauth_version'),
    realm: get('realm'),
  };
}
