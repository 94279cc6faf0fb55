/**
 * Rows of a cohort view: one row per device (or per user), its stitched sessions and
 * sessions kept by an optional filter, the totals a row is sorted by, and the sorted
 * typed arrays (a {@link TimeIndex} of session starts) that drawing and hit-testing read.
 * Pure: no DOM, runs in Node.
 *
 * @packageDocumentation
 */
import type { Attributes, EndReason, Session, SessionModel, StitchedSession } from '../core/types.js';
import { lowerBound, upperBound, type TimeIndex } from './lod.js';

/** Chooses sessions: a plain predicate. */
export type SessionPredicate = (session: Session) => boolean;

/**
 * What `filter` accepts: a predicate, or any object with a `matches(session)` method (a
 * `FilterIndex` of `session-kit/core` fits). A mutable matcher may carry a `version` that
 * changes with its filter, so a view can tell when to refilter.
 */
export type SessionFilter = SessionPredicate | { matches(session: Session): boolean; readonly version?: number };

/** How rows are keyed. */
export type GroupBy = 'device' | 'user';

/** `calendar`: absolute time; `relative`: every row starts at its first session. */
export type Alignment = 'calendar' | 'relative';

/** Row orders. */
export const SORT_KEYS = ['last-seen', 'first-seen', 'sessions', 'foreground-time', 'crashes'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Words for the sort menu. */
export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  'last-seen': 'last seen',
  'first-seen': 'first seen',
  sessions: 'sessions',
  'foreground-time': 'foreground time',
  crashes: 'crashes',
};

/** End reasons that mean the app died: counted as "crashes" when sorting. */
export const FATAL_REASONS: ReadonlySet<EndReason> = new Set<EndReason>(['crash', 'anr', 'oom']);

/** End reasons marked on the session where they happened. */
export const MARKED_REASONS: ReadonlySet<EndReason> = new Set<EndReason>(['crash', 'anr', 'oom', 'abnormal']);

/** A stitched session as shown in a row: only its sessions the filter kept. */
export interface RowGroup {
  readonly stitched: StitchedSession;
  /** The kept sessions, in order (at least one). */
  readonly sessions: readonly Session[];
  /** First kept session's start. */
  readonly start: number;
  /** Last kept session's end. */
  readonly end: number;
}

/** One row: a device (or a user) and what the filter kept of it. */
export interface CohortRow extends TimeIndex {
  /** `deviceId`, or `userId` for user rows (a device id for a device nobody logged in on). */
  readonly key: string;
  /** The device (for a user row: the one used last). */
  readonly deviceId: string;
  /** Every device of the row, in first-seen order. */
  readonly deviceIds: readonly string[];
  /** The user (for a device row: the last one seen on it). */
  readonly userId: string | undefined;
  /** Kept sessions by start; `ts[i]` / `end[i]` are their start / end. */
  readonly sessions: readonly Session[];
  /** `groupOf[i]`: index in `groups` of `sessions[i]`. */
  readonly groupOf: Int32Array;
  /** Kept stitched sessions by start. */
  readonly groups: readonly RowGroup[];
  /** Starts of `groups`, ascending. */
  readonly groupStarts: Float64Array;
  /** The longest group, ms (how far before a time a group may start and still cover it). */
  readonly maxGroupDuration: number;
  /** First session's start. */
  readonly first: number;
  /** Last session's end (the latest end). */
  readonly last: number;
  readonly foregroundMs: number;
  readonly backgroundMs: number;
  /** Sessions ended by a crash, an ANR or an OOM. */
  readonly fatal: number;
  /** Sessions per end reason. */
  readonly endReasons: Readonly<Partial<Record<EndReason, number>>>;
  /** The dimensions of its last session. */
  readonly dimensions: Attributes;
}

/** Options of {@link buildRows}. */
export interface RowOptions {
  readonly groupBy?: GroupBy;
  readonly filter?: SessionFilter | null;
}

