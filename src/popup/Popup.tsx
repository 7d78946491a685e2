/** The popup: the tab's Atlassian origins at a glance, with their most severe findings (grouped) and a few actions. */
import { useState } from 'preact/hooks';
import { countdown, SESSION_STATE_TEXT, sessionEnd, sessionState } from '../engine/analysis/explain';
import { statusText, type AuthStatusKind, type OriginStatus } from '../engine/analysis/status';
import { groupHeadline } from '../engine/analysis/finding-groups';
import { requestLabel } from '../engine/request-number';
import { plural } from '../engine/analysis/plural';
import type { TabStatusReply } from '../shared/protocol';
import type { WhoAmI } from '../shared/who-am-i';

export interface PopupActions {
  whoAmI(origin: string): Promise<WhoAmI>;
  copy(text: string): Promise<void>;
  openOptions(): void;
  /** The diagnostic text for the clipboard (engine/analysis/status.ts). */
  summary(statuses: readonly OriginStatus[]): string;
  /** The record toggle: pause (false) or resume (true) capture for this tab; the popup then shows a fresh reply. */
  setRecording?(recording: boolean): Promise<void>;
  /** A request link: the tab's DevTools panel selects that request (now, or when it is opened). */
  reveal?(entry: number): Promise<void>;
}

export interface PopupProps {
  reply: TabStatusReply | null;
  now: number;
  actions: PopupActions;
  /** Set when the worker could not be asked. */
  error?: string;
}

const KIND_LABEL: Record<AuthStatusKind, string> = {
  'signed-in': 'Signed in',
  anonymous: 'Anonymous',
  expiring: 'Session expiring',
  expired: 'Session expired',
  'login-failed': 'Login failed',
  captcha: 'CAPTCHA required',
};

export function Popup({ reply, now, actions, error }: PopupProps) {
  const [copied, setCopied] = useState<string | null>(null);
  if (error) return <p class="popup error" role="alert" data-testid="popup-error">{error}</p>;
  if (!reply) return <p class="popup" data-testid="popup-status">No tab selected.</p>;
  const { statuses, summary, pause } = reply;
  const copy = async () => {
    try {
      await actions.copy(actions.summary(statuses));
      setCopied('Copied: paste it into your ticket.');
    } catch {
      setCopied('The browser refused the clipboard.');
    }
  };
  return (
    <main class="popup" aria-label="Seraph Lens status">
      <h1>Seraph Lens</h1>
      {pause?.paused && (
        <p class="paused" role="status" data-testid="popup-paused">
          Capture paused for this tab{pause.skipped ? `: ${plural(pause.skipped, 'request')} not recorded` : ''}.{' '}
          {actions.setRecording && (
            <button type="button" onClick={() => void actions.setRecording!(true)} data-testid="popup-resume">
              Resume
            </button>
          )}
        </p>
      )}
      {statuses.length === 0 ? (
        <p data-testid="popup-status">
          No Atlassian traffic captured in this tab yet. Self-hosted Jira or Confluence?{' '}
          <button type="button" class="link" onClick={actions.openOptions}>Add your site in the options</button>.
        </p>
      ) : (
        statuses.map((s) => <OriginCard key={s.origin} status={s} now={now} actions={actions} />)
      )}
      <p class="muted" data-testid="popup-captured">
        {plural(summary.captured, 'request')} captured in this tab{summary.unauthorized ? `, ${summary.unauthorized} answered 401` : ''}
        {summary.dropped ? `, ${summary.dropped} oldest dropped` : ''}.
      </p>
      <div class="actions">
        <button type="button" onClick={copy} data-testid="copy-summary">Copy diagnostic summary</button>
        <button type="button" onClick={actions.openOptions}>Options</button>
        {actions.setRecording && !pause?.paused && (
          <button type="button" onClick={() => void actions.setRecording!(false)} title="Stop recording this tab's requests; the log stays" data-testid="popup-pause">
            Pause capture
          </button>
        )}
      </div>
      {copied && <p class="muted" role="status">{copied}</p>}
      <p class="hint">Details: open DevTools (F12 or Ctrl+Shift+I, ⌥⌘I on a Mac) and choose the “Seraph Lens” panel.</p>
    </main>
  );
}

