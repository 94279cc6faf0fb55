import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { SessionModel } from '../../core/types.js';
import { plural } from '../../render/format.js';
import { resolveModel } from '../shared/model-input.js';
import { sessionModelContext } from '../shared/session-context.js';
import { EventsSource, type LoadedEvents } from '../shared/events-source.js';

export { parseEvents, type LoadedEvents } from '../shared/events-source.js';

/**
 * Loads or holds raw events, derives the session model once, and gives it to every
 * `<session-timeline>`, `<stitched-sessions>` and `<session-filter>` inside it that has no
 * `model` or `events` of its own (through `@lit/context`), so they all show the same model.
 *
 * `src` is fetched as a JSON array or as NDJSON (one event per line; lines that are not JSON
 * are left out and listed in the status line). A new `src` aborts the load in flight.
 * `events`, when set, wins over `src`.
 *
 * From `worker-threshold` events on (default 500,000), sessions are derived in a Web Worker, so
 * the page stays responsive; the model is the same. New events or a new `src` drop a
 * derivation in flight. Where no worker can start (a CSP without `worker-src`, `file://`),
 * the page derives them itself.
 *
 * @summary Loads events once and shares the derived sessions with the views inside it.
 *
 * @slot - The views that show the shared model.
 *
 * @csspart status - The line that says the events are loading, could not be loaded, or had bad lines.
 */
export class SessionData extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none;
    }
    [part='status'] {
      margin: 0 0 0.5rem;
      font: inherit;
    }
  `;

  // Controllers ------------------------------------------------------------------------

  private readonly provider = new ContextProvider(this, { context: sessionModelContext });

  /** Fetches and parses `src`; a run for a new `src` aborts the one in flight. */
  private readonly source = new EventsSource(this, () => this.src);

  /** The `@lit/task` that loads `src` (its `taskComplete` settles when a load is done). */
  get loader() {
    return this.source.task;
  }

  // Public properties ------------------------------------------------------------------

  /** Raw events (any JSON array); wins over `src`. */
  @property({ attribute: false }) events: unknown;

  /** URL of the events: a JSON array or NDJSON. */
  @property() src: string | undefined;

  /** Inactivity timeout passed to the core, in ms (default 30 min). */
  @property({ attribute: 'inactivity-timeout', type: Number }) inactivityTimeout: number | undefined;

  /** Longest stitched session, passed to the core, in ms (default 12 h). */
  @property({ attribute: 'max-duration', type: Number }) maxDuration: number | undefined;

  /**
   * From this many events on, sessions are derived in a Web Worker (default 500,000); `0`
   * always, `Infinity` never.
   */
  @property({ attribute: 'worker-threshold', type: Number }) workerThreshold: number | undefined;

  // Internal state ---------------------------------------------------------------------

  private derived: SessionModel | undefined;
  private deriveError: string | undefined;
  /** How many events the worker is deriving, while it is. */
  private deriving: number | undefined;
  /** The loader value the model was last derived from. */
  private derivedFrom: unknown;

  // Lifecycle --------------------------------------------------------------------------

  override willUpdate(changed: PropertyValues<this>): void {
    const loaded = this.source.loaded;
    // `events` is also marked changed when a worker finishes: then its model resolves.
    if (changed.has('events') || changed.has('inactivityTimeout') || changed.has('maxDuration') || changed.has('workerThreshold') || loaded !== this.derivedFrom) {
      this.derivedFrom = loaded;
      const events = this.events ?? loaded?.events;
      const r = resolveModel({ model: undefined, events, inactivityTimeout: this.inactivityTimeout, maxDuration: this.maxDuration, host: this, workerThreshold: this.workerThreshold });
      this.derived = r.model;
      this.deriveError = r.error;
      this.deriving = r.pending && Array.isArray(events) ? events.length : undefined;
      this.provider.setValue(this.derived);
    }
  }

  // Public API -------------------------------------------------------------------------

  /** The model given to the views inside: derived from `events`, or from what `src` held. */
  get model(): SessionModel | undefined {
    return this.derived;
  }

  /** The lines of `src` that could not be read (`line 3: …`); empty when `events` is set. */
  get loadErrors(): readonly string[] {
    return this.events === undefined || this.events === null ? (this.derivedFrom as LoadedEvents | undefined)?.errors ?? [] : [];
  }

  // Rendering --------------------------------------------------------------------------

  private renderStatus(): unknown {
    if (this.deriveError) return html`<p part="status" role="alert">These events could not be read: ${this.deriveError}</p>`;
    if (this.deriving !== undefined) return html`<p part="status" role="status">Deriving sessions from ${plural(this.deriving, 'event')}…</p>`;
    if (this.events !== undefined && this.events !== null) return nothing;
    if (this.source.loading) return html`<p part="status" role="status">Loading events…</p>`;
    const error = this.source.error;
    if (error) return html`<p part="status" role="alert">${error}</p>`;
    const lines = this.source.lineErrors;
    return lines ? html`<p part="status" role="status">${lines}</p>` : nothing;
  }

  override render() {
    return html`${this.renderStatus()}<slot></slot>`;
  }
}

if (!customElements.get('session-data')) customElements.define('session-data', SessionData);

declare global {
  interface HTMLElementTagNameMap {
    'session-data': SessionData;
  }
}
