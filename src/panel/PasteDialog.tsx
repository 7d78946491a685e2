/**
 * "Paste a transcript": what script authors have is `curl -v` output, HTTPie's `--verbose`, a raw HTTP dump
 * or a curl command, not a HAR. The text goes through the same import as a file (import-worker.ts detects
 * the format), so a paste and a dropped file are read alike. Esc or Cancel closes without importing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { trapFocus } from './focus-trap';
import './paste.css';

export interface PasteDialogProps {
  onAnalyse(text: string): void;
  onClose(): void;
}

const PLACEHOLDER = `Paste curl -v output, curl -i / -D -, --trace-ascii, HTTPie --verbose, a raw HTTP/1.1 or HTTP/2 dump,
a curl command, or the text of a HAR file. Prose around it is fine.

$ curl -v -u me@example.com:$TOKEN https://acme.atlassian.net/rest/api/3/myself
> GET /rest/api/3/myself HTTP/2
< HTTP/2 401
< x-seraph-loginreason: AUTHENTICATED_FAILED`;

export function PasteDialog({ onAnalyse, onClose }: PasteDialogProps) {
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    area.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      } else if (e.key === 'Tab') trapFocus(e, dialog.current);
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, []);
  const ready = /\S/.test(text);
  return (
    <div class="paste-overlay" role="dialog" aria-modal="true" aria-labelledby="paste-title" data-testid="paste-dialog" ref={dialog}>
      <header class="matrix-head">
        <h2 id="paste-title">Analyse a pasted transcript</h2>
        <button type="button" onClick={onClose} aria-label="Close (Esc)" title="Close (Esc)" data-testid="paste-close">
          ✕
        </button>
      </header>
      <p class="muted">
        Read here, in this panel, with the same engine as the CLI; nothing is sent anywhere and nothing is stored. The analysis drops
        the secret values in the text: they are not shown once it is read.
      </p>
      <textarea
        ref={area}
        class="paste-text"
        spellcheck={false}
        placeholder={PLACEHOLDER}
        aria-label="Transcript text"
        data-testid="paste-text"
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
      />
      <div class="paste-actions">
        <button type="button" disabled={!ready} onClick={() => onAnalyse(text)} data-testid="paste-analyse">
          Analyse
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
