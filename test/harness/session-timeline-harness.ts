/**
 * A small harness for `<session-timeline>` tests: mounts the element at a known size and
 * reads what a user sees (texts, labels, pixels), so tests do not poke at internals.
 */
import type { SessionTimeline } from '../../src/elements/session-timeline/session-timeline.js';
import '../../src/elements/session-timeline/session-timeline.js';
import { ShadowHarness, mountElement } from './shadow-harness.js';

export class TimelineHarness extends ShadowHarness<SessionTimeline> {
  static async mount(setup: (el: SessionTimeline) => void, width = 1000): Promise<TimelineHarness> {
    const h = new TimelineHarness(mountElement<SessionTimeline>('session-timeline', setup, `${width}px`));
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
    return this.$('.plot')!;
  }

  /** The accessible labels of the session bars in the strip. */
  sessionLabels(): string[] {
    return this.$$('[part="session"]').map((b) => b.getAttribute('aria-label') ?? '');
  }

  /** Visible badge texts (shape and word). */
  badges(): string[] {
    return this.texts('.badge');
  }

  laneLabels(): string[] {
    return this.texts('.lane-label');
  }

  axisLabels(): string[] {
    // The text nodes only (a gap's <title> repeats its label for hover).
    return this.$$('svg.axis text').map((t) =>
      [...t.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim(),
    );
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

  /** How many canvas pixels are this colour (±2 per channel). */
  pixelsOf(rgb: readonly [number, number, number]): number {
    const canvas = this.$<HTMLCanvasElement>('canvas')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - rgb[0]) <= 2 && Math.abs(data[i + 1]! - rgb[1]) <= 2 && Math.abs(data[i + 2]! - rgb[2]) <= 2 && data[i + 3]! > 200) n++;
    }
    return n;
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
