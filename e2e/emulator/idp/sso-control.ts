/**
 * SSO in the /__emulator/ controls: `POST /__emulator/sso?enabled=true&protocol=saml|oidc&failure=<switch>|none
 * &user=<name>&skewMinutes=N` (query or form body; every parameter optional, `user=` empty: the IdP asks for
 * a username), and the `sso` part of `/__emulator/state`.
 */
import { esc } from '../pages';
import type { EmulatorState } from '../state';
import { EXTERNAL_LOGIN, OIDC_CALLBACK, SAML_CONSUMER } from './sp';
import { IDP_CONFIG_ID, SSO_FAILURES, isSsoFailure, type SsoOptions } from './sso-state';

export function ssoSnapshot(state: EmulatorState) {
  const idp = state.idp;
  return {
    ...state.sso.settings,
    idpUrl: idp?.url ?? null,
    loginUrl: `${state.origin}${EXTERNAL_LOGIN}/${IDP_CONFIG_ID}`,
    consumerUrl: state.origin + SAML_CONSUMER,
    oidcCallbackUrl: state.origin + OIDC_CALLBACK,
    idpSsoUrl: idp?.ssoUrl ?? null,
    idpAuthorizeUrl: idp?.authorizeUrl ?? null,
    idpTokenUrl: idp?.tokenUrl ?? null,
  };
}

/** Applies the parameters; a sentence saying what is wrong, or null. */
export async function ssoControl(state: EmulatorState, params: URLSearchParams): Promise<string | null> {
  const settings: SsoOptions & { enabled?: boolean } = {};
  const enabled = params.get('enabled');
  if (enabled !== null) {
    if (!['true', 'false', 'on', 'off'].includes(enabled)) return 'sso: enabled must be true or false';
    settings.enabled = enabled === 'true' || enabled === 'on';
  }
  const protocol = params.get('protocol');
  if (protocol !== null) {
    if (protocol !== 'saml' && protocol !== 'oidc') return 'sso: protocol must be saml or oidc';
    settings.protocol = protocol;
  }
  const failure = params.get('failure');
  if (failure !== null) {
    if (failure !== 'none' && failure !== '' && !isSsoFailure(failure)) return `sso: failure must be none or one of ${SSO_FAILURES.join(', ')}`;
    settings.failure = isSsoFailure(failure) ? failure : null;
  }
  const user = params.get('user');
  if (user !== null) settings.user = user.trim() || null;
  const skew = params.get('skewMinutes');
  if (skew !== null) {
    const n = Number(skew);
    if (skew.trim() === '' || !Number.isFinite(n)) return 'sso: skewMinutes must be a number of minutes';
    settings.skewMinutes = n;
  }
  try {
    await state.configureSso(settings);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return null;
}

/** The control page's SSO section: the URLs and one button per switch. */
export function ssoSection(sso: ReturnType<typeof ssoSnapshot>, cloud: boolean): string {
  if (cloud) return '';
  const post = (query: string, label: string) => `<form method="post" action="/__emulator/sso?${esc(query)}"><button>${esc(label)}</button></form>`;
  const status = sso.enabled
    ? `on (<b data-testid="sso-protocol">${esc(sso.protocol)}</b>), IdP <a href="${esc(sso.idpUrl ?? '')}">${esc(sso.idpUrl ?? '')}</a>, user ${sso.user ? `<code>${esc(sso.user)}</code> signed in automatically` : 'asked for by the IdP'}, switch <b data-testid="sso-failure">${esc(sso.failure ?? 'none')}</b>${sso.failure === 'skew' ? ` (${sso.skewMinutes} min)` : ''}`
    : 'off';
  return `<h2>Single sign-on: <span data-testid="sso-enabled">${status}</span></h2>
<p>${post('enabled=true&protocol=saml&failure=none', 'SAML on')}${post('enabled=true&protocol=oidc&failure=none', 'OpenID Connect on')}${post('enabled=false', 'SSO off')}</p>
<p>Switches: ${['none', ...SSO_FAILURES].map((f) => post(`failure=${f}`, f)).join('')}</p>
<p>Login: <a href="${esc(sso.loginUrl)}" target="_blank">${esc(sso.loginUrl)}</a> · consumer <code>${esc(sso.consumerUrl)}</code> · OIDC callback <code>${esc(sso.oidcCallbackUrl)}</code></p>`;
}
