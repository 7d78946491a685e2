/**
 * The request detail's SSO tab: the decoded SAML message or OpenID Connect callback (sso-view.ts has the words),
 * and for an imported file, which holds the message already, the message itself as SAML-tracer shows it:
 * pretty XML, its signatures and encrypted data masked (engine/redact/saml-view.ts). Live capture has no XML.
 */
import type { SsoView } from './sso-view';
import { visible } from '../visible';
import './sso.css';

export function SsoTab({ view, xml }: { view: SsoView; xml?: string }) {
  return (
    <>
      <p class="sso-title" data-testid="sso-title">{view.title}</p>
      <dl class="sso-facts" data-testid="sso-facts">
        {view.rows.map((r) => (
          <div key={r.label} class={r.problem ? 'sso-row problem' : 'sso-row'} data-testid="sso-row" data-label={r.label} data-problem={r.problem ? 'true' : undefined}>
            <dt>{r.label}</dt>
            <dd>
              {visible(r.value)}
              {r.problem && <span class="sso-problem" data-testid="sso-problem"> ⚠ {r.problem}</span>}
            </dd>
          </div>
        ))}
      </dl>
      {xml ? (
        <details class="sso-xml" open data-testid="sso-xml-details">
          <summary>SAML message</summary>
          <p class="muted" data-testid="sso-xml-note">
            As the imported file holds it, decoded. Signature and digest values and encrypted data are masked (<code>[redacted N]</code>); NameID and
            attributes are shown.
          </p>
          <pre data-testid="sso-xml">{xml.split('\n').map(visible).join('\n')}</pre>
        </details>
      ) : (
        <p class="muted" data-testid="sso-kept">{view.kept}</p>
      )}
    </>
  );
}
