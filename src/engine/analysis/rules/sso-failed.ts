import type { Rule } from './rule';
import { SSO_EXPLANATIONS } from '../explain';
import { receivedResponse, isSuccess } from '../sso';
import { idpErrorIn, type IdpError } from '../idp-errors';

/**
 * The IdP's SAML response carries a status other than Success, or an OIDC callback carries `error`. Where the
 * IdP names its own error (an Entra `AADSTS…` code, Okta's "not assigned"), its cause and fix are told.
 */
export const ssoFailed: Rule = {
  code: 'sso-failed',
  severity: 'error',
  check({ f }) {
    const sso = f.ex.sso;
    if (!sso) return null;
    const { fix } = SSO_EXPLANATIONS['sso-failed'];
    const saml = receivedResponse(f);
    if (saml && !isSuccess(saml)) {
      const st = saml.status!;
      const code = (s: string | null) => (s ? s.replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, '') : null);
      const detail = [code(st.code), code(st.subCode)].filter(Boolean).join(' / ');
      const idp = idpErrorIn(st.message);
      return {
        message: `The identity provider${saml.issuer ? ` ${saml.issuer}` : ''} answered the sign-in with status ${detail}${st.message ? ` ("${st.message}")` : ''} instead of an assertion.${because(idp)}`,
        fix: idp?.fix ?? fix,
      };
    }
    const error = sso.endpoint === 'oidc-callback' ? sso.oidc?.error : null;
    if (error) {
      const idp = idpErrorIn(sso.oidc?.errorDescription);
      return {
        message: `The OpenID Connect provider sent the browser back with error ${error}${sso.oidc?.errorDescription ? ` ("${sso.oidc.errorDescription}")` : ''} instead of a sign-in.${because(idp)}`,
        fix: idp?.fix ?? fix,
      };
    }
    return null;
  },
};

/** " AADSTS50105: the user … is not assigned …." */
function because(idp: IdpError | null): string {
  return idp ? ` ${idp.code}: ${idp.cause}.` : '';
}
