/**
 * Pointer brushing over a histogram of equal-width bins: press on a bin, drag to another,
 * release. Reports the selected bins `[from, to]` (inclusive) while dragging and once at
 * the end. Pure pointer maths; the element turns bins into a range.
 *
 * @packageDocumentation
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Callbacks of {@link HistogramBrushController}. */
export interface BrushCallbacks {
  /** The bins `[from, to]` of dimension `name` are selected; `final` on release. */
  brush(name: string, from: number, to: number, final: boolean): void;
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