/** A filter as a plain predicate (`undefined`: keep everything). */
export function toPredicate(filter: SessionFilter | null | undefined): SessionPredicate | undefined {
  if (!filter) return undefined;
  if (typeof filter === 'function') return filter;
  if (typeof filter.matches === 'function') return (s) => filter.matches(s);
  return undefined;
}

/**
 * Builds one row per device (or user) from a model's stitched sessions, keeping the
 * sessions the filter accepts; stitched sessions and rows left empty are dropped. Rows come
 * in the model's device order; sort them with {@link sortRows}.
 *
 * With `groupBy: 'user'`, a session belongs to its `userId`, or, before anyone logged in, to
 * the first user seen on its device; a device nobody ever logged in on is a row of its own.
 *
 * Builds every row at once: a view should use {@link buildRowTable}, which builds a row
 * only when it is first drawn.
 */
export function buildRows(model: Pick<SessionModel, 'stitched'>, options: RowOptions = {}): CohortRow[] {
  const table = buildRowTable(model, options);
  return Array.from({ length: table.length }, (_, i) => table.row(i));
}

/** What a table knows once it has read every kept session: per session, per row and in all. */
export interface SessionColumns {
  /** Per kept session, part after part: its start. */
  readonly starts: Float64Array;
  /** Per kept session: its duration. */
  readonly durations: Float64Array;
  /** Kept sessions per end reason, in order of first appearance. */
  readonly endReasons: ReadonlyMap<EndReason, number>;
  /** How many devices and users the kept sessions belong to. */
  readonly devices: number;
  readonly users: number;
  /** Per row: foreground time, ms. */
  readonly foregroundMs: Float64Array;
  /** Per row: sessions ended by a crash, an ANR or an OOM. */
  readonly fatal: Int32Array;
}

/**
 * Every row of a cohort, laid out in one pass: what ordering by time and the time extent
 * read are typed arrays (one entry per row or per part), and the {@link CohortRow} that
 * drawing and hit-testing read is built by {@link RowTable.row} on first use, so a first
 * paint builds only the rows in view.
 *
 * Without a filter, by device, the pass reads only the stitched sessions (a third as many
 * objects as sessions); with a filter or by user it reads every session. What needs every
 * session's details ({@link RowTable.columns}: the summary, sorting by foreground time or
 * crashes) is read by one more pass when first asked for.
 *
 * A *part* is what a row shows of one stitched session: its kept sessions.
 */
export class RowTable {
  /** Row keys (device ids, or user ids), in the model's device order. */
  readonly keys: readonly string[];
  /** Per row: the first session's start. */
  readonly first: Float64Array;
  /** Per row: the latest session end. */
  readonly last: Float64Array;
  /** Per row: how many sessions it keeps. */
  readonly sessionCount: Int32Array;
  /** How many sessions all rows keep. */
  readonly sessions: number;
  /** Per part, and one past the last: how many kept sessions come before it. */
  readonly partFrom: Int32Array;
  /** Per part: its row. */
  readonly partRow: Int32Array;
  /** Per part: its stitched session's index in the model. */
  readonly partStitched: Int32Array;
  /** Per part: its first kept session's start. */
  readonly partStart: Float64Array;
  /** Per part: its kept sessions' latest end. */
  readonly partEnd: Float64Array;

  private readonly stitched: readonly StitchedSession[];
  private readonly byUser: boolean;
  private readonly ids: ReadonlyMap<string, number>;
  /** The kept sessions, part after part; `undefined` when every part is a whole stitched session. */
  private readonly kept: readonly Session[] | undefined;
  private cols: SessionColumns | undefined;
  /** Row `r`'s parts are `rowParts[rowPartStart[r]]` to `rowParts[rowPartStart[r + 1] - 1]`, in part order. */
  private rowPartStart: Int32Array | undefined;
  private rowParts: Int32Array | undefined;
  private readonly built: (CohortRow | undefined)[];

