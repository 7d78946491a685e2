/** Panel entry: the only module of the panel that talks to the platform. */
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { subscribeTab, tabIdFromLocation, type TabFeed } from '../platform/messaging';
import { App } from './App';
import { PanelModel } from './model';

function Root({ tabId }: { tabId: number }) {
  const model = useMemo(() => new PanelModel(tabId), [tabId]);
  const [view, setView] = useState(() => model.view());
  const [feed, setFeed] = useState<TabFeed | null>(null);
  useEffect(() => {
    const f = subscribeTab(tabId, (msg) => {
      model.apply(msg);
      setView(model.view());
    });
    setFeed(f);
    return () => f.close();
  }, [model, tabId]);
  return <App view={view} onClear={() => feed?.clear()} />;
}

const root = document.getElementById('app')!;
const tabId = tabIdFromLocation(location.search);
if (tabId === null) {
  root.textContent = 'Seraph Lens: no tab to inspect (open it from DevTools, or pass ?tabId=N).';
} else {
  render(<Root tabId={tabId} />, root);
}
