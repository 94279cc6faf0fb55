/**
 * The module worker behind {@link deriveInWorker}: receives the options, the events in chunks,
 * derives with the core's sessionizer (`push` per chunk equals `deriveSessions` of them all)
 * and posts the model back packed (its typed arrays transferred).
 *
 * @packageDocumentation
 */
import { createSessionizer } from './sessionizer.js';
import { packModel, transferablesOf } from './model-transfer.js';
import type { Sessionizer } from './types.js';
import type { ToWorker, FromWorker } from './derive-in-worker.js';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
};

let sessionizer: Sessionizer | undefined;

scope.onmessage = ({ data }) => {
  try {
    if (data.type === 'start') sessionizer = createSessionizer(data.options);
    else if (data.type === 'chunk') sessionizer?.push(data.events);
    else if (sessionizer) {
      const packed = packModel(sessionizer.result());
      sessionizer = undefined;
      scope.postMessage({ type: 'done', packed }, transferablesOf(packed));
    }
  } catch (e) {
    sessionizer = undefined;
    scope.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : 'Error' });
  }
};
