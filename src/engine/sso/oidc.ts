/**
 * The facts of an OpenID Connect callback URL (`/plugins/servlet/oidc/callback?code=…&state=…` or
 * `?error=…&error_description=…&state=…`): the error and whether a state came back. Never the `code`, an
 * `id_token` or an `access_token` (bearer credentials); at most whether one was there. The error texts are
 * the server's words as sent: redact/fact-text.ts scrubs them before a record keeps them.
 */
import type { OidcFacts } from '../types';
export type { OidcFacts };

const MAX = 300;

/** From the query and fragment of a callback URL; null when the URL carries none of the OIDC parameters. */
export function oidcFactsOfUrl(url: string): OidcFacts | null {
  const q = url.indexOf('?');
  const h = url.indexOf('#');
  const query = q < 0 ? '' : url.slice(q + 1, h > q ? h : undefined);
  const fragment = h < 0 ? '' : url.slice(h + 1);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(query.length + fragment.length > 16_384 ? '' : `${query}&${fragment}`);
  } catch {
    return null;
  }
  const get = (name: string) => {
    const v = params.get(name);
    return v === null || v === '' ? null : v.slice(0, MAX);
  };
  const facts: OidcFacts = {
    error: get('error'),
    errorDescription: get('error_description'),
    statePresent: params.has('state'),
    codePresent: params.has('code'),
    tokenPresent: params.has('id_token') || params.has('access_token'),
  };
  return facts.error || facts.statePresent || facts.codePresent || facts.tokenPresent ? facts : null;
}
