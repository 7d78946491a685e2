/**
 * The SSO facts of a HAR entry as it stands (its message, or the `_seraphSso` it carries): what `redact`
 * writes into the entry before removing the message, and what the reader uses once the message is gone.
 */
import type { Header, SsoFacts } from '../types';
import { ssoFacts } from './sso';
import { SSO_HAR_FIELD, ssoFactsToCarry } from './carried';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Only the headers the SSO facts read: the `Location` of a redirect and the server's `Date`. */
function ssoHeaders(list: unknown): Header[] {
  if (!Array.isArray(list)) return [];
  const out: Header[] = [];
  for (const h of list) {
    if (!isObj(h) || typeof h.name !== 'string' || typeof h.value !== 'string') continue;
    const name = h.name.toLowerCase();
    if (name === 'location' || name === 'date') out.push({ name: h.name, value: h.value });
  }
  return out;
}

/** The facts the entry should carry, or undefined. Never throws on a malformed entry. */
export function ssoFactsOfHarEntry(entry: unknown): SsoFacts | undefined {
  if (!isObj(entry) || !isObj(entry.request) || typeof entry.request.url !== 'string') return undefined;
  const req = entry.request;
  const res = isObj(entry.response) ? entry.response : {};
  const post = isObj(req.postData) && typeof req.postData.text === 'string' ? req.postData : null;
  const decoded = ssoFacts({
    method: typeof req.method === 'string' ? req.method : 'GET',
    url: req.url as string,
    status: typeof res.status === 'number' ? res.status : 0,
    responseHeaders: ssoHeaders(res.headers),
    ...(post ? { requestBody: { text: post.text as string, ...(typeof post.mimeType === 'string' ? { mimeType: post.mimeType } : {}) } } : {}),
  });
  return ssoFactsToCarry(decoded, entry[SSO_HAR_FIELD]);
}
