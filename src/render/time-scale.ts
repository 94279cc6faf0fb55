/**
 * Broken time axes: long idle gaps between busy stretches are compressed to a fixed width,
 * so a day with two visits does not draw as 23 hours of empty space. The result is a d3
 * polylinear scale over epoch ms (`scaleLinear().domain([t0, t1, t2, t3]).range([0, x1, x1 + gap, x3])`)
 * that d3-zoom's `rescaleX` zooms like any other, plus the segments and gaps to draw.
 *
 * @packageDocumentation
 */
import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { DAY, TICK_STEPS, formatDuration, formatElapsed, formatTick, timeTicks, type TimeZone } from './format.js';
import type { Projection } from './lod.js';

/** A stretch of time, epoch ms, `end >= start`. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** Options of {@link buildBrokenAxis}. */
export interface BrokenAxisOptions {
  /** Width of the axis, px. */
  readonly width: number;
  /** Gaps between intervals at least this long are compressed (default 15 min). */
  readonly minGapMs?: number;
  /** Width of a compressed gap, px (default 88, enough for "⋯ 2 h 14 min ⋯"). */
  readonly gapPx?: number;
  /** At most this fraction of the width goes to gaps (default 0.35); gaps shrink to fit. */
  readonly maxGapFraction?: number;
  /** A segment is never narrower than this, px (default 12). */
  readonly minSegmentPx?: number;
  /** Time added before and after each segment, as a fraction of its length (default 0.02, at least 1 s). */
  readonly padFraction?: number;
}

/** A drawn stretch of real time; x in the base (unzoomed) scale. */
export interface AxisSegment {
  readonly start: number;
  readonly end: number;
  readonly x0: number;
  readonly x1: number;
}

/** A compressed idle gap. */
export interface AxisGap {
  readonly start: number;
  readonly end: number;
  /** `end - start` of the idle time between the busy stretches (before padding). */
  readonly idle: number;
  readonly x0: number;
  readonly x1: number;
}

/** What {@link buildBrokenAxis} returns. */
export interface BrokenAxis {
  /** Strictly increasing epoch ms: segment start / end pairs. */
  readonly domain: readonly number[];
  /** Non-decreasing px, one per domain value. */
  readonly range: readonly number[];
  readonly segments: readonly AxisSegment[];
  readonly gaps: readonly AxisGap[];
}

/**
 * Lays intervals (sorted or not, overlapping or not) on a broken axis of `width` px:
 * intervals closer than `minGapMs` merge into one segment; each longer gap gets `gapPx`;
 * segments share the rest in proportion to their length (at least `minSegmentPx` each).
 */
