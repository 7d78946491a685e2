/**
 * The few fact fields that carry a server's own words (an OAuth or login error's description, an OIDC
 * callback's error): the fact readers below redact (sso/, exchange/auth-signals.ts) copy them bounded but
 * verbatim, and every record that keeps them takes them through here first (intake/to-exchange.ts, the
 * `_seraphSso` field redact.ts writes), because such a text can quote a token.
 */
import type { SsoFacts } from '../types';
import type { AuthSignals } from '../exchange/auth-signals';
import { redactText } from './text';

function scrub(text: string | null): string | null {
  return text === null ? null : redactText(text);
}

export function scrubSsoFacts(sso: SsoFacts): SsoFacts {
  if (!sso.oidc) return sso;
  return { ...sso, oidc: { ...sso.oidc, error: scrub(sso.oidc.error), errorDescription: scrub(sso.oidc.errorDescription) } };
}

export function scrubAuthSignals(signals: AuthSignals): AuthSignals {
  const out = { ...signals };
  if (out.oauthError) out.oauthError = { ...out.oauthError, description: scrub(out.oauthError.description) };
  if (out.loginError) out.loginError = { ...out.loginError, description: scrub(out.loginError.description) };
  return out;
}