  /** @internal Use {@link buildRowTable}. */
  constructor(
    init: Pick<RowTable, 'keys' | 'first' | 'last' | 'sessionCount' | 'sessions' | 'partFrom' | 'partRow' | 'partStitched' | 'partStart' | 'partEnd'> & {
      stitched: readonly StitchedSession[];
      byUser: boolean;
      ids: ReadonlyMap<string, number>;
      kept: readonly Session[] | undefined;
    },
  ) {
    this.stitched = init.stitched;
    this.byUser = init.byUser;
    this.ids = init.ids;
    this.keys = init.keys;
    this.first = init.first;
    this.last = init.last;
    this.sessionCount = init.sessionCount;
    this.sessions = init.sessions;
    this.partFrom = init.partFrom;
    this.partRow = init.partRow;
    this.partStitched = init.partStitched;
    this.partStart = init.partStart;
    this.partEnd = init.partEnd;
    this.kept = init.kept;
    this.built = new Array<CohortRow | undefined>(init.keys.length);
  }

  /** How many rows. */
  get length(): number {
    return this.keys.length;
  }

  /** How many parts (the stitched sessions the rows show). */
  get parts(): number {
    return this.partRow.length;
  }

  /** The row of `key`, or `-1`. */
  indexOf(key: string): number {
    return this.ids.get(key) ?? -1;
  }

  /** The stitched session of part `p`. */
  stitchedOf(p: number): StitchedSession {
    return this.stitched[this.partStitched[p] as number]!;
  }

  /** The kept sessions of part `p`, by start (a view: do not change it). */
  sessionsOf(p: number): readonly Session[] {
    return this.kept ? this.kept.slice(this.partFrom[p], this.partFrom[p + 1]) : this.stitchedOf(p).sessions;
  }

  /** The kept session of part `p` at `i` (without copying the part). */
  private sessionAt(p: number, i: number): Session {
    return this.kept ? this.kept[(this.partFrom[p] as number) + i]! : this.stitchedOf(p).sessions[i]!;
  }

  /** What needs every kept session, read on first use (see the class comment). */
  columns(): SessionColumns {
    return (this.cols ??= this.readColumns());
  }

  /** Row `i`, built on first use and kept. */
  row(i: number): CohortRow {
    let row = this.built[i];
    if (row) return row;
    if (!this.rowParts) this.indexParts();
    const from = this.rowPartStart![i] as number;
    const to = this.rowPartStart![i + 1] as number;
    const parts: RowPart[] = new Array(to - from);
    for (let q = from; q < to; q++) {
      const p = this.rowParts![q] as number;
      parts[q - from] = { stitched: this.stitchedOf(p), sessions: this.sessionsOf(p).slice() };
    }
    row = makeRow(this.keys[i]!, parts, this.byUser);
    this.built[i] = row;
    return row;
  }

  /** Where session `id` is: its part and its place in it, or `undefined`. */
  findSession(id: string): [part: number, index: number] | undefined {
    for (let p = 0; p < this.parts; p++) {
      const n = (this.partFrom[p + 1] as number) - (this.partFrom[p] as number);
      for (let i = 0; i < n; i++) if (this.sessionAt(p, i).id === id) return [p, i];
    }
    return undefined;
  }

  /**
   * Reads the {@link columns} about `slice` sessions per step, for a caller that lets the
   * page draw frames between steps; returns them when done (at once if already read).
   */
  *columnSlices(slice = 25_000): Generator<void, SessionColumns, void> {
    const acc = new ColumnsBuilder(this.length, this.sessions);
    let p = 0;
    while (p < this.parts && !this.cols) {
      const stop = (this.partFrom[p] as number) + slice;
      let q = p + 1;
      while (q < this.parts && (this.partFrom[q] as number) < stop) q++;
      this.readParts(acc, p, q);
      p = q;
      if (p < this.parts) yield;
    }
    return (this.cols ??= acc.done());
  }

  private readColumns(): SessionColumns {
    const acc = new ColumnsBuilder(this.length, this.sessions);
    this.readParts(acc, 0, this.parts);
    return acc.done();
  }

