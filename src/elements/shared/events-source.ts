/**
 * Loading raw events from a URL (`src`), shared by `<session-data>` and the three views: a
 * `@lit/task` that fetches and parses the body, aborts the load in flight when `src`
 * changes, and says in words what went wrong.
 *
 * @packageDocumentation
 */
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import { Task, TaskStatus, initialState } from '@lit/task';
import { plural } from '../../render/format.js';
import { messageOf, stateMessage } from './state-message.js';

/** What a `src` held: the events that could be read, and the lines that could not. */
export interface LoadedEvents {
  readonly events: readonly unknown[];
  /** `line 3: Unexpected token …`, one per NDJSON line that is not JSON. */
  readonly errors: readonly string[];
}

/**
 * Reads a response body: a JSON array (or one JSON value), else NDJSON, one event per line.
 * Bad NDJSON lines are collected, not fatal; a body with no readable line at all throws.
 */
export function parseEvents(text: string): LoadedEvents {
  try {
    const value: unknown = JSON.parse(text);
    return { events: Array.isArray(value) ? value : [value], errors: [] };
  } catch {
    // Not one JSON document: read it as NDJSON below.
  }
  const events: unknown[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      events.push(JSON.parse(line));
    } catch (e) {
      errors.push(`line ${i + 1}: ${messageOf(e)}`);
    }
  });
  if (events.length === 0) throw new Error('not JSON or NDJSON');
  return { events, errors };
}

/** Fetches `src` (GET) and parses it; errors name the URL and say what failed. */
async function loadEvents(src: string, signal: AbortSignal): Promise<LoadedEvents> {
  let text: string;
  try {
    const response = await fetch(src, { signal });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText}`.trim());
    text = await response.text();
  } catch (e) {
    if (signal.aborted) throw e;
    throw new Error(`Could not load events from ${src}: ${messageOf(e)}`);
  }
  try {
    return parseEvents(text);
  } catch (e) {
    throw new Error(`Could not load events from ${src}: ${messageOf(e)}`);
  }
}

/**
 * The events at a host's `src`, as a reactive controller: `loading` while a load runs,
 * `error` when it failed, `loaded` when it is done. The host updates at each change.
 */
export class EventsSource {
  readonly task: Task<readonly [string | undefined], LoadedEvents | typeof initialState>;

  constructor(host: ReactiveControllerHost, src: () => string | undefined) {
    this.task = new Task(host, {
      task: ([url], { signal }) => (url ? loadEvents(url, signal) : Promise.resolve(initialState)),
      args: () => [src()] as const,
    });
  }

  /** What the last finished load read (`undefined` while loading, after an error, or with no `src`). */
  get loaded(): LoadedEvents | undefined {
    const value = this.task.status === TaskStatus.COMPLETE ? this.task.value : undefined;
    return value === initialState ? undefined : value;
  }

  /** True while a load runs. */
  get loading(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** Why the last load failed, in words. */
  get error(): string | undefined {
    return this.task.status === TaskStatus.ERROR ? messageOf(this.task.error) : undefined;
  }

  /** `"2 lines could not be read and were left out: line 3: …"`, or `undefined`. */
  get lineErrors(): string | undefined {
    const errors = this.loaded?.errors ?? [];
    if (errors.length === 0) return undefined;
    const shown = errors.slice(0, 3).join('; ');
    return `${plural(errors.length, 'line')} could not be read and ${errors.length === 1 ? 'was' : 'were'} left out: ${shown}${errors.length > 3 ? ' …' : ''}`;
  }

  /** A view's state while `src` loads or after it failed to, in words; `undefined` otherwise. */
  state(): TemplateResult | undefined {
    if (this.loading) return stateMessage('loading', 'Loading events…');
    const error = this.error;
    return error ? stateMessage('error', 'The events could not be loaded.', error) : undefined;
  }
}
