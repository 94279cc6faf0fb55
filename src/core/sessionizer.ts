import { deriveDevice, type DeviceResult, type ResolvedOptions } from './derive-device.js';
import { IdSet } from './id-set.js';
import { duplicateDiagnostic, isDiagnostic, normalizeItem } from './normalize.js';
import { sortByTs } from './sort-by-ts.js';
import type { Diagnostic, Session, SessionEvent, SessionModel, SessionOptions, Sessionizer, StitchedSession } from './types.js';

/** Default inactivity timeout: 30 minutes. */
export const DEFAULT_INACTIVITY_TIMEOUT_MS = 1_800_000;
/** Default longest stitched session: 12 hours. */
export const DEFAULT_MAX_DURATION_MS = 43_200_000;
/** Default launch grace: 5 seconds. */
export const DEFAULT_LAUNCH_GRACE_MS = 5_000;

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!allowZero && value === 0)) {
    throw new RangeError(`session options: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} number of milliseconds, got ${String(value)}`);
  }
  return value;
}

/** Applies defaults and checks options; a bad option is a programming error, so it throws. */
export function resolveOptions(options: SessionOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`session options must be an object, got ${options === null ? 'null' : typeof options}`);
  }
  const now = options.now;
  if (now !== undefined && (typeof now !== 'number' || !Number.isFinite(now))) {
    throw new RangeError(`session options: now must be epoch milliseconds, got ${String(now)}`);
  }
  return {
    inactivityTimeoutMs: positive('inactivityTimeoutMs', options.inactivityTimeoutMs, DEFAULT_INACTIVITY_TIMEOUT_MS),
    maxDurationMs: positive('maxDurationMs', options.maxDurationMs, DEFAULT_MAX_DURATION_MS),
    launchGraceMs: positive('launchGraceMs', options.launchGraceMs, DEFAULT_LAUNCH_GRACE_MS, true),
    now,
  };
}

/** One device's accepted events, in push order until `result()` sorts them. */
interface DeviceEvents {
  readonly events: SessionEvent[];
  /** Largest `ts` so far: while no event comes before it, the list stays sorted. */
  maxTs: number;
  sorted: boolean;
  /** In `dirty`: has events that `result()` has not derived yet. */
  dirty: boolean;
}

/**
 * Creates a sessionizer: `push` events in any chunking and any order, and `result()`
 * equals `deriveSessions` of everything pushed so far, in push order. Only the devices
 * that received events since the last `result()` are derived again.
 */
export function createSessionizer(options?: SessionOptions): Sessionizer {
  const resolved = resolveOptions(options);
  const eventsByDevice = new Map<string, DeviceEvents>();
  const derived = new Map<string, DeviceResult>();
  /** Devices with events not derived yet, each once. */
  const dirty: string[] = [];
  const seenIds = new IdSet();
  const diagnostics: Diagnostic[] = [];
  let input = 0;
  let accepted = 0;
  let cached: SessionModel | undefined;

  function push(events: unknown): void {
    if (!Array.isArray(events)) {
      throw new TypeError(
        `session-kit expects an array of event objects, got ${events === null ? 'null' : typeof events}` +
          (typeof events === 'object' && events !== null ? ' (not an array)' : ''),
      );
    }
    const offset = input;
    const n = events.length;
    // Two passes: normalise every item and collect the ids, check the ids in one batch (much
    // faster than one by one, see IdSet), then place the events.
    const items = new Array<SessionEvent | Diagnostic>(n);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const item = normalizeItem(events[i], offset + i);
      items[i] = item;
      if (!isDiagnostic(item) && item.id !== undefined) ids.push(item.id);
    }
    const duplicate = seenIds.addAll(ids);
    let k = 0; // the next of `ids`
    // Events of one device usually come in runs: the map and `dirty` are visited only
    // when the device changes.
    let deviceId: string | undefined;
    let device: DeviceEvents | undefined;
    for (let i = 0; i < n; i++) {
      const event = items[i]!;
      if (isDiagnostic(event)) {
        diagnostics.push(event);
        continue;
      }
      if (event.id !== undefined && duplicate[k++]) {
        diagnostics.push(duplicateDiagnostic(offset + i, event.id));
        continue;
      }
      if (event.deviceId !== deviceId || device === undefined) {
        deviceId = event.deviceId;
        device = eventsByDevice.get(deviceId);
        if (!device) eventsByDevice.set(deviceId, (device = { events: [], maxTs: -Infinity, sorted: true, dirty: false }));
        if (!device.dirty) {
          device.dirty = true;
          dirty.push(deviceId);
        }
      }
      if (event.ts < device.maxTs) device.sorted = false;
      else device.maxTs = event.ts;
      device.events.push(event);
      accepted++;
    }
    input += events.length;
    if (events.length > 0) cached = undefined;
  }

  function result(): SessionModel {
    if (cached) return cached;
    for (const deviceId of dirty) {
      const device = eventsByDevice.get(deviceId)!;
      device.dirty = false;
      // Input in ts order (the usual case) needs no sort at all.
      if (!device.sorted) {
        sortByTs(device.events); // stable: equal ts keep input order
        device.sorted = true;
      }
      derived.set(deviceId, deriveDevice(deviceId, device.events, resolved));
    }
    dirty.length = 0;
    const sessions: Session[] = [];
    const stitched: StitchedSession[] = [];
    let lateReports = 0;
    // Plain string order (UTF-16 code units): the same on every machine, unlike localeCompare.
    for (const deviceId of [...derived.keys()].sort()) {
      const r = derived.get(deviceId)!;
      for (const s of r.sessions) sessions.push(s);
      for (const s of r.stitched) stitched.push(s);
      lateReports += r.lateReports;
    }
    cached = {
      sessions,
      stitched,
      diagnostics: diagnostics.slice(),
      stats: { input, accepted, dropped: input - accepted, lateReports },
    };
    return cached;
  }

  return { push, result };
}

/**
 * Derives sessions and stitched sessions from raw events (see the rules in the README).
 * Never throws for bad items: they are left out and listed in `diagnostics`.
 * @throws TypeError when `events` is not an array.
 */
export function deriveSessions(events: unknown, options?: SessionOptions): SessionModel {
  const sessionizer = createSessionizer(options);
  sessionizer.push(events);
  return sessionizer.result();
}