export function buildBrokenAxis(intervals: readonly Interval[], options: BrokenAxisOptions): BrokenAxis {
  const width = Math.max(1, options.width);
  const minGapMs = options.minGapMs ?? 15 * 60_000;
  const padFraction = options.padFraction ?? 0.02;
  const sorted = intervals.filter((i) => Number.isFinite(i.start) && Number.isFinite(i.end)).map((i) => ({ start: i.start, end: Math.max(i.start, i.end) })).sort((a, b) => a.start - b.start);
  if (sorted.length === 0) return { domain: [0, 1], range: [0, width], segments: [{ start: 0, end: 1, x0: 0, x1: width }], gaps: [] };

  // Merge what is closer than minGapMs.
  const merged: { start: number; end: number; idleBefore: number }[] = [];
  for (const i of sorted) {
    const last = merged[merged.length - 1];
    if (last && i.start - last.end < minGapMs) last.end = Math.max(last.end, i.end);
    else merged.push({ start: i.start, end: i.end, idleBefore: last ? i.start - last.end : 0 });
  }

  // Pad each segment so marks at its edges are not cut, without overlapping the next one.
  const padded = merged.map((m) => {
    const pad = Math.max(1_000, (m.end - m.start) * padFraction);
    return { start: m.start - pad, end: m.end + pad, idleBefore: m.idleBefore, busyStart: m.start };
  });
  for (let k = 1; k < padded.length; k++) {
    const a = padded[k - 1]!;
    const b = padded[k]!;
    if (b.start <= a.end) {
      const mid = (merged[k - 1]!.end + merged[k]!.start) / 2;
      a.end = Math.min(a.end, mid);
      b.start = Math.max(b.start, mid + 1);
    }
  }

  const nGaps = padded.length - 1;
  const gapPx = nGaps === 0 ? 0 : Math.min(options.gapPx ?? 88, (width * (options.maxGapFraction ?? 0.35)) / nGaps);
  const available = Math.max(0, width - gapPx * nGaps);
  const minSeg = Math.min(options.minSegmentPx ?? 12, available / padded.length);
  const total = padded.reduce((s, p) => s + (p.end - p.start), 0);
  const spare = Math.max(0, available - minSeg * padded.length);

  const domain: number[] = [];
  const range: number[] = [];
  const segments: AxisSegment[] = [];
  const gaps: AxisGap[] = [];
  let x = 0;
  padded.forEach((p, k) => {
    if (k > 0) {
      const prev = segments[k - 1]!;
      gaps.push({ start: prev.end, end: p.start, idle: p.idleBefore, x0: x, x1: x + gapPx });
      x += gapPx;
    }
    const w = minSeg + (total > 0 ? (spare * (p.end - p.start)) / total : spare / padded.length);
    segments.push({ start: p.start, end: p.end, x0: x, x1: x + w });
    domain.push(p.start, p.end);
    range.push(x, x + w);
    x += w;
  });
  return { domain, range, segments, gaps };
}

/**
 * The d3 polylinear scale of a broken axis over epoch ms (ticks come from
 * {@link segmentTicks}). A linear scale over numbers rather than `scaleUtc`: the elements
 * make their own time-zone-aware ticks, so `scaleUtc` would only add Date objects on every
 * `invert` and d3-time-format to every bundle.
 */
export function brokenScale(axis: BrokenAxis): TimeScale {
  return scaleLinear().domain(axis.domain as number[]).range(axis.range as number[]);
}

/** A tick placed on the (zoomed) scale. */
export interface PlacedTick {
  readonly t: number;
  readonly x: number;
  readonly label: string;
}

/** A gap placed on the (zoomed) scale, with its length in words. */
export interface PlacedGap {
  readonly x0: number;
  readonly x1: number;
  readonly idle: number;
  /** `"⋯ 2 h 14 min ⋯"`. */
  readonly label: string;
}

/** A scale as used here: a d3 linear scale from epoch ms to px, polylinear or not, zoomed or not. */
export type TimeScale = ScaleLinear<number, number>;

/**
 * Ticks per visible segment of a broken axis, on `scale` (the base scale or a zoomed one).
 * A piecewise scale's own `ticks()` would span the gaps; here each segment gets about one
 * tick per `pxPerTick` of its visible width.
 */
export function segmentTicks(scale: TimeScale, axis: BrokenAxis, width: number, timeZone: TimeZone, pxPerTick = 96): PlacedTick[] {
  const out: PlacedTick[] = [];
  // Labels are about 40 px wide: keep ticks clear of each other and of the gap marks.
  const minSpacing = Math.min(pxPerTick, 60);
  let lastX = -Infinity;
  for (const seg of axis.segments) {
    const x0 = Math.max(0, scale(seg.start));
    const x1 = Math.min(width, scale(seg.end));
    if (x1 - x0 < 24) continue;
    const t0 = scale.invert(x0);
    const t1 = scale.invert(x1);
    const { ticks, step } = timeTicks(t0, t1, Math.max(1, Math.floor((x1 - x0) / pxPerTick)), timeZone);
    const edge0 = scale(seg.start) > 0 ? x0 + 20 : 0;
    const edge1 = scale(seg.end) < width ? x1 - 20 : width;
    for (const t of ticks) {
      const x = scale(t);
      if (x < edge0 || x > edge1 || x - lastX < minSpacing) continue;
      out.push({ t, x, label: formatTick(t, step, timeZone) });
      lastX = x;
    }
  }
  return fillNarrowTicks(out, scale, axis, width, timeZone, pxPerTick, minSpacing);
}

