/**
 * One request out of the panel (a row under its URL in the detail): export it as a one-entry HAR file, or copy
 * it as a HAR entry or as cURL.
 * Redacted like every export (engine/har/single-entry.ts); the cURL holds shell variables for credentials.
 */
import { useEffect, useState } from 'preact/hooks';
import type { CapturedExchange } from '../shared/protocol';
import { curlOf, harEntryText, singleEntryHar, type HarCreator } from '../engine/har/single-entry';
import { exportFileName } from '../engine/har/export-name';
import './request-export.css';

export interface RequestExportActions {
  creator: HarCreator;
  /** Offers `text` as a download named `fileName`. */
  save(fileName: string, text: string): void;
  copy(text: string): Promise<void>;
}

export function RequestExport({ exchange: ex, actions }: { exchange: CapturedExchange; actions: RequestExportActions }) {
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => setSaid(null), [ex.index]);
  const curl = curlOf(ex);
  const copy = (what: string, text: string) =>
    void actions.copy(text).then(
      () => setSaid(`Copied ${what}.`),
      () => setSaid('The browser refused the clipboard.'),
    );
  return (
    <span class="request-export" role="group" aria-label="Export this request">
      <button
        type="button"
        title="Save this request as a HAR file of one entry (secret values are never kept)"
        onClick={() => {
          actions.save(exportFileName([ex], new Date(), ex.index), JSON.stringify(singleEntryHar(ex, actions.creator), null, 2));
          setSaid(null);
        }}
        data-testid="export-request"
      >
        Export
      </button>
      <button type="button" title="Copy this request as a HAR entry (JSON)" onClick={() => copy('the HAR entry', harEntryText(ex))} data-testid="copy-har-entry">
        Copy HAR entry
      </button>
      <button
        type="button"
        title={curl ? 'Copy as cURL; credentials are shell variables ($JIRA_SESSION, $JIRA_USER, $JIRA_TOKEN)' : 'This request cannot be sent again'}
        disabled={!curl}
        onClick={() => curl && copy('the cURL command', curl)}
        data-testid="copy-request-curl"
      >
        Copy cURL
      </button>
      {said && (
        <span class="muted" role="status" data-testid="request-export-status">
          {said}
        </span>
      )}
    </span>
  );
}