  /** Adds the sessions of parts `[from, to)` to `acc`. */
  private readParts(acc: ColumnsBuilder, from: number, to: number): void {
    for (let p = from; p < to; p++) {
      const r = this.partRow[p] as number;
      const n = (this.partFrom[p + 1] as number) - (this.partFrom[p] as number);
      const all = this.kept ? undefined : this.stitchedOf(p).sessions;
      for (let i = 0; i < n; i++) acc.add(all ? all[i]! : this.sessionAt(p, i), r);
    }
  }

  /** Groups the parts by row (a counting sort that keeps part order within a row). */
  private indexParts(): void {
    const n = this.length;
    const start = new Int32Array(n + 1);
    const rowOf = this.partRow;
    for (let p = 0; p < rowOf.length; p++) start[(rowOf[p] as number) + 1]!++;
    for (let r = 0; r < n; r++) start[r + 1]! += start[r] as number;
    const next = start.slice(0, n);
    const parts = new Int32Array(rowOf.length);
    for (let p = 0; p < rowOf.length; p++) parts[next[rowOf[p] as number]!++] = p;
    this.rowPartStart = start;
    this.rowParts = parts;
  }
}

/** Gathers {@link SessionColumns}, one kept session at a time, in part order. */
class ColumnsBuilder {
  private readonly starts: Float64Array;
  private readonly durations: Float64Array;
  private readonly foregroundMs: Float64Array;
  private readonly fatal: Int32Array;
  private n = 0;
  // End reasons by index: one Map lookup per session, then array counts.
  private readonly reasonIndex = new Map<EndReason, number>();
  private readonly reasonCount: number[] = [];
  private readonly reasonFatal: boolean[] = [];
  private readonly devices = new Set<string>();
  private readonly users = new Set<string>();
  private lastDevice: string | undefined;
  private lastUser: string | undefined;

  constructor(rows: number, sessions: number) {
    this.starts = new Float64Array(sessions);
    this.durations = new Float64Array(sessions);
    this.foregroundMs = new Float64Array(rows);
    this.fatal = new Int32Array(rows);
  }

  /** The next kept session, of row `r`. */
  add(s: Session, r: number): void {
    const duration = s.duration;
    this.starts[this.n] = s.start;
    this.durations[this.n++] = duration;
    if (s.state === 'foreground') this.foregroundMs[r]! += duration;
    const reason = s.endReason;
    let ri = this.reasonIndex.get(reason);
    if (ri === undefined) {
      this.reasonIndex.set(reason, (ri = this.reasonCount.length));
      this.reasonCount.push(0);
      this.reasonFatal.push(FATAL_REASONS.has(reason));
    }
    this.reasonCount[ri]!++;
    if (this.reasonFatal[ri]) this.fatal[r]!++;
    // Runs of one device and one user are long: touch the sets only when they change.
    if (s.deviceId !== this.lastDevice) this.devices.add((this.lastDevice = s.deviceId));
    if (s.userId !== undefined && s.userId !== this.lastUser) this.users.add((this.lastUser = s.userId));
  }

  done(): SessionColumns {
    const endReasons = new Map<EndReason, number>();
    for (const [reason, i] of this.reasonIndex) endReasons.set(reason, this.reasonCount[i]!);
    return { starts: this.starts, durations: this.durations, endReasons, devices: this.devices.size, users: this.users.size, foregroundMs: this.foregroundMs, fatal: this.fatal };
  }
}

/**
 * Lays out the rows of a cohort (see {@link buildRows} for what a row holds), building no
 * row: see {@link RowTable}.
 */
export function buildRowTable(model: Pick<SessionModel, 'stitched'>, options: RowOptions = {}): RowTable {
  const keep = toPredicate(options.filter);
  const byUser = options.groupBy === 'user';
  const stitched = model.stitched;
  return keep || byUser ? splitTable(stitched, byUser, keep) : wholeTable(stitched);
}

