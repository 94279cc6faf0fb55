import { deriveDevice, type DeviceResult, type ResolvedOptions } from './derive-device.js';
import { duplicateDiagnostic, isDiagnostic, normalizeItem } from './normalize.js';
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

const byTs = (a: SessionEvent, b: SessionEvent) => a.ts - b.ts;

/**
 * Creates a sessionizer: `push` events in any chunking and any order, and `result()`
 * equals `deriveSessions` of everything pushed so far, in push order. Only the devices
 * that received events since the last `result()` are derived again.
 */
export function createSessionizer(options?: SessionOptions): Sessionizer {
  const resolved = resolveOptions(options);
  const eventsByDevice = new Map<string, SessionEvent[]>();
  const derived = new Map<string, DeviceResult>();
  const dirty = new Set<string>();
  const seenIds = new Set<string>();
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
    for (let i = 0; i < events.length; i++) {
      const index = offset + i;
      const event = normalizeItem(events[i], index);
      if (isDiagnostic(event)) {
        diagnostics.push(event);
        continue;
      }
      if (event.id !== undefined) {
        if (seenIds.has(event.id)) {
          diagnostics.push(duplicateDiagnostic(index, event.id));
          continue;
        }
        seenIds.add(event.id);
      }
      let list = eventsByDevice.get(event.deviceId);
      if (!list) eventsByDevice.set(event.deviceId, (list = []));
      list.push(event);
      dirty.add(event.deviceId);
      accepted++;
    }
    input += events.length;
    if (events.length > 0) cached = undefined;
  }

  function result(): SessionModel {
    if (cached) return cached;
    for (const deviceId of dirty) {
      const list = eventsByDevice.get(deviceId)!;
      list.sort(byTs); // stable: equal ts keep input order
      derived.set(deviceId, deriveDevice(deviceId, list, resolved));
    }
    dirty.clear();
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
