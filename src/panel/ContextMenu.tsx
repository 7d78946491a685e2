/**
 * A DevTools-like context menu: role=menu at the pointer (kept inside the window), ↑/↓/Home/End move,
 * Enter/Space choose, Esc, a click outside, a resize or leaving the window close it, and so does
 * choosing an item. Focus goes to the first item and back to where it was on close.
 */
import { Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import './context-menu.css';

export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  /** A checkbox item (column chooser). */
  checked?: boolean;
  /** Muted text after the label ("no room"). */
  note?: string;
  testid?: string;
  /** A separator above this item. */
  separator?: boolean;
}

export interface ContextMenuProps {
  x: number;
  y: number;
  items: readonly MenuItem[];
  label: string;
  onClose(): void;
  testid?: string;
}

export function ContextMenu({ x, y, items, label, onClose, testid }: ContextMenuProps) {
  const box = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: x, top: y });
  // The latest onClose without re-registering the document listeners on every parent render.
  const close = useRef(onClose);
  close.current = onClose;

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({ left: Math.max(0, Math.min(x, innerWidth - r.width - 2)), top: Math.max(0, Math.min(y, innerHeight - r.height - 2)) });
    const before = document.activeElement as HTMLElement | null;
    el.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
    return () => before?.focus?.();
  }, [x, y]);

  useEffect(() => {
    const shut = () => close.current();
    const outside = (e: Event) => {
      if (!box.current?.contains(e.target as Node)) shut();
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        shut();
      }
    };
    // Capture phase: the click that closes the menu is not also a click on what lies under it… except a
    // right click, which opens the next menu where it lands (as DevTools does).
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('keydown', esc, true);
    addEventListener('blur', shut);
    addEventListener('resize', shut);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('keydown', esc, true);
      removeEventListener('blur', shut);
      removeEventListener('resize', shut);
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    const all = [...(box.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => all[(n + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i < 0 ? -1 : i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(-1);
    else if (e.key === 'Tab') close.current();
    else return;
    e.preventDefault();
  };

  return (
    <div
      ref={box}
      class="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: `${pos.left}px`, top: `${pos.top}px` }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
      data-testid={testid}
    >
      {items.map((item) => (
        <Fragment key={item.label}>
          {item.separator && <div class="menu-separator" role="separator" />}
          <button
            type="button"
            class="menu-item"
            role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
            aria-checked={item.checked === undefined ? undefined : item.checked}
            aria-disabled={item.disabled ? 'true' : undefined}
            tabIndex={-1}
            data-testid={item.testid}
            onClick={() => {
              if (item.disabled) return;
              close.current();
              item.onSelect();
            }}
          >
            <span class="menu-check" aria-hidden="true">{item.checked ? '✓' : ''}</span>
            {item.label}
            {item.note && <span class="menu-note">{item.note}</span>}
          </button>
        </Fragment>
      ))}
    </div>
  );
}
