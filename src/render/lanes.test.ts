import { expect } from 'chai';
import fc from 'fast-check';
import { deriveSessions } from '../core/index.js';
import type { SessionEvent } from '../core/types.js';
import { timelineEvents } from '../../test/fixtures/timeline.js';
import { LANES, buildLaneIndexes, buildLaneIndexesOf, isFlagged, laneAt, laneOf, layoutLanes, positionInLane, severityOf, type LaneId, type LaneIndex } from './lanes.js';

const events = deriveSessions(timelineEvents).sessions.flatMap((s) => s.events);

/** Checks that indexing `groups` in one go equals indexing all their events, and returns the former. */
function indexesAlike(groups: readonly { readonly events: readonly SessionEvent[] }[]): Map<LaneId, LaneIndex> {
  const one = buildLaneIndexesOf(groups);
  const each = buildLaneIndexes(groups.flatMap((g) => g.events));
  expect([...one.keys()]).to.deep.equal([...each.keys()]);
  for (const [id, a] of one) {
    const b = each.get(id)!;
    expect(a.events, id).to.deep.equal(b.events);
    expect(Array.from(a.ts), id).to.deep.equal(Array.from(b.ts));
    expect(Array.from(a.end), id).to.deep.equal(Array.from(b.end));
    expect(Array.from(a.flagPrefix), id).to.deep.equal(Array.from(b.flagPrefix));
    expect(a.maxDuration, id).to.equal(b.maxDuration);
  }
  return one;
}

describe('lanes', () => {
  it('puts each category in its lane', () => {
    const byName = (n: string) => events.find((e) => e.name === n || e.type === n)!;
    expect(laneOf(byName('app.launch'))).to.equal('lifecycle');
    expect(laneOf(byName('Home'))).to.equal('views');
    expect(laneOf(byName('crash'))).to.equal('crashes');
    expect(laneOf(byName('anr'))).to.equal('crashes');
    expect(laneOf(byName('order placed'))).to.equal('custom');
  });

  it('flags failed calls (status >= 400), error logs and crashes, not the rest', () => {
    const flagged = events.filter(isFlagged).map((e) => e.name);
    expect(flagged).to.deep.equal(['POST /api/checkout', 'payment failed', 'IllegalStateException: cart is empty', 'Input dispatching timed out']);
    expect(severityOf({ attrs: { 'log.severity': 'WARN' } })).to.equal('warning');
  });

  it('reads log severities in any usual spelling', () => {
    const of = (v: unknown) => severityOf({ attrs: v === undefined ? {} : { 'log.severity': v as string } });
    const cases: [unknown, string][] = [
      [undefined, 'info'], [null, 'info'], ['info', 'info'], ['INFO', 'info'], ['notice', 'info'],
      ['error', 'error'], ['Error', 'error'], ['err', 'error'], ['fatal', 'error'], ['CRITICAL', 'error'],
      ['warning', 'warning'], ['warn', 'warning'], ['Warning', 'warning'],
      ['debug', 'debug'], ['TRACE', 'debug'], ['verbose', 'debug'],
    ];
    expect(cases.map(([v]) => of(v))).to.deep.equal(cases.map(([, want]) => want));
    expect(severityOf({ attrs: undefined })).to.equal('info');
  });

  it('indexes sessions in one go as it indexes their events (ties, late reports out of order, flags)', () => {
    const categories = ['lifecycle', 'view', 'tap', 'network', 'log', 'span', 'crash', 'hang', 'custom'] as const;
    const eventArb = fc.record({
      ts: fc.integer({ min: 0, max: 40 }),
      category: fc.constantFrom(...categories),
      duration: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      status: fc.constantFrom(200, 404, 500),
      severity: fc.constantFrom('info', 'error', 'WARN'),
    });
    fc.assert(
      fc.property(fc.array(fc.array(eventArb, { maxLength: 12 }), { maxLength: 6 }), fc.boolean(), (raw, shuffleIndexes) => {
        let index = 0;
        const groups = raw.map((list) => ({
          events: list
            // Sessions are mostly in time order; a late report may sit anywhere.
            .map((r) => ({ ...r, ts: r.category === 'crash' && r.ts % 3 === 0 ? r.ts - 20 : r.ts }))
            .sort((a, b) => a.ts - b.ts)
            .map(
              (r) =>
                ({
                  index: shuffleIndexes ? (index++ * 7) % 101 : index++,
                  ts: r.ts,
                  type: r.category,
                  category: r.category,
                  duration: r.duration,
                  attrs: { 'http.status_code': r.status, 'log.severity': r.severity },
                }) as unknown as SessionEvent,
            ),
        }));
        indexesAlike(groups);
      }),
      { numRuns: 300 },
    );
  });

  it('indexes sessions of thousands of events in one go as it indexes their events', () => {
    let index = 0;
    // 12,000 network calls, one in seven failed, and a few events of other lanes.
    const groups = Array.from({ length: 3 }, (_, g) => ({
      events: Array.from(
        { length: 4_000 },
        (_, i) =>
          ({
            index: index++,
            ts: g * 10_000 + i,
            type: i % 1_000 === 0 ? 'tap' : 'network',
            category: i % 1_000 === 0 ? 'tap' : 'network',
            duration: i % 5,
            attrs: { 'http.status_code': i % 7 === 0 ? 500 : 200 },
          }) as unknown as SessionEvent,
      ),
    }));
    expect(indexesAlike(groups).get('network')!.ts.length).to.equal(11_988);
  });

  it('indexes each lane as sorted typed arrays, with flagged prefix counts', () => {
    const lanes = buildLaneIndexes(events);
    const network = lanes.get('network')!;
    expect(Array.from(network.ts)).to.deep.equal(network.events.map((e) => e.ts));
    expect(network.maxDuration).to.equal(1_200);
    expect(Array.from(network.flagPrefix)).to.deep.equal([0, 0, 1]);
    const views = lanes.get('views')!;
    expect(positionInLane(views, views.events[1]!)).to.equal(1);
    expect([...lanes.values()].reduce((s, l) => s + l.events.length, 0)).to.equal(events.length);
  });

  it('stacks shown lanes in order and finds the lane under a point', () => {
    const placed = layoutLanes(['crashes', 'views', 'lifecycle'], 20);
    expect(placed.map((l) => [l.spec.id, l.y])).to.deep.equal([
      ['lifecycle', 0],
      ['views', 20],
      ['crashes', 40],
    ]);
    expect(laneAt(placed, 45)?.spec.id).to.equal('crashes');
    expect(laneAt(placed, 61)).to.equal(undefined);
    expect(LANES.map((l) => l.label)).to.include('network');
  });
});
