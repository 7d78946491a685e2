/** Options: self-hosted sites (optional host permissions for exactly those), retention, and clearing all data. */
import { useState } from 'preact/hooks';
import { MAX_PER_TAB_RANGE, type Settings } from '../shared/settings';
import { plural } from '../engine/analysis/plural';

export interface SiteView {
  origin: string;
  /** The browser holds the host permission for it (false: capture is off until granted). */
  granted: boolean;
}

export interface OptionsActions {
  /** Asks for the permission (must stay inside the click) and adds the site; resolves with an error text or null. */
  addSite(input: string): Promise<string | null>;
  removeSite(origin: string): Promise<void>;
  grant(origin: string): Promise<string | null>;
  setRetention(maxPerTab: number): Promise<void>;
  setKeepAcrossNavigation(keep: boolean): Promise<void>;
  /** Resolves with the number of tabs whose data was deleted. */
  clearAll(): Promise<number>;
}

export interface OptionsProps {
  settings: Settings;
  sites: SiteView[];
  /** The manifest's host patterns (Atlassian Cloud), watched from the install on. */
  defaultHosts: readonly string[];
  actions: OptionsActions;
}

export function Options({ settings, sites, defaultHosts, actions }: OptionsProps) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const add = (e: Event) => {
    e.preventDefault();
    // No await before addSite: the permission prompt needs this click.
    void actions.addSite(input).then((err) => {
      setError(err);
      if (!err) setInput('');
    });
  };
  const done = (p: Promise<unknown>, message: string) =>
    p.then(
      () => setStatus(message),
      (err: unknown) => setError(`Not saved: ${err instanceof Error ? err.message : String(err)}`),
    );

  return (
    <main class="options">
      <h1>Seraph Lens options</h1>

      <section aria-labelledby="sites-title">
        <h2 id="sites-title">Self-hosted sites (Jira, Confluence Server / Data Center)</h2>
        <p class="muted" data-testid="default-hosts">
          Watched from the install on (Atlassian Cloud, the extension's own host permissions):{' '}
          {defaultHosts.map((h, i) => (
            <span key={h}>
              {i > 0 && (i === defaultHosts.length - 1 ? ' and ' : ', ')}
              <code data-testid="default-host">{h}</code>
            </span>
          ))}
          . Add your own sites here: the browser asks you to allow Seraph Lens to read requests to that site, and to nothing else.
        </p>
        <form class="row" onSubmit={add} aria-label="Add a site">
          <label for="site-input">Site address</label>
          <input id="site-input" type="text" value={input} placeholder="https://jira.example.com" onInput={(e) => setInput(e.currentTarget.value)} data-testid="site-input" />
          <button type="submit" data-testid="add-site">Add site</button>
        </form>
        {error && <p class="error" role="alert" data-testid="options-error">{error}</p>}
        {sites.length === 0 ? (
          <p class="muted" data-testid="no-sites">No self-hosted sites yet.</p>
        ) : (
          <ul class="sites" aria-label="Your sites">
            {sites.map((s) => (
              <li key={s.origin} data-testid="site">
                <code>{s.origin}</code>
                {s.granted ? (
                  <span class="muted" data-testid="site-granted">watching</span>
                ) : (
                  <button type="button" onClick={() => void actions.grant(s.origin).then(setError)}>Allow access</button>
                )}
                <button type="button" onClick={() => void actions.removeSite(s.origin)} aria-label={`Remove ${s.origin}`} data-testid="remove-site">Remove</button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="retention-title">
        <h2 id="retention-title">Retention</h2>
        <div class="row">
          <label for="max-per-tab">Requests kept per tab</label>
          <input
            id="max-per-tab" type="number" min={MAX_PER_TAB_RANGE.min} max={MAX_PER_TAB_RANGE.max} step={100}
            value={settings.maxPerTab} data-testid="max-per-tab"
            onChange={(e) => void done(actions.setRetention(Number(e.currentTarget.value)), 'Saved.')}
          />
          <span class="muted">({MAX_PER_TAB_RANGE.min}–{MAX_PER_TAB_RANGE.max}; the oldest go first)</span>
        </div>
        <div class="row">
          <input
            id="keep-log" type="checkbox" checked={settings.keepAcrossNavigation} data-testid="keep-log"
            onChange={(e) => void done(actions.setKeepAcrossNavigation(e.currentTarget.checked), 'Saved.')}
          />
          <label for="keep-log">Keep a tab's log when it navigates to another page</label>
        </div>
        <p class="muted">
          Captured requests live in the browser's session storage: in memory, gone when the browser closes or the tab is closed.
          They never hold cookie values, passwords or tokens.
        </p>
      </section>

      <section aria-labelledby="data-title">
        <h2 id="data-title">Data</h2>
        <button
          type="button" class="danger" data-testid="clear-all"
          onClick={() => void actions.clearAll().then((n) => setStatus(`Deleted the captured requests of ${plural(n, 'tab')}. Your sites and settings stay.`), (err: unknown) => setError(String(err)))}
        >
          Clear all captured data
        </button>
      </section>
      {status && <p role="status" data-testid="options-status">{status}</p>}
    </main>
  );
}
