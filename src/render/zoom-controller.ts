/**
 * Horizontal zoom and pan for a time axis, as a Lit reactive controller. The maths is
 * d3-zoom's immutable `ZoomTransform` (ported in zoom-transform.ts; `rescaleX` over the host's base scale); the input
 * handling is ours, because the rules differ from d3-zoom's defaults: a plain wheel scrolls
 * the page (only Ctrl/Cmd + wheel, or a pinch, zooms), drag pans, Shift + drag selects a
 * range, double-click zooms in, and keys pan and zoom the focused timeline.
 *
 * Every change lands in `transform` at once and asks the host for one update per
 * animation frame, however many wheel or pointer events came in between. A host that can
 * redraw a new transform by itself (canvases, no template change) passes `onFrame`, which
 * runs in that animation frame instead of a Lit update; `onIdle` then tells it when the
 * transform has stopped changing (to catch up what need not follow every frame).
 *
 * Two-finger touch pinches zoom (pointer events; a trackpad pinch arrives as Ctrl + wheel).
 *
 * @packageDocumentation
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ZoomTransform, zoomIdentity } from './zoom-transform.js';

/** Options of a {@link ZoomController}. */
export interface ZoomOptions {
  /** Width of the zoomed area in px. */
  width(): number;
  /** Largest zoom factor (default 1e6). */
  maxScale?(): number;
  /** Called with a selected range in screen px (Shift + drag). */
  onBrush?(x0: number, x1: number): void;
  /**
   * Called in the animation frame of a change instead of `host.requestUpdate()`: returns
   * true when it has drawn the frame itself, false to have the host update as usual.
   */
  onFrame?(): boolean;
  /** Called once the transform has not changed for `idleMs` after a change. */
  onIdle?(): void;
  /** Quiet time before `onIdle`, ms (default 150). */
  idleMs?: number;
}

/** The brush being dragged, in screen px. */
export interface Brush {
  readonly x0: number;
  readonly x1: number;
}

/** Pure: keeps a transform in `[1, maxScale]` and the content covering `[0, width]`. */
export function constrainTransform(t: ZoomTransform, width: number, maxScale: number): ZoomTransform {
  const k = Math.min(Math.max(t.k, 1), Math.max(1, maxScale));
  const x = Math.min(0, Math.max(width * (1 - k), t.x));
  return k === t.k && x === t.x && t.y === 0 ? t : new ZoomTransform(k, x, 0);
}

/** Pure: zooms by `factor` keeping the point under screen `x` in place. */
export function zoomAround(t: ZoomTransform, factor: number, x: number): ZoomTransform {
  const k = t.k * factor;
  const world = t.invertX(x);
  return new ZoomTransform(k, x - world * k, 0);
}

/** Pure: the transform that shows base-scale px `[x0, x1]` across `[0, width]`. */
export function transformForRange(x0: number, x1: number, width: number): ZoomTransform {
  const k = width / Math.max(1e-9, x1 - x0);
  return new ZoomTransform(k, -x0 * k, 0);
}

/**
 * Pure: the transform after a two-finger pinch moved its fingers from screen x `a0`, `b0`
 * to `a1`, `b1`: zoomed by the change of their distance around their midpoint, and panned
 * as the midpoint moved, so what was under the fingers stays under them.
 */
export function pinchTransform(t: ZoomTransform, a0: number, b0: number, a1: number, b1: number): ZoomTransform {
  const d0 = Math.abs(b0 - a0);
  const d1 = Math.abs(b1 - a1);
  const factor = d0 < 1 || d1 < 1 ? 1 : d1 / d0;
  const m0 = (a0 + b0) / 2;
  const m1 = (a1 + b1) / 2;
  const z = zoomAround(t, factor, m0);
  return new ZoomTransform(z.k, z.x + (m1 - m0), 0);
}

const DRAG_THRESHOLD_PX = 3;

export class ZoomController implements ReactiveController {
  /** The current transform (already constrained). */
  transform: ZoomTransform = zoomIdentity;
  /** The range being brushed with Shift + drag, in screen px. */
  brush: Brush | undefined;
  /** True while the pointer drags (pan or brush). */
  dragging = false;