/** A gap narrower than this has no room for its label: ticks may go there. */
const LABELLED_GAP_PX = 60;

/**
 * Where segments are too narrow for ticks of their own (a busy device at full extent:
 * hundreds of short stretches between compressed nights), ticks of the whole visible range
 * (dates, say) are placed where those times fall on the broken scale, clear of the ticks
 * already placed and of gaps wide enough to show their length.
 */
function fillNarrowTicks(ticks: PlacedTick[], scale: TimeScale, axis: BrokenAxis, width: number, timeZone: TimeZone, pxPerTick: number, minSpacing: number): PlacedTick[] {
  const segs = axis.segments;
  if (segs.length < 2) return ticks;
  const [t0, t1] = visibleRange(scale, width);
  const { ticks: coarse, step } = timeTicks(t0, t1, Math.max(1, Math.floor(width / pxPerTick)), timeZone);
  let added = false;
  for (const t of coarse) {
    // Last segment starting at or before t.
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segs[mid]!.start <= t) lo = mid;
      else hi = mid - 1;
    }
    const seg = segs[lo]!;
    const next = segs[lo + 1];
    const narrow =
      t < seg.start ? false : t <= seg.end ? scale(seg.end) - scale(seg.start) < 24 : next !== undefined && scale(next.start) - scale(seg.end) < LABELLED_GAP_PX;
    if (!narrow) continue;
    const x = scale(t);
    if (x < 0 || x > width) continue;
    if (ticks.some((k) => Math.abs(k.x - x) < minSpacing)) continue;
    ticks.push({ t, x, label: formatTick(t, step, timeZone) });
    added = true;
  }
  return added ? ticks.sort((a, b) => a.x - b.x) : ticks;
}

/** Gap labels by idle length: an axis redraws the same gaps every frame of a zoom. */
const gapLabels = new Map<number, string>();

/** `"⋯ 2 h 14 min ⋯"`, memoised. */
function gapLabel(idle: number): string {
  let label = gapLabels.get(idle);
  if (label === undefined) {
    if (gapLabels.size >= 16_384) gapLabels.clear();
    label = `⋯ ${formatDuration(idle)} ⋯`;
    gapLabels.set(idle, label);
  }
  return label;
}

/**
 * The gaps of a broken axis that are (partly) in `[0, width]` on `scale`. Gaps are in time
 * order and the scale ascending, so those in view are one run, found by binary search: a
 * frame zoomed into a long history looks at a few of its thousands of gaps, not at all.
 */
export function placeGaps(scale: TimeScale, axis: BrokenAxis, width: number): PlacedGap[] {
  const gaps = axis.gaps;
  // The first gap that ends at or after x 0. The step right is computed whether or not it
  // is taken: at full extent it never is, and code the optimiser never saw run would be
  // thrown away at the first frame zoomed in.
  let lo = 0;
  let hi = gaps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const right = mid + 1;
    const before = scale(gaps[mid]!.end) < 0;
    lo = before ? right : lo;
    hi = before ? hi : mid;
  }
  const out: PlacedGap[] = [];
  for (let i = lo; i < gaps.length; i++) {
    const g = gaps[i]!;
    const x0 = scale(g.start);
    if (x0 > width) break;
    out.push({ x0, x1: scale(g.end), idle: g.idle, label: gapLabel(g.idle) });
  }
  return out;
}

/** The time range in view: `[scale.invert(0), scale.invert(width)]` as epoch ms. */
export function visibleRange(scale: TimeScale, width: number): [number, number] {
  return [scale.invert(0), scale.invert(width)];
}

/**
 * A plain (unbroken) time scale over `[start, end]` across `[0, width]`, as the polylinear
 * {@link TimeScale} the zoom maths expects. Used for calendar and elapsed-time axes.
 */
