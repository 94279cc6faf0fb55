/**
 * What every element harness shares: mounting at a known size, waiting for Lit and the
 * next frames, and reading the shadow DOM as a user sees it (texts, not internals).
 */
import type { LitElement } from 'lit';

export const nextFrame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));

const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Creates `tag`, lets `setup` set it up, appends it to `parent` and returns it. */
export function mountElement<E extends HTMLElement>(tag: string, setup: (el: E) => void, width: string, parent: Element = document.body): E {
  const el = document.createElement(tag) as E;
  el.style.width = width;
  setup(el);
  parent.append(el);
  return el;
}

export class ShadowHarness<E extends LitElement> {
  constructor(readonly el: E) {}

  /** Waits for Lit's update, two frames (resize observer, canvas), and any update they caused. */
  async settle(): Promise<void> {
    await this.el.updateComplete;
    await nextFrame();
    await nextFrame();
    await this.el.updateComplete;
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  $$<T extends Element = HTMLElement>(selector: string): T[] {
    return [...this.root.querySelectorAll<T>(selector)];
  }

  /** The text of the first match, white space folded. */
  text(selector: string): string {
    return squash(this.$(selector)?.textContent);
  }

  /** The texts of every match, white space folded. */
  texts(selector: string): string[] {
    return this.$$(selector).map((e) => squash(e.textContent));
  }

  remove(): void {
    this.el.remove();
  }
}
