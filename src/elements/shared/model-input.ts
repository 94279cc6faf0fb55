import { deriveSessions } from '../../core/index.js';
import type { SessionModel, SessionOptions } from '../../core/types.js';

/** What a view was given: its own model or events, the shared one, and core options. */
export interface ModelInput {
  readonly model: SessionModel | undefined;
  readonly events: unknown;
  /** The model an enclosing `<session-data>` shares. */
  readonly contextModel?: SessionModel | undefined;
  readonly inactivityTimeout?: number | undefined;
  readonly maxDuration?: number | undefined;
}

/** The model to draw, or the words that say why there is none. */
export type ResolvedModel = { readonly model: SessionModel | undefined; readonly error?: undefined } | { readonly model?: undefined; readonly error: string };

const given = (ms: number | undefined): ms is number => ms !== undefined && !Number.isNaN(ms);

/**
 * The one way every view turns its inputs into a model: a model or events of its own win
 * over the shared one; a model must look like one; events are derived with the core, and
 * the core's TypeError (input that is not an array) becomes the view's error message.
 */
export function resolveModel(input: ModelInput): ResolvedModel {
  const { events } = input;
  const own = events !== undefined && events !== null;
  const model = input.model ?? (own ? undefined : input.contextModel);
  if (model) {
    const m = model as Partial<SessionModel>;
    if (!Array.isArray(m.sessions) || !Array.isArray(m.stitched)) {
      return { error: 'The model is not a SessionModel: it has no sessions and stitched arrays.' };
    }
    return { model };
  }
  if (!own) return { model: undefined };
  const options: SessionOptions = {
    ...(given(input.inactivityTimeout) ? { inactivityTimeoutMs: input.inactivityTimeout } : {}),
    ...(given(input.maxDuration) ? { maxDurationMs: input.maxDuration } : {}),
  };
  try {
    return { model: deriveSessions(events, options) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
