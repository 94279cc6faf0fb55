/**
 * Brushing over a histogram of equal-width bins. With the pointer: press on a bin, drag to
 * another, release; the selected bins `[from, to]` (inclusive) are reported while dragging and
 * once at the end. With the keyboard: two handles (`role="slider"`), the range's first and
 * last bin, moved by a bin with the arrow keys, by ten with Shift or Page Up / Down, to the
 * ends with Home / End; Escape or Delete clears the range. Pure maths; the element turns bins
 * into a range.
 *
 * @packageDocumentation
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Callbacks of {@link HistogramBrushController}. */
export interface BrushCallbacks {
  /** The bins `[from, to]` of dimension `name` are selected; `final` on release. */
  brush(name: string, from: number, to: number, final: boolean): void;
  /** The range of dimension `name` is cleared (Escape or Delete on a handle). */
  clear(name: string): void;
}

/** One of the two keyboard handles of a range: its first bin or its last. */
export type BrushHandle = 'from' | 'to';

/** Bins that Shift + arrow, Page Up and Page Down move a handle by. */
export const BIG_STEP = 10;

/**
 * Where a key moves a handle: the new `[from, to]`, `'clear'`, or undefined for a key that
 * is not the handle's. A handle stops at the other one (the range keeps at least one bin).
 */
export function keyStep(key: string, shift: boolean, handle: BrushHandle, from: number, to: number, bins: number): readonly [number, number] | 'clear' | undefined {
  if (key === 'Escape' || key === 'Delete' || key === 'Backspace') return 'clear';
  const step = shift ? BIG_STEP : 1;
  let delta: number;
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      delta = -step;
      break;
    case 'ArrowRight':
    case 'ArrowUp':
      delta = step;
      break;
    case 'PageDown':
      delta = -BIG_STEP;
      break;
    case 'PageUp':
      delta = BIG_STEP;
      break;
    case 'Home':
      delta = -Infinity;
      break;
    case 'End':
      delta = Infinity;
      break;
    default:
      return undefined;
  }
  if (handle === 'from') return [Math.max(0, Math.min(to, from + delta)), to];
  return [from, Math.min(bins - 1, Math.max(from, to + delta))];
}

/** The bin under `clientX` in an element spanning `bins` equal bins. */
export function binAt(rect: Pick<DOMRect, 'left' | 'width'>, clientX: number, bins: number): number {
  if (bins <= 0 || rect.width <= 0) return 0;
  return Math.max(0, Math.min(bins - 1, Math.floor(((clientX - rect.left) / rect.width) * bins)));
}

export class HistogramBrushController implements ReactiveController {
  /** The drag in progress: its dimension and bins. */
  active: { name: string; anchor: number; from: number; to: number } | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly callbacks: BrushCallbacks,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.active = undefined;
  }

  /** Handler factory for the histogram of dimension `name` with `bins` bins. */
  onPointerDown(name: string, bins: number): (e: PointerEvent) => void {
    return (e) => {
      if (e.button !== 0) return;
      const target = e.currentTarget as Element;
      const i = binAt(target.getBoundingClientRect(), e.clientX, bins);
      try {
        target.setPointerCapture(e.pointerId);
      } catch {
        // A synthetic event has no active pointer to capture; dragging still works inside.
      }
      this.active = { name, anchor: i, from: i, to: i };
      e.preventDefault();
      this.host.requestUpdate();
      this.callbacks.brush(name, i, i, false);
    };
  }

  onPointerMove(name: string, bins: number): (e: PointerEvent) => void {
    return (e) => {
      const a = this.active;
      if (!a || a.name !== name) return;
      const i = binAt((e.currentTarget as Element).getBoundingClientRect(), e.clientX, bins);
      const from = Math.min(a.anchor, i);
      const to = Math.max(a.anchor, i);
      if (from === a.from && to === a.to) return;
      this.active = { ...a, from, to };
      this.host.requestUpdate();
      this.callbacks.brush(name, from, to, false);
    };
  }

  /**
   * Key handler factory for a handle of the histogram of dimension `name`, whose range is
   * `[from, to]` of `bins` bins now. Each step is a committed change, like a native slider's.
   */
  onKeyDown(name: string, handle: BrushHandle, from: number, to: number, bins: number): (e: KeyboardEvent) => void {
    return (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const next = keyStep(e.key, e.shiftKey, handle, from, to, bins);
      if (next === undefined) return;
      e.preventDefault();
      if (next === 'clear') this.callbacks.clear(name);
      else if (next[0] !== from || next[1] !== to) this.callbacks.brush(name, next[0], next[1], true);
    };
  }

  onPointerUp(name: string): (e: PointerEvent) => void {
    return () => {
      const a = this.active;
      if (!a || a.name !== name) return;
      this.active = undefined;
      this.host.requestUpdate();
      this.callbacks.brush(name, a.from, a.to, true);
    };
  }
}
