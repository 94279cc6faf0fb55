/** Validation (spec §2), the fields every session carries (§3), and the API (§5). */
import { expect } from 'chai';
import { createSessionizer, deriveSessions, parseIsoTimestamp } from './index.js';
import { at, MINUTE, T0 } from '../../test/fixtures/events.js';

describe('§2 validation: nothing is lost silently', () => {
  it('input that is not an array is a TypeError that says what was expected', () => {
    for (const bad of [undefined, null, 42, 'events', { ts: 1, type: 'tap' }]) {
      expect(() => deriveSessions(bad)).to.throw(TypeError, /expects an array of event objects/);
    }
  });

  it('an empty array gives an empty model', () => {
    const m = deriveSessions([]);
    expect(m.sessions).to.deep.equal([]);
    expect(m.stitched).to.deep.equal([]);
    expect(m.stats).to.deep.equal({ input: 0, accepted: 0, dropped: 0, lateReports: 0 });
  });

  it('each bad item is left out with its index and code, and never throws', () => {
    const items: unknown[] = [
      at(0, 'app.launch', { id: 'a' }),
      null, // 1
      'tap', // 2
      [1, 2], // 3
      { type: 'view' }, // 4: no ts
      { ts: 'yesterday', type: 'view' }, // 5
      { ts: Number.NaN, type: 'view' }, // 6
      { ts: Number.POSITIVE_INFINITY, type: 'view' }, // 7
      { ts: T0 }, // 8: no type
      { ts: T0, type: '' }, // 9
      at(1, 'view', { id: 'a' }), // 10: duplicate
      at(2, 'tap', { id: 'b' }),
    ];
    const m = deriveSessions(items);
    expect(m.diagnostics.map((d) => [d.index, d.code])).to.deep.equal([
      [1, 'not-an-object'],
      [2, 'not-an-object'],
      [3, 'not-an-object'],
      [4, 'invalid-timestamp'],
      [5, 'invalid-timestamp'],
      [6, 'invalid-timestamp'],
      [7, 'invalid-timestamp'],
      [8, 'missing-type'],
      [9, 'missing-type'],
      [10, 'duplicate-id'],
    ]);
    expect(m.stats).to.include({ input: 12, accepted: 2, dropped: 10 });
    expect(m.sessions.flatMap((s) => s.events.map((e) => e.index))).to.deep.equal([0, 11]);
  });

  it('diagnostic messages name the item and what was wrong, for people', () => {
    const m = deriveSessions([{ ts: 'yesterday', type: 'view' }, { ts: 1 }, null, at(0, 'tap', { id: 'x' }), at(0, 'tap', { id: 'x' })]);
    expect(m.diagnostics.map((d) => d.message)).to.deep.equal([
      'item 0 has "ts" "yesterday": expected epoch milliseconds or an ISO-8601 date',
      'item 1 has no "type": expected a non-empty string',
      'item 2 is null, not an event object',
      'item 4 repeats id "x" of an earlier event; the first one is kept',
    ]);
  });

  it('the first of two events with one id is kept, wherever the second sorts', () => {
    const m = deriveSessions([at(5, 'tap', { id: 'x', name: 'first' }), at(1, 'tap', { id: 'x', name: 'second' })]);
    expect(m.sessions[0]!.events.map((e) => e.name)).to.deep.equal(['first']);
    expect(m.diagnostics).to.have.length(1);
  });

  it('a dropped item does not claim its id', () => {
    const m = deriveSessions([{ ts: 'bad', type: 'tap', id: 'x' }, at(0, 'tap', { id: 'x' })]);
    expect(m.stats).to.include({ accepted: 1, dropped: 1 });
    expect(m.diagnostics[0]!.code).to.equal('invalid-timestamp');
  });

  it('ISO-8601 timestamps are read the same in every runtime', () => {
    expect(parseIsoTimestamp('2026-01-05T00:00:00Z')).to.equal(T0);
    expect(parseIsoTimestamp('2026-01-05T01:30:00.250+01:30')).to.equal(T0 + 250);
    expect(parseIsoTimestamp('2026-01-05T00:10')).to.equal(T0 + 10 * MINUTE); // no offset: UTC
    expect(parseIsoTimestamp('2026-01-05')).to.equal(T0);
    expect(parseIsoTimestamp('2026-01-04T19:00:00-0500')).to.equal(T0);
    for (const bad of ['2026-02-30', '2026-13-01', 'Mon Jan 05 2026', '1767571200000', '', '2026-01-05T25:00']) {
      expect(parseIsoTimestamp(bad), bad).to.equal(undefined);
    }
    const m = deriveSessions([{ ts: '2026-01-05T00:00:00Z', type: 'app.launch', deviceId: 'd' }, { ts: T0 + MINUTE, type: 'tap', deviceId: 'd' }]);
    expect(m.sessions[0]!.start).to.equal(T0);
    expect(m.sessions[0]!.events[0]!.ts).to.equal(T0);
  });

  it('equal timestamps keep input order', () => {
    const m = deriveSessions([at(0, 'app.launch'), at(1, 'tap', { name: 'a' }), at(1, 'tap', { name: 'b' }), at(1, 'app.background'), at(1, 'tap', { name: 'c' })]);
    expect(m.sessions.map((s) => s.events.map((e) => e.name ?? e.type))).to.deep.equal([['app.launch', 'a', 'b', 'app.background'], ['c']]);
  });
});

