/** One request decoded: login reason with meaning and fix, challenges, credentials, cookies, headers, findings. */
import { useEffect, useState } from 'preact/hooks';
import type { CapturedExchange } from '../shared/protocol';
import type { Finding } from '../engine/types';
import { headerValues } from '../engine/exchange/headers';
import { parseLoginReason, parseDeniedReason } from '../engine/analysis/parse/seraph';
import { parseWwwAuthenticate } from '../engine/analysis/parse/www-authenticate';
import { parseSetCookie } from '../engine/analysis/parse/set-cookie';
import { explainLoginReason } from '../engine/analysis/explain';
import { isSessionCookie } from '../engine/analysis/atlassian';
import { Replay, type ReplayActions } from './Replay';
import { visible } from './visible';
import { userName } from './format';

export interface RequestDetailProps {
  exchange: CapturedExchange;
  findings: readonly Finding[];
  onClose(): void;
  /** Absent for an imported HAR (read-only: replays only what this browser captured). */
  replay?: ReplayActions;
  /** Open with the replay form shown (list context menu). */
  replayOpen?: boolean;
  /** Start a replay as the form opens ("Replay in every mode" in the list's menu); a new id starts it again. */
  replayAuto?: { mode: 'matrix'; id: number };
}

export function RequestDetail({ exchange: ex, findings, onClose, replay, replayOpen = false, replayAuto }: RequestDetailProps) {
  const [showReplay, setShowReplay] = useState(replayOpen);
  useEffect(() => setShowReplay(replayOpen), [ex.index, replayOpen]);
  const reasons = parseLoginReason(headerValues(ex.responseHeaders, 'x-seraph-loginreason'));
  const denied = headerValues(ex.responseHeaders, 'x-authentication-denied-reason').map(parseDeniedReason).find(Boolean);
  const challenges = parseWwwAuthenticate(headerValues(ex.responseHeaders, 'www-authenticate'));
  const setCookies = headerValues(ex.responseHeaders, 'set-cookie')
    .flatMap((v) => v.split('\n'))
    .map((v) => parseSetCookie(v, ex.time))
    .filter((c) => c !== null);
  const creds = ex.credentials;
  const rawUser = headerValues(ex.responseHeaders, 'x-ausername')[0];
  const user = { raw: rawUser, shown: userName(rawUser) };
  const accountId = headerValues(ex.responseHeaders, 'x-aaccountid')[0];
  // Real Server/DC 401s offer only `OAuth realm=…` (their OAuth provider plugin): no challenge a plain client answers.
  const oauthOnly = ex.status === 401 && challenges.length > 0 && challenges.every((c) => c.scheme.toLowerCase() === 'oauth');
  return (
    <section class="detail" aria-label={`Request #${ex.index}`} data-testid="request-detail">
      <header class="detail-head">
        <strong>
          #{ex.index} {visible(ex.method)} {ex.status || 'failed'}
        </strong>
        {replay && (
          <button type="button" onClick={() => setShowReplay(!showReplay)} aria-expanded={showReplay} data-testid="replay-open">
            Replay…
          </button>
        )}
        <button type="button" onClick={onClose} aria-label="Close the request details" data-testid="detail-close">
          ✕
        </button>
      </header>
      <p class="url-full" data-testid="detail-url">{visible(ex.url)}</p>
      {replay && showReplay && <Replay key={ex.index} exchange={ex} actions={replay} {...(replayAuto ? { auto: replayAuto } : {})} />}

      {findings.length > 0 && (
        <>
          <h3>Findings</h3>
          <ul class="plain">
            {findings.map((f) => (
              <li key={f.code} class={`finding ${f.severity}`} data-testid="detail-finding">
                <code>{f.code}</code> {visible(f.message)}
                <div class="fix">Fix: {visible(f.fix)}</div>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Authentication</h3>
      <dl>
        <dt>Signed in as (X-AUSERNAME)</dt>
        <dd data-testid="detail-user">{user.raw === undefined ? '—' : user.shown || '—'}</dd>
        {user.raw !== undefined && user.raw !== user.shown && user.raw.trim().toLowerCase() !== 'anonymous' && (
          <dd class="muted" data-testid="detail-user-raw">sent as {visible(user.raw)}</dd>
        )}
        {accountId !== undefined && (
          <>
            <dt>Cloud account (X-AACCOUNTID)</dt>
            <dd data-testid="detail-account-id">{visible(accountId.trim())}</dd>
          </>
        )}
        <dt>Login reason</dt>
        <dd data-testid="detail-login-reason">
          {reasons.all.length === 0
            ? '—'
            : reasons.all.map((r) => {
                const m = explainLoginReason(r);
                return (
                  <div key={r}>
                    <code>{visible(r)}</code>: {m.meaning}
                    {m.fix && <div class="fix">Fix: {m.fix}</div>}
                  </div>
                );
              })}
        </dd>
        {denied && (
          <>
            <dt>Denied reason</dt>
            <dd>
              <code>{visible(denied.reason)}</code>
              {denied.loginUrl && <> — sign in at {visible(denied.loginUrl)}</>}
            </dd>
          </>
        )}
        <dt>Challenge (WWW-Authenticate)</dt>
        <dd data-testid="detail-challenge">
          {challenges.length === 0
            ? ex.status === 401
              ? 'none: clients that wait for a challenge will never send credentials'
              : '—'
            : challenges.map((c, i) => (
                <div key={i}>
                  <code>{visible(c.scheme)}</code> {visible(Object.entries(c.params).map(([k, v]) => `${k}="${v}"`).join(', '))}
                </div>
              ))}
          {oauthOnly && (
            <div class="fix" data-testid="detail-challenge-oauth">
              <code>OAuth realm</code> is for OAuth (application-link) clients; a script waiting for a Basic or Bearer challenge gets none it can
              answer: send credentials up front.
            </div>
          )}
        </dd>
        <dt>Credentials sent</dt>
        <dd data-testid="detail-credentials">
          {visible(creds === null ? 'none' : creds.scheme === 'basic' ? `Basic, user ${creds.user ?? '(undecodable)'}; secret not kept` : creds.scheme === 'bearer' ? 'Bearer token; not kept' : `${creds.name}; not kept`)}
        </dd>
      </dl>

      <h3>Cookies</h3>
      <p>
        Sent: <span data-testid="detail-cookies">{ex.cookiesSent.length === 0 ? 'none' : visible(ex.cookiesSent.map((n) => (isSessionCookie(n) ? `${n} (session)` : n)).join(', '))}</span> · values are never kept
      </p>
      {setCookies.length > 0 && (
        <table class="kv">
          <thead>
            <tr>
              <th>Set</th>
              <th>Lifetime</th>
              <th>Attributes</th>
            </tr>
          </thead>
          <tbody>
            {setCookies.map((c, i) => (
              <tr key={i}>
                <td>
                  {visible(c.name)} <span class="muted">({c.valueLength} chars)</span>
                </td>
                <td>{c.cleared ? 'cleared' : c.expires === null ? 'browser session' : `until ${new Date(c.expires).toLocaleString()}`}</td>
                <td>{visible([c.path && `Path=${c.path}`, c.domain && `Domain=${c.domain}`, c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite && `SameSite=${c.sameSite}`].filter(Boolean).join('; '))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Headers (auth-relevant, secrets masked)</h3>
      <table class="kv" data-testid="detail-headers">
        <tbody>
          {[...ex.requestHeaders.map((h) => ['→', h] as const), ...ex.responseHeaders.map((h) => ['←', h] as const)].map(([dir, h], i) => (
            <tr key={i}>
              <td class="muted">{dir}</td>
              <td>{visible(h.name)}</td>
              <td class="value">{visible(h.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
