/** Panel entry: the only module of the panel that talks to the platform. */
import { render } from 'preact';
import { useEffect, useReducer } from 'preact/hooks';
import { subscribeTab, tabIdFromLocation, type TabFeed } from '../platform/messaging';
import { App } from './App';
import { initialState, reduce } from './store';

function Root({ tabId }: { tabId: number }) {
  const [state, dispatch] = useReducer(reduce, tabId, initialState);
  let feed: TabFeed | null = null;
  useEffect(() => {
    feed = subscribeTab(tabId, dispatch);
    return () => feed?.close();
  }, [tabId]);
  return <App state={state} onClear={() => feed?.clear()} />;
}

const root = document.getElementById('app')!;
const tabId = tabIdFromLocation(location.search);
if (tabId === null) {
  root.textContent = 'Seraph Lens: no tab to inspect (open it from DevTools, or pass ?tabId=N).';
} else {
  render(<Root tabId={tabId} />, root);
}
