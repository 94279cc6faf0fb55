/**
 * A small harness for `<stitched-sessions>` tests: mounts the element at a known size and
 * reads what a user sees (row labels, the summary, canvas pixels per row), so tests do not
 * poke at internals.
 */
import type { StitchedSessions } from '../../src/elements/stitched-sessions/stitched-sessions.js';
import '../../src/elements/stitched-sessions/stitched-sessions.js';
import { ShadowHarness, mountElement } from './shadow-harness.js';

export const ROW_HEIGHT = 28;
type Rgb = readonly [number, number, number];

export class StitchedHarness extends ShadowHarness<StitchedSessions> {
  static async mount(setup: (el: StitchedSessions) => void, width = 1000): Promise<StitchedHarness> {
    const h = new StitchedHarness(mountElement<StitchedSessions>('stitched-sessions', setup, `${width}px`));
    await h.settle();
    return h;
  }

  /** Also waits for pending zoom frames. */
  override async settle(): Promise<void> {
    await super.settle();
    await this.el.zoom.settled;
    await this.el.updateComplete;
  }

  get plot(): HTMLElement {
    return this.$('.plot-area')!;
  }

  get scroller(): HTMLElement {
    return this.$('.scroller')!;
  }

  /** The ids shown in the row labels in the DOM, top to bottom. */
  rowIds(): string[] {
    return this.$$('[part="row-label"]')
      .sort((a, b) => a.offsetTop - b.offsetTop)
      .map((l) => l.querySelector('.id')!.textContent!.trim());
  }

  axisLabels(): string[] {
    return this.$$('svg.axis text').map((t) => t.textContent!.trim());
  }

  async press(key: string, init: KeyboardEventInit = {}): Promise<void> {
    this.plot.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));
    await this.settle();
  }

  /** Clicks the bars area at time `t` in the row of `key` (or at plot px `x` when `t` is a string 'px:<x>'). */
  async clickAt(t: number, key: string, dy = 0): Promise<void> {
    const i = this.el.rowKeys.indexOf(key);
    const x = this.el.timeToX(t, key)!;
    const r = this.plot.getBoundingClientRect();
    this.plot.dispatchEvent(new MouseEvent('click', { clientX: r.left + x, clientY: r.top + i * ROW_HEIGHT + ROW_HEIGHT / 2 + dy, bubbles: true, composed: true }));
    await this.settle();
  }

  async hoverAt(t: number, key: string): Promise<void> {
    const i = this.el.rowKeys.indexOf(key);
    const x = this.el.timeToX(t, key)!;
    const r = this.plot.getBoundingClientRect();
    this.plot.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + x, clientY: r.top + i * ROW_HEIGHT + ROW_HEIGHT / 2, bubbles: true, composed: true }));
    await this.settle();
  }

  /** Canvas pixels (RGBA, device px) of a horizontal line at `dy` px from the middle of row `key`. */
  private line(key: string, dy: number): { data: Uint8ClampedArray; dpr: number } {
    const canvas = this.$<HTMLCanvasElement>('canvas.bars')!;
    const dpr = canvas.width / canvas.clientWidth;
    const i = this.el.rowKeys.indexOf(key);
    const y = Math.round((i * ROW_HEIGHT - this.scroller.scrollTop + ROW_HEIGHT / 2 + dy) * dpr);
    return { data: canvas.getContext('2d')!.getImageData(0, y, canvas.width, 1).data, dpr };
  }

  /** x (CSS px) of the first pixel of colour `rgb` (±2) in row `key`, `dy` from its middle; -1 if none. */
  firstX(key: string, rgb: Rgb, dy = -4): number {
    const { data, dpr } = this.line(key, dy);
    for (let x = 0; x < data.length / 4; x++) if (near(data, x, rgb)) return x / dpr;
    return -1;
  }

  /** How many pixels of colour `rgb` are in row `key` between CSS px `x0` and `x1` (all of its height). */
  pixelsIn(key: string, rgb: Rgb, x0 = 0, x1 = Infinity): number {
    let n = 0;
    for (let dy = -ROW_HEIGHT / 2 + 1; dy < ROW_HEIGHT / 2; dy++) {
      const { data, dpr } = this.line(key, dy);
      const lo = Math.max(0, Math.floor(x0 * dpr));
      const hi = Math.min(data.length / 4, Math.ceil(x1 * dpr));
      for (let x = lo; x < hi; x++) if (near(data, x, rgb)) n++;
    }
    return n;
  }

  /** How many pixels are painted at all in row `key` between CSS px `x0` and `x1`, at `dy` from the middle. */
  paintedIn(key: string, x0: number, x1: number, dy: number): number {
    const { data, dpr } = this.line(key, dy);
    let n = 0;
    for (let x = Math.max(0, Math.floor(x0 * dpr)); x < Math.min(data.length / 4, Math.ceil(x1 * dpr)); x++) if (data[x * 4 + 3]! > 0) n++;
    return n;
  }

}

function near(data: Uint8ClampedArray, x: number, rgb: Rgb): boolean {
  const i = x * 4;
  return Math.abs(data[i]! - rgb[0]) <= 2 && Math.abs(data[i + 1]! - rgb[1]) <= 2 && Math.abs(data[i + 2]! - rgb[2]) <= 2 && data[i + 3]! > 200;
}
