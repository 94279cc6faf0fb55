/**
 * In-page measuring helpers shared by the browser benchmark pages (bench/pages/*.ts).
 *
 * First paint: from the moment the data is handed over to after two requestAnimationFrame
 * callbacks (the second one runs once the frame that shows the data has been produced).
 *
 * Interaction frames: a scripted sequence of input events, one step per animation frame.
 * Each step is dispatched between frames (as real input is), just before the element's own
 * rAF-coalesced redraw is scheduled; the frame that follows is timed from the start of its
 * rAF callbacks to a MessageChannel task posted from them (which runs only after the
 * frame's style, layout and paint). A step's cost = its synchronous input handling + that
 * frame's main-thread work. The rAF-to-rAF interval (which includes idle time up to the
 * next vsync) is recorded too.
 */

export const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));

/** Waits for two animation frames (the frame with the pending changes has been produced). */
export async function twoFrames(): Promise<void> {
  await nextFrame();
  await nextFrame();
}

/** Lets the page settle: a few frames and a GC when exposed (`--js-flags=--expose-gc`). */
export async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  for (let i = 0; i < 3; i++) await nextFrame();
  await new Promise((r) => setTimeout(r, 20));
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export interface FrameStats {
  /** Steps actually run (fewer than asked when the time budget ran out). */
  readonly steps: number;
  readonly workMedian: number;
  readonly workP95: number;
  readonly workMax: number;
  readonly intervalMedian: number;
  readonly intervalP95: number;
  /** True when the sequence was cut by the budget. */
  readonly cut: boolean;
  /** Each step's cost, in order (ms). */
  readonly work: readonly number[];
}

/**
 * Runs `steps` input steps, one per frame, and times each frame (see the file comment).
 * Stops early once `budgetMs` has been spent (a peer that takes seconds per frame).
 */
export function measureFrames(steps: number, step: (i: number) => void, budgetMs = 30_000, startEvents: readonly (readonly [EventTarget, string])[] = []): Promise<FrameStats> {
  const work: number[] = [];
  const intervals: number[] = [];
  const channel = new MessageChannel();
  const started = performance.now();
  return new Promise((resolve) => {
    let i = 0;
    let inputMs = 0;
    let frameStart = 0;
    let prevFrame = 0;
    const finish = (cut: boolean) => {
      channel.port1.onmessage = null;
      for (const [target, type] of startEvents) target.removeEventListener(type, open, { capture: true });
      resolve({
        steps: work.length,
        workMedian: median(work),
        workP95: percentile(work, 95),
        workMax: Math.max(...work),
        intervalMedian: median(intervals),
        intervalP95: percentile(intervals, 95),
        cut,
        work,
      });
    };
    // Events the browser fires in a frame before its rAF callbacks (scroll) open the frame.
    let opened = false;
    const open = () => {
      if (!opened) frameStart = performance.now();
      opened = true;
    };
    for (const [target, type] of startEvents) target.addEventListener(type, open, { capture: true });
    const onFrame = (t: number) => {
      open();
      if (prevFrame) intervals.push(t - prevFrame);
      prevFrame = t;
      channel.port2.postMessage(0);
    };
    const dispatch = () => {
      opened = false;
      // Our rAF first, so that its callback opens the frame before the element's own.
      requestAnimationFrame(onFrame);
      const t0 = performance.now();
      step(i++);
      inputMs = performance.now() - t0;
    };
    channel.port1.onmessage = () => {
      work.push(inputMs + performance.now() - frameStart);
      if (i >= steps) return finish(false);
      if (performance.now() - started > budgetMs) return finish(true);
      dispatch();
    };
    void nextFrame().then(() => setTimeout(dispatch, 0));
  });
}

/** Synthetic input on an element, at `x` px from its left edge (and mid-height). */
export class Input {
  constructor(private readonly el: Element) {}

  private point(x: number): { clientX: number; clientY: number } {
    const r = this.el.getBoundingClientRect();
    return { clientX: r.left + x, clientY: r.top + Math.min(r.height / 2, 60) };
  }

  /** Ctrl + wheel (zoom): `deltaY < 0` zooms in. */
  wheel(x: number, deltaY: number, ctrlKey = true): void {
    // Chromium's legacy wheelDelta (read by older libraries such as vis-timeline) is not
    // derived from deltaY for synthetic events: give it the sign and scale a real wheel has.
    const legacy = { wheelDeltaY: Math.round(-deltaY * 1.2), wheelDeltaX: 0 };
    this.el.dispatchEvent(new WheelEvent('wheel', { ...this.point(x), deltaY, deltaMode: 0, ctrlKey, bubbles: true, cancelable: true, composed: true, ...legacy }));
  }

  /** A pointer event and its mouse-event twin. */
  private pointer(type: string, x: number, buttons: number): void {
    const init: PointerEventInit = {
      ...this.point(x),
      pointerId: 1,
      pointerType: 'mouse',
      isPrimary: true,
      button: type === 'pointermove' ? -1 : 0,
      buttons,
      bubbles: true,
      cancelable: true,
      composed: true,
    };
    this.el.dispatchEvent(new PointerEvent(type, init));
    // Libraries built on mouse events (Hammer.js falls back to them) get the twin event.
    const mouse = type === 'pointerdown' ? 'mousedown' : type === 'pointerup' ? 'mouseup' : 'mousemove';
    this.el.dispatchEvent(new MouseEvent(mouse, { ...this.point(x), button: 0, buttons, bubbles: true, cancelable: true, composed: true }));
  }

  down(x: number): void {
    this.pointer('pointerdown', x, 1);
  }

  move(x: number): void {
    this.pointer('pointermove', x, 1);
  }

  up(x: number): void {
    this.pointer('pointerup', x, 0);
  }

  key(key: string): void {
    this.el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true }));
  }
}

/**
 * The standard zoom / pan script, `n` steps (a multiple of 3 reads best): a third Ctrl+wheel
 * zoom-in steps around moving points, a third drag-pan moves (pointer down on the first,
 * up on the last), a third Ctrl+wheel zoom-out steps.
 */
export function zoomPanScript(input: Input, width: number, n = 60): (i: number) => void {
  const third = Math.floor(n / 3);
  let dragX = width / 2;
  return (i: number) => {
    if (i < third) {
      input.wheel(width * (0.3 + (0.4 * i) / third), -100);
    } else if (i < 2 * third) {
      const k = i - third;
      if (k === 0) {
        dragX = width * 0.7;
        input.down(dragX);
      }
      dragX -= 12;
      input.move(dragX);
      if (k === third - 1) input.up(dragX);
    } else {
      input.wheel(width * (0.7 - (0.4 * (i - 2 * third)) / third), 100);
    }
  };
}

/** A new container at the end of the page for one view. */
export function host(): HTMLDivElement {
  const div = document.createElement('div');
  div.className = 'host';
  document.body.append(div);
  return div;
}

/** Waits for a task of its own: code after it runs as a page's data handler does (a fetch or message callback). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Removes the previous view with its container, then mounts a new empty `tag` and waits until
 * it has painted. Returns in a task of its own, not in an animation frame callback: data set
 * inside a frame callback is drawn in that very frame, so {@link twoFrames} after it would
 * count one frame more than for data set as a page sets it (from a fetch or message callback).
 */
export async function mountFresh<E extends HTMLElement & { readonly updateComplete: Promise<boolean> }>(tag: string, previous: Element | undefined): Promise<E> {
  previous?.parentElement?.remove();
  await settle();
  const el = document.createElement(tag) as E;
  host().append(el);
  await el.updateComplete;
  await twoFrames();
  await nextTask();
  return el;
}
