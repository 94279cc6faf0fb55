/**
 * Histogram thresholds for numeric dimensions, computed in pure code (d3-array's `nice` and
 * `ticks`, no DOM).
 */

import { bisectRight, nice, tickStep, ticks } from 'd3-array';

/** About this many bins for evenly spread values. */
const TARGET_BINS = 20;
/** Values whose maximum is this many times their median get 1-2-5 (logarithmic) bins. */
const SKEW = 20;

/** Rounds away float noise from `m * 10 ** e` (0.1 * 3 is 0.30000000000000004). */
const clean = (x: number) => Number(x.toPrecision(12));

/**
 * Thresholds of a histogram for the given values, ascending: bins are `[t[i], t[i + 1])` and
 * every finite value falls in one (the last threshold is above the maximum).
 *
 * Evenly spread values get about 20 equal bins with nice bounds (d3's `nice` and `ticks`);
 * non-negative values with a long tail (durations, counts: maximum 20 times the median or
 * more) get bins on a 1-2-5 series from 0 (0, 1, 2, 5, 10, 20, 50...), so that the bulk and
 * the tail both show. Non-finite values are ignored; no finite value: no thresholds.
 *
 * @param sorted the distinct values, ascending
 * @param counts optional weights: how many times each value occurs (default 1 each)
 */
export function histogramThresholds(sorted: ArrayLike<number>, counts?: ArrayLike<number>): number[] {
  let first = 0;
  while (first < sorted.length && !Number.isFinite(sorted[first] as number)) first++;
  let last = sorted.length - 1;
  while (last >= first && !Number.isFinite(sorted[last] as number)) last--;
  if (last < first) return [];
  const lo = sorted[first] as number;
  const hi = sorted[last] as number;
  if (lo === hi) {
    const step = lo === 0 ? 1 : 10 ** Math.floor(Math.log10(Math.abs(lo)));
    return [lo, clean(lo + step)];
  }
  const weight = (i: number) => (counts === undefined ? 1 : (counts[i] as number));
  /** The value at quantile `q` of the values from index `from`. */
  const quantile = (q: number, from: number) => {
    let total = 0;
    for (let i = from; i <= last; i++) total += weight(i);
    let seen = 0;
    for (let i = from; i <= last; i++) {
      seen += weight(i);
      if (seen >= q * total) return sorted[i] as number;
    }
    return hi;
  };
  const median = quantile(0.5, first);
  if (lo >= 0 && (median === 0 || hi / median >= SKEW)) {
    let firstPositive = first;
    while ((sorted[firstPositive] as number) <= 0) firstPositive++;
    const small = quantile(0.01, firstPositive);
    let e = Math.floor(Math.log10(small));
    const out = [0];
    for (;;) {
      for (const m of [1, 2, 5]) {
        const t = clean(m * 10 ** e);
        if (t > (out[out.length - 1] as number)) out.push(t);
        if (t > hi) return out;
      }
      e++;
    }
  }
  const [a, b] = nice(lo, hi, TARGET_BINS);
  const out = ticks(a, b, TARGET_BINS);
  const step = tickStep(a, b, TARGET_BINS);
  while ((out[out.length - 1] as number) <= hi) out.push(clean((out[out.length - 1] as number) + step));
  return out;
}

/** The bin of `v` in `thresholds` (`[t[i], t[i + 1])`), or -1 when it is in none. */
export function binOf(thresholds: readonly number[], v: number): number {
  if (!(v >= (thresholds[0] as number)) || !(v < (thresholds[thresholds.length - 1] as number))) return -1;
  return bisectRight(thresholds, v) - 1;
}