/** Rows and parts as plain arrays while they grow (numbers stored unboxed), typed at the end. */
class TableBuilder {
  readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  private readonly first: number[] = [];
  private readonly last: number[] = [];
  private readonly count: number[] = [];
  private readonly partFrom: number[] = [];
  private readonly partRow: number[] = [];
  private readonly partStitched: number[] = [];
  private readonly partStart: number[] = [];
  private readonly partEnd: number[] = [];
  private sessions = 0;

  /** Adds part of stitched session `gi`: `n` sessions of row `key`, from `start` to `end`; returns the row. */
  part(key: string, gi: number, n: number, start: number, end: number): number {
    let r = this.ids.get(key);
    if (r === undefined) {
      r = this.keys.length;
      this.ids.set(key, r);
      this.keys.push(key);
      this.first.push(start);
      this.last.push(end);
      this.count.push(n);
    } else {
      if (start < this.first[r]!) this.first[r] = start;
      if (end > this.last[r]!) this.last[r] = end;
      this.count[r]! += n;
    }
    this.partFrom.push(this.sessions);
    this.partRow.push(r);
    this.partStitched.push(gi);
    this.partStart.push(start);
    this.partEnd.push(end);
    this.sessions += n;
    return r;
  }

  done(stitched: readonly StitchedSession[], byUser: boolean, kept: readonly Session[] | undefined): RowTable {
    this.partFrom.push(this.sessions);
    return new RowTable({
      stitched,
      byUser,
      ids: this.ids,
      kept,
      keys: this.keys,
      first: Float64Array.from(this.first),
      last: Float64Array.from(this.last),
      sessionCount: Int32Array.from(this.count),
      sessions: this.sessions,
      partFrom: Int32Array.from(this.partFrom),
      partRow: Int32Array.from(this.partRow),
      partStitched: Int32Array.from(this.partStitched),
      partStart: Float64Array.from(this.partStart),
      partEnd: Float64Array.from(this.partEnd),
    });
  }
}

/**
 * Device rows, no filter: every stitched session goes whole to its device's row, and only
 * the stitched sessions are read (their device, start, end and session count: a stitched
 * session's sessions follow one another on one device, the first starting it, the last
 * ending it).
 */
function wholeTable(stitched: readonly StitchedSession[]): RowTable {
  const t = new TableBuilder();
  for (let gi = 0; gi < stitched.length; gi++) {
    const g = stitched[gi]!;
    const n = g.sessions.length;
    if (n > 0) t.part(g.deviceId, gi, n, g.start, g.end);
  }
  return t.done(stitched, false, undefined);
}

/** Rows that keep part of a stitched session (a filter), or split it (by user): every session is read. */
function splitTable(stitched: readonly StitchedSession[], byUser: boolean, keep: SessionPredicate | undefined): RowTable {
  const deviceUser = new Map<string, string>();
  if (byUser) {
    for (const g of stitched) for (const s of g.sessions) if (s.userId !== undefined && !deviceUser.has(s.deviceId)) deviceUser.set(s.deviceId, s.userId);
  }
  const t = new TableBuilder();
  const kept: Session[] = [];
  // Ends the open part: kept[from..] of stitched session `gi`, ending at `hi`.
  const flush = (key: string | undefined, gi: number, from: number, hi: number): void => {
    if (key !== undefined && kept.length > from) t.part(key, gi, kept.length - from, kept[from]!.start, hi);
  };
  for (let gi = 0; gi < stitched.length; gi++) {
    const all = stitched[gi]!.sessions;
    // The open part: its row key, first session and latest end so far.
    let key: string | undefined;
    let from = kept.length;
    let hi = -Infinity;
    for (let i = 0; i < all.length; i++) {
      const s = all[i]!;
      if (keep && !keep(s)) continue;
      // In user mode a stitched session may hold sessions of two users (log-out, log-in):
      // split it by owner so each row shows only its own sessions.
      const k = byUser ? (s.userId ?? deviceUser.get(s.deviceId) ?? s.deviceId) : s.deviceId;
      if (k !== key) {
        flush(key, gi, from, hi);
        key = k;
        from = kept.length;
        hi = -Infinity;
      }
      kept.push(s);
      if (s.end > hi) hi = s.end;
    }
    flush(key, gi, from, hi);
  }
  return t.done(stitched, byUser, kept);
}

