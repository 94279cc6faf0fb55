/**
 * Derives sessions in a module worker, so that a page given a large array of events stays
 * responsive: the events go to the worker in chunks (one structured clone each, with a turn
 * for the page between them), the worker derives and sends the model back packed, and the
 * page rebuilds it in slices from its own raw events. The result equals `deriveSessions` on
 * the same events and options, diagnostics and shared session objects included.
 *
 * Uses the browser's `Worker`; everything else in `src/core` runs anywhere.
 *
 * @packageDocumentation
 */
import { deriveSessions } from './sessionizer.js';
import { unpackModel, type PackedModel } from './model-transfer.js';
import type { SessionModel, SessionOptions } from './types.js';

/** Messages to the worker: the options, the events in chunks, then `end`. */
export type ToWorker = { readonly type: 'start'; readonly options: SessionOptions } | { readonly type: 'chunk'; readonly events: readonly unknown[] } | { readonly type: 'end' };

/** Messages from the worker: the packed model, or the core's error. */
export type FromWorker = { readonly type: 'done'; readonly packed: PackedModel } | { readonly type: 'error'; readonly name: string; readonly message: string };

/** Events per message to the worker, and per slice of the rebuild in the page. */
const CHUNK = 25_000;

/** Thrown by {@link deriveInWorker} when no worker could run (no `Worker`, CSP, `file://`…). */
export class WorkerUnavailableError extends Error {
  constructor(readonly reason: unknown) {
    super(`session-kit: no worker to derive sessions in (${reason instanceof Error ? reason.message : String(reason)})`);
    this.name = 'WorkerUnavailableError';
  }
}

/** Options of {@link deriveInWorker}. */
export interface WorkerDeriveOptions {
  /** Aborting it terminates the worker and rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
}

/** Gives the page a turn (input, rendering) before going on. */
function pause(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function createWorker(): Worker {
  if (typeof Worker !== 'function') throw new Error('this environment has no Worker');
  // This exact form, `new Worker(new URL('./file', import.meta.url), …)`, is what bundlers
  // (Vite, webpack, esbuild plugins) recognise and emit the worker file for.
  return new Worker(new URL('./derive-worker.ts', import.meta.url), { type: 'module', name: 'session-kit derive' });
}

/**
 * Derives `events` in a worker. Rejects with {@link WorkerUnavailableError} when the worker
 * cannot start or load, with the signal's reason when aborted, and with the core's error
 * (a `RangeError` for a bad option) like `deriveSessions` throws it.
 */
export async function deriveInWorker(events: readonly unknown[], options: SessionOptions = {}, { signal }: WorkerDeriveOptions = {}): Promise<SessionModel> {
  signal?.throwIfAborted();
  let worker: Worker;
  try {
    worker = createWorker();
  } catch (e) {
    throw new WorkerUnavailableError(e);
  }
  let settle: ((m: FromWorker) => void) | undefined;
  let fail: ((e: unknown) => void) | undefined;
  const reply = new Promise<FromWorker>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  // Nothing may go unhandled when the sending below fails first.
  reply.catch(() => undefined);
  const onAbort = () => fail!(signal!.reason);
  worker.onmessage = (e: MessageEvent<FromWorker>) => settle!(e.data);
  worker.onerror = (e: ErrorEvent) => {
    // A worker that could not load (blocked, 404, no module workers): handled here, not logged.
    e.preventDefault();
    fail!(new WorkerUnavailableError(e.message || 'the worker could not start'));
  };
  worker.onmessageerror = () => fail!(new WorkerUnavailableError('the model could not be read'));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    worker.postMessage({ type: 'start', options } satisfies ToWorker);
    for (let i = 0; i < events.length; i += CHUNK) {
      if (i > 0) await pause();
      signal?.throwIfAborted();
      try {
        worker.postMessage({ type: 'chunk', events: events.slice(i, i + CHUNK) } satisfies ToWorker);
      } catch (e) {
        // An item that cannot be cloned (a function, a DOM node): only the page can read it.
        throw new WorkerUnavailableError(e);
      }
    }
    worker.postMessage({ type: 'end' } satisfies ToWorker);
    const answer = await reply;
    if (answer.type === 'error') {
      const Ctor = answer.name === 'RangeError' ? RangeError : answer.name === 'TypeError' ? TypeError : Error;
      throw new Ctor(answer.message);
    }
    worker.terminate();
    const steps = unpackModel(answer.packed, events, CHUNK);
    for (;;) {
      let r: IteratorResult<void, SessionModel>;
      try {
        r = steps.next();
      } catch (e) {
        // The raw events changed while the worker had them: its answer is of no use.
        throw new WorkerUnavailableError(e);
      }
      if (r.done) return r.value;
      await pause();
      signal?.throwIfAborted();
    }
  } finally {
    worker.terminate();
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * {@link deriveInWorker}, or `deriveSessions` in the page when there is no worker to use: the
 * same model either way, and no error logged for the fallback.
 */
export async function deriveSessionsOffThread(events: readonly unknown[], options: SessionOptions = {}, init: WorkerDeriveOptions = {}): Promise<SessionModel> {
  try {
    return await deriveInWorker(events, options, init);
  } catch (e) {
    if (!(e instanceof WorkerUnavailableError)) throw e;
    init.signal?.throwIfAborted();
    return deriveSessions(events, options);
  }
}
