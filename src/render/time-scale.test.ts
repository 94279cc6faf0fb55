import { expect } from 'chai';
import { zoomIdentity } from './zoom-transform.js';
import { DAY, HOUR, MINUTE } from './format.js';
import { brokenScale, buildBrokenAxis, linearTimeScale, PiecewiseProjection, placeGaps, segmentTicks, ShiftedProjection, visibleRange, zoomedScale, type TimeScale } from './time-scale.js';

/**
 * The reference for a zoomed broken axis: a copy of the base scale with its range zoomed,
 * every breakpoint exact (`zoomed(t) === transform.applyX(base(t))`), as d3 evaluates it.
 */
function rescalePolylinear(base: TimeScale, transform: { applyX(x: number): number }): TimeScale {
  return base.copy().range(base.range().map((x) => transform.applyX(x)));
}

const T0 = Date.UTC(2026, 0, 5, 12, 3);
const first = { start: T0, end: T0 + 9 * MINUTE };
const second = { start: T0 + 2 * HOUR + 23 * MINUTE, end: T0 + 2 * HOUR + 27 * MINUTE };

describe('broken time axis', () => {
  it('compresses a long idle gap to a fixed width and writes its length', () => {
    const axis = buildBrokenAxis([second, first], { width: 1000, gapPx: 88 });
    expect(axis.segments).to.have.length(2);
    expect(axis.gaps).to.have.length(1);
    const gap = axis.gaps[0]!;
    expect(gap.x1 - gap.x0).to.equal(88);
    expect(gap.idle).to.equal(2 * HOUR + 14 * MINUTE);
    const scale = brokenScale(axis);
    expect(scale(axis.segments[0]!.start)).to.equal(0);
    expect(scale(axis.segments[1]!.end)).to.be.closeTo(1000, 1e-6);
    const gaps = placeGaps(scale, axis, 1000);
    expect(gaps.map((g) => g.label)).to.deep.equal(['⋯ 2 h 14 min ⋯']);
  });

  it('places the gaps in view of a zoomed axis: every gap that reaches into [0, width], none other', () => {
    // Sessions of a minute every 1 to 3 hours: 200 gaps.
    const intervals = Array.from({ length: 201 }, (_, i) => ({ start: T0 + i * 3 * HOUR + (i % 3) * HOUR, end: T0 + i * 3 * HOUR + (i % 3) * HOUR + MINUTE }));
    const axis = buildBrokenAxis(intervals, { width: 1000, gapPx: 6 });
    expect(axis.gaps).to.have.length(200);
    const base = brokenScale(axis);
    const p = PiecewiseProjection.of(base);
    // Some views, and views whose left or right edge cuts through gap 57 (it is partly in view).
    const mid = (axis.gaps[57]!.x0 + axis.gaps[57]!.x1) / 2;
    const views = [[1, 0], [3, -1200], [40, -20_000], [200, -100_123.5], [7, 1500], [7, -7000], [40, -40 * mid], [40, 1000 - 40 * mid]] as const;
    for (const [k, x] of views) {
      const scale = zoomedScale(base, p, { k, x });
      const expected = axis.gaps.filter((g) => scale(g.end) >= 0 && scale(g.start) <= 1000).map((g) => ({ x0: scale(g.start), x1: scale(g.end), idle: g.idle }));
      expect(placeGaps(scale, axis, 1000).map(({ x0, x1, idle }) => ({ x0, x1, idle })), `k ${k}, x ${x}`).to.deep.equal(expected);
    }
  });

  it('gives segments width in proportion to their length, and keeps time order', () => {
    const axis = buildBrokenAxis([first, second], { width: 1000, gapPx: 88 });
    const [a, b] = axis.segments;
    expect(a!.x1 - a!.x0).to.be.greaterThan(b!.x1 - b!.x0);
    for (let i = 1; i < axis.domain.length; i++) expect(axis.domain[i]).to.be.greaterThan(axis.domain[i - 1]!);
  });

  it('merges intervals closer than the minimum gap', () => {
    const axis = buildBrokenAxis([first, { start: first.end + 5 * MINUTE, end: first.end + 6 * MINUTE }], { width: 500 });
    expect(axis.segments).to.have.length(1);
    expect(axis.gaps).to.have.length(0);
  });

  it('shrinks gaps when there are many, so segments keep most of the width', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ start: T0 + i * 2 * HOUR, end: T0 + i * 2 * HOUR + 10 * MINUTE }));
    const axis = buildBrokenAxis(many, { width: 1000 });
    const gapTotal = axis.gaps.reduce((s, g) => s + g.x1 - g.x0, 0);
    expect(gapTotal).to.be.at.most(350 + 1e-6);
  });

  it('puts ticks only inside segments, never in a gap, and zooms with rescaleX', () => {
    const axis = buildBrokenAxis([first, second], { width: 1000, gapPx: 88 });
    const base = brokenScale(axis);
    const ticks = segmentTicks(base, axis, 1000, 'UTC');
    expect(ticks.length).to.be.greaterThan(2);
    const gap = axis.gaps[0]!;
    for (const t of ticks) expect(t.x < gap.x0 || t.x > gap.x1, `${t.label} at ${t.x}`).to.equal(true);
    expect(ticks[0]!.label).to.match(/^12:0\d$/);

    const transform = zoomIdentity.translate(-500, 0).scale(2);
    const zoomed = rescalePolylinear(base, transform);
    const [t0, t1] = visibleRange(zoomed, 1000);
    const [b0, b1] = visibleRange(base, 1000);
    expect(t1 - t0).to.be.lessThan(b1 - b0);
  });

  it('zooms a broken scale exactly: every time lands where the transform puts its base x', () => {
    const axis = buildBrokenAxis([first, second], { width: 1000, gapPx: 88 });
    const base = brokenScale(axis);
    const transform = zoomIdentity.translate(-2000, 0).scale(3.3);
    const zoomed = rescalePolylinear(base, transform);
    for (const t of [first.start, first.end, T0 + HOUR, second.start, second.end - MINUTE]) {
      expect(zoomed(t)).to.be.closeTo(transform.applyX(base(t)), 1e-6);
    }
    // d3-zoom's rescaleX keeps the range breakpoints, so on a polylinear scale it drifts.
    const drift = Math.abs(transform.rescaleX(base)(second.start) - transform.applyX(base(second.start)));
    expect(drift).to.be.greaterThan(10);
  });
  it('labels a busy axis at full extent: many short segments get ticks of the whole range', () => {
    // 200 days, two short visits a day: every segment is a few px wide.
    const visits = [];
    for (let d = 0; d < 200; d++) {
      visits.push({ start: T0 + d * 86_400_000 + 8 * HOUR, end: T0 + d * 86_400_000 + 8 * HOUR + 10 * MINUTE });
      visits.push({ start: T0 + d * 86_400_000 + 19 * HOUR, end: T0 + d * 86_400_000 + 19 * HOUR + 10 * MINUTE });
    }
    const axis = buildBrokenAxis(visits, { width: 1080 });
    const base = brokenScale(axis);
    const ticks = segmentTicks(base, axis, 1080, 'UTC');
    expect(ticks.length).to.be.at.least(5);
    for (let k = 1; k < ticks.length; k++) expect(ticks[k]!.x - ticks[k - 1]!.x).to.be.at.least(60);
    // Each tick sits where its time is on the broken scale, labelled as a date.
    for (const t of ticks) {
      expect(t.x).to.be.closeTo(base(t.t), 1e-9);
      expect(t.label).to.match(/^\w{3} \d{1,2} \w{3}$/);
    }
  });
  it('evaluates a broken scale piecewise as d3 does, in any order of calls', () => {
    const visits = Array.from({ length: 50 }, (_, d) => ({ start: T0 + d * 7 * HOUR, end: T0 + d * 7 * HOUR + (d % 5) * 13 * MINUTE }));
    const axis = buildBrokenAxis(visits, { width: 1000 });
    const base = brokenScale(axis);
    const fast = new PiecewiseProjection(axis.domain, axis.range);
    const times = [T0 - DAY, ...axis.domain, ...Array.from({ length: 400 }, (_, i) => T0 + i * 53 * MINUTE), T0 + 30 * DAY];
    for (const t of [...times, ...times.slice().reverse(), T0 + 3 * HOUR, T0 - HOUR, T0 + 100 * HOUR]) expect(fast.base(t)).to.be.closeTo(base(t), 1e-6);
    const xs = [-50, ...axis.range, ...Array.from({ length: 400 }, (_, i) => i * 2.6), 1200];
    for (const x of [...xs, ...xs.slice().reverse(), 500, -10, 999]) expect(fast.invertBase(x)).to.be.closeTo(base.invert(x), 1e-3);
  });
  it('the projection of a linear scale, shifted per row and zoomed, maps as that d3 scale', () => {
    const base = linearTimeScale(T0, T0 + DAY, 900);
    const p = PiecewiseProjection.of(base);
    const row = new ShiftedProjection(p);
    const zoomed = rescalePolylinear(base, { applyX: (x) => x * 2.5 - 300 });
    const s = zoomedScale(base, p, { k: 2.5, x: -300 });
    row.shift(HOUR);
    for (let u = -HOUR; u < DAY + HOUR; u += 37 * MINUTE) {
      expect(s(T0 + u)).to.be.closeTo(zoomed(T0 + u), 1e-6);
      expect(row.x(T0 + u + HOUR)).to.be.closeTo(zoomed(T0 + u), 1e-6);
    }
    for (let x = -50; x < 1000; x += 13.7) {
      expect(s.invert(x)).to.be.closeTo(zoomed.invert(x), 1e-3);
      expect(row.t(x)).to.be.closeTo(zoomed.invert(x) + HOUR, 1e-3);
    }
    // A scale made for one transform keeps its values after the projection zooms on.
    p.zoom(7, 10);
    expect(s(T0 + HOUR)).to.be.closeTo(zoomed(T0 + HOUR), 1e-6);
  });
  it('zooms as rescalePolylinear does, both ways', () => {
    const visits = Array.from({ length: 30 }, (_, d) => ({ start: T0 + d * 9 * HOUR, end: T0 + d * 9 * HOUR + 40 * MINUTE }));
    const axis = buildBrokenAxis(visits, { width: 800 });
    const base = brokenScale(axis);
    const p = new PiecewiseProjection(axis.domain, axis.range);
    for (const [k, tx] of [[1, 0], [3.5, -420.25], [40, -9000]] as const) {
      const zoomed = rescalePolylinear(base, { applyX: (x) => x * k + tx });
      p.zoom(k, tx);
      for (let t = T0 - HOUR; t < T0 + 280 * HOUR; t += 17 * MINUTE) expect(p.x(t)).to.be.closeTo(zoomed(t), 1e-6);
      for (let x = -100; x < 900; x += 7.3) expect(p.t(x)).to.be.closeTo(zoomed.invert(x), 1e-3);
    }
  });
});
