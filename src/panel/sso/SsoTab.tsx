/** The request detail's SSO tab: the decoded SAML message or OpenID Connect callback (sso-view.ts has the words). */
import type { SsoView } from './sso-view';
import { visible } from '../visible';
import './sso.css';

export function SsoTab({ view }: { view: SsoView }) {
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
      <p class="muted" data-testid="sso-kept">{view.kept}</p>
    </>
  );
}
