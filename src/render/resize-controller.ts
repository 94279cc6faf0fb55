/**
 * Tracks an element's content box with a `ResizeObserver` (not window resize) and asks the
 * host to update when a dimension it uses changes.
 *
 * @packageDocumentation
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Options of {@link ResizeController}. */
export interface ResizeOptions {
  /** The element to observe (default: the host itself). */
  readonly target?: () => Element | null | undefined;
  /**
   * Whether a change of height alone updates the host (default `true`). A host that reads
   * only the width says `false`: its own content growing (data arriving) then costs no
   * second update.
   */
  readonly height?: boolean;
}

export class ResizeController implements ReactiveController {
  /** Content-box width in CSS px (0 until first observed). */
  width = 0;
  /** Content-box height in CSS px. */
  height = 0;

  private readonly host: ReactiveControllerHost & Element;
  private readonly target: () => Element | null | undefined;
  private readonly watchHeight: boolean;
  private observer: ResizeObserver | undefined;
  private observed: Element | undefined;

  constructor(host: ReactiveControllerHost & Element, { target, height = true }: ResizeOptions = {}) {
    this.host = host;
    this.target = target ?? (() => host);
    this.watchHeight = height;
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box) return;
      const changed = box.width !== this.width || (this.watchHeight && box.height !== this.height);
      this.width = box.width;
      this.height = box.height;
      if (changed) this.host.requestUpdate();
    });
    this.observe();
  }

  hostUpdated(): void {
    // The target may be rendered by the host (and replaced) after connection.
    this.observe();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.observed = undefined;
  }

  private observe(): void {
    const el = this.target();
    if (!this.observer || !el || el === this.observed) return;
    if (this.observed) this.observer.unobserve(this.observed);
    this.observer.observe(el);
    this.observed = el;
  }
}
