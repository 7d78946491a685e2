/**
 * One request decoded, in tabs: Auth (who the server thought you were, the login reason in words, the
 * challenge, the findings with their fixes), Headers (every header in DevTools' sections, auth headers first,
 * decoded, redacted values shown as such), Cookies (sent, with their role, and set, with their lifetime), Replay. Every mention of the
 * credentials the request sent comes from one function (engine/analysis/credentials-sent.ts). An SSO tab
 * appears where the request is part of a single sign-on (sso/SsoTab.tsx).
 */
import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CapturedExchange } from '../shared/protocol';
import type { Finding, Header } from '../engine/types';
import { headerValues } from '../engine/exchange/headers';
import { parseLoginReason, parseDeniedReason } from '../engine/ground/parse/seraph';
import { parseWwwAuthenticate } from '../engine/ground/parse/www-authenticate';
import { parseSetCookie } from '../engine/ground/parse/set-cookie';
import { parseCookieHeader } from '../engine/ground/parse/cookie';
import { explainLoginReason } from '../engine/analysis/explain';
import { cookieLabel, cookieRole, credentialsSent, authorizationText, type CredentialsSent } from '../engine/analysis/credentials-sent';
import { isRedactedMarker } from '../engine/ground/marker';
import { Replay, type ReplayActions } from './Replay';
import { TabList, TabPanel, rememberTab, rememberedTab, type DetailTab, type TabSpec } from './DetailTabs';
import { visible } from './visible';
import { userName } from './format';
import { requestLabel } from '../engine/request-number';
import './detail.css';
import { RequestExport, type RequestExportActions } from './RequestExport';
import { ssoView } from './sso/sso-view';
import { SsoTab } from './sso/SsoTab';
import { generalRows, headerSections, type ShownHeader } from './header-sections';
import { DISPLAY_HEADER_COUNT_CAP } from '../background/storage-caps';

export interface RequestDetailProps {
  exchange: CapturedExchange;
  findings: readonly Finding[];
  onClose(): void;
  /** Absent for an imported HAR (read-only: replays only what this browser captured). */
  replay?: ReplayActions;
  /** Open on the Replay tab (list context menu). */
  replayOpen?: boolean;
  /** Export or copy this request (as a HAR entry, as cURL). */
  requestExport?: RequestExportActions;
  /** Start a replay as the form opens ("Replay in every mode" in the list's menu); a new id starts it again. */
  replayAuto?: { mode: 'matrix'; id: number };
}

export function RequestDetail({ exchange: ex, findings, onClose, replay, replayOpen = false, requestExport, replayAuto }: RequestDetailProps) {
  const sso = ssoView(ex.sso, ex, new Set(findings.map((f) => f.code)));
  const tabs: TabSpec[] = [
    { id: 'auth', label: 'Auth' },
    { id: 'headers', label: 'Headers' },
    { id: 'cookies', label: 'Cookies' },
    ...(sso ? [{ id: 'sso' as const, label: 'SSO' }] : []),
    ...(replay ? [{ id: 'replay' as const, label: 'Replay', testId: 'replay-open' }] : []),
  ];
  const initial = (): DetailTab => {
    const t = replayOpen && replay ? 'replay' : rememberedTab();
    return (t === 'replay' && !replay) || (t === 'sso' && !sso) ? 'auth' : t;
  };
  const [tab, setTab] = useState<DetailTab>(initial);
  useEffect(() => setTab(initial()), [ex.index, replayOpen]);
  const choose = (t: DetailTab) => {
    setTab(t);
    rememberTab(t);
  };
  const creds = credentialsSent(ex);
  const prefix = `detail-${ex.index}`;
  return (
    <section class="detail" aria-label={`Request ${requestLabel(ex.index)}`} data-testid="request-detail">
      <header class="detail-head">
        <strong>
          {requestLabel(ex.index)} {visible(ex.method)} {ex.status || 'failed'}
        </strong>
        <button type="button" class="icon-button" onClick={onClose} aria-label="Close the request details (Esc)" title="Close (Esc)" data-testid="detail-close">
          ✕
        </button>
      </header>
      <p class="url-full" data-testid="detail-url">{visible(ex.url)}</p>
      {requestExport && <RequestExport exchange={ex} actions={requestExport} />}
      <TabList tabs={tabs} selected={tab} onSelect={choose} idPrefix={prefix} />
      <TabPanel id="auth" selected={tab} idPrefix={prefix}>
        <AuthTab ex={ex} findings={findings} creds={creds} />
      </TabPanel>
      <TabPanel id="headers" selected={tab} idPrefix={prefix}>
        <HeadersTab ex={ex} creds={creds} />
      </TabPanel>
      <TabPanel id="cookies" selected={tab} idPrefix={prefix}>
        <CookiesTab ex={ex} creds={creds} />
      </TabPanel>
      {sso && (
        <TabPanel id="sso" selected={tab} idPrefix={prefix}>
          <SsoTab view={sso} {...(ex.samlXml ? { xml: ex.samlXml } : {})} />
        </TabPanel>
      )}
      {replay && (
        <TabPanel id="replay" selected={tab} idPrefix={prefix}>
          <Replay key={ex.index} exchange={ex} actions={replay} capturedCredentials={creds.summary} {...(replayAuto ? { auto: replayAuto } : {})} />
        </TabPanel>
      )}
    </section>
  );
}

