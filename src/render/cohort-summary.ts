/**
 * The summary of a cohort (the rows a filter kept): how many devices, stitched sessions
 * and sessions, which share of sessions ends in each end reason, median durations, and
 * sessions per day in a time zone. Pure: no DOM, runs in Node.
 *
 * @packageDocumentation
 */
import type { EndReason } from '../core/types.js';
import { DAY, HOUR, zoneOffset, type TimeZone } from './format.js';
import type { RowTable } from './rows.js';

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
  return values.length === 0 ? Number.NaN : medianInPlace(Float64Array.from(values));
}

/** {@link median} of an array it may reorder. */
function medianInPlace(a: Float64Array): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
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
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < starts.length; i++) {
    const t = starts[i] as number;
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
  }
  // Offsets by hour: in a typed array over the span of the data (NaN: not looked up yet),
  // or in a map when the span is implausibly long.
  const h0 = Math.floor(tMin / HOUR);
  const hours = Math.floor(tMax / HOUR) - h0 + 1;
  const byHour = hours <= 1_000_000 ? new Float64Array(hours).fill(Number.NaN) : undefined;
  const byMap = new Map<number, number>();
  const offsetAt = (t: number): number => {
    const h = Math.floor(t / HOUR);
    if (byHour && h >= h0 && h - h0 < hours) {
      let o = byHour[h - h0] as number;
      if (o !== o) byHour[h - h0] = o = zoneOffset(t, timeZone);
      return o;
    }
    let o = byMap.get(h);
    if (o === undefined) byMap.set(h, (o = zoneOffset(t, timeZone)));
    return o;
  };
  const counts = new Map<number, number>();
  let lo = Infinity;
  let hi = -Infinity;
  // Starts come mostly in runs within one day: count a run, then add it.
  let runDay = Number.NaN;
  let run = 0;
  for (let i = 0; i < starts.length; i++) {
    const t = starts[i] as number;
    const day = Math.floor((t + offsetAt(t)) / DAY);
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

/**
 * Summarises the rows of a table (as laid out by `buildRowTable`, after filtering) from its
 * columns (one pass over the kept sessions): medians by selection, no sort of the sessions.
 */
export function summarizeCohort(table: RowTable, timeZone: TimeZone): CohortSummary {
  const sessions = table.sessions;
  const stitched = table.parts;
  const cols = table.columns();
  const groupDurations = new Float64Array(stitched);
  const { partStart, partEnd } = table;
  for (let p = 0; p < stitched; p++) groupDurations[p] = partEnd[p]! - partStart[p]!;
  const endShares = [...cols.endReasons]
    .map(([reason, count]) => ({ reason, count, share: count / sessions }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  return {
    rows: table.length,
    devices: cols.devices,
    users: cols.users,
    stitched,
    sessions,
    endShares,
    medianSessionMs: median(cols.durations),
    medianStitchedMs: medianInPlace(groupDurations),
    perDay: countPerDay(cols.starts, timeZone),
  };
}

/** `"2.1%"`, `"0.4%"`, `"<0.1%"`, `"0%"`: a share in words. */
export function formatShare(share: number): string {
  if (!(share > 0)) return '0%';
  const pct = share * 100;
  if (pct < 0.1) return '<0.1%';
  return `${pct >= 10 ? Math.round(pct) : pct.toFixed(1).replace(/\.0$/, '')}%`;
}
