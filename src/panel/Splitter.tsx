/**
 * The list and the side pane with a draggable splitter between them, as in DevTools: side by side when
 * the panel is wide, the side pane below when it is narrow (docked right). Drag it, or focus it and use
 * the arrow keys (Shift: finer, Home/End: smallest/largest); the size is kept in localStorage per layout.
 * Closed (nothing asked for: no request open, findings off) the list has the whole box, as the Network
 * panel gives its list the whole width until a request is selected.
 */
import { followDrag } from './pointer-drag';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import './splitter.css';

const STORAGE_KEY = 'seraph-lens.split';
const NARROW = '(max-width: 1000px)';
/** Neither pane gets smaller than this. */
const MIN_PANE = 120;

interface Sizes {
  /** The side pane's width when beside the list. */
  side: number;
  /** The side pane's height when below it. */
  below: number;
}

function load(): Sizes {
  const fallback = { side: Math.round(Math.max(300, innerWidth * 0.4)), below: Math.round(Math.max(160, innerHeight * 0.4)) };
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Sizes> | null;
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= MIN_PANE && n < 10_000;
    return { side: ok(raw?.side) ? raw.side : fallback.side, below: ok(raw?.below) ? raw.below : fallback.below };
  } catch {
    return fallback;
  }
}

/** `open` false: the side pane is left out of the layout (its element stays, hidden, keeping its state). */
export function SplitView({ children, side, open }: { children: ComponentChildren; side: ComponentChildren; open: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const [narrow, setNarrow] = useState(() => matchMedia(NARROW).matches);
  const [sizes, setSizes] = useState<Sizes>(load);
  const [extent, setExtent] = useState(0);

  useEffect(() => {
    const mq = matchMedia(NARROW);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setExtent(narrow ? el.clientHeight : el.clientWidth));
    ro.observe(el);
    setExtent(narrow ? el.clientHeight : el.clientWidth);
    return () => ro.disconnect();
  }, [narrow]);
  useEffect(() => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(sizes));
    } catch {
      // Not remembered; still works.
    }
  }, [sizes]);

  const key = narrow ? 'below' : 'side';
  const max = Math.max(MIN_PANE, (extent || 10_000) - MIN_PANE);
  const clamp = (n: number) => Math.round(Math.min(max, Math.max(MIN_PANE, n)));
  const size = clamp(sizes[key]);
  const set = (n: number) => setSizes((s) => ({ ...s, [key]: clamp(n) }));

  const onPointerDown = (e: PointerEvent) => {
    e.preventDefault();
    const from = size;
    followDrag(e, (dx, dy) => set(from - (narrow ? dy : dx)));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 4 : 24;
    // The splitter moves with the arrow; the side pane is after it, so it shrinks as the splitter moves on.
    const grow: Record<string, number> = narrow ? { ArrowUp: step, ArrowDown: -step } : { ArrowLeft: step, ArrowRight: -step };
    const d = grow[e.key];
    if (d !== undefined) set(size + d);
    else if (e.key === 'Home') set(max);
    else if (e.key === 'End') set(MIN_PANE);
    else return;
    e.preventDefault();
  };

  const alone = !open;
  return (
    <div
      ref={box}
      class={narrow ? 'split narrow' : 'split'}
      style={alone ? undefined : narrow ? { gridTemplateRows: `minmax(0, 1fr) auto ${size}px` } : { gridTemplateColumns: `minmax(0, 1fr) auto ${size}px` }}
      data-testid="split"
      data-side={alone ? 'none' : narrow ? 'below' : 'beside'}
    >
      <div class="split-main">{children}</div>
      {!alone && (
        <div
          class="splitter"
          role="separator"
          tabIndex={0}
          aria-orientation={narrow ? 'horizontal' : 'vertical'}
          aria-label="Resize the side pane"
          aria-valuenow={size}
          aria-valuemin={MIN_PANE}
          aria-valuemax={max}
          title="Drag to resize (or focus and use the arrow keys)"
          data-testid="splitter"
          onPointerDown={onPointerDown}
          onKeyDown={onKeyDown}
        />
      )}
      {side}
    </div>
  );
}