describe('§3 what each session carries', () => {
  it('the device key falls back to userId, then "unknown"', () => {
    const m = deriveSessions([
      { ts: T0, type: 'tap', deviceId: 'dev' },
      { ts: T0, type: 'tap', userId: 'alice' },
      { ts: T0, type: 'tap' },
    ]);
    expect(m.sessions.map((s) => s.deviceId)).to.deep.equal(['alice', 'dev', 'unknown']);
  });

  it('sessions are ordered by device, then start, and numbered per device', () => {
    const m = deriveSessions([at(50, 'app.launch', { deviceId: 'b' }), at(0, 'app.launch', { deviceId: 'b' }), at(9, 'app.launch', { deviceId: 'a' })]);
    expect(m.sessions.map((s) => `${s.deviceId}#${s.number}@${(s.start - T0) / MINUTE}`)).to.deep.equal(['a#1@9', 'b#1@0', 'b#2@50']);
    expect(m.stitched.map((g) => `${g.deviceId}#${g.number}`)).to.deep.equal(['a#1', 'b#1', 'b#2']);
  });

  it('the id is the sessionId of the first event, else a stable generated one', () => {
    const events = [at(0, 'app.launch', { sessionId: 'sdk-1' }), at(1, 'app.background', { sessionId: 'sdk-1' }), at(2, 'log')];
    const m = deriveSessions(events);
    expect(m.sessions.map((s) => s.id)).to.deep.equal(['sdk-1', 'd1:2']);
    expect(deriveSessions(events).sessions.map((s) => s.id)).to.deep.equal(['sdk-1', 'd1:2']);
    expect(m.stitched[0]!.id).to.equal('d1:stitched:1');
    expect(m.sessions.every((s) => s.stitchedId === 'd1:stitched:1')).to.equal(true);
  });

  it('userId is the last one seen in the session, else carried forward', () => {
    const m = deriveSessions([
      at(0, 'app.launch'),
      at(1, 'session.end'),
      at(2, 'tap', { userId: 'alice' }),
      at(3, 'tap', { userId: 'bob' }),
      at(4, 'app.background'),
      at(5, 'log'),
    ]);
    expect(m.sessions.map((s) => s.userId)).to.deep.equal([undefined, 'bob', 'bob']);
    expect(m.stitched.map((g) => g.userId)).to.deep.equal([undefined, 'bob']);
  });

  it('dimensions merge the resource of its events, later values winning, plus userId', () => {
    const m = deriveSessions([
      at(0, 'app.launch', { resource: { 'app.version': '2.2.0', country: 'DE' } }),
      at(1, 'tap', { userId: 'alice', resource: { 'app.version': '2.3.0', 'experiment.checkout': 'B' } }),
    ]);
    expect(m.sessions[0]!.dimensions).to.deep.equal({ 'app.version': '2.3.0', country: 'DE', 'experiment.checkout': 'B', userId: 'alice' });
  });

  it('sessions continuing a process carry its processId', () => {
    const m = deriveSessions([
      at(0, 'app.launch', { processId: 'p1' }),
      at(1, 'app.background'),
      at(2, 'session.end'),
      at(3, 'app.foreground'),
      at(4, 'crash'),
      at(5, 'tap'),
    ]);
    expect(m.sessions.map((s) => s.processId)).to.deep.equal(['p1', 'p1', 'p1', 'p1', undefined]);
  });

  it('late reports are counted and flagged on the event', () => {
    const m = deriveSessions([at(0, 'app.launch', { processId: 'p1' }), at(9, 'app.launch', { processId: 'p2' }), at(10, 'crash', { processId: 'p1' })]);
    expect(m.stats.lateReports).to.equal(1);
    const late = m.sessions[0]!.events.at(-1)!;
    expect(late.late).to.equal(true);
    expect(late.ts).to.be.greaterThan(m.sessions[0]!.end);
  });

  it('bad options are a RangeError that names the option', () => {
    expect(() => deriveSessions([], { inactivityTimeoutMs: 0 })).to.throw(RangeError, /inactivityTimeoutMs/);
    expect(() => deriveSessions([], { maxDurationMs: -1 })).to.throw(RangeError, /maxDurationMs/);
    expect(() => deriveSessions([], { now: Number.NaN })).to.throw(RangeError, /now/);
    expect(deriveSessions([at(0, 'app.launch')], { maxDurationMs: Number.POSITIVE_INFINITY }).sessions).to.have.length(1);
  });
});

describe('§5 createSessionizer', () => {
  it('gives the same model as deriveSessions for chunks pushed in any order', () => {
    const events = [at(0, 'app.launch'), at(5, 'tap', { id: 'x' }), at(7, 'app.background'), null, at(9, 'tap', { id: 'x' }), at(50, 'app.foreground')];
    const sz = createSessionizer();
    sz.push(events.slice(0, 2));
    const partial = sz.result();
    expect(partial.sessions).to.have.length(1);
    sz.push(events.slice(2));
    expect(sz.result()).to.deep.equal(deriveSessions(events));
    expect(sz.result()).to.equal(sz.result()); // unchanged: the same object
  });

  it('indexes in diagnostics count across pushes', () => {
    const sz = createSessionizer();
    sz.push([at(0, 'tap')]);
    sz.push([null]);
    expect(sz.result().diagnostics[0]!.index).to.equal(1);
    expect(() => sz.push('nope')).to.throw(TypeError);
  });
});
