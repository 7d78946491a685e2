/**
 * The panel's first words: per Atlassian origin of the tab, who you are now, since when, and what went wrong
 * with the engine's exact times (engine/analysis/story.ts). The current line is large; older ones wait
 * behind "N earlier" so the request list stays on the first screen.
 */
import { useMemo, useState } from 'preact/hooks';
import { buildStory, type OriginStory, type StoryLine, type StoryPart } from '../engine/analysis/story';
import { endedSessions } from './import-derived';
import type { PanelView } from './model';
import { stamp } from './format';
import { visible } from './visible';
import { requestLabel } from '../engine/request-number';
import './story.css';

export interface StoryHeaderProps {
  view: PanelView;
  now: number;
  onSelect(entry: number): void;
}

export function StoryHeader({ view, now, onSelect }: StoryHeaderProps) {
  // The panel re-renders every second: rebuild only when the log changed or a session's end went by. An
  // imported HAR's story comes built (import-derived.ts) and holds while as many sessions have ended.
  const ended = endedSessions(view.sessions, now);
  const stories = useMemo(
    () =>
      view.derived?.story.ended === ended
        ? view.derived.story.stories
        : buildStory({ exchanges: view.exchanges, findings: view.findings, sessions: view.sessions, now }),
    [view.version, ended],
  );
  if (stories.length === 0) return null;
  return (
    <section class="story" aria-label="What happened" data-testid="story">
      {stories.map((o) => (
        <OriginBlock key={o.origin} story={o} now={now} onSelect={onSelect} showHost={stories.length > 1} />
      ))}
    </section>
  );
}

function OriginBlock({ story, now, onSelect, showHost }: { story: OriginStory; now: number; onSelect(entry: number): void; showHost: boolean }) {
  const [open, setOpen] = useState(false);
  const [current, ...earlier] = story.lines;
  return (
    <div class="story-origin" data-testid="story-origin" data-origin={story.origin}>
      <Line line={current!} current now={now} onSelect={onSelect} host={showHost ? hostOf(story.origin) : null} />
      {earlier.length > 0 && (
        <>
          <button type="button" class="link story-earlier" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="story-earlier">
            {open ? 'Hide earlier' : `${earlier.length} earlier`}
          </button>
          {open && earlier.map((l, i) => <Line key={i} line={l} current={false} now={now} onSelect={onSelect} host={null} />)}
        </>
      )}
    </div>
  );
}

function Line({ line, current, now, onSelect, host }: { line: StoryLine; current: boolean; now: number; onSelect(entry: number): void; host: string | null }) {
  return (
    <p
      class={`story-line ${line.severity}${current ? ' current' : ''}`}
      role={current && line.severity === 'error' ? 'alert' : undefined}
      data-testid="story-line"
      data-kind={line.kind}
      data-severity={line.severity}
      data-current={current ? 'true' : 'false'}
    >
      {host && <span class="story-host">{visible(host)}: </span>}
      <span data-testid="story-text">
        {line.parts.map((p, i) => (
          <Part key={i} part={p} now={now} onSelect={onSelect} />
        ))}
      </span>
      {line.fix && (
        <span class="story-fix" data-testid="story-fix">
          {' · '}
          Fix: {visible(line.fix)}
        </span>
      )}
      {line.resolved && (
        <span class="story-resolved" data-testid="story-resolved">
          {' '}
          → Resolved at <Time time={line.resolved.time} entry={line.resolved.entry} now={now} onSelect={onSelect} />:{' '}
          {line.resolved.user === null ? 'signed in again' : <>signed in as <strong>{visible(line.resolved.user)}</strong></>}
        </span>
      )}
    </p>
  );
}

function Part({ part, now, onSelect }: { part: StoryPart; now: number; onSelect(entry: number): void }) {
  switch (part.kind) {
    case 'text':
      return <>{part.text}</>;
    case 'name':
      return <strong class="story-name">{visible(part.text)}</strong>;
    case 'time':
      return <Time time={part.time} entry={part.entry} now={now} onSelect={onSelect} />;
    case 'entries':
      return (
        <span data-testid="story-entries">
          <button type="button" class="link" onClick={() => onSelect(part.entries[0]!)}>
            {part.text}
          </button>
          <span class="story-refs">
            {' ('}
            {part.entries.map((e, i) => (
              <span key={e}>
                {i > 0 && ', '}
                <button type="button" class="link" onClick={() => onSelect(e)} data-testid="story-entry">
                  {requestLabel(e)}
                </button>
              </span>
            ))}
            {part.count > part.entries.length && ` and ${part.count - part.entries.length} more`}
            {')'}
          </span>
        </span>
      );
  }
}

function Time({ time, entry, now, onSelect }: { time: number; entry: number | null; now: number; onSelect(entry: number): void }) {
  const iso = new Date(time).toISOString();
  const t = (
    <time dateTime={iso} title={iso} data-testid="story-time">
      {when(time, now)}
    </time>
  );
  if (entry === null) return t;
  return (
    <button type="button" class="link story-at" onClick={() => onSelect(entry)} title={`Show request ${requestLabel(entry)}`}>
      {t}
    </button>
  );
}

/** The clock time for today, with the date (as the list writes it) for any other day. */
const when = (t: number, now: number): string => stamp(t, now);

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