function OriginCard({ status: s, now, actions }: { status: OriginStatus; now: number; actions: PopupActions }) {
  const [probe, setProbe] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<string | null>(null);
  const reveal = actions.reveal
    ? (entry: number) =>
        void actions.reveal!(entry).then(
          () => setRevealed(`${requestLabel(entry)} is selected in DevTools → Seraph Lens (F12 or Ctrl+Shift+I, ⌥⌘I on a Mac).`),
          () => setRevealed('The panel could not be asked.'),
        )
    : null;
  const host = new URL(s.origin).host;
  const ask = async () => {
    setProbe('Asking…');
    const r = await actions.whoAmI(s.origin);
    setProbe(r.kind === 'user' ? `The server says: ${r.name}` : r.kind === 'anonymous' ? `The server says: anonymous (${r.status})` : `Could not ask: ${r.message}`);
  };
  return (
    <section class={`origin ${s.kind}`} aria-label={host} data-testid="origin" data-kind={s.kind}>
      <header>
        <span class="chip" data-testid="origin-kind">{KIND_LABEL[s.kind]}</span> <strong>{host}</strong>
        {s.user && <> · <span data-testid="origin-user">{s.user}</span></>}
      </header>
      <p>{statusText(s, now)}</p>
      {s.session && <SessionLine status={s} now={now} />}
      {s.groups.length > 0 && (
        <ol class="findings" aria-label="Most severe findings">
          {s.groups.map((g) => (
            <li key={`${g.code}-${g.entries[0]}`} class={g.severity} data-testid="popup-finding" data-code={g.code} data-count={g.count} title={g.message}>
              <span class="code">{g.code}</span> <strong data-testid="popup-finding-headline">{groupHeadline(g)}</strong>: <EntryLinks entries={g.entries} count={g.count} reveal={reveal} />
              <div class="fix"><em>Fix:</em> {g.fix}</div>
            </li>
          ))}
        </ol>
      )}
      {revealed && <p role="status" class="muted" data-testid="popup-revealed">{revealed}</p>}
      {s.moreFindings > 0 && <p class="muted" data-testid="popup-more-findings">and {plural(s.moreFindings, 'more finding')} in the panel</p>}
      <div class="actions">
        <button type="button" onClick={ask} data-testid="whoami">Who am I?</button>
        <a href={loginUrl(s)} target="_blank" rel="noreferrer">Open the login page</a>
      </div>
      {probe && <p role="status" data-testid="whoami-result">{probe}</p>}
    </section>
  );
}

/** "#8, #10, #11 and 2 more": each number a link to the request in the panel (plain text without one). */
function EntryLinks({ entries, count, reveal }: { entries: readonly number[]; count: number; reveal: ((entry: number) => void) | null }) {
  return (
    <>
      {entries.map((e, i) => (
        <span key={e}>
          {i > 0 && ', '}
          {reveal ? (
            <button type="button" class="link" onClick={() => reveal(e)} title={`Show request ${requestLabel(e)} in the DevTools panel`} data-testid="popup-entry">
              {requestLabel(e)}
            </button>
          ) : (
            requestLabel(e)
          )}
        </span>
      ))}
      {count > entries.length && ` and ${count - entries.length} more`}
    </>
  );
}

function SessionLine({ status: s, now }: { status: OriginStatus; now: number }) {
  const session = s.session!;
  const state = sessionState(session, now);
  // A Cloud session cookie never expires by itself: count down to its token's `exp` instead.
  const end = sessionEnd(session);
  const left = end !== null ? countdown(end, now) : null;
  return (
    <p class="session" data-testid="popup-session">
      Session cookie <code>{session.cookie}</code>: {SESSION_STATE_TEXT[state]}
      {left && (state === 'active' || state === 'expiring') && (
        <>
          , expires in <span data-testid="popup-countdown">{left}</span>
        </>
      )}
    </p>
  );
}

/** Jira's login page on Server / Data Center; Cloud sends /login on to id.atlassian.com. */
function loginUrl(s: OriginStatus): string {
  return `${s.origin}${s.deployment === 'cloud' ? '/login' : '/login.jsp'}`;
}
