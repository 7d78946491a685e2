/**
 * Follows a pointer drag on the element the pointerdown happened on (column edges, the splitter): the pointer is
 * captured so the drag keeps going outside the element, and `onMove` gets the distance from where it started.
 */
export function followDrag(down: PointerEvent, onMove: (dx: number, dy: number) => void): void {
  const handle = down.currentTarget as HTMLElement;
  handle.setPointerCapture(down.pointerId);
  const { clientX: x0, clientY: y0 } = down;
  const move = (m: PointerEvent) => onMove(m.clientX - x0, m.clientY - y0);
  const up = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', up);
    handle.removeEventListener('pointercancel', up);
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', up);
  handle.addEventListener('pointercancel', up);
}
