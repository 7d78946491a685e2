/** Per origin, each session cookie's life: issued, renewed, expiry with a live countdown, cleared, turned anonymous. */
import type { SessionInfo } from '../engine/types';
import { countdown, sessionState, SESSION_STATE_TEXT } from '../engine/explain';
import { clockTime } from './format';

export interface SessionTimelineProps {
  sessions: readonly SessionInfo[];
  now: number;
  onSelect(entry: number): void;
}

export function SessionTimeline({ sessions, now, onSelect }: SessionTimelineProps) {
  if (sessions.length === 0) return null;
  return (
    <section class="sessions" aria-label="Session cookies" data-testid="sessions">
      {sessions.map((s) => {
        const state = sessionState(s, now);
        const left = s.expires !== null ? countdown(s.expires, now) : null;
        return (
          <div class={`session ${state}`} key={`${s.origin} ${s.cookie} ${s.issuedEntry}`} data-testid="session" data-state={state}>
            <span class="state-dot" aria-hidden="true" />
            <strong>{s.cookie}</strong> <span class="muted">{new URL(s.origin).host}</span> · {s.user ? `user ${s.user}` : 'user unknown'} ·{' '}
            <span data-testid="session-state">{SESSION_STATE_TEXT[state]}</span>
            {left && state !== 'cleared' && state !== 'anonymous' && (
              <>
                {' '}
                · expires in <span data-testid="session-countdown">{left}</span>
              </>
            )}
            {s.expires !== null && !left && <> · expired at {clockTime(s.expires)}</>}
            <span class="events">
              {s.events.map((e, i) => (
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