/** One stitched session of a row, with the sessions of it the row keeps. */
export interface RowPart {
  readonly stitched: StitchedSession;
  readonly sessions: Session[];
}

/** A row's full data from its parts (exported for the eager reference in row-table.test.ts). */
export function makeRow(key: string, parts: readonly RowPart[], byUser: boolean): CohortRow {
  const groups: RowGroup[] = new Array(parts.length);
  let groupsSorted = true;
  let n = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    let end = -Infinity;
    for (const s of part.sessions) if (s.end > end) end = s.end;
    const start = part.sessions[0]!.start;
    groups[p] = { stitched: part.stitched, sessions: part.sessions, start, end };
    if (p > 0 && start < groups[p - 1]!.start) groupsSorted = false;
    n += part.sessions.length;
  }
  // Devices of one user may overlap in time: sort by start (stable on input order).
  if (!groupsSorted) groups.sort((a, b) => a.start - b.start);
  // Sessions by start, each with its group (stable: ties keep group order).
  let sessions: Session[] = new Array(n);
  let groupOf = new Int32Array(n);
  let sorted = true;
  let k = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    for (const s of groups[gi]!.sessions) {
      if (k > 0 && s.start < sessions[k - 1]!.start) sorted = false;
      sessions[k] = s;
      groupOf[k++] = gi;
    }
  }
  if (!sorted) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => sessions[a]!.start - sessions[b]!.start || a - b);
    const ss = sessions;
    const go = groupOf;
    sessions = order.map((i) => ss[i]!);
    groupOf = Int32Array.from(order, (i) => go[i]!);
  }
  // One pass over the sessions: the time index (as buildTimeIndex builds it) and the totals.
  const ts = new Float64Array(n);
  const endArr = new Float64Array(n);
  const flagPrefix = new Int32Array(n + 1);
  let maxDuration = 0;
  let foregroundMs = 0;
  let backgroundMs = 0;
  let fatal = 0;
  let last = -Infinity;
  const reasonCounts = new Map<EndReason, number>();
  const deviceIds: string[] = [];
  let prevDevice: string | undefined;
  let lastSession = sessions[0]!;
  let flagged = 0;
  for (let i = 0; i < n; i++) {
    const s = sessions[i]!;
    const t = s.start;
    const d = Math.max(0, s.duration || 0);
    ts[i] = t;
    endArr[i] = t + d;
    if (d > maxDuration) maxDuration = d;
    const reason = s.endReason;
    if (MARKED_REASONS.has(reason)) flagged++;
    flagPrefix[i + 1] = flagged;
    if (s.state === 'foreground') foregroundMs += s.duration;
    else backgroundMs += s.duration;
    if (FATAL_REASONS.has(reason)) fatal++;
    reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + 1);
    if (s.deviceId !== prevDevice) {
      prevDevice = s.deviceId;
      if (!deviceIds.includes(prevDevice)) deviceIds.push(prevDevice);
    }
    if (s.end >= last) {
      last = s.end;
      lastSession = s;
    }
  }
  const index: TimeIndex = { ts, end: endArr, maxDuration, flagPrefix };
  // Counted in order of first appearance, as property order would have it.
  const endReasons: Partial<Record<EndReason, number>> = {};
  for (const [reason, count] of reasonCounts) endReasons[reason] = count;
  let userId: string | undefined;
  if (byUser) for (const s of sessions) if (s.userId === key) { userId = key; break; }
  if (userId === undefined) {
    for (let i = sessions.length - 1; i >= 0; i--) {
      if (sessions[i]!.userId) {
        userId = sessions[i]!.userId;
        break;
      }
    }
  }
  const groupStarts = new Float64Array(groups.length);
  let maxGroupDuration = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    groupStarts[gi] = g.start;
    if (g.end - g.start > maxGroupDuration) maxGroupDuration = g.end - g.start;
  }
  return {
    ...index,
    key,
    deviceId: lastSession.deviceId,
    deviceIds,
    userId,
    sessions,
    groupOf,
    groups,
    groupStarts,
    maxGroupDuration,
    first: sessions[0]!.start,
    last,
    foregroundMs,
    backgroundMs,
    fatal,
    endReasons,
    dimensions: lastSession.dimensions,
  };
}