export function linearTimeScale(start: number, end: number, width: number): TimeScale {
  const hi = end > start ? end : start + 1;
  return scaleLinear().domain([start, hi]).range([0, Math.max(1, width)]);
}

/**
 * Ticks of an elapsed-time axis (the domain is ms since each row's start): round steps
 * (`1 s` to `30 d`) labelled `"0"`, `"+1 h"`, `"+1 d"`, about one per `pxPerTick`.
 */
export function elapsedTicks(scale: TimeScale, width: number, pxPerTick = 96): PlacedTick[] {
  const [t0, t1] = visibleRange(scale, width);
  const span = t1 - t0;
  if (!(span > 0)) return [];
  const maxCount = Math.max(1, Math.floor(width / pxPerTick));
  const step = TICK_STEPS.find((s) => span / s <= maxCount) ?? Math.ceil(span / maxCount / DAY) * DAY;
  const out: PlacedTick[] = [];
  for (let t = Math.ceil(Math.max(0, t0) / step) * step; t <= t1; t += step) {
    const x = scale(t);
    // Keep the edge labels inside the axis (they are about 40 px wide).
    if (t !== 0 && (x < 18 || x > width - 18)) continue;
    out.push({ t, x, label: formatElapsed(t) });
  }
  return out;
}

/** Ticks of a plain calendar axis in a time zone (round local times, dates at midnight). */
export function calendarTicks(scale: TimeScale, width: number, timeZone: TimeZone, pxPerTick = 110): PlacedTick[] {
  const [t0, t1] = visibleRange(scale, width);
  const { ticks, step } = timeTicks(t0, t1, Math.max(1, Math.floor(width / pxPerTick)), timeZone);
  const out: PlacedTick[] = [];
  for (const t of ticks) {
    const x = scale(t);
    if (x < 20 || x > width - 20) continue;
    out.push({ t, x, label: formatTick(t, step, timeZone) });
  }
  return out;
}

/**
 * A broken axis as the drawing loops use it: the piecewise-linear map through
 * `(domain[i], range[i])` (as d3's polylinear `scaleLinear` maps: the first and last pieces
 * extend past the ends), seen through a zoom `px -> k * px + tx`, and its inverse. Both
 * directions start from the piece of their previous call: the loops ask for times (and
 * pixels) in increasing order, thousands per frame, so most calls cost no search.
 *
 * An object with methods rather than closures: a loop optimised for `p.x(t)` then calls the
 * same function for every axis and every zoom. Closures made per axis were inlined into the
 * drawing code and that code was thrown away with them (after the next garbage collection,
 * every new axis: new data, a resize, another element), so first paints and the first zoom
 * frames ran unoptimised.
 */
export class PiecewiseProjection implements Projection {
  private readonly d: Float64Array;
  private readonly r: Float64Array;
  private readonly last: number;
  /** The piece of the last `base` / `invertBase` call. */
  private i = 0;
  private j = 0;
  // NaN first: V8 then stores them as doubles from the start (a zoom of 1 would be an integer
  // until the first zoom, and changing the field's kind changes the object's shape).
  private k = Number.NaN;
  private tx = Number.NaN;

  /** The projection of a d3 (poly)linear scale, ascending: its breakpoints, evaluated here. */
  static of(scale: TimeScale): PiecewiseProjection {
    return new PiecewiseProjection(scale.domain(), scale.range());
  }

  /** `domain` and `range` ascending, of the same length (at least 1). */
  constructor(domain: readonly number[], range: readonly number[]) {
    const n = Math.min(domain.length, range.length);
    this.d = Float64Array.from(domain.slice(0, n));
    this.r = Float64Array.from(range.slice(0, n));
    this.last = Math.max(0, n - 2);
    this.zoom(1, 0);
  }

  /** Sets the zoom: `x(t) = k * base(t) + tx`. */
  zoom(k: number, tx: number): this {
    this.k = k;
    this.tx = tx;
    return this;
  }

  /** The zoom factor `k` of {@link zoom}. */
  get factor(): number {
    return this.k;
  }

