/**
 * A compact form of a {@link SessionModel} for sending it from a worker to the page that has
 * the raw events: sessions without their events, and per session the input positions of its
 * events in one typed array (transferred, not copied). The page rebuilds each event from its
 * own raw item with the core's `normalizeItem`, so the rebuilt model equals the one
 * `deriveSessions` gives on that page, keeps the raw `attrs` / `resource` objects, and its
 * stitched sessions hold the very session objects of `sessions`.
 *
 * @packageDocumentation
 */
import { isDiagnostic, normalizeItem } from './normalize.js';
import type { Diagnostic, Session, SessionEvent, SessionModel, SessionStats, StitchedSession } from './types.js';

/** A session without its events (they are in {@link PackedModel.eventIndex}). */
export type PackedSession = Omit<Session, 'events'>;

/** A stitched session without its sessions (they are in {@link PackedModel.stitchedSessions}). */
export type PackedStitched = Omit<StitchedSession, 'sessions'>;

/** A {@link SessionModel} as it crosses from a worker to the page. */
export interface PackedModel {
  readonly sessions: readonly PackedSession[];
  /** Input positions of every session's events, session after session. */
  readonly eventIndex: Float64Array;
  /** 1 where that event is a late report (rule 6). */
  readonly eventLate: Uint8Array;
  /** How many events each session has. */
  readonly eventCount: Uint32Array;
  readonly stitched: readonly PackedStitched[];
  /** Positions in `sessions` of every stitched session's sessions, one after the other. */
  readonly stitchedSessions: Uint32Array;
  /** How many sessions each stitched session has. */
  readonly stitchedCount: Uint32Array;
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: SessionStats;
}

/** Packs a model (in the worker). */
export function packModel(model: SessionModel): PackedModel {
  let total = 0;
  for (const s of model.sessions) total += s.events.length;
  const eventIndex = new Float64Array(total);
  const eventLate = new Uint8Array(total);
  const eventCount = new Uint32Array(model.sessions.length);
  const position = new Map<Session, number>();
  let k = 0;
  const sessions = model.sessions.map((s, i): PackedSession => {
    position.set(s, i);
    eventCount[i] = s.events.length;
    for (const e of s.events) {
      eventIndex[k] = e.index;
      eventLate[k++] = e.late ? 1 : 0;
    }
    const { events: _, ...rest } = s;
    return rest;
  });
  let members = 0;
  for (const g of model.stitched) members += g.sessions.length;
  const stitchedSessions = new Uint32Array(members);
  const stitchedCount = new Uint32Array(model.stitched.length);
  let m = 0;
  const stitched = model.stitched.map((g, i): PackedStitched => {
    stitchedCount[i] = g.sessions.length;
    for (const s of g.sessions) stitchedSessions[m++] = position.get(s)!;
    const { sessions: _, ...rest } = g;
    return rest;
  });
  return { sessions, eventIndex, eventLate, eventCount, stitched, stitchedSessions, stitchedCount, diagnostics: model.diagnostics, stats: model.stats };
}

/** The buffers of a packed model, to transfer rather than copy. */
export function transferablesOf(packed: PackedModel): ArrayBuffer[] {
  return [packed.eventIndex, packed.eventLate, packed.eventCount, packed.stitchedSessions, packed.stitchedCount].map((a) => a.buffer as ArrayBuffer);
}

/**
 * Rebuilds the model from its packed form and the raw `events` it was derived from (in the
 * page). A generator: it yields after about every `slice` events, so a caller can give the
 * page a turn between slices, and returns the model.
 * @throws Error when an event no longer reads as one (the raw events changed meanwhile).
 */
export function* unpackModel(packed: PackedModel, events: readonly unknown[], slice = 20_000): Generator<void, SessionModel, undefined> {
  const sessions: Session[] = [];
  let k = 0;
  let since = 0;
  for (let i = 0; i < packed.sessions.length; i++) {
    const p = packed.sessions[i]!;
    const n = packed.eventCount[i]!;
    const list: SessionEvent[] = new Array<SessionEvent>(n);
    for (let j = 0; j < n; j++, k++) {
      const at = packed.eventIndex[k]!;
      const e = normalizeItem(events[at], at);
      if (isDiagnostic(e)) throw new Error(`item ${at} changed while its sessions were derived`);
      // The core marks a late report the same way (a copy with `late: true`).
      list[j] = packed.eventLate[k] ? { ...e, late: true } : e;
    }
    // The core's key order, so the rebuilt object is the one `deriveSessions` makes.
    sessions.push({
      id: p.id,
      deviceId: p.deviceId,
      userId: p.userId,
      processId: p.processId,
      state: p.state,
      start: p.start,
      end: p.end,
      duration: p.duration,
      coldStart: p.coldStart,
      startReason: p.startReason,
      endReason: p.endReason,
      implicit: p.implicit,
      number: p.number,
      stitchedId: p.stitchedId,
      events: list,
      dimensions: p.dimensions,
    });
    since += n + 1;
    if (since >= slice) {
      since = 0;
      yield;
    }
  }
  let m = 0;
  const stitched = packed.stitched.map((p, i): StitchedSession => {
    const members: Session[] = [];
    for (let j = 0; j < packed.stitchedCount[i]!; j++) members.push(sessions[packed.stitchedSessions[m++]!]!);
    return {
      id: p.id,
      deviceId: p.deviceId,
      userId: p.userId,
      start: p.start,
      end: p.end,
      duration: p.duration,
      number: p.number,
      sessions: members,
      endReason: p.endReason,
    };
  });
  return { sessions, stitched, diagnostics: packed.diagnostics, stats: packed.stats };
}

/** Runs {@link unpackModel} to the end at once (tests, Node). */
export function unpackModelSync(packed: PackedModel, events: readonly unknown[]): SessionModel {
  const steps = unpackModel(packed, events);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
