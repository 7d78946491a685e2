/** Per origin, each session cookie's life: issued, renewed, expiry with a live countdown, cleared, turned anonymous. */
import { useState } from 'preact/hooks';
import type { SessionInfo, SessionToken } from '../engine/types';
import { countdown, sessionEnd, sessionState, SESSION_STATE_TEXT } from '../engine/analysis/explain';
import { clockTime } from './format';
import { visible } from './visible';

export interface SessionTimelineProps {
  sessions: readonly SessionInfo[];
  now: number;
  onSelect(entry: number): void;
}

/** The latest sessions and events stay on screen; a long capture's history is one click away. */
const RECENT_SESSIONS = 4;
const RECENT_EVENTS = 12;

export function SessionTimeline({ sessions, now, onSelect }: SessionTimelineProps) {
  const [all, setAll] = useState(false);
  if (sessions.length === 0) return null;
  const shown = all ? sessions : sessions.slice(-RECENT_SESSIONS);
  return (
    <section class="sessions" aria-label="Session cookies" data-testid="sessions">
      {sessions.length > RECENT_SESSIONS && (
        <button type="button" class="link muted" onClick={() => setAll(!all)} data-testid="all-sessions">
          {all ? 'Show only the latest sessions' : `Show all ${sessions.length} sessions`}
        </button>
      )}
      {shown.map((s) => {
        const state = sessionState(s, now);
        // Cloud's session cookie never expires by itself: its token's `exp` is the session's end.
        const end = sessionEnd(s);
        const left = end !== null ? countdown(end, now) : null;
        const email = s.token?.email && s.token.email !== s.user ? s.token.email : null;
        return (
          <div class={`session ${state}`} key={`${s.origin} ${s.cookie} ${s.issuedEntry}`} data-testid="session" data-state={state}>
            <span class="state-dot" aria-hidden="true" />
            <strong>{visible(s.cookie)}</strong> <span class="muted">{visible(hostOf(s.origin))}</span> · {s.user ? `user ${visible(s.user)}` : 'user unknown'}
            {email && (
              <>
                {' '}
                <span>
                  (<span data-testid="session-email">{visible(email)}</span>)
                </span>
              </>
            )}{' '}
            ·{' '}
            <span data-testid="session-state">{SESSION_STATE_TEXT[state]}</span>
            {left && state !== 'cleared' && state !== 'anonymous' && (
              <>
                {' '}
                · expires in <span data-testid="session-countdown">{left}</span>
              </>
            )}
            {end !== null && !left && <> · expired at {clockTime(end)}</>}
            {s.token && <TokenTimes token={s.token} now={now} />}
            <span class="events">
              {s.events.length > RECENT_EVENTS && <span class="muted">… {s.events.length - RECENT_EVENTS} earlier</span>}
              {s.events.slice(-RECENT_EVENTS).map((e, i) => (
                <button type="button" class={`event ${e.kind}`} key={i} onClick={() => onSelect(e.entry)} title={`${e.kind} at #${e.entry}, ${clockTime(e.time)}`}>
                  {e.kind} #{e.entry}
                </button>
              ))}
            </span>
          </div>
        );
      })}
    </section>
  );
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/** A Cloud session token's own times: issued, due for refresh, expires (date and time, with the ISO instant for tools). */
function TokenTimes({ token, now }: { token: SessionToken; now: number }) {
  const at = (label: string, testId: string, t: number | null) =>
    t !== null && (
      <>
        {label}{' '}
        <time data-testid={testId} dateTime={new Date(t).toISOString()} title={new Date(t).toISOString()}>
          {dateTime(t, now)}
        </time>
      </>
    );
  const parts = [at('issued', 'token-issued', token.issuedAt), at(token.refreshAt !== null && token.refreshAt <= now ? 'was due for refresh' : 'due for refresh', 'token-refresh', token.refreshAt), at('expires', 'token-expires', token.expires)].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <span class="muted" data-testid="session-token">
      {' '}
      · token{' '}
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {p}
        </span>
      ))}
    </span>
  );
}

/** The clock time for today, with the date for any other day (a Cloud token lives for 30 days). */
function dateTime(t: number, now: number): string {
  return new Date(t).toDateString() === new Date(now).toDateString() ? clockTime(t) : `${new Date(t).toLocaleDateString()} ${clockTime(t)}`;
}
