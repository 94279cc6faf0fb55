import type { PropertyValues, ReactiveElement, TemplateResult } from 'lit';
import { Task } from '@lit/task';
import { deriveSessions } from '../../core/index.js';
import { deriveSessionsOffThread } from '../../core/derive-in-worker.js';
import type { SessionModel, SessionOptions } from '../../core/types.js';
import { EventsSource } from './events-source.js';
import { messageOf, stateMessage, summarizeDiagnostics } from './state-message.js';

/**
 * Events from which on a view derives in a worker by default (`worker-threshold`). Below it,
 * the page is faster by every measure (`npm run bench -- worker`): at 100k events the data is
 * drawn in about 0.3 s in the page and 1 s through a worker, whose events and answer must
 * cross by structured clone while the page still normalises every event itself. From about
 * half a million on, the page would freeze for more than half a second: there the worker's
 * few seconds with a responsive page serve better.
 */
const DEFAULT_WORKER_THRESHOLD = 500_000;

/** What a view was given: its own model or events, the shared one, and core options. */
export interface ModelInput {
  readonly model: SessionModel | undefined;
  readonly events: unknown;
  /** The model an enclosing `<session-data>` shares. */
  readonly contextModel?: SessionModel | undefined;
  readonly inactivityTimeout?: number | undefined;
  readonly maxDuration?: number | undefined;
  /**
   * The element that asks. With it, events of its own from `workerThreshold` on are derived
   * in a worker: the result is `pending` until then, and the element gets an update (with
   * `events` marked changed) when the model is there. Without it, derivation is in the page.
   */
  readonly host?: ReactiveElement | undefined;
  /** See {@link workerWanted}; default {@link DEFAULT_WORKER_THRESHOLD}. */
  readonly workerThreshold?: number | undefined;
}

/** The model to draw, `pending` while a worker derives it, or the words that say why there is none. */
export type ResolvedModel =
  | { readonly model: SessionModel | undefined; readonly error?: undefined; readonly pending?: boolean }
  | { readonly model?: undefined; readonly error: string; readonly pending?: undefined };

const given = (ms: number | undefined): ms is number => ms !== undefined && !Number.isNaN(ms);

/** The core options a view's `inactivity-timeout` and `max-duration` give. */
function sessionOptions(inactivityTimeout: number | undefined, maxDuration: number | undefined): SessionOptions {
  return {
    ...(given(inactivityTimeout) ? { inactivityTimeoutMs: inactivityTimeout } : {}),
    ...(given(maxDuration) ? { maxDurationMs: maxDuration } : {}),
  };
}

/**
 * Whether `events` go to a worker: an array of at least `threshold` items (`0` always,
 * `Infinity` never; a missing, negative or NaN threshold is the default) in a page that has
 * `Worker`.
 */
function workerWanted(events: unknown, threshold: number | undefined): events is readonly unknown[] {
  const t = threshold === undefined || Number.isNaN(threshold) || threshold < 0 ? DEFAULT_WORKER_THRESHOLD : threshold;
  return Array.isArray(events) && t !== Infinity && events.length >= t && typeof Worker === 'function';
}

/**
 * Derives an element's events off the main thread, one derivation at a time: asking for other
 * events or options aborts the run in flight (the `@lit/task` abort signal terminates its
 * worker), and a run that was superseded never reaches the element.
 */
class WorkerDerivation {
  private readonly task: Task<readonly [readonly unknown[], SessionOptions], SessionModel>;
  /** What the current run derives: the events array and the options, compared by value. */
  private key: { readonly events: readonly unknown[]; readonly options: string } | undefined;
  private result: ResolvedModel | undefined;

  /** `settled` runs when the current run ends (with a model or an error), not for a stale one. */
  constructor(
    host: ReactiveElement,
    private readonly settled: () => void,
  ) {
    this.task = new Task(host, {
      autoRun: false,
      task: ([events, options], { signal }) => deriveSessionsOffThread(events, options, { signal }),
      onComplete: (model) => this.finish({ model }),
      onError: (e) => {
        // An aborted run was superseded or cancelled: nothing to show for it.
        if (!(e instanceof DOMException && e.name === 'AbortError')) this.finish({ error: messageOf(e) });
      },
    });
  }

  /** The model for these events and options: the finished one, or `pending` (a run is started). */
  resolve(events: readonly unknown[], options: SessionOptions): ResolvedModel {
    const text = JSON.stringify(options);
    if (this.key && this.key.events === events && this.key.options === text) return this.result ?? { model: undefined, pending: true };
    this.key = { events, options: text };
    this.result = undefined;
    void this.task.run([events, options]);
    return { model: undefined, pending: true };
  }

  /** Drops the run in flight, if any (the element's input no longer goes to a worker). */
  cancel(): void {
    if (!this.key) return;
    this.key = undefined;
    this.result = undefined;
    this.task.abort();
  }