  /** The zoom offset `tx` of {@link zoom}. */
  get offset(): number {
    return this.tx;
  }

  /** The zoomed x of time `t`. */
  x(t: number): number {
    return this.base(t) * this.k + this.tx;
  }

  /** The time at zoomed x `x`. */
  t(x: number): number {
    return this.invertBase((x - this.tx) / this.k);
  }

  /** The unzoomed x of time `t`. */
  base(t: number): number {
    if (this.d.length < 2) return this.r[0] ?? 0;
    return along(this.d, this.r, t, (this.i = pieceOf(this.d, t, this.i, this.last)));
  }

  /** The time at unzoomed x `x`. */
  invertBase(x: number): number {
    if (this.r.length < 2) return this.d[0] ?? 0;
    return along(this.r, this.d, x, (this.j = pieceOf(this.r, x, this.j, this.last)));
  }
}

/**
 * A {@link PiecewiseProjection} for times shifted by an offset (a row's start, in relative
 * alignment): `x(t) = p.x(t - offset)`. One object per view, aimed at a row by
 * {@link ShiftedProjection.shift}: valid until the next `shift`.
 */
export class ShiftedProjection implements Projection {
  private offset = Number.NaN;
  constructor(private readonly p: PiecewiseProjection) {}

  shift(offset: number): this {
    this.offset = offset;
    return this;
  }

  x(t: number): number {
    return this.p.x(t - this.offset);
  }

  t(x: number): number {
    return this.p.t(x) + this.offset;
  }
}

/**
 * The frame's scale, for what takes a d3 scale (ticks, gap marks, the visible range): the d3
 * scale `base` seen through zoom `t`, `x = t.k * base(time) + t.x`. For a polylinear scale
 * this is NOT d3-zoom's `transform.rescaleX(base)`: that keeps the range breakpoints and
 * moves the domain, which re-cuts the pieces at the wrong places (times inside a zoomed gap
 * drift by hundreds of px); zooming the range keeps every breakpoint exact. Nor a copy of
 * `base` with its range zoomed: that rebuilds an interpolator per piece, milliseconds per
 * frame with thousands of compressed gaps. Times go through `proj` (made from `base`,
 * evaluated fast), pixels back through d3's `invert`. Zooms `proj` to `t` too; the scale
 * keeps this transform's values after `proj` zooms on.
 */
export function zoomedScale(base: TimeScale, proj: PiecewiseProjection, t: { readonly k: number; readonly x: number }): TimeScale {
  const { k, x: tx } = t;
  proj.zoom(k, tx);
  const s = ((d: number) => proj.base(d) * k + tx) as unknown as TimeScale;
  s.invert = (x: number | { valueOf(): number }) => base.invert((Number(x) - tx) / k);
  return s;
}

/** What `value` on piece `i` of `from` maps to on `to`, linearly (the piece's start on `to` when it has no width). */
function along(from: Float64Array, to: Float64Array, value: number, i: number): number {
  const f0 = from[i]!;
  const f1 = from[i + 1]!;
  return f1 === f0 ? to[i]! : to[i]! + ((value - f0) / (f1 - f0)) * (to[i + 1]! - to[i]!);
}

/** Whether piece `i` of {@link pieceOf} holds `value`. */
function holds(v: Float64Array, value: number, i: number, last: number): boolean {
  return (i === 0 || value >= v[i]!) && (i === last || value < v[i + 1]!);
}

/**
 * The piece `[v[i], v[i + 1]]` of ascending breakpoints `v` that holds `value` (the first and
 * the last piece, `last`, also hold what lies beyond), trying piece `from` and the one after
 * it first; ties go to the later piece, as d3's `bisectRight` does.
 */
function pieceOf(v: Float64Array, value: number, from: number, last: number): number {
  if (holds(v, value, from, last)) return from;
  // Times in increasing order often step into the next piece (sessions and the gaps between them).
  if (from < last && holds(v, value, from + 1, last)) return from + 1;
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (v[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
