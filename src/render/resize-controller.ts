/**
 * Tracks an element's content box with a `ResizeObserver` (not window resize) and asks the
 * host to update when it changes.
 *
 * @packageDocumentation
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ResizeController implements ReactiveController {
  /** Content-box width in CSS px (0 until first observed). */
  width = 0;
  /** Content-box height in CSS px. */
  height = 0;

  private readonly host: ReactiveControllerHost & Element;
  private readonly target: () => Element | null | undefined;
  private observer: ResizeObserver | undefined;
  private observed: Element | undefined;

  /** Observes `target()` (default: the host itself). */
  constructor(host: ReactiveControllerHost & Element, target?: () => Element | null | undefined) {
    this.host = host;
    this.target = target ?? (() => host);
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (!box) return;
      if (box.width !== this.width || box.height !== this.height) {
        this.width = box.width;
        this.height = box.height;
        this.host.requestUpdate();
      }
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
