import { expect } from 'chai';
import type { Projection } from './lod.js';
import { freeFrom, inView, intervalIndex, layoutStitched, layoutStripBars, stripBarAt } from './strip.js';

/** 1 px per ms from 0. */
const identity: Projection = { x: (t) => t, t: (x) => x };
const zoomed = (k: number, tx: number): Projection => ({ x: (t) => t * k + tx, t: (x) => (x - tx) / k });

const sessions = [
  { start: 10, end: 60 }, // 0
  { start: 100, end: 101 }, // 1: a crowd with 2 and 3
  { start: 105, end: 106 }, // 2
  { start: 108, end: 150 }, // 3
  { start: 400, end: 700 }, // 4: long, with no room after it
  { start: 720, end: 730 }, // 5
  { start: 2000, end: 2100 }, // 6: out of view at width 1000
];
const severity = [0, 0, 2, 1, 0, 0, 0];
const opts = { width: 1000, severity, wordPx: severity.map(() => 40) };

describe('sessions strip geometry', () => {
  it('draws a bar per session in view, a crowd as one bar showing its most severe ending', () => {
    const bars = layoutStripBars(sessions, intervalIndex(sessions), identity, opts);
    expect(bars.map((b) => [b.index, b.first, b.stop, b.x0, b.x1])).to.deep.equal([
      [0, 0, 1, 10, 60],
      [2, 1, 4, 100, 150],
      [4, 4, 5, 400, 700],
      [5, 5, 6, 720, 730],
    ]);
  });

  it('puts the badge after a bar with room, inside a long bar without, else shows the glyph only', () => {
    const bars = layoutStripBars(sessions, intervalIndex(sessions), identity, opts);
    expect(bars.map((b) => [b.badgeInside, b.showWord])).to.deep.equal([
      [false, true], // 40 px to the crowd
      [false, true],
      [true, true], // 20 px to the next session, 300 px wide
      [false, true],
    ]);
    const tight = layoutStripBars(
      [
        { start: 0, end: 10 },
        { start: 30, end: 40 },
      ],
      intervalIndex([
        { start: 0, end: 10 },
        { start: 30, end: 40 },
      ]),
      identity,
      opts,
    );
    expect([tight[0]!.badgeInside, tight[0]!.showWord]).to.deep.equal([false, false]);
  });

  it('gives short sessions a bar at least 3 px wide, and follows the zoom', () => {
    const bars = layoutStripBars(sessions, intervalIndex(sessions), zoomed(4, -300), opts);
    // 100..150 -> 100..300: now 1, 2 and 3 are apart (4 px per ms).
    expect(bars.filter((b) => b.first >= 1 && b.first <= 3).map((b) => [b.index, b.x0, b.x1])).to.deep.equal([
      [1, 100, 104],
      [2, 120, 124],
      [3, 132, 300],
    ]);
  });

  it('hit-tests a pointer x against the bars, with a little slop', () => {
    const bars = layoutStripBars(sessions, intervalIndex(sessions), identity, opts);
    expect(stripBarAt(bars, 30)).to.equal(0);
    expect(stripBarAt(bars, 61.5)).to.equal(0);
    expect(stripBarAt(bars, 80)).to.equal(-1);
    expect(bars[stripBarAt(bars, 120)]!.index).to.equal(2);
    expect(bars[stripBarAt(bars, 725)]!.index).to.equal(5);
    expect(stripBarAt(bars, 5)).to.equal(-1);
    expect(stripBarAt([], 5)).to.equal(-1);
  });

  it('finds the intervals in view by two binary searches', () => {
    const index = intervalIndex(sessions);
    expect(index.sorted).to.equal(true);
    const [first, stop] = inView(index, identity, 200, 710);
    expect(sessions.slice(first, stop).map((s) => s.start)).to.deep.equal([400]);
    expect(inView(intervalIndex([sessions[3]!, sessions[0]!]), identity, 0, 5)).to.deep.equal([0, 2]);
  });

  it('brackets stitched sessions in view and merges touching slivers', () => {
    const stitched = [
      { start: 0, end: 200 },
      { start: 300, end: 300.5 },
      { start: 301, end: 301.5 },
      { start: 500, end: 900 },
      { start: 5000, end: 6000 },
    ];
    expect(layoutStitched(stitched, intervalIndex(stitched), identity, 1000)).to.deep.equal([
      { index: 0, x0: 0, x1: 200 },
      { index: -1, x0: 300, x1: 303 },
      { index: 3, x0: 500, x1: 900 },
    ]);
  });

  it('leaves a gap label the part of the gap right of the end badges that run into it', () => {
    const badges = [
      { x0: 10, x1: 60 },
      { x0: 105, x1: 180 }, // runs into the gap [150, 300]
      { x0: 310, x1: 330 }, // after the gap
    ];
    expect(freeFrom(150, 300, badges)).to.equal(180);
    expect(freeFrom(70, 100, badges)).to.equal(70); // the first badge ended before
    expect(freeFrom(200, 300, [])).to.equal(200);
    // A badge wholly inside the gap, and another one right of it: the label goes after both.
    expect(freeFrom(400, 600, [{ x0: 410, x1: 450 }, { x0: 455, x1: 470 }])).to.equal(470);
  });
});
