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
 */
export function buildRows(model: Pick<SessionModel, 'stitched'>, options: RowOptions = {}): CohortRow[] {
  const keep = toPredicate(options.filter);
  const byUser = options.groupBy === 'user';
  const deviceUser = new Map<string, string>();
  if (byUser) {
    for (const g of model.stitched) for (const s of g.sessions) if (s.userId !== undefined && !deviceUser.has(s.deviceId)) deviceUser.set(s.deviceId, s.userId);
  }
  // Few allocations per session: this runs over every session of the cohort on first paint.
  const buckets = new Map<string, Part[]>();
  const push = (key: string, stitched: StitchedSession, sessions: Session[]): void => {
    const parts = buckets.get(key);
    if (parts) parts.push({ stitched, sessions });
    else buckets.set(key, [{ stitched, sessions }]);
  };
  for (const g of model.stitched) {
    const all = g.sessions;
    if (all.length === 0) continue;
    if (!keep && !byUser) {
      // Device rows, no filter: a stitched session (one device's) goes whole to its row.
      const d = all[0]!.deviceId;
      let same = true;
      for (let i = 1; i < all.length; i++) {
        if (all[i]!.deviceId !== d) {
          same = false;
          break;
        }
      }
      if (same) {
        push(d, g, all.slice());
        continue;
      }
    }
    // In user mode a stitched session may hold sessions of two users (log-out, log-in):
    // split it by owner so each row shows only its own sessions.
    let key: string | undefined;
    let run: Session[] = [];
    for (let i = 0; i < all.length; i++) {
      const s = all[i]!;
      if (keep && !keep(s)) continue;
      const k = byUser ? (s.userId ?? deviceUser.get(s.deviceId) ?? s.deviceId) : s.deviceId;
      if (key !== k) {
        if (key !== undefined && run.length > 0) push(key, g, run);
        key = k;
        run = [];
      }
      run.push(s);
    }
    if (key !== undefined && run.length > 0) push(key, g, run);
  }
  const rows: CohortRow[] = [];
  for (const [key, parts] of buckets) rows.push(makeRow(key, parts, byUser));
  return rows;
}

interface Part {
  readonly stitched: StitchedSession;
  readonly sessions: Session[];
}

function makeRow(key: string, parts: readonly Part[], byUser: boolean): CohortRow {
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
