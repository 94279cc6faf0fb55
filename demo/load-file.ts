/**
 * Reads a user's events file for the demo: a JSON array, or NDJSON (one event per line).
 *
 * A bad NDJSON line is reported, not fatal: it lands in `lineErrors` and the other lines
 * are kept. Items that parse but are not events (no `ts`, a string…) are left to the core,
 * which drops them with a diagnostic; `lineOf` maps each item back to its line so those
 * diagnostics can name the line. Only a file with nothing readable at all is an error.
 */

/** One NDJSON line that could not be parsed. */
export interface LineError {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly message: string;
}

export interface ParsedEvents {
  readonly format: 'json' | 'ndjson';
  /** The items, as parsed (not yet validated: that is the core's job). */
  readonly events: unknown[];
  /** NDJSON lines that were not JSON (always empty for a JSON array). */
  readonly lineErrors: readonly LineError[];
  /** For NDJSON, the 1-based line of each item of `events`; `undefined` for a JSON array. */
  readonly lineOf: readonly number[] | undefined;
}

/** The file holds nothing that can be read as events. The message is a sentence for people. */
export class EventsFileError extends Error {
  override readonly name = 'EventsFileError';
}

/** `Unexpected token 'h', "hello" is not valid JSON` -> without the quoted input when it is long. */
function jsonMessage(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * Parses the text of an events file. `name` is only used in error messages.
 *
 * - `[ … ]`: a JSON array of events.
 * - `{ "events": [ … ] }`: an object holding the array (a common export shape).
 * - anything else: NDJSON, one JSON value per line; blank lines are skipped.
 *
 * @throws {EventsFileError} when the text is empty, is JSON but not an array of events, or
 *   has no line that parses as JSON.
 */
export function parseEventsText(text: string, name = 'The file'): ParsedEvents {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const start = body.trimStart();
  if (start === '') throw new EventsFileError(`${name} is empty.`);

  if (start.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      throw new EventsFileError(`${name} is not valid JSON: ${jsonMessage(e)}`);
    }
    return { format: 'json', events: value as unknown[], lineErrors: [], lineOf: undefined };
  }

  // A pretty-printed object spans many lines: try the whole text as one JSON value first.
  if (start.startsWith('{')) {
    let whole: unknown;
    let parsed = false;
    try {
      whole = JSON.parse(body);
      parsed = true;
    } catch {
      // Not one value: NDJSON below.
    }
    if (parsed) {
      const events = (whole as { events?: unknown }).events;
      if (Array.isArray(events)) return { format: 'json', events, lineErrors: [], lineOf: undefined };
      // One object on its own is a one-line NDJSON file: one event.
      return { format: 'ndjson', events: [whole], lineErrors: [], lineOf: [lineNumberOfFirstContent(body)] };
    }
  }

  const events: unknown[] = [];
  const lineOf: number[] = [];
  const lineErrors: LineError[] = [];
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      events.push(JSON.parse(line));
      lineOf.push(i + 1);
    } catch (e) {
      lineErrors.push({ line: i + 1, message: jsonMessage(e) });
    }
  }
  if (events.length === 0) {
    const first = lineErrors[0];
    throw new EventsFileError(`${name} is not JSON or NDJSON${first ? `: line ${first.line}: ${first.message}` : '.'}`);
  }
  return { format: 'ndjson', events, lineErrors, lineOf };
}

function lineNumberOfFirstContent(text: string): number {
  const offset = text.length - text.trimStart().length;
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads and parses a `File` (from a picker or a drop). */
export async function readEventsFile(file: Blob & { readonly name?: string }): Promise<ParsedEvents> {
  return parseEventsText(await file.text(), file.name || 'The file');
}

/** `"2 lines could not be read"`. */
export function summarizeLineErrors(errors: readonly LineError[]): string | undefined {
  if (errors.length === 0) return undefined;
  const n = errors.length;
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'line' : 'lines'} could not be read as JSON`;
}
