/** Per origin, each session cookie's life: issued, renewed, expiry with a live countdown, cleared, turned anonymous. */
import { useState } from 'preact/hooks';
import type { SessionInfo } from '../engine/types';
import { countdown, sessionState, SESSION_STATE_TEXT } from '../engine/analysis/explain';
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
        const left = s.expires !== null ? countdown(s.expires, now) : null;
        return (
          <div class={`session ${state}`} key={`${s.origin} ${s.cookie} ${s.issuedEntry}`} data-testid="session" data-state={state}>
            <span class="state-dot" aria-hidden="true" />
            <strong>{visible(s.cookie)}</strong> <span class="muted">{visible(hostOf(s.origin))}</span> · {s.user ? `user ${visible(s.user)}` : 'user unknown'} ·{' '}
            <span data-testid="session-state">{SESSION_STATE_TEXT[state]}</span>
            {left && state !== 'cleared' && state !== 'anonymous' && (
              <>
                {' '}
                · expires in <span data-testid="session-countdown">{left}</span>
              </>
            )}
            {s.expires !== null && !left && <> · expired at {clockTime(s.expires)}</>}
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
