/**
 * The detail's tablist (WAI-ARIA tabs, automatic activation): ←/→ move between tabs and select them,
 * Home/End jump to the first/last; only the selected tab is in the Tab order. Every panel stays rendered
 * (hidden when not selected), so the replay form and its results survive a look at the headers.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export type DetailTab = 'auth' | 'headers' | 'cookies' | 'sso' | 'replay';

export interface TabSpec {
  id: DetailTab;
  label: string;
  /** Kept from before the tabs, where the same button opened the replay form. */
  testId?: string;
}

const KEY = 'seraph-lens.detail-tab';
const TABS: readonly DetailTab[] = ['auth', 'headers', 'cookies', 'sso', 'replay'];

/** The tab last chosen, across requests and panel reloads (a UI preference, nothing captured). */
export function rememberedTab(): DetailTab {
  try {
    const v = localStorage.getItem(KEY);
    if (v && (TABS as readonly string[]).includes(v)) return v as DetailTab;
  } catch {
    /* storage unavailable: the first tab */
  }
  return 'auth';
}

export function rememberTab(tab: DetailTab): void {
  try {
    localStorage.setItem(KEY, tab);
  } catch {
    /* not remembered, nothing else lost */
  }
}

export function TabList({ tabs, selected, onSelect, idPrefix }: { tabs: readonly TabSpec[]; selected: DetailTab; onSelect(tab: DetailTab): void; idPrefix: string }) {
  const list = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const at = tabs.findIndex((t) => t.id === selected);
    const to =
      e.key === 'ArrowRight' ? (at + 1) % tabs.length : e.key === 'ArrowLeft' ? (at - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    onSelect(tabs[to]!.id);
    list.current?.querySelector<HTMLElement>(`#${idPrefix}-tab-${tabs[to]!.id}`)?.focus();
  };
  return (
    <div class="detail-tabs" role="tablist" aria-label="Request details" ref={list} onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          class="tab"
          role="tab"
          id={`${idPrefix}-tab-${t.id}`}
          aria-selected={t.id === selected}
          aria-controls={`${idPrefix}-panel-${t.id}`}
          tabIndex={t.id === selected ? 0 : -1}
          onClick={() => onSelect(t.id)}
          data-testid={t.testId ?? `detail-tab-${t.id}`}
          data-tab={t.id}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ id, selected, idPrefix, children }: { id: DetailTab; selected: DetailTab; idPrefix: string; children: ComponentChildren }) {
  return (
    <div role="tabpanel" id={`${idPrefix}-panel-${id}`} aria-labelledby={`${idPrefix}-tab-${id}`} hidden={id !== selected} tabIndex={0} class="detail-panel" data-testid={`detail-panel-${id}`}>
      {children}
    </div>
  );
}
