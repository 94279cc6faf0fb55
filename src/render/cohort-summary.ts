/**
 * The summary of a cohort (the rows a filter kept): how many devices, stitched sessions
 * and sessions, which share of sessions ends in each end reason, median durations, and
 * sessions per day in a time zone. Pure: no DOM, runs in Node.
 *
 * @packageDocumentation
 */
import type { EndReason } from '../core/types.js';
import { DAY, HOUR, zoneOffset, type TimeZone } from './format.js';
import type { CohortRow } from './rows.js';

/** One end reason's count and share of all sessions. */
export interface EndShare {
  readonly reason: EndReason;
  readonly count: number;
  /** `count / sessions`, in `[0, 1]`. */
  readonly share: number;
}

/** Sessions started on one local day. */
export interface DayCount {
  /** Epoch ms of the local midnight that starts the day. */
  readonly start: number;
  readonly count: number;
}

/** What {@link summarizeCohort} returns. */
export interface CohortSummary {
  readonly rows: number;
  readonly devices: number;
  readonly users: number;
  readonly stitched: number;
  readonly sessions: number;
  /** Every end reason that occurs, most frequent first. */
  readonly endShares: readonly EndShare[];
  /** `NaN` without sessions. */
  readonly medianSessionMs: number;
  /** Median extent of the (kept part of the) stitched sessions; `NaN` without any. */
  readonly medianStitchedMs: number;
  /** Every local day from the first session's to the last one's, empty days included. */
  readonly perDay: readonly DayCount[];
}

/** The median of numbers (`NaN` for none). Selects in a copy (linear time, no full sort). */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const a = Float64Array.from(values);
  for (let i = 0; i < n; i++) if (Number.isNaN(a[i] as number)) return sortedMedian(a.sort());
  const mid = n >> 1;
  select(a, mid);
  if (n % 2) return a[mid] as number;
  // After selecting, everything left of `mid` is <= a[mid]: its largest is the other middle.
  let lo = -Infinity;
  for (let i = 0; i < mid; i++) if ((a[i] as number) > lo) lo = a[i] as number;
  return (lo + (a[mid] as number)) / 2;
}

function sortedMedian(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Puts the `k`-th smallest value at `a[k]`, smaller or equal ones before it (Hoare's selection). */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // Median of three as the pivot.
    const m = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[m] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * Sessions per local day of `timeZone`, from the first start's day to the last one's.
 * The zone's offset is looked up once per hour of data, not once per session.
 */
export function countPerDay(starts: ArrayLike<number>, timeZone: TimeZone): DayCount[] {
  if (starts.length === 0) return [];
  const offsets = new Map<number, number>();
  const offsetAt = (t: number): number => {
    const h = Math.floor(t / HOUR);
    let o = offsets.get(h);
    if (o === undefined) offsets.set(h, (o = zoneOffset(t, timeZone)));
    return o;
  };
  const counts = new Map<number, number>();
  let lo = Infinity;
  let hi = -Infinity;
  // Starts come mostly in runs within one hour and one day: remember the last ones.
  let lastHour = Number.NaN;
  let lastOffset = 0;
  let runDay = Number.NaN;
  let run = 0;
  for (let i = 0; i < starts.length; i++) {
    const t = starts[i] as number;
    const h = Math.floor(t / HOUR);
    if (h !== lastHour) {
      lastHour = h;
      lastOffset = offsetAt(t);
    }
    const day = Math.floor((t + lastOffset) / DAY);
    if (day !== runDay) {
      if (run) counts.set(runDay, (counts.get(runDay) ?? 0) + run);
      runDay = day;
      run = 0;
      if (day < lo) lo = day;
      if (day > hi) hi = day;
    }
    run++;
  }
  if (run) counts.set(runDay, (counts.get(runDay) ?? 0) + run);
  const out: DayCount[] = [];
  for (let d = lo; d <= hi; d++) {
    const local = d * DAY;
    // The UTC instant of the local midnight (offset in force then).
    const start = local - offsetAt(local - offsetAt(local));
    out.push({ start, count: counts.get(d) ?? 0 });
  }
  return out;
}

/** Summarises rows (as built by `buildRows`, after filtering). */
export function summarizeCohort(rows: readonly CohortRow[], timeZone: TimeZone): CohortSummary {
  const devices = new Set<string>();
  const users = new Set<string>();
  const reasons = new Map<EndReason, number>();
  let sessions = 0;
  let stitched = 0;
  for (const r of rows) {
    sessions += r.sessions.length;
    stitched += r.groups.length;
  }
  const durations = new Float64Array(sessions);
  const starts = new Float64Array(sessions);
  const groupDurations = new Float64Array(stitched);
  let i = 0;
  let g = 0;
  for (const r of rows) {
    for (const d of r.deviceIds) devices.add(d);
    for (const [reason, count] of Object.entries(r.endReasons) as [EndReason, number][]) reasons.set(reason, (reasons.get(reason) ?? 0) + count);
    let lastUser: string | undefined;
    for (const s of r.sessions) {
      if (s.userId !== undefined && s.userId !== lastUser) users.add((lastUser = s.userId));
      durations[i] = s.duration;
      starts[i++] = s.start;
    }
    for (const grp of r.groups) groupDurations[g++] = grp.end - grp.start;
  }
  const endShares = [...reasons]
    .map(([reason, count]) => ({ reason, count, share: count / sessions }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  return {
    rows: rows.length,
    devices: devices.size,
    users: users.size,
    stitched,
    sessions,
    endShares,
    medianSessionMs: median(durations),
    medianStitchedMs: median(groupDurations),
    perDay: countPerDay(starts, timeZone),
  };
}

/** `"2.1%"`, `"0.4%"`, `"<0.1%"`, `"0%"`: a share in words. */
export function formatShare(share: number): string {
  if (!(share > 0)) return '0%';
  const pct = share * 100;
  if (pct < 0.1) return '<0.1%';
  return `${pct >= 10 ? Math.round(pct) : pct.toFixed(1).replace(/\.0$/, '')}%`;
}
