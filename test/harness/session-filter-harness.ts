/**
 * A small harness for `<session-filter>` tests: mounts the element and reads and drives what
 * a user sees (sections, values with their counts, the totals line), so tests do not poke at
 * internals.
 */
import type { SessionFilterElement } from '../../src/elements/session-filter/session-filter.js';
import '../../src/elements/session-filter/session-filter.js';
import { ShadowHarness, mountElement, nextFrame } from './shadow-harness.js';

export interface ShownValue {
  readonly label: string;
  readonly count: string;
  readonly checked: boolean;
}

export class FilterHarness extends ShadowHarness<SessionFilterElement> {
  static async mount(setup: (el: SessionFilterElement) => void, parent: Element = document.body): Promise<FilterHarness> {
    const h = new FilterHarness(mountElement<SessionFilterElement>('session-filter', setup, '360px', parent));
    await h.settle();
    return h;
  }

  /** One frame is enough: the filter has no canvas or zoom. */
  override async settle(): Promise<void> {
    await this.el.updateComplete;
    await nextFrame();
    await this.el.updateComplete;
  }

  /** The totals line, as read. */
  get total(): string {
    return this.text('[part="total"]');
  }

  section(name: string): HTMLDetailsElement {
    const s = this.$<HTMLDetailsElement>(`details[data-name="${CSS.escape(name)}"]`);
    if (!s) throw new Error(`no section ${name}`);
    return s;
  }

  /** Opens a dimension's section (as a click on its summary does). */
  async open(name: string): Promise<HTMLDetailsElement> {
    const s = this.section(name);
    if (!s.open) {
      s.querySelector('summary')!.click();
      await new Promise((r) => setTimeout(r, 0));
      await this.settle();
    }
    return this.section(name);
  }

  /** The values listed in an open section: label, count, checked. */
  values(name: string): ShownValue[] {
    return [...this.section(name).querySelectorAll('[part="value"]')].map((v) => ({
      label: v.querySelector('.name')!.textContent!.trim(),
      // The count's own text, without the words only screen readers get.
      count: [...v.querySelector('.count')!.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent)
        .join('')
        .trim(),
      checked: v.querySelector('input')!.checked,
    }));
  }

  count(name: string, label: string): string | undefined {
    return this.values(name).find((v) => v.label === label)?.count;
  }

  checkbox(name: string, label: string): HTMLInputElement {
    const v = [...this.section(name).querySelectorAll('[part="value"]')].find((x) => x.querySelector('.name')!.textContent!.trim() === label);
    if (!v) throw new Error(`no value ${label} in ${name}`);
    return v.querySelector('input')!;
  }

  /** Clicks a value's checkbox (opening its section first). */
  async toggle(name: string, label: string): Promise<void> {
    await this.open(name);
    this.checkbox(name, label).click();
    await this.settle();
  }

  /** Ticks or unticks a section's "not". */
  async negate(name: string): Promise<void> {
    await this.open(name);
    this.section(name).querySelector<HTMLInputElement>('.not input')!.click();
    await this.settle();
  }

  get textBox(): HTMLInputElement {
    return this.$<HTMLInputElement>('input.text')!;
  }

  /** A histogram's keyboard handle (`role="slider"`), its section opened first. */
  async handle(name: string, which: 'from' | 'to'): Promise<HTMLElement> {
    await this.open(name);
    const h = this.section(name).querySelector<HTMLElement>(`[role="slider"].${which}`);
    if (!h) throw new Error(`no ${which} handle in ${name}`);
    return h;
  }

  /** What a screen reader says of a slider: its name, value text and bounds. */
  slider(el: HTMLElement): { label: string; text: string; now: number; min: number; max: number } {
    const n = (a: string) => Number(el.getAttribute(a));
    return { label: el.getAttribute('aria-label') ?? '', text: el.getAttribute('aria-valuetext') ?? '', now: n('aria-valuenow'), min: n('aria-valuemin'), max: n('aria-valuemax') };
  }

}
