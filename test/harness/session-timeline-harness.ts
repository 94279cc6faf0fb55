/**
 * A small harness for `<session-timeline>` tests: mounts the element at a known size and
 * reads what a user sees (texts, labels, pixels), so tests do not poke at internals.
 */
import type { SessionTimeline } from '../../src/elements/session-timeline/session-timeline.js';
import '../../src/elements/session-timeline/session-timeline.js';
import { END_BADGES } from '../../src/elements/shared/end-reason.js';
import { ShadowHarness, mountElement } from './shadow-harness.js';
import { until } from './until.js';

/**
 * What each canvas shows in words: the texts drawn since it was last cleared (the strip and
 * the axis are drawn, so their labels are read here rather than from the DOM).
 */
const drawnTexts = new WeakMap<HTMLCanvasElement, string[]>();
/** The same texts with where they were drawn (CSS px, left-aligned as the canvases draw them). */
const drawnBoxes = new WeakMap<HTMLCanvasElement, TextBox[]>();
const proto = CanvasRenderingContext2D.prototype;
const fillText = proto.fillText;
const clearRect = proto.clearRect;
proto.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
  let list = drawnTexts.get(this.canvas);
  if (!list) drawnTexts.set(this.canvas, (list = []));
  list.push(text);
  let boxes = drawnBoxes.get(this.canvas);
  if (!boxes) drawnBoxes.set(this.canvas, (boxes = []));
  boxes.push({ text, x0: x, x1: x + this.measureText(text).width, y });
  if (maxWidth === undefined) fillText.call(this, text, x, y);
  else fillText.call(this, text, x, y, maxWidth);
};
proto.clearRect = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
  if (x <= 0 && y <= 0) {
    drawnTexts.set(this.canvas, []);
    drawnBoxes.set(this.canvas, []);
  }
  clearRect.call(this, x, y, w, h);
};

/** A text drawn on a canvas, and the span of x it covers. */
export interface TextBox {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  readonly y: number;
}
const GLYPHS = new Map(Object.values(END_BADGES).map((b) => [b.glyph, b.word]));

function countPixels(canvas: HTMLCanvasElement, rgb: readonly [number, number, number], x0 = 0, x1 = Infinity): number {
  const dpr = canvas.width / Math.max(1, canvas.clientWidth || canvas.width);
  const left = Math.max(0, Math.floor(x0 * dpr));
  const right = Math.min(canvas.width, Math.ceil(Math.min(x1 * dpr, canvas.width)));
  if (right <= left) return 0;
  const data = canvas.getContext('2d')!.getImageData(left, 0, right - left, canvas.height).data;
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - rgb[0]) <= 2 && Math.abs(data[i + 1]! - rgb[1]) <= 2 && Math.abs(data[i + 2]! - rgb[2]) <= 2 && data[i + 3]! > 200) n++;
  }
  return n;
}

export class TimelineHarness extends ShadowHarness<SessionTimeline> {
  static async mount(setup: (el: SessionTimeline) => void, width = 1000): Promise<TimelineHarness> {
    const h = new TimelineHarness(mountElement<SessionTimeline>('session-timeline', setup, `${width}px`));
    await h.settle();
    return h;
  }

  /**
   * Also waits for a worker deriving many `.events` (as a user waits for "Deriving sessions…"
   * to go), for pending zoom frames, and for what follows a zoom once it settles (strip
   * buttons, list).
   */
  override async settle(): Promise<void> {
    await super.settle();
    await until(async () => {
      await super.settle();
      return this.text('.state-title') !== 'Deriving sessions…';
    }, 'the worker deriving sessions', 20_000);
    await this.el.zoom.settled;
    await this.el.zoom.idle;
    await this.el.updateComplete;
  }

  get plot(): HTMLElement {
    return this.$('.plot')!;
  }

  get stripCanvas(): HTMLCanvasElement {
    return this.$<HTMLCanvasElement>('.strip canvas')!;
  }

  /** Texts drawn on the strip. */
  stripTexts(): string[] {
    return drawnTexts.get(this.stripCanvas) ?? [];
  }

  /** The strip's texts with the x span each covers. */
  stripTextBoxes(): TextBox[] {
    return drawnBoxes.get(this.stripCanvas) ?? [];
  }

  /** Labels of the stitched sessions drawn under their sessions. */
  stitchedLabels(): string[] {
    return this.stripTexts().filter((t) => t.startsWith('#'));
  }

  /** The accessible labels of the session bars in the strip. */
  sessionLabels(): string[] {
    return this.$$('[part="session"]').map((b) => b.getAttribute('aria-label') ?? '');
  }

  /** Visible badge texts (shape and word), as drawn on the strip. */
  badges(): string[] {
    const texts = this.stripTexts();
    const out: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      const word = GLYPHS.get(texts[i]!);
      if (word === undefined) continue;
      if (texts[i + 1] === word) out.push(texts[i]! + texts[++i]!);
      else out.push(texts[i]!);
    }
    return out;
  }

  laneLabels(): string[] {
    return this.texts('.lane-label');
  }

  /** Labels drawn on the axis (ticks and gap lengths). */
  axisLabels(): string[] {
    return drawnTexts.get(this.$<HTMLCanvasElement>('canvas.axis')!) ?? [];
  }

  /** Texts of the rows rendered in the details list. */
  rows(): string[] {
    return this.texts('.details [role="listitem"]');
  }

  async press(key: string, init: KeyboardEventInit = {}, target: Element = this.plot): Promise<void> {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
    await this.settle();
  }

  async search(query: string): Promise<void> {
    const input = this.$<HTMLInputElement>('input[type="search"]')!;
    input.value = query;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await this.settle();
  }

  /** How many pixels of the lanes' canvas are this colour (±2 per channel). */
  pixelsOf(rgb: readonly [number, number, number]): number {
    return countPixels(this.$<HTMLCanvasElement>('.plot canvas')!, rgb);
  }

  /** How many pixels of the strip are this colour (±2 per channel), optionally between x0 and x1 (CSS px). */
  stripPixelsOf(rgb: readonly [number, number, number], x0 = 0, x1 = Infinity): number {
    return countPixels(this.stripCanvas, rgb, x0, x1);
  }

  /** Clicks the strip at a time. */
  async clickStripAt(t: number): Promise<void> {
    const r = this.stripCanvas.getBoundingClientRect();
    this.stripCanvas.dispatchEvent(new MouseEvent('click', { clientX: r.left + this.xOf(t), clientY: r.top + 16, bubbles: true, composed: true }));
    await this.settle();
  }

  /** The session button with the keyboard focus, if any. */
  focusedSession(): HTMLElement | null {
    const active = this.root.activeElement as HTMLElement | null;
    return active?.matches('[part="session"]') ? active : null;
  }

  /** Clicks the plot at a time, in the middle of a lane. */
  async clickAt(t: number, laneLabel: string): Promise<void> {
    const labels = this.laneLabels();
    const lane = labels.indexOf(laneLabel);
    const scale = this.xOf(t);
    const r = this.plot.getBoundingClientRect();
    const init: MouseEventInit = { clientX: r.left + scale, clientY: r.top + lane * 26 + 13, bubbles: true, composed: true };
    this.plot.dispatchEvent(new MouseEvent('click', init));
    await this.settle();
  }

  /** x of a time in the plot, px. */
  xOf(t: number): number {
    return this.el.timeToX(t) ?? Number.NaN;
  }

}