  /** Whether a run is in flight. */
  get pending(): boolean {
    return this.key !== undefined && this.result === undefined;
  }

  private finish(result: ResolvedModel): void {
    this.result = result;
    this.settled();
  }
}

const derivations = new WeakMap<ReactiveElement, WorkerDerivation>();

/**
 * The one way every view turns its inputs into a model: a model or events of its own win
 * over the shared one; a model must look like one; events are derived with the core (in a
 * worker when the view passes itself as `host` and there are many), and the core's TypeError
 * (input that is not an array) becomes the view's error message.
 */
export function resolveModel(input: ModelInput): ResolvedModel {
  const { events, host } = input;
  const own = events !== undefined && events !== null;
  const model = input.model ?? (own ? undefined : input.contextModel);
  const useWorker = own && !model && host !== undefined && workerWanted(events, input.workerThreshold);
  if (host && !useWorker) derivations.get(host)?.cancel();
  if (model) {
    const m = model as Partial<SessionModel>;
    if (!Array.isArray(m.sessions) || !Array.isArray(m.stitched)) {
      return { error: 'The model is not a SessionModel: it has no sessions and stitched arrays.' };
    }
    return { model };
  }
  if (!own) return { model: undefined };
  const options = sessionOptions(input.inactivityTimeout, input.maxDuration);
  if (useWorker) {
    let d = derivations.get(host!);
    if (!d) {
      const el = host!;
      // The views re-derive when `events` changed: mark it so, and the finished model is taken.
      d = new WorkerDerivation(el, () => el.requestUpdate('events', undefined));
      derivations.set(el, d);
    }
    return d.resolve(events as readonly unknown[], options);
  }
  try {
    return { model: deriveSessions(events, options) };
  } catch (e) {
    return { error: messageOf(e) };
  }
}

/** The inputs of a view that reads data: its own model or events, a `src`, and core options. */
export interface ViewInputHost extends ReactiveElement {
  readonly model: SessionModel | undefined;
  readonly events: unknown;
  readonly src: string | undefined;
  readonly workerThreshold: number | undefined;
  readonly inactivityTimeout?: number | undefined;
  readonly maxDuration?: number | undefined;
}

/** Properties whose change means the model must be resolved again. */
const MODEL_INPUTS: readonly PropertyKey[] = ['events', 'model', 'contextModel', 'inactivityTimeout', 'maxDuration', 'workerThreshold'];

/**
 * Where a view's model comes from, as a controller: its own `model` or `events`, else what
 * its `src` holds (loaded with {@link EventsSource}), else the enclosing `<session-data>`'s
 * model; derived in a worker when large. The view calls {@link ViewInput.changed} and
 * {@link ViewInput.resolve} from `willUpdate`, and shows {@link ViewInput.state} when set.
 */
export class ViewInput {
  private readonly source: EventsSource;
  /** What `src` held when the model was last resolved. */
  private resolvedFrom: unknown;
  /** True while a worker derives the view's events. */
  private pending = false;

  constructor(
    private readonly host: ViewInputHost,
    private readonly contextModel: () => SessionModel | undefined,
  ) {
    this.source = new EventsSource(host, () => host.src);
  }

  /** Whether this update must resolve the model again (an input changed, or `src` finished loading). */
  changed(changed: PropertyValues): boolean {
    return MODEL_INPUTS.some((k) => changed.has(k)) || this.source.loaded !== this.resolvedFrom;
  }

  /** The model for the view's inputs now (see {@link resolveModel}). */
  resolve(): ResolvedModel {
    const h = this.host;
    this.resolvedFrom = this.source.loaded;
    const resolved = resolveModel({
      model: h.model,
      events: h.events ?? this.source.loaded?.events,
      contextModel: this.contextModel(),
      inactivityTimeout: h.inactivityTimeout,
      maxDuration: h.maxDuration,
      host: h,
      workerThreshold: h.workerThreshold,
    });
    this.pending = resolved.pending === true;
    return resolved;
  }

  /** Whether the data comes from `src` (no `model` or `events` of the view's own). */
  private get usesSrc(): boolean {
    const h = this.host;
    return h.src !== undefined && !h.model && (h.events === undefined || h.events === null);
  }

  /** The view's state while `src` loads, after it failed, or while a worker derives; `undefined` otherwise. */
  state(): TemplateResult | undefined {
    return (this.usesSrc ? this.source.state() : undefined) ?? (this.pending ? stateMessage('loading', 'Deriving sessions…') : undefined);
  }

  /** What was left out of `model`, in words: dropped items, and `src` lines that are not JSON. */
  dropped(model: SessionModel | undefined): string | undefined {
    const parts = [model && summarizeDiagnostics(model.diagnostics, model.stats), this.usesSrc ? this.source.lineErrors : undefined];
    return parts.filter(Boolean).join('; ') || undefined;
  }
}
