/**
 * The record toggle, like DevTools' Network panel: a round button, red while the tab is recorded, grey while
 * capture is paused. Pausing closes nothing: the worker stops appending this tab's requests (and counts them);
 * the log keeps what was recorded before.
 */
import type { PauseState } from '../shared/protocol';
import { plural } from '../engine/analysis/plural';
import './record-toggle.css';

export interface RecordToggleProps {
  pause: PauseState;
  /** Asks the worker to pause (false) or resume (true) recording this tab. */
  onRecord(recording: boolean): void;
}

export function RecordToggle({ pause, onRecord }: RecordToggleProps) {
  const recording = !pause.paused;
  return (
    <span class="record-toggle">
      <button
        type="button"
        class={recording ? 'record-button recording' : 'record-button'}
        aria-pressed={recording}
        title={recording ? 'Stop recording' : 'Record'}
        aria-label={recording ? 'Stop recording' : 'Record'}
        onClick={() => onRecord(!recording)}
        data-testid="record-toggle"
      >
        <span class="record-dot" aria-hidden="true" />
      </button>
      {!recording && (
        <span class="record-paused" role="status" data-testid="record-paused">
          Capture paused{pause.skipped ? `: ${plural(pause.skipped, 'request')} not recorded` : ''}
        </span>
      )}
    </span>
  );
}
