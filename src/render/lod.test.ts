import { expect } from 'chai';
import { Bins, binByColumn as binInto, binGrid, binLevel, buildTimeIndex, hitTest, viewLevel, lowerBound, lowerBoundFrom, nearestIndex, upperBound, type Projection, type TimeIndex } from './lod.js';

/** {@link binInto}'s marks as objects, for reading in a test. */
function binByColumn(index: TimeIndex, p: Projection, xMin: number, xMax: number, binPx: number, origin?: number) {
  const b = binInto(index, p, xMin, xMax, binPx, new Bins(), origin);
  return Array.from({ length: b.length }, (_, i) => ({ first: b.first[i]!, count: b.count[i]!, x0: b.x0[i]!, x1: b.x1[i]!, flagged: b.flagged[i]! }));
}

/** 1 px per ms from 0. */
const identity: Projection = { x: (t) => t, t: (x) => x };

describe('level of detail', () => {
  it('finds bounds by binary search', () => {
    const a = Float64Array.from([1, 2, 2, 2, 5]);
    expect(lowerBound(a, 2)).to.equal(1);
    expect(upperBound(a, 2)).to.equal(4);
    expect(lowerBound(a, 9)).to.equal(5);
    expect(nearestIndex(a, 4)).to.equal(4);
    expect(nearestIndex(a, 0)).to.equal(0);
  });

  it('searches out from a start index to the same bound as a binary search', () => {
    const a = Float64Array.from({ length: 300 }, (_, i) => Math.floor(i / 3));
    for (let lo = 0; lo <= a.length; lo += 7) {
      for (const x of [-1, 0, 0.5, 1, 17, 50, 99, 99.5, 100, 1e9]) {
        expect(lowerBoundFrom(a, x, lo), `x ${x} from ${lo}`).to.equal(lowerBound(a, x, lo));
        expect(lowerBoundFrom(a, x, lo, 150), `x ${x} from ${lo} below 150`).to.equal(lowerBound(a, x, lo, 150));
      }
    }
  });

  it('makes one mark with a count for events in the same 2-px column', () => {
    const ts = [10, 10.5, 11.2, 11.9, 20, 40];
    const index = buildTimeIndex(ts, (t) => t, () => 0, (t) => t === 11.2);
    const bins = binByColumn(index, identity, 0, 100, 2);
    expect(bins.map((b) => [b.first, b.count])).to.deep.equal([
      [0, 4],
      [4, 1],
      [5, 1],
    ]);
    expect(bins[0]!.flagged).to.equal(1);
  });

  it('draws only the visible range, and keeps a span that started before it', () => {
    const items = [
      { t: 0, d: 500 },
      { t: 100, d: 0 },
      { t: 900, d: 0 },
    ];
    const index = buildTimeIndex(items, (i) => i.t, (i) => i.d, () => false);
    const bins = binByColumn(index, identity, 300, 600, 2);
    expect(bins.map((b) => b.first)).to.deep.equal([0]);
    expect(bins[0]!.x1).to.equal(500);
  });

  it('accounts for every visible event exactly once, whatever the zoom', () => {
    const ts = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 100_000).sort((a, b) => a - b);
    const index = buildTimeIndex(ts, (t) => t, () => 0, () => false);
    for (const k of [0.001, 0.01, 0.3, 2]) {
      const p: Projection = { x: (t) => t * k, t: (x) => x / k };
      const bins = binByColumn(index, p, 0, 100_000 * k, 2);
      expect(bins.reduce((s, b) => s + b.count, 0)).to.equal(10_000);
      expect(bins.length).to.be.at.most(Math.ceil((100_000 * k) / 2) + 1);
    }
  });

  it('anchors its columns to the data: 2 px at 1x, 2x, 4x, as wide as the zoom makes them in between', () => {
    for (const [k, width] of [[1, 2], [1.5, 3], [1.999, 3.998], [2, 2], [3, 3], [4, 2], [6, 3], [1000, 1000 / 256]] as const) {
      const grid = binGrid(k, 0);
      expect(grid.binPx, `zoom ${k}`).to.be.closeTo(width, 1e-9);
      expect(grid.binPx).to.be.at.least(2).and.below(4);
    }
    // The first column starts at or left of 0, on the grid of the base axis shifted by tx.
    for (const tx of [0, -0.4, 7.25, -1_234.5, 1e6 + 0.3]) {
      const { binPx, origin } = binGrid(1.5, tx);
      expect(origin).to.be.at.most(0).and.above(-binPx);
      const cells = (origin - tx) / binPx;
      expect(Math.abs(cells - Math.round(cells)), `tx ${tx}`).to.be.below(1e-6);
    }
  });

  it('keeps the same marks, with the same counts, while the view pans', () => {
    // Clear of the columns' edges (even times at this zoom), where rounding may tip an item either way.
    const ts = Array.from({ length: 4_000 }, (_, i) => ((i * 7919) % 20_000) + 0.1 + (i % 3) * 0.25).sort((a, b) => a - b);
    const index = buildTimeIndex(ts, (t) => t, () => 0, (t) => t % 5 === 0);
    const k = 1.37;
    const marksAt = (tx: number) => {
      const p: Projection = { x: (t) => t * k + tx, t: (x) => (x - tx) / k };
      const { binPx, origin } = binGrid(k, tx);
      const marks = binByColumn(index, p, 0, 1_000, binPx, origin);
      // Every item of a mark starts in the mark's column.
      for (const m of marks) {
        const col = Math.floor((p.x(ts[m.first]!) - origin) / binPx);
        expect(Math.floor((p.x(ts[m.first + m.count - 1]!) - origin) / binPx)).to.equal(col);
      }
      return new Map(marks.map((m) => [m.first, m.count]));
    };
    const before = marksAt(-3_000);
    // Panned by amounts that are not whole columns: the marks well inside both views are the same.
    for (const dx of [0.7, 13.3, -5.1]) {
      const after = marksAt(-3_000 + dx);
      const inside = [...before].filter(([first]) => ts[first]! * k - 3_000 > 40 && ts[first]! * k - 3_000 < 940);
      expect(inside.length).to.be.above(100);
      for (const [first, count] of inside) expect(after.get(first), `pan ${dx}, mark at ${first}`).to.equal(count);
    }
  });

  it('moves the marks of a zoom level, binned once, into any frame of that level as binning the frame would', () => {
    // Spans and instants over a base axis 1,000 px wide (1 px per 20 ms), clear of column edges.
    const items = Array.from({ length: 6_000 }, (_, i) => ({ t: ((i * 7919) % 20_000) * 1.003 + 0.37, d: i % 4 === 0 ? (i % 13) * 40 : 0 })).sort((a, b) => a.t - b.t);
    const index = buildTimeIndex(items, (i) => i.t, (i) => i.d, (i) => i.t % 7 < 1);
    class Linear {
      k = 1;
      tx = 0;
      zoom(k: number, tx: number) {
        this.k = k;
        this.tx = tx;
      }
      x(t: number) {
        return (t / 20) * this.k + this.tx;
      }
      t(x: number) {
        return ((x - this.tx) / this.k) * 20;
      }
    }
    const levels = [0, 1].map((level) => binLevel(index, new Linear(), level, 1_000));
    const out = new Bins();
    const asObjects = (b: Bins) => Array.from({ length: b.length }, (_, i) => ({ first: b.first[i]!, count: b.count[i]!, x0: b.x0[i]!, x1: b.x1[i]!, flagged: b.flagged[i]! }));
    for (const [k, tx] of [[1, 0], [1.3, -150.5], [1.99, -900], [2, -3.3], [3.7, -2_000.25]] as const) {
      const p = new Linear();
      p.zoom(k, tx);
      const grid = binGrid(k, tx);
      const viewed = asObjects(viewLevel(levels[grid.level]!, k / 2 ** grid.level, tx, 0, 1_000, out));
      const binned = binByColumn(index, p, 0, 1_000, grid.binPx, grid.origin);
      // Marks whose column is in view are the same (one across an edge holds its whole column
      // here, its part in view there).
      const inView = (m: { x0: number }) => m.x0 >= 0 && m.x0 < 1_000 - grid.binPx;
      const close = (ms: typeof binned) => ms.filter(inView).map((m) => ({ ...m, x0: Math.round(m.x0 * 1e6), x1: Math.round(m.x1 * 1e6) }));
      expect(close(viewed), `zoom ${k}, tx ${tx}`).to.deep.equal(close(binned));
      expect(viewed.filter(inView).length).to.be.above(100);
      // Every mark shown reaches into view, and every event in view is in one.
      for (const m of viewed) expect(m.x1 >= 0 && m.x0 <= 1_000).to.equal(true);
      const shown = new Set(viewed.flatMap((m) => Array.from({ length: m.count }, (_, j) => m.first + j)));
      items.forEach((item, i) => {
        const x = p.x(item.t);
        if (x >= 0 && x <= 1_000) expect(shown.has(i), `event ${i} at x ${x}`).to.equal(true);
      });
      // Marks that start off the left edge and reach into it are shown.
      const level = levels[grid.level]!;
      const s = k / 2 ** grid.level;
      let reaching = 0;
      for (let b = 0; b < level.bins.length; b++) {
        if (level.bins.x0[b]! * s + tx < 0 && level.bins.x1[b]! * s + tx >= 0) {
          reaching++;
          expect(shown.has(level.bins.first[b]!), `mark ${b} reaching into view`).to.equal(true);
        }
      }
      if (tx < -100) expect(reaching, `zoom ${k}, tx ${tx}`).to.be.above(0);
    }
  });

  it('reuses its arrays past their first size', () => {
    const items = Array.from({ length: 5_000 }, (_, i) => ({ t: i * 37 + (i % 7), d: i % 5 === 0 ? 90 : 0 }));
    const index = buildTimeIndex(items, (i) => i.t, (i) => i.d, (i) => i.t % 3 === 0);
    const p: Projection = { x: (t) => t / 20, t: (x) => x * 20 };
    const out = new Bins();
    binInto(index, p, 0, 9_300, 2, out);
    expect(out.length).to.be.above(256); // grew
    binInto(index, p, 0, 100, 2, out);
    expect(out.length).to.equal(binByColumn(index, p, 0, 100, 2).length); // emptied first
  });

  it('hit-tests the mark under the pointer, and spans along their length', () => {
    const items = [
      { t: 100, d: 0 },
      { t: 200, d: 300 },
      { t: 600, d: 0 },
    ];
    const index = buildTimeIndex(items, (i) => i.t, (i) => i.d, () => false);
    expect(hitTest(index, identity, 102, 4)).to.equal(0);
    expect(hitTest(index, identity, 350, 4)).to.equal(1);
    expect(hitTest(index, identity, 560, 4)).to.equal(-1);
    expect(hitTest(index, identity, 598, 4)).to.equal(2);
  });

  it('keeps every mark when it grows past its capacity', () => {
    const bins = new Bins(1);
    for (let i = 0; i < 1_000; i++) bins.push(i, i + 1, i / 3, i / 3 + 0.5, i % 7);
    expect(bins.length).to.equal(1_000);
    expect(bins.first.length).to.be.at.least(1_000);
    for (const i of [0, 1, 2, 511, 512, 999]) {
      expect([bins.first[i], bins.count[i], bins.x0[i], bins.x1[i], bins.flagged[i]], `mark ${i}`).to.deep.equal([i, i + 1, i / 3, i / 3 + 0.5, i % 7]);
    }
  });
});
