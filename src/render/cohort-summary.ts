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

/** The median of numbers (`NaN` for none). Sorts a copy. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
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
  for (let i = 0; i < starts.length; i++) {
    const t = starts[i] as number;
    const day = Math.floor((t + offsetAt(t)) / DAY);
    counts.set(day, (counts.get(day) ?? 0) + 1);
    if (day < lo) lo = day;
    if (day > hi) hi = day;
  }
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
    for (const s of r.sessions) {
      if (s.userId !== undefined) users.add(s.userId);
      reasons.set(s.endReason, (reasons.get(s.endReason) ?? 0) + 1);
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
