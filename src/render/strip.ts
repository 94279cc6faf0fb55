/**
 * Geometry of a sessions strip drawn on canvas: which bars (a session, or a crowd of
 * sessions too close to tell apart) show at the current zoom, where, and where their end
 * badges go; the stitched-session brackets under them; and hit-testing a pointer against
 * the bars. Pure (no DOM): the element draws what this returns and keeps DOM only for the
 * focusable, labelled sessions.
 *
 * @packageDocumentation
 */
import { lowerBound, upperBound, type Projection } from './lod.js';

/** Starts, and running-max ends, of intervals in their order; `sorted` when the starts never decrease. */
export interface IntervalIndex {
  readonly start: Float64Array;
  readonly endMax: Float64Array;
  readonly sorted: boolean;
}

/** Builds the {@link IntervalIndex} of intervals (sessions, stitched sessions) in their order. */
export function intervalIndex(items: readonly { readonly start: number; readonly end: number }[]): IntervalIndex {
  const start = new Float64Array(items.length);
  const endMax = new Float64Array(items.length);
  let sorted = true;
  let max = -Infinity;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    start[i] = it.start;
    endMax[i] = max = Math.max(max, it.end);
    if (i > 0 && it.start < start[i - 1]!) sorted = false;
  }
  return { start, endMax, sorted };
}

/** Index range `[first, stop)` of the intervals that may show in screen `[x0, x1]` (all of them when unsorted). */
export function inView(index: IntervalIndex, p: Projection, x0: number, x1: number): [number, number] {
  const n = index.start.length;
  if (!index.sorted) return [0, n];
  return [lowerBound(index.endMax, p.t(x0) - 1), upperBound(index.start, p.t(x1) + 1)];
}

/** One bar of the strip, in screen px. */
export interface StripBar {
  /** The session drawn (and labelled): the most severe ending of its crowd. */
  readonly index: number;
  /** The crowd: sessions `[first, stop)` share this bar (`stop - first - 1` others). */
  readonly first: number;
  readonly stop: number;
  readonly x0: number;
  readonly x1: number;
  /** The end badge: after the bar, or inside its end (right-aligned at `x1 - 2`). */
  readonly badgeInside: boolean;
  /** Whether the badge has room for its word (else the glyph only). */
  readonly showWord: boolean;
}

/** Options of {@link layoutStripBars}. */
export interface StripOptions {
  /** Width of the strip, px. */
  readonly width: number;
  /** Sessions starting closer than this share one bar (default 12, about an end glyph). */
  readonly crowdPx?: number;
  /** Bars are at least this wide (default 3). */
  readonly minBarPx?: number;
  /**
   * Severity of each session's ending: the most severe of a crowd is the one shown. Arrays,
   * made once per data, not callbacks: a callback made anew for every frame would throw the
   * optimised layout away at the next frame.
   */
  readonly severity: ArrayLike<number>;
  /** Px each session's badge needs with its word. */
  readonly wordPx: ArrayLike<number>;
}

/**
 * The bars of the sessions in view (sorted by start, as the core returns them), left to
 * right. Sessions that start within `crowdPx` of each other would overlap (bars and end
 * badges): such a crowd is one bar spanning them all, showing the most severe ending (ties:
 * the first). A bar's badge goes after it when there is room before the next bar, else
 * inside its end when the bar is wide enough, else it shows its glyph only.
 */