  private readonly host: ReactiveControllerHost;
  private readonly options: ZoomOptions;
  private frame = 0;
  private framePromise: Promise<void> | undefined;
  private resolveFrame: (() => void) | undefined;
  private pointer: { id: number; startX: number; lastX: number; moved: boolean; brush: boolean } | undefined;
  /** Touch points down, by pointer id: x now. Two of them pinch. */
  private readonly touches = new Map<number, number>();
  private pinching = false;
  private suppressClick = false;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private idlePromise: Promise<void> | undefined;
  private resolveIdle: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, options: ZoomOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.resolveFrame?.();
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.resolveIdle?.();
    this.idlePromise = this.resolveIdle = undefined;
  }

  /** Sets the transform (constrained); the host updates on the next animation frame. */
  set(t: ZoomTransform): void {
    const next = constrainTransform(t, this.options.width(), this.options.maxScale?.() ?? 1e6);
    if (next.k === this.transform.k && next.x === this.transform.x) return;
    this.transform = next;
    this.schedule();
  }

  /** Back to the whole extent. */
  reset(): void {
    this.set(zoomIdentity);
  }

  zoomBy(factor: number, x = this.options.width() / 2): void {
    this.set(zoomAround(this.transform, factor, x));
  }

  panBy(dx: number): void {
    this.set(this.transform.translate(dx / this.transform.k, 0));
  }

  /** Shows base-scale px `[x0, x1]`. */
  showRange(x0: number, x1: number): void {
    this.set(transformForRange(x0, x1, this.options.width()));
  }

  /** Resolves after the pending frame (if any) has reached the host. */
  get settled(): Promise<void> {
    return this.framePromise ?? Promise.resolve();
  }

  /** Resolves once the transform has stopped changing and `onIdle`'s host update (if any) is done. */
  get idle(): Promise<void> {
    return this.idlePromise ?? Promise.resolve();
  }

  private schedule(): void {
    if (this.frame) return;
    this.framePromise = new Promise((resolve) => (this.resolveFrame = resolve));
    if (this.options.onIdle && !this.idlePromise) this.idlePromise = new Promise((resolve) => (this.resolveIdle = resolve));
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const resolve = this.resolveFrame;
      this.framePromise = undefined;
      this.resolveFrame = undefined;
      if (this.options.onFrame?.()) resolve?.();
      else {
        this.host.requestUpdate();
        void this.host.updateComplete.then(() => resolve?.());
      }
      this.armIdle();
    });
  }

  private armIdle(): void {
    const onIdle = this.options.onIdle;
    if (!onIdle) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.frame) return; // another frame is coming: it re-arms
      const resolve = this.resolveIdle;
      this.idlePromise = this.resolveIdle = undefined;
      onIdle();
      void this.host.updateComplete.then(() => resolve?.());
    }, this.options.idleMs ?? 150);
  }

  private localX(e: MouseEvent): number {
    const el = e.currentTarget as Element;
    return e.clientX - el.getBoundingClientRect().left;
  }

  /** `wheel` listener: Ctrl/Cmd + wheel (and pinch) zooms, a horizontal swipe pans, a plain wheel scrolls the page. */
  readonly onWheel = (e: WheelEvent): void => {
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      this.zoomBy(2 ** (-e.deltaY * unit * 0.002), this.localX(e));
    } else if (Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      e.preventDefault();
      this.panBy(-e.deltaX * unit);
    }
  };

  readonly onPointerDown = (e: PointerEvent): void => {
    if (e.pointerType === 'touch') {
      if (this.touches.size >= 2) return; // a third finger plays no part
      this.touches.set(e.pointerId, this.localX(e));
      if (this.touches.size === 2) {
        // A second finger: the pan of the first one becomes a pinch.
        this.pinching = true;
        this.pointer = undefined;
        this.dragging = true;
        this.capture(e);
        return;
      }
    }
    if (e.button !== 0 || !e.isPrimary) return;
    const x = this.localX(e);
    this.pointer = { id: e.pointerId, startX: x, lastX: x, moved: false, brush: e.shiftKey };
    this.capture(e);
  };

  private capture(e: PointerEvent): void {
    try {
      (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    } catch {
      // A pointer that is no longer active (or a synthetic one) cannot be captured: drag without.
    }
  }

  readonly onPointerMove = (e: PointerEvent): void => {
    if (this.pinching && this.touches.has(e.pointerId)) {
      const [[idA, a0], [, b0]] = [...this.touches] as [[number, number], [number, number]];
      const x = this.localX(e);
      this.touches.set(e.pointerId, x);
      const a1 = e.pointerId === idA ? x : a0;
      const b1 = e.pointerId === idA ? b0 : x;
      this.set(pinchTransform(this.transform, a0, b0, a1, b1));
      return;
    }
    if (this.touches.has(e.pointerId)) this.touches.set(e.pointerId, this.localX(e));
    const p = this.pointer;
    if (!p || p.id !== e.pointerId) return;
    const x = this.localX(e);
    if (!p.moved && Math.abs(x - p.startX) < DRAG_THRESHOLD_PX) return;
    p.moved = true;
    this.dragging = true;
    if (p.brush) {
      this.brush = { x0: Math.min(p.startX, x), x1: Math.max(p.startX, x) };
      this.schedule();
    } else {
      this.panBy(x - p.lastX);
    }
    p.lastX = x;
  };

  readonly onPointerUp = (e: PointerEvent): void => {
    this.touches.delete(e.pointerId);
    if (this.pinching) {
      // The pinch ends with its first finger up; the other one does not pan afterwards.
      if (this.touches.size < 2) {
        this.pinching = false;
        this.dragging = false;
        this.suppressClick = true;
      }
      return;
    }
    const p = this.pointer;
    if (!p || p.id !== e.pointerId) return;
    this.pointer = undefined;
    this.dragging = false;
    this.suppressClick = p.moved;
    if (p.brush && this.brush) {
      const b = this.brush;
      this.brush = undefined;
      this.schedule();
      this.options.onBrush?.(b.x0, b.x1);
    }
  };

  /** True (once) when the click that follows a pointerup ended a drag, not a click. */
  consumeDrag(): boolean {
    const was = this.suppressClick;
    this.suppressClick = false;
    return was;
  }

  readonly onDoubleClick = (e: MouseEvent): void => {
    e.preventDefault();
    this.zoomBy(e.shiftKey ? 0.5 : 2, this.localX(e));
  };

  /**
   * Keys of a focused timeline: ←/→ pan by a fifth of the width, +/- zoom around the middle.
   * Returns true when the key was used (the caller then prevents its default).
   */
  handleKey(e: KeyboardEvent): boolean {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return false;
    const w = this.options.width();
    switch (e.key) {
      case 'ArrowLeft':
        this.panBy(w / 5);
        return true;
      case 'ArrowRight':
        this.panBy(-w / 5);
        return true;
      case '+':
      case '=':
        this.zoomBy(1.5);
        return true;
      case '-':
      case '_':
        this.zoomBy(1 / 1.5);
        return true;
      case '0':
        this.reset();
        return true;
      default:
        return false;
    }
  }
}
