/**
 * Level of detail by pixel column, and hit-testing, over sorted `Float64Array`s of
 * timestamps. A frame costs the non-empty columns (times a binary search), not the events:
 * the visible range is two binary searches, and each column is one more.
 *
 * @packageDocumentation
 */

/** First index `i` with `arr[i] >= x` (`arr.length` if none). */
export function lowerBound(arr: Float64Array, x: number, lo = 0, hi = arr.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * {@link lowerBound} searching out from `lo` (steps 1, 2, 4... then a binary search): cheaper
 * when the answer is near `lo`, as when walking a sorted array column by column.
 */
export function lowerBoundFrom(arr: Float64Array, x: number, lo: number, hi = arr.length): number {
  let step = 1;
  let probe = lo;
  while (probe < hi && (arr[probe] as number) < x) {
    lo = probe + 1;
    probe = lo + step;
    step *= 2;
  }
  return lowerBound(arr, x, lo, Math.min(probe, hi));
}

/** First index `i` with `arr[i] > x` (`arr.length` if none). */
export function upperBound(arr: Float64Array, x: number, lo = 0, hi = arr.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((arr[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the value nearest to `x` (`-1` for an empty array). */
export function nearestIndex(arr: Float64Array, x: number): number {
  if (arr.length === 0) return -1;
  const i = lowerBound(arr, x);
  if (i === 0) return 0;
  if (i === arr.length) return i - 1;
  return x - (arr[i - 1] as number) <= (arr[i] as number) - x ? i - 1 : i;
}

/**
 * What LOD binning and hit-testing read: parallel typed arrays sorted by `ts`.
 * `end` is `ts + duration` (equal to `ts` for instants).
 */
export interface TimeIndex {
  readonly ts: Float64Array;
  readonly end: Float64Array;
  /** The longest `end - ts`: how far before the view a span may start and still show. */
  readonly maxDuration: number;
  /** `flagPrefix[i]` = how many of the first `i` items are flagged (failed call, error log...). */
  readonly flagPrefix: Int32Array;
}

/** Builds a {@link TimeIndex} from items already sorted by `ts`. */
export function buildTimeIndex<T>(items: readonly T[], ts: (item: T) => number, duration: (item: T) => number, flagged: (item: T) => boolean): TimeIndex {
  const n = items.length;
  const tsArr = new Float64Array(n);
  const endArr = new Float64Array(n);
  const flagPrefix = new Int32Array(n + 1);
  let maxDuration = 0;
  for (let i = 0; i < n; i++) {
    const item = items[i] as T;
    const t = ts(item);
    const d = Math.max(0, duration(item) || 0);
    tsArr[i] = t;
    endArr[i] = t + d;
    if (d > maxDuration) maxDuration = d;
    flagPrefix[i + 1] = (flagPrefix[i] as number) + (flagged(item) ? 1 : 0);
  }
  return { ts: tsArr, end: endArr, maxDuration, flagPrefix };
}

/**
 * Time to px (`x`) and back (`t`). The elements pass one object with methods
 * (`PiecewiseProjection` in time-scale.ts: why not closures is said there); tests pass literals.
 */
export interface Projection {
  x(t: number): number;
  t(x: number): number;
}

/**
 * Marks of one frame, one per pixel column, as parallel arrays (a frame zoomed out has
 * thousands: no object per mark). Mark `b` stands for items `[first[b], first[b] + count[b])`,
 * whose starts fall in one column; it is drawn from `x0[b]` (the first item's start) to
 * `x1[b]` (the furthest end of its first and last items, `>= x0[b]`); `flagged[b]` of its
 * items are flagged. Reusable: {@link binByColumn} empties it first.
 */
export class Bins {
  length = 0;
  first: Int32Array;
  count: Int32Array;
  flagged: Int32Array;
  x0: Float64Array;
  x1: Float64Array;

  /** @param capacity marks it holds before its arrays grow */
  constructor(capacity = 256) {
    const c = Math.max(1, capacity);
    this.first = new Int32Array(c);
    this.count = new Int32Array(c);
    this.flagged = new Int32Array(c);
    this.x0 = new Float64Array(c);
    this.x1 = new Float64Array(c);
  }

  push(first: number, count: number, x0: number, x1: number, flagged: number): void {
    // Small, so that it is inlined in the binning loops (a call that is not boxes x0 and x1):
    // growing is a call of its own.
    const n = this.length;
    if (n === this.first.length) this.grow();
    this.first[n] = first;
    this.count[n] = count;
    this.x0[n] = x0;
    this.x1[n] = x1;
    this.flagged[n] = flagged;
    this.length = n + 1;
  }

  /** Doubles the room. */
  private grow(): void {
    const n = this.length;
    const first = new Int32Array(2 * n);
    const count = new Int32Array(2 * n);
    const flagged = new Int32Array(2 * n);
    const x0 = new Float64Array(2 * n);
    const x1 = new Float64Array(2 * n);
    first.set(this.first);
    count.set(this.count);
    flagged.set(this.flagged);
    x0.set(this.x0);
    x1.set(this.x1);
    this.first = first;
    this.count = count;
    this.flagged = flagged;
    this.x0 = x0;
    this.x1 = x1;
  }
}

/**
 * Bins the items visible in `[xMin, xMax]` into columns `binPx` wide, on a grid through x
 * `origin`: items whose start falls in the same column become one mark. Spans that started
 * before `xMin` and still run are included. {@link binGrid} gives the columns that stay put
 * on the data while it pans and zooms.
 */
export function binByColumn(index: TimeIndex, p: Projection, xMin: number, xMax: number, binPx = 2, out = new Bins(), origin = 0): Bins {
  const { ts, end, flagPrefix } = index;
  out.length = 0;
  let i = lowerBound(ts, p.t(xMin) - index.maxDuration);
  const stop = upperBound(ts, p.t(xMax));
  // Columns per px, a fraction: arithmetic on `binPx` itself would be compiled for the whole
  // numbers binLevel passes (2 px, origin 0) and thrown away mid-zoom at the first frame's
  // fractional column width ("not a Smi"), leaving the zoom's deepest frames unoptimised.
  const perPx = 1 / binPx;
  while (i < stop) {
    const t0 = ts[i]!;
    const x0 = p.x(t0);
    // Up to the next column's left edge.
    const col = Math.floor((x0 - origin) * perPx) + 1;
    let j = lowerBoundFrom(ts, p.t(origin + col / perPx), i + 1, stop);
    // Guard against rounding in invert: always make progress, never skip an item.
    if (j <= i) j = i + 1;
    // The furthest end of the first and last items, projected once (x grows with time). An
    // end at the first item's start projects to x0: not projected (instants, the common case).
    const far = Math.max(end[i]!, end[j - 1]!);
    const x1 = far > t0 ? Math.max(x0, p.x(far)) : x0;
    if (x1 >= xMin) out.push(i, j - i, x0, x1, flagPrefix[j]! - flagPrefix[i]!);
    i = j;
  }
  return out;
}

/** Where the columns of {@link binByColumn} fall in a frame: `binPx` wide from x `origin`. */
export interface BinGrid {
  readonly binPx: number;
  readonly origin: number;
  /** The zoom level: columns are the base axis's cut in `2 ** level` times as many. */
  readonly level: number;
}

/**
 * Columns for a frame zoomed by `k` (at least 1) and shifted by `tx` from the base axis
 * (`x = k * base + tx`): `binPx` wide at 1x, 2x, 4x..., and as wide as the zoom makes them
 * in between (up to `2 * binPx`), anchored to the base axis. A column then holds the same
 * items while the view pans, and splits in two when the zoom doubles: marks and their
 * counts do not change under the pointer at every frame, and a frame zoomed 1.5x draws
 * a third fewer marks than columns fixed to the screen would.
 */
export function binGrid(k: number, tx: number, binPx = 2): BinGrid {
  const level = Math.max(0, Math.floor(Math.log2(k)));
  const width = (binPx * k) / 2 ** level;
  return { binPx: width, origin: tx - Math.ceil(tx / width) * width, level };
}

/**
 * A lane's marks at one zoom level of {@link binGrid}, over the whole axis: what
 * {@link binByColumn} makes for the base axis zoomed `2 ** level` times, whose x is kept
 * (`bins.x0`, `bins.x1`, "level px"). Every frame of that level shows some of these same
 * marks, moved and stretched: {@link viewLevel} picks them without binning again.
 */
export interface LevelBins {
  readonly level: number;
  readonly bins: Bins;
  /** `reach[b]`: the furthest `x1` of marks `0..b` (where marks that start off the left edge may still reach into view). */
  readonly reach: Float64Array;
}

/**
 * {@link LevelBins} of `index` for `level`, binned through `p` zoomed to `2 ** level` (its
 * zoom is left there): `width` is the base axis's width in px.
 */
export function binLevel(index: TimeIndex, p: Projection & { zoom(k: number, tx: number): unknown }, level: number, width: number, binPx = 2): LevelBins {
  const scale = 2 ** level;
  p.zoom(scale, 0);
  const w = width * scale;
  const n = index.ts.length;
  // The whole lane: every item is on the axis (it spans the data), and spans end where they end.
  // At most a mark per item, and at most about one per column: sized up front, not grown.
  const bins = binByColumn(index, p, Math.min(0, n ? p.x(index.ts[0]!) : 0), Math.max(w, n ? p.x(index.ts[n - 1]!) : 0), binPx, new Bins(Math.min(n, Math.ceil(w / binPx) + 2)));
  const reach = new Float64Array(bins.length);
  let far = -Infinity;
  for (let b = 0; b < bins.length; b++) reach[b] = far = Math.max(far, bins.x1[b]!);
  return { level, bins, reach };
}

/**
 * The marks of `level` in view `[xMin, xMax]` of a frame that draws level px `l` at
 * `x = scale * l + tx`, into `out` (emptied first): the marks {@link binByColumn} would make
 * on the frame's {@link binGrid}, but for a column across an edge, which holds all its
 * events here (its count does not change as the edge moves over it). Two binary searches
 * and a copy per mark in view.
 */
export function viewLevel(level: LevelBins, scale: number, tx: number, xMin: number, xMax: number, out: Bins): Bins {
  const { bins, reach } = level;
  const { first, count, flagged, x0, x1 } = bins;
  out.length = 0;
  const lo = (xMin - tx) / scale;
  const hi = (xMax - tx) / scale;
  const stop = upperBound(x0, hi, 0, bins.length);
  for (let b = lowerBound(reach, lo); b < stop; b++) {
    const right = x1[b]! * scale + tx;
    if (right >= xMin) out.push(first[b]!, count[b]!, x0[b]! * scale + tx, right, flagged[b]!);
  }
  return out;
}

/**
 * The item under `x` (within `tolerancePx`), nearest first; spans count from start to end.
 * Looks only at items whose time is near `x` (two binary searches), never at all of them.
 * Returns `-1` when nothing is close enough.
 */
export function hitTest(index: TimeIndex, p: Projection, x: number, tolerancePx = 4): number {
  const { ts, end } = index;
  const lo = lowerBound(ts, p.t(x - tolerancePx) - index.maxDuration);
  const hi = upperBound(ts, p.t(x + tolerancePx));
  let best = -1;
  let bestD = Infinity;
  // Scan backwards from the nearest start: later (shorter, on top) items win ties.
  for (let k = hi - 1, seen = 0; k >= lo && seen < 4096; k--, seen++) {
    const xs = p.x(ts[k] as number);
    const xe = Math.max(xs, p.x(end[k] as number));
    const d = x < xs ? xs - x : x > xe ? x - xe : 0;
    if (d <= tolerancePx && d < bestD) {
      best = k;
      bestD = d;
      if (d === 0 && xe - xs < 1) break;
    }
  }
  return best;
}
