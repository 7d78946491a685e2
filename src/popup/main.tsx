/** Popup entry: reads the tab's summary from the worker and renders it. */
import { render } from 'preact';
import { activeTabId, request } from '../platform/messaging';
import { Popup } from './Popup';

async function main() {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  const tabId = fromQuery !== null ? Number(fromQuery) : await activeTabId();
  const summary = tabId === null ? null : await request('tab-summary', { tabId });
  render(<Popup summary={summary} />, document.getElementById('app')!);
}
void main();