type Compare = (a: CohortRow, b: CohortRow) => number;

const byKey: Compare = (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const COMPARE: Readonly<Record<SortKey, Compare>> = {
  'last-seen': (a, b) => b.last - a.last,
  'first-seen': (a, b) => a.first - b.first,
  sessions: (a, b) => b.sessions.length - a.sessions.length,
  'foreground-time': (a, b) => b.foregroundMs - a.foregroundMs,
  crashes: (a, b) => b.fatal - a.fatal || b.last - a.last,
};

/**
 * A sorted copy: `last-seen` (latest end first), `first-seen` (earliest start first),
 * `sessions` (most first), `foreground-time` (most first), `crashes` (most crash / ANR / OOM
 * ends first, then last seen). Ties go by key, so the order is the same on every run.
 */
export function sortRows(rows: readonly CohortRow[], key: SortKey): CohortRow[] {
  const cmp = COMPARE[key] ?? COMPARE['last-seen'];
  return [...rows].sort((a, b) => cmp(a, b) || byKey(a, b));
}

/**
 * The rows of `table` in the order of `key` (the order {@link sortRows} gives their built
 * rows), as row indexes: a sort of row numbers by typed-array totals, building no row.
 */
export function sortOrder(table: RowTable, key: SortKey): Int32Array {
  const n = table.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const { first, last, sessionCount, keys } = table;
  let cmp: (a: number, b: number) => number;
  switch (key) {
    case 'first-seen':
      cmp = (a, b) => first[a]! - first[b]!;
      break;
    case 'sessions':
      cmp = (a, b) => sessionCount[b]! - sessionCount[a]!;
      break;
    case 'foreground-time': {
      const fg = table.columns().foregroundMs;
      cmp = (a, b) => fg[b]! - fg[a]!;
      break;
    }
    case 'crashes': {
      const fatal = table.columns().fatal;
      cmp = (a, b) => fatal[b]! - fatal[a]! || last[b]! - last[a]!;
      break;
    }
    default:
      cmp = (a, b) => last[b]! - last[a]!;
  }
  return order.sort((a, b) => {
    const c = cmp(a, b);
    if (c) return c;
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/**
 * A table's rows in one order, as a view draws them: `at(i)` is the row in position `i`,
 * built on first use.
 */
export class SortedRows {
  /** `position[r]`: where row `r` of the table is shown. */
  private readonly position: Int32Array;

  constructor(
    readonly table: RowTable,
    /** Table row of each position. */
    readonly order: Int32Array,
  ) {
    this.position = new Int32Array(order.length);
    for (let i = 0; i < order.length; i++) this.position[order[i]!] = i;
  }

  /** No rows. */
  static readonly empty = new SortedRows(buildRowTable({ stitched: [] }), new Int32Array(0));

  get length(): number {
    return this.order.length;
  }

  /** The row in position `i` (`undefined` out of range). */
  at(i: number): CohortRow | undefined {
    return i >= 0 && i < this.order.length ? this.table.row(this.order[i]!) : undefined;
  }

  /** The key of the row in position `i`. */
  key(i: number): string {
    return this.table.keys[this.order[i]!]!;
  }

  /** The position of the row of `key`, or `-1`. */
  indexOf(key: string): number {
    const r = this.table.indexOf(key);
    return r < 0 ? -1 : this.position[r]!;
  }

  /** The position of table row `r`. */
  positionOf(r: number): number {
    return this.position[r] ?? -1;
  }

  /** The keys in order. */
  keys(): string[] {
    return Array.from(this.order, (r) => this.table.keys[r]!);
  }

  /** As {@link rowsExtent} of all the rows, from the table's totals. */
  extent(align: Alignment): [number, number] | undefined {
    const { first, last } = this.table;
    const n = first.length;
    if (n === 0) return undefined;
    let lo = Infinity;
    let hi = -Infinity;
    for (let r = 0; r < n; r++) {
      const off = align === 'relative' ? first[r]! : 0;
      if (first[r]! - off < lo) lo = first[r]! - off;
      if (last[r]! - off > hi) hi = last[r]! - off;
    }
    return [lo, hi];
  }
}

/** Where a selected id is: a table row, and in it a stitched session (`group`) or a session, else `-1`. */
export interface RowSelection {
  readonly row: number;
  readonly group: number;
  readonly session: number;
}

/**
 * Finds `id` in a table: a row key (device id, or user id), else a stitched session's id,
 * else a session's id (first match in that order). Builds only the row it finds.
 */
export function findSelection(table: RowTable, id: string): RowSelection | undefined {
  const keyed = table.indexOf(id);
  if (keyed >= 0) return { row: keyed, group: -1, session: -1 };
  for (let p = 0; p < table.parts; p++) {
    const st = table.stitchedOf(p);
    if (st.id !== id) continue;
    const row = table.row(table.partRow[p]!);
    const group = row.groups.findIndex((g) => g.stitched === st);
    return { row: table.partRow[p]!, group, session: -1 };
  }
  const found = table.findSession(id);
  if (!found) return undefined;
  const [p, i] = found;
  const r = table.partRow[p]!;
  const row = table.row(r);
  const session = row.sessions.indexOf(table.sessionsOf(p)[i]!);
  return { row: r, group: row.groupOf[session]!, session };
}

/** What a row's times are measured from: 0 in calendar alignment, its first start in relative. */
export function rowOffset(row: Pick<CohortRow, 'first'>, align: Alignment): number {
  return align === 'relative' ? row.first : 0;
}

/**
 * The time domain every row fits in: `[earliest start, latest end]` in calendar alignment,
 * `[0, longest row span]` (elapsed ms) in relative alignment. `undefined` for no rows.
 */
export function rowsExtent(rows: readonly CohortRow[], align: Alignment): [number, number] | undefined {
  if (rows.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    const off = rowOffset(r, align);
    lo = Math.min(lo, r.first - off);
    hi = Math.max(hi, r.last - off);
  }
  return [lo, hi];
}

/** The row under `y` px (uniform rows `rowHeight` tall), or `-1`. */
export function rowAt(y: number, rowHeight: number, count: number): number {
  const i = Math.floor(y / rowHeight);
  return i >= 0 && i < count ? i : -1;
}

/** Rows `[first, last)` to put in the DOM for a viewport, with `overscan` rows either side. */
export function visibleRows(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan = 6): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan);
  return [first, Math.max(first, last)];
}

/** The group of `row` that spans time `t` (row time, not shifted), or `-1`. Binary search. */
export function groupAt(row: CohortRow, t: number): number {
  const hi = upperBound(row.groupStarts, t);
  const lo = lowerBound(row.groupStarts, t - row.maxGroupDuration);
  for (let k = hi - 1; k >= lo; k--) if (row.groups[k]!.end >= t) return k;
  return -1;
}

/** The session of `row` nearest to time `t`, by start (for keyboard moves between rows). */
export function nearestSession(row: CohortRow, t: number): number {
  if (row.sessions.length === 0) return -1;
  const i = lowerBound(row.ts, t);
  if (i === 0) return 0;
  if (i >= row.ts.length) return row.ts.length - 1;
  // Inside the previous session counts as nearest.
  if ((row.end[i - 1] as number) >= t) return i - 1;
  return t - (row.end[i - 1] as number) <= (row.ts[i] as number) - t ? i - 1 : i;
}