/** "Credentials sent: session cookie JSESSIONID": the same words on every tab that speaks of credentials. */
function CredentialsStatement({ creds, testId }: { creds: CredentialsSent; testId: string }) {
  return (
    <p class="credentials-statement" data-testid={testId}>
      Credentials sent: <strong data-testid="credentials-summary">{visible(creds.summary)}</strong>
      {creds.summary !== 'none' && <span class="muted"> · values never kept</span>}
    </p>
  );
}

function AuthTab({ ex, findings, creds }: { ex: CapturedExchange; findings: readonly Finding[]; creds: CredentialsSent }) {
  const reasons = parseLoginReason(headerValues(ex.responseHeaders, 'x-seraph-loginreason'));
  const denied = headerValues(ex.responseHeaders, 'x-authentication-denied-reason').map(parseDeniedReason).find(Boolean);
  const challenges = parseWwwAuthenticate(headerValues(ex.responseHeaders, 'www-authenticate'));
  const rawUser = headerValues(ex.responseHeaders, 'x-ausername')[0];
  const user = { raw: rawUser, shown: userName(rawUser) };
  const accountId = headerValues(ex.responseHeaders, 'x-aaccountid')[0]?.trim();
  // Real Server/DC 401s offer only `OAuth realm=…` (their OAuth provider plugin): no challenge a plain client answers.
  const oauthOnly = ex.status === 401 && challenges.length > 0 && challenges.every((c) => c.scheme.toLowerCase() === 'oauth');
  const who = user.shown || accountId || null;
  return (
    <>
      <p class="auth-summary" data-testid="detail-auth-summary">
        {who === null
          ? 'The server did not say who you were on this request.'
          : who === 'anonymous'
            ? 'The server took you for an anonymous visitor.'
            : `The server took you for ${visible(who)}.`}
      </p>
      <dl>
        <dt>Credentials sent</dt>
        <dd data-testid="detail-credentials">{visible(creds.summary)}</dd>
        {creds.xsrf?.state && (
          <>
            <dt>XSRF cookie sent</dt>
            <dd data-testid="detail-xsrf">
              {visible(creds.xsrf.name)} ends in <code>{creds.xsrf.state}</code>: the server last saw this browser {creds.xsrf.state === 'lin' ? 'signed in' : 'signed out'}
            </dd>
          </>
        )}
        <dt>Signed in as (X-AUSERNAME)</dt>
        <dd data-testid="detail-user">{user.raw === undefined ? '—' : user.shown || '—'}</dd>
        {user.raw !== undefined && user.raw !== user.shown && user.raw.trim().toLowerCase() !== 'anonymous' && (
          <dd class="muted" data-testid="detail-user-raw">sent as {visible(user.raw)}</dd>
        )}
        {accountId !== undefined && (
          <>
            <dt>Cloud account (X-AACCOUNTID)</dt>
            <dd data-testid="detail-account-id">{visible(accountId)}</dd>
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
      </dl>
      <h3>Findings</h3>
      {findings.length === 0 ? (
        <p class="muted" data-testid="detail-no-findings">None on this request.</p>
      ) : (
        <ul class="plain">
          {findings.map((f) => (
            <li key={f.code} class={`finding ${f.severity}`} data-testid="detail-finding">
              <code>{f.code}</code> {visible(f.message)}
              <div class="fix">Fix: {visible(f.fix)}</div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** What a header says, decoded, in a few words; null when the value speaks for itself. */
function decodeHeader(h: Header, dir: 'request' | 'response', creds: CredentialsSent, time: number): string | null {
  const name = h.name.toLowerCase();
  if (dir === 'request' && name === 'authorization') return `${authorizationText(creds.authorization) ?? 'unreadable'}; secret not kept`;
  if (dir === 'request' && name === 'cookie') {
    const sent = parseCookieHeader(h.value);
    return sent.length ? sent.map((c) => cookieLabel(c.name, c.loginState ?? null)).join(', ') : null;
  }
  if (dir === 'request') return null;
  if (name === 'x-ausername') return h.value.trim().toLowerCase() === 'anonymous' ? 'nobody signed in' : `user ${userName(h.value)}`;
  if (name === 'x-seraph-loginreason') return parseLoginReason([h.value]).all.map((r) => `${r}: ${explainLoginReason(r).meaning}`).join(' ');
  if (name === 'x-aaccountid') return 'the Cloud account this request ran as';
  if (name === 'www-authenticate') return `challenge: ${parseWwwAuthenticate([h.value]).map((c) => c.scheme).join(', ') || 'unreadable'}`;
  if (name === 'set-cookie') {
    return h.value
      .split('\n')
      .map((v) => parseSetCookie(v, time))
      .filter((c) => c !== null)
      .map((c) => `${cookieLabel(c.name, c.loginState ?? null)}: ${lifetime(c)}`)
      .join('; ');
  }
  return null;
}

function HeadersTab({ ex, creds }: { ex: CapturedExchange; creds: CredentialsSent }) {
  const rows = (headers: readonly ShownHeader[], dir: 'request' | 'response') =>
    headers.map((h, i) => {
      const redacted = h.value.includes('[redacted ') || isRedactedMarker(h.value);
      const decoded = decodeHeader(h, dir, creds, ex.time);
      return (
        <tr key={`${dir}${i}`} class={h.auth ? 'auth' : undefined} data-header={h.name.toLowerCase()} data-dir={dir} data-auth={h.auth ? 'true' : undefined}>
          <td class="name">{visible(h.name)}</td>
          <td class="value">
            {visible(h.value)}
            {(decoded || redacted) && (
              <div class="decoded" data-testid="header-decoded">
                {decoded ? visible(decoded) : ''}
                {redacted && <span class="redacted-note">{decoded ? ' · ' : ''}value redacted at capture, never kept</span>}
              </div>
            )}
          </td>
        </tr>
      );
    });
  return (
    <>
      <CredentialsStatement creds={creds} testId="headers-credentials" />
      <table class="kv headers" data-testid="detail-headers">
        <colgroup>
          <col class="name-col" />
          <col />
        </colgroup>
        <tbody>
          <tr class="group" data-testid="headers-section" data-section="general">
            <th colSpan={2}>General</th>
          </tr>
          {generalRows(ex).map(([label, value]) => (
            <tr key={label} data-general={label}>
              <td class="name">{label}</td>
              <td class="value">{visible(value)}</td>
            </tr>
          ))}
          {headerSections(ex).map((section) => (
            <Fragment key={section.dir}>
              <tr class="group" data-testid="headers-section" data-section={section.dir}>
                <th colSpan={2}>
                  {section.title} ({section.headers.length})
                </th>
              </tr>
              {rows(section.headers, section.dir)}
              {section.cut > 0 && (
                <tr class="cut" data-testid="headers-cut" data-dir={section.dir}>
                  <td colSpan={2} class="muted">
                    {section.cut} more {section.dir} {section.cut === 1 ? 'header' : 'headers'} not kept: a stored request keeps every auth header and at most{' '}
                    {DISPLAY_HEADER_COUNT_CAP} others.
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <p class="muted" data-testid="headers-note">
        Every header, names as sent; auth headers first and marked. Secret values were replaced at capture (<code>[redacted N]</code>: N characters); a
        value cut to fit storage ends in <code>…[+N chars]</code>.
      </p>
    </>
  );
}

function lifetime(c: { cleared: boolean; expires: number | null }): string {
  return c.cleared ? 'cleared' : c.expires === null ? 'browser session' : `until ${new Date(c.expires).toLocaleString()}`;
}

const ROLE_TEXT = { session: 'session (a login)', xsrf: 'XSRF token', other: '—' } as const;

function CookiesTab({ ex, creds }: { ex: CapturedExchange; creds: CredentialsSent }) {
  const sent = headerValues(ex.requestHeaders, 'cookie').flatMap((v) => parseCookieHeader(v));
  // Names only when the header itself was not kept (an imported HAR may list cookies without it).
  const sentRows = sent.length ? sent : ex.cookiesSent.map((name) => ({ name, valueLength: null, loginState: undefined }));
  const setCookies = headerValues(ex.responseHeaders, 'set-cookie')
    .flatMap((v) => v.split('\n'))
    .map((v) => parseSetCookie(v, ex.time))
    .filter((c) => c !== null);
  return (
    <>
      <CredentialsStatement creds={creds} testId="cookies-credentials" />
      <h3>Sent</h3>
      <p>
        <span data-testid="detail-cookies">{ex.cookiesSent.length === 0 ? 'none' : visible(ex.cookiesSent.map((n) => cookieLabel(n, n === creds.xsrf?.name ? creds.xsrf.state : null)).join(', '))}</span>
      </p>
      {sentRows.length > 0 && (
        <table class="kv" data-testid="cookies-sent">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {sentRows.map((c, i) => (
              <tr key={i} data-testid="cookie-sent" data-name={c.name} data-role={cookieRole(c.name)}>
                <td>{visible(c.name)}</td>
                <td>
                  {ROLE_TEXT[cookieRole(c.name)]}
                  {c.loginState && <span class="muted"> · ends in {c.loginState} ({c.loginState === 'lin' ? 'signed in' : 'signed out'})</span>}
                </td>
                <td class="muted">{c.valueLength === null ? 'not kept' : `${c.valueLength} chars, not kept`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Set by the response</h3>
      {setCookies.length === 0 ? (
        <p class="muted" data-testid="cookies-set-none">none</p>
      ) : (
        <table class="kv" data-testid="cookies-set">
          <thead>
            <tr>
              <th>Name</th>
              <th>Lifetime</th>
              <th>Attributes</th>
            </tr>
          </thead>
          <tbody>
            {setCookies.map((c, i) => (
              <tr key={i} data-testid="cookie-set" data-name={c.name}>
                <td>
                  {visible(cookieLabel(c.name, c.loginState ?? null))} <span class="muted">({c.valueLength} chars)</span>
                </td>
                <td data-field="lifetime">{lifetime(c)}</td>
                <td>{visible([c.path && `Path=${c.path}`, c.domain && `Domain=${c.domain}`, c.secure && 'Secure', c.httpOnly && 'HttpOnly', c.sameSite && `SameSite=${c.sameSite}`].filter(Boolean).join('; '))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="muted">Cookie values are never kept: names, lengths and attributes only.</p>
    </>
  );
}
