/** Popup entry: asks the worker for the tab's status (it rebuilds it from storage after a restart) and renders it. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { activeTabId, request } from '../platform/messaging';
import { browser } from '../platform/browser';
import { diagnosticSummary } from '../engine/analysis/status';
import { statusKey, type TabStatusReply } from '../shared/protocol';
import { Popup, type PopupActions } from './Popup';
import { askToReveal } from '../platform/reveal';

/** Set once the tab is known: pauses or resumes it, then shows the worker's fresh reply. */
let setRecording: ((recording: boolean) => Promise<void>) | null = null;
let revealTabId: number | null = null;

const actions: PopupActions = {
  whoAmI: (origin) => request('who-am-i', { origin }),
  copy: (text) => navigator.clipboard.writeText(text),
  openOptions: () => void browser.runtime.openOptionsPage(),
  summary: (statuses) => diagnosticSummary(statuses, Date.now()),
  setRecording: (recording) => setRecording?.(recording) ?? Promise.resolve(),
  reveal: (entry) => (revealTabId === null ? Promise.reject(new Error('no tab')) : askToReveal(revealTabId, entry)),
};

function Root({ reply, error }: { reply: TabStatusReply | null; error?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return <Popup reply={reply} now={now} actions={actions} {...(error ? { error } : {})} />;
}

async function main() {
  performance.mark('seraph-lens:popup-start'); // read by bench/popup.bench.ts
  const app = document.getElementById('app')!;
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  try {
    const tabId = fromQuery !== null ? Number(fromQuery) : await activeTabId();
    if (tabId === null) return render(<Root reply={null} />, app);
    revealTabId = tabId;
    setRecording = async (recording) => {
      await request('set-paused', { tabId, paused: !recording });
      render(<Root reply={await request('tab-status', { tabId })} />, app);
    };
    // First the worker's last stored status (no need to wake the worker), then a fresh one from it.
    const fresh = request('tab-status', { tabId });
    const stored = (await browser.storage.session.get(statusKey(tabId)))[statusKey(tabId)] as TabStatusReply | undefined;
    if (stored) {
      render(<Root reply={stored} />, app);
      performance.mark('seraph-lens:popup-rendered'); // read by bench/popup.bench.ts
    }
    render(<Root reply={await fresh} />, app);
    if (!stored) performance.mark('seraph-lens:popup-rendered');
  } catch (err) {
    render(<Root reply={null} error={`Seraph Lens could not read this tab's state: ${err instanceof Error ? err.message : String(err)}`} />, app);
  }
}
void main();
