import { expect } from 'chai';
import { deriveSessions } from '../core/index.js';
import { timelineEvents } from '../../test/fixtures/timeline.js';
import { LANES, buildLaneIndexes, isFlagged, laneAt, laneOf, layoutLanes, positionInLane, severityOf } from './lanes.js';

const events = deriveSessions(timelineEvents).sessions.flatMap((s) => s.events);

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
