/** Panel entry: the only module of the panel that talks to the platform (worker feed, theme, files). */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { request, subscribeTab, tabIdFromLocation, devtoolsThemeName, type TabFeed } from '../platform/messaging';
import { fromHarEntry } from '../engine/har/har';
import { LIVE_VIEW } from '../engine/intake/to-exchange';
import { exportComment, exportHar } from '../engine/har/single-entry';
import { exportFileName } from '../engine/har/export-name';
import type { RequestExportActions } from './RequestExport';
import { ImportCancelled, ImportFailed, startImport, type RunningImport } from './import-client';
import { watchUncoveredRequests } from '../platform/devtools-network';
import { watchReveal } from '../platform/reveal';
import { App } from './App';
import { runReplay } from '../platform/replay-fetch';
import type { ReplayActions } from './Replay';

const replayActions: ReplayActions = {
  // With the browser's cookies the worker sends it (no login dialog on a Basic challenge); typed
  // credentials and anonymous replays stay in this page, so the credentials never leave it.
  async run(plan) {
    if (plan.credentials !== 'include') return runReplay(plan);
    const answer = await request('replay-with-cookies', { plan });
    if ('error' in answer) throw new Error(answer.error);
    return answer;
  },
  whoAmI: (origin) => request('who-am-i', { origin }),
  copy: (text) => navigator.clipboard.writeText(text),
};
import { PanelModel } from './model';

const EXPORT_CREATOR = { name: 'Seraph Lens', version: '0.1.0' };
const DEVTOOLS_INDEX_BASE = 1_000_000_000;

/** Offers text as a file download. */
function save(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const requestExport: RequestExportActions = {
  creator: EXPORT_CREATOR,
  save,
  copy: (text) => navigator.clipboard.writeText(text),
};

function Root({ tabId }: { tabId: number }) {
  const model = useMemo(() => new PanelModel(tabId), [tabId]);
  const [view, setView] = useState(() => model.view());
  const [feed, setFeed] = useState<TabFeed | null>(null);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const [importing, setImporting] = useState<{ name: string; fraction: number; text: string } | null>(null);
  const running = useRef<RunningImport | null>(null);

  useEffect(() => {
    const f = subscribeTab(tabId, (msg) => {
      model.apply(msg);
      setView(model.view());
    });
    setFeed(f);
    return () => f.close();
  }, [model, tabId, generation]);

  // Inside DevTools: requests to hosts the worker may not see still show up while DevTools is open.
  useEffect(() => {
    let n = 0;
    return watchUncoveredRequests((entry) => {
      // Numbered far above the worker's running numbers so indexes never collide.
      const ex = fromHarEntry(entry, DEVTOOLS_INDEX_BASE + n++, LIVE_VIEW);
      if (!ex) return;
      model.addFromDevtools(ex);
      setView(model.view());
    });
  }, [model]);

  // The popup's "#5" links: select that request (App waits until the log holds it).
  const [reveal, setReveal] = useState<number | null>(null);
  useEffect(() => watchReveal(tabId, setReveal), [tabId]);

  // The session countdown ticks once a second.
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  // Parsed and analysed in a worker (import-client.ts): the panel stays responsive, shows progress and can
  // cancel; the view changes only when the whole file is in, so a cancelled or broken import leaves it as it was.
  const onImport = async (file: File) => {
    running.current?.cancel();
    const job = startImport(file, (p) => setImporting({ name: file.name, ...p }));
    running.current = job;
    setImporting({ name: file.name, fraction: 0, text: 'Reading…' });
    try {
      const imported = await job.result;
      feed?.close();
      // Own tasks for indexing the findings and for the first render, so neither waits for the other.
      model.showAnalysed(file.name, imported);
      await new Promise((r) => setTimeout(r, 0));
      setView(model.view());
      setError(null);
    } catch (err) {
      if (err instanceof ImportCancelled) {
        if (running.current === job) setError(null);
        return;
      }
      setError(`${file.name}: ${err instanceof ImportFailed ? err.message : 'could not be read'}`);
    } finally {
      if (running.current === job) {
        running.current = null;
        setImporting(null);
      }
    }
  };

  // The export holds exactly the log: the live one is read from the worker when asked (everything it has
  // stored, also what reached it while the panel was reconnecting after a restart), plus the requests only
  // DevTools saw, in the order the panel shows them; an imported HAR exports as shown. Exchanges were sanitized
  // when captured and are redacted again on the way out: names and lengths, never secret values.
  const onExport = async () => {
    try {
      let exchanges = view.exchanges;
      let comment = '';
      if (view.source === 'live') {
        const log = await request('tab-log', { tabId });
        exchanges = [...log.exchanges, ...model.devtoolsOnly()];
        comment = exportComment({ dropped: log.summary.dropped, pausedSkipped: view.pause.skipped, firstEntry: log.exchanges[0]?.index ?? 0 });
      }
      save(exportFileName(exchanges, new Date()), JSON.stringify(exportHar(exchanges, EXPORT_CREATOR, comment), null, 2));
    } catch (err) {
      setError(`Export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const onRecord = async (recording: boolean) => {
    try {
      const pause = await request('set-paused', { tabId, paused: !recording });
      model.apply({ type: 'paused', tabId, pause });
      setView(model.view());
    } catch (err) {
      setError(`Could not ${recording ? 'resume' : 'pause'} capture: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  return (
    <App
      view={view}
      now={now}
      error={error}
      onClear={() => feed?.clear()}
      onExport={() => void onExport()}
      onRecord={(recording) => void onRecord(recording)}
      requestExport={requestExport}
      onImport={(f) => void onImport(f)}
      importing={importing}
      onCancelImport={() => running.current?.cancel()}
      replay={replayActions}
      reveal={reveal}
      onRevealed={() => setReveal(null)}
      onBackToLive={() => {
        model.backToLive();
        setView(model.view());
        setGeneration((g) => g + 1);
      }}
    />
  );
}

// DevTools theme (light/dark); `?theme=dark` for tests and screenshots; else the system preference.
const theme = new URLSearchParams(location.search).get('theme') ?? devtoolsThemeName();
if (theme) document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light';

const root = document.getElementById('app')!;
const tabId = tabIdFromLocation(location.search);
if (tabId === null) {
  root.textContent = 'Seraph Lens: no tab to inspect (open it from DevTools, or pass ?tabId=N).';
} else {
  render(<Root tabId={tabId} />, root);
}