export function layoutStripBars(sessions: readonly { readonly start: number; readonly end: number }[], index: IntervalIndex, p: Projection, options: StripOptions): StripBar[] {
  const { width, severity, wordPx } = options;
  const crowd = options.crowdPx ?? 12;
  const minBar = options.minBarPx ?? 3;
  const [first, stop] = inView(index, p, -44, width + 44);
  const bars: StripBar[] = [];
  // `j`, the session after this crowd, is counted from `i + 1` whether or not it is drawn: a
  // step taken only for sessions off the view (none at full extent) would be code the
  // optimiser never saw run, and the first zoom would throw the optimised loop away.
  for (let i = first, j = first; i < stop; i = j) {
    j = i + 1;
    const x0 = p.x(sessions[i]!.start);
    let x1 = Math.max(x0 + minBar, p.x(sessions[i]!.end));
    if (x1 < -40 || x0 > width + 40) continue;
    let shown = i;
    let sev = severity[i]!;
    for (; j < stop; j++) {
      const xj = p.x(sessions[j]!.start);
      if (xj - x0 >= crowd) break;
      x1 = Math.max(x1, xj + minBar, p.x(sessions[j]!.end));
      const sj = severity[j]!;
      if (sj > sev) {
        shown = j;
        sev = sj;
      }
    }
    // Room up to the next session (drawn or not) after this crowd: where the next bar starts.
    const room = (j < index.start.length ? p.x(index.start[j]!) : width) - x1;
    const need = wordPx[shown]!;
    const badgeInside = room < need && x1 - x0 >= need + 8;
    bars.push({ index: shown, first: i, stop: j, x0, x1, badgeInside, showWord: room >= need || badgeInside });
  }
  return bars;
}

/** The bar under screen `x` (within `slopPx`), as an index into `bars`; -1 when none. */
export function stripBarAt(bars: readonly StripBar[], x: number, slopPx = 2): number {
  // Last bar starting at or before x + slop (bars are sorted by x0).
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bars[mid]!.x0 <= x + slopPx) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let bestD = Infinity;
  // Bars overlap only within a crowd's reach: look back a few.
  for (let b = lo - 1; b >= 0 && b >= lo - 4; b--) {
    const bar = bars[b]!;
    const d = x < bar.x0 ? bar.x0 - x : x > bar.x1 ? x - bar.x1 : 0;
    if (d <= slopPx && d < bestD) {
      best = b;
      bestD = d;
    }
  }
  return best;
}

/** A stitched-session bracket, in screen px; `index` is -1 for merged slivers. */
export interface StitchedMark {
  readonly index: number;
  readonly x0: number;
  readonly x1: number;
}

/** Stitched sessions in view; slivers (under 2 px) that touch merge into one band (`index` -1). */
export function layoutStitched(stitched: readonly { readonly start: number; readonly end: number }[], times: IntervalIndex, p: Projection, width: number): StitchedMark[] {
  const out: StitchedMark[] = [];
  // The mark being built (none while x0 is NaN): a stitched session, or a band of slivers
  // (index -1) that grows while the next one touches it. Pushed in one place, so the code
  // the optimiser saw at full extent (no slivers) is the code that runs zoomed in.
  let index = -1;
  let x0 = Number.NaN;
  let x1 = Number.NaN;
  const [first, stop] = inView(times, p, -2, width + 1);
  // One step past the last (k === stop) pushes the last mark.
  for (let k = first; k <= stop; k++) {
    const past = k === stop;
    const start = past ? Infinity : p.x(stitched[k]!.start);
    const end = past ? Infinity : p.x(stitched[k]!.end);
    const right = Math.max(start + 2, end);
    if (!past && (right < 0 || start > width)) continue;
    const sliver = end - start < 2;
    if (sliver && index === -1 && start - x1 < 1) {
      x1 = Math.max(x1, right);
      continue;
    }
    if (x0 === x0) out.push({ index, x0, x1 });
    index = sliver ? -1 : k;
    x0 = start;
    x1 = right;
  }
  return out;
}

/**
 * Where the free part of a gap `[x0, x1]` begins, for its label: right of the end badges
 * (`badges`, sorted by `x0`) that start before `x1`. A badge is written after its bar, so it
 * runs into the gap that follows; the label must not be drawn over it. Badges do not
 * overlap one another, so the last few before `x1` are the only ones that can reach it.
 */
export function freeFrom(x0: number, x1: number, badges: readonly { readonly x0: number; readonly x1: number }[]): number {
  let lo = 0;
  let hi = badges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (badges[mid]!.x0 < x1) lo = mid + 1;
    else hi = mid;
  }
  let left = x0;
  for (let k = lo - 1; k >= 0 && k >= lo - 4; k--) left = Math.max(left, badges[k]!.x1);
  return left;
}
