import { expect } from 'chai';
import { deriveSessions } from '../core/index.js';
import type { Session } from '../core/types.js';
import { HOSTILE_DEVICE, at, cohortEvents, MON } from '../../test/fixtures/cohort.js';
import { HOUR, MINUTE } from './format.js';
import { hitTest, type Projection } from './lod.js';
import { buildRows, groupAt, nearestSession, rowAt, rowOffset, rowsExtent, sortRows, toPredicate, visibleRows, SORT_KEYS } from './rows.js';

const model = deriveSessions(cohortEvents);
const keys = (rows: { key: string }[]) => rows.map((r) => r.key);

describe('cohort rows', () => {
  it('makes one row per device with its stitched sessions and totals', () => {
    const rows = buildRows(model);
    expect(keys(rows)).to.deep.equal(['22de', '7f3a', '91c0', HOSTILE_DEVICE]);
    const alice = rows[1]!;
    expect(alice.userId).to.equal('alice');
    expect(alice.sessions).to.have.length(6);
    expect(alice.groups.map((g) => g.sessions.length)).to.deep.equal([3, 3]);
    expect(Array.from(alice.groupOf)).to.deep.equal([0, 0, 0, 1, 1, 1]);
    expect(alice.first).to.equal(at('09:00'));
    expect(alice.last).to.equal(at('13:05'));
    expect(alice.foregroundMs).to.equal(20 * MINUTE);
    expect(alice.fatal).to.equal(2);
    expect(alice.endReasons).to.deep.include({ crash: 1, anr: 1, background: 2, foreground: 2 });
    expect(alice.dimensions['device.model']).to.equal('Pixel 8');
    // The index that drawing and hit-testing read: starts, ends, marked ends.
    expect(Array.from(alice.ts)).to.deep.equal(alice.sessions.map((s) => s.start));
    expect(alice.flagPrefix[alice.sessions.length]).to.equal(2);
  });

  it('sorts by each key, ties by key', () => {
    const rows = buildRows(model);
    const order = Object.fromEntries(SORT_KEYS.map((k) => [k, keys(sortRows(rows, k))]));
    expect(order).to.deep.equal({
      'last-seen': ['91c0', HOSTILE_DEVICE, '7f3a', '22de'],
      'first-seen': ['91c0', '7f3a', '22de', HOSTILE_DEVICE],
      sessions: ['7f3a', '91c0', '22de', HOSTILE_DEVICE],
      'foreground-time': ['91c0', '22de', '7f3a', HOSTILE_DEVICE],
      crashes: ['7f3a', '91c0', HOSTILE_DEVICE, '22de'],
    });
    // A copy: the input order is untouched.
    expect(keys(rows)).to.deep.equal(['22de', '7f3a', '91c0', HOSTILE_DEVICE]);
  });

  it('keeps only the sessions a filter accepts, dropping empty stitched sessions and rows', () => {
    const crashed = (s: Session) => s.endReason === 'crash' || s.endReason === 'oom';
    const rows = buildRows(model, { filter: crashed });
    expect(keys(rows)).to.deep.equal(['7f3a', '91c0']);
    expect(rows[0]!.groups).to.have.length(1);
    expect(rows[0]!.groups[0]!.start).to.equal(at('09:14'));
    expect(rows[0]!.groups[0]!.stitched.sessions).to.have.length(3);
    // An object with matches() works the same (a FilterIndex fits).
    expect(keys(buildRows(model, { filter: { matches: crashed } }))).to.deep.equal(['7f3a', '91c0']);
    expect(toPredicate(null)).to.equal(undefined);
  });

  it('groups by user: sessions before log-in go to the device\'s user, anonymous devices stay rows', () => {
    const events = [
      { ts: MON, type: 'app.launch', deviceId: 'p1' },
      { ts: MON + MINUTE, type: 'view', deviceId: 'p1', userId: 'ann' },
      { ts: MON + 5 * MINUTE, type: 'app.background', deviceId: 'p1', userId: 'ann' },
      { ts: MON + 2 * HOUR, type: 'app.launch', deviceId: 'tablet', userId: 'ann' },
      { ts: MON + 3 * HOUR, type: 'app.launch', deviceId: 'p2' },
    ];
    const m = deriveSessions(events);
    const rows = buildRows(m, { groupBy: 'user' });
    expect(keys(rows)).to.deep.equal(['ann', 'p2']);
    expect(rows[0]!.deviceIds).to.deep.equal(['p1', 'tablet']);
    expect(rows[0]!.deviceId).to.equal('tablet');
    expect(rows[0]!.userId).to.equal('ann');
    expect(rows[1]!.userId).to.equal(undefined);
  });

  it('aligns rows in calendar time or from each row\'s first session', () => {
    const rows = buildRows(model);
    expect(rowsExtent(rows, 'calendar')).to.deep.equal([at('08:00'), at('10:40', Date.UTC(2026, 0, 6))]);
    // 91c0 spans Monday 08:00 to Tuesday 10:40: the longest journey.
    expect(rowsExtent(rows, 'relative')).to.deep.equal([0, 26 * HOUR + 40 * MINUTE]);
    expect(rowOffset(rows[1]!, 'relative')).to.equal(at('09:00'));
    expect(rowOffset(rows[1]!, 'calendar')).to.equal(0);
    expect(rowsExtent([], 'calendar')).to.equal(undefined);
  });

  it('finds the row, the session and the stitched session under a point', () => {
    expect(rowAt(57, 28, 4)).to.equal(2);
    expect(rowAt(-1, 28, 4)).to.equal(-1);
    expect(rowAt(200, 28, 4)).to.equal(-1);
    const alice = buildRows(model)[1]!;
    // 1 px per minute from 09:00.
    const p: Projection = { x: (t) => (t - at('09:00')) / MINUTE, t: (x) => at('09:00') + x * MINUTE };
    expect(alice.sessions[hitTest(alice, p, 16, 2)]!.endReason).to.equal('crash');
    expect(hitTest(alice, p, 100, 2)).to.equal(-1);
    expect(groupAt(alice, at('09:12'))).to.equal(0);
    expect(groupAt(alice, at('12:00'))).to.equal(-1);
    expect(groupAt(alice, at('13:04'))).to.equal(1);
    expect(nearestSession(alice, at('12:00'))).to.equal(3);
    expect(nearestSession(alice, at('09:11'))).to.equal(1);
  });

  it('puts only the rows in view, plus overscan, in the DOM', () => {
    expect(visibleRows(0, 400, 28, 10_000, 6)).to.deep.equal([0, 21]);
    expect(visibleRows(28 * 5000, 400, 28, 10_000, 6)).to.deep.equal([4994, 5021]);
    expect(visibleRows(0, 400, 28, 3, 6)).to.deep.equal([0, 3]);
  });
});
