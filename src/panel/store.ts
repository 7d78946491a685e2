/** Panel state as plain data, updated only from worker messages. No browser APIs here. */
import type { CapturedExchange, TabSummary, WorkerToPanel } from '../shared/protocol';

export interface PanelState {
  tabId: number;
  connected: boolean;
  exchanges: CapturedExchange[];
  summary: TabSummary;
}

export function initialState(tabId: number): PanelState {
  return { tabId, connected: false, exchanges: [], summary: { tabId, captured: 0, unauthorized: 0, dropped: 0 } };
}

export function reduce(state: PanelState, msg: WorkerToPanel): PanelState {
  switch (msg.type) {
    case 'snapshot':
      return { ...state, connected: true, exchanges: msg.exchanges, summary: msg.summary };
    case 'appended':
      return { ...state, exchanges: state.exchanges.concat(msg.exchanges), summary: msg.summary };
    case 'cleared':
      return { ...state, exchanges: [], summary: msg.summary };
  }
}
