import { expect } from 'chai';
import { at } from '../../../test/fixtures/events.js';
import type { EndReason, Primitive } from '../types.js';
import { deriveSessions } from '../index.js';
import { generateEvents } from '../sample-data.js';
import { compileFilter, createFilterIndex, formatFilterQuery, histogramThresholds, labelForKey, parseFilterQuery, type FilterableSession } from './index.js';

/** A session-like row: enough for the filter. */
interface Row extends FilterableSession {
  readonly id: string;
}

function row(id: string, deviceId: string, stitched: string, userId: string | undefined, dimensions: Record<string, Primitive>, endReason: EndReason, duration: number): Row {
  const events = endReason === 'crash' ? [{ type: 'crash' }] : endReason === 'anr' ? [{ type: 'anr' }] : [];
  return { id, deviceId, stitchedId: stitched, userId, state: 'foreground', endReason, coldStart: true, duration, events, dimensions: userId === undefined ? dimensions : { ...dimensions, userId } };
}

// Four devices; d1 crashed on 2.3.0, d2 crashed on 2.2.1 and later used 2.3.0.
const ROWS: Row[] = [
  row('s1', 'd1', 'g1', 'alice', { 'app.version': '2.3.0', country: 'DE' }, 'crash', 60_000),
  row('s2', 'd1', 'g1', 'alice', { 'app.version': '2.3.0', country: 'DE' }, 'background', 120_000),
  row('s3', 'd1', 'g2', 'alice', { 'app.version': '2.2.1', country: 'DE' }, 'background', 30_000),
  row('s4', 'd2', 'g1', 'bob', { 'app.version': '2.2.1', country: 'FR' }, 'crash', 300_000),
  row('s5', 'd2', 'g1', 'bob', { 'app.version': '2.3.0', country: 'FR' }, 'background', 10_000),
  row('s6', 'd3', 'g1', undefined, { 'app.version': '2.3.0', country: 'US', 'experiment.checkout_flow': 'treatment' }, 'open', 1_000),
  row('s7', 'd4', 'g1', 'Alice2', { 'app.version': '2.2.1', country: 'DE', build: 42 }, 'anr', 500_000),
];

const ids = (rows: readonly Row[]) => rows.map((r) => r.id);

describe('filter index: dimensions', () => {
  it('discovers resource keys, experiments and the derived dimensions, with labels for people', () => {
    const index = createFilterIndex({ sessions: ROWS });
    const dims = index.dimensions.map((d) => [d.name, d.label, d.kind, d.groupLabel]);
    expect(dims.slice(0, 4)).to.deep.equal([
      ['app.version', 'App version', 'categorical', 'App & device'],
      ['country', 'Country', 'categorical', 'App & device'],
      ['build', 'Build', 'categorical', 'App & device'],
      ['experiment.checkout_flow', 'checkout_flow', 'categorical', 'Experiments'],
    ]);
    expect(index.dimensions.map((d) => d.name).slice(4)).to.deep.equal([
      'state',
      'endReason',
      'coldStart',
      'hasCrash',
      'hasAnr',
      'hasOom',
      'hasErrorLog',
      'hasNetworkError',
      'userId',
      'deviceId',
      'duration',
      'eventCount',
    ]);
    expect(index.dimension('hasCrash')).to.include({ kind: 'boolean', label: 'Has crash', group: 'derived' });
    expect(index.dimension('duration')).to.include({ kind: 'numeric', unit: 'ms', label: 'Session duration' });
    expect(index.dimension('build')?.types).to.deep.equal(['null', 'number']);
  });

  it('labels keys the way people read them', () => {
    expect(labelForKey('os.version')).to.equal('OS version');
    expect(labelForKey('device.model')).to.equal('Device model');
    expect(labelForKey('network.carrier_name')).to.equal('Network carrier name');
    expect(labelForKey('sdkVersion')).to.equal('SDK version');
    expect(labelForKey('experiment.checkout_flow')).to.equal('checkout_flow');
  });

  it('renames a resource key that clashes with a derived dimension, and reads a missing key as null', () => {
    const index = createFilterIndex({ sessions: [row('a', 'd1', 'g', 'u', { state: 'weird' }, 'open', 1), row('b', 'd2', 'g', 'u', {}, 'open', 1)] });
    expect(index.dimension('resource.state')).to.include({ key: 'state', label: 'State' });
    expect(index.counts('resource.state', { order: 'value' }).map((c) => [c.value, c.sessions])).to.deep.equal([
      [null, 1],
      ['weird', 1],
    ]);
  });

  it('indexes only the dimensions asked for', () => {
    const index = createFilterIndex({ sessions: ROWS }, { dimensions: ['country', 'hasCrash', 'nope'] });
    expect(index.dimensions.map((d) => d.name)).to.deep.equal(['country', 'hasCrash']);
  });

  it('reads error logs, failed network calls, crashes, ANRs and OOMs from the events', () => {
    const model = deriveSessions([
      at(0, 'app.launch', { resource: { 'app.version': '1' } }),
      at(1, 'log', { attrs: { 'log.severity': 'warning' } }),
      at(2, 'network', { attrs: { 'http.status_code': 200 } }),
      at(3, 'session.end'),
      at(4, 'log', { attrs: { 'log.severity': 'fatal' } }),
      at(5, 'session.end'),
      at(6, 'network', { attrs: { 'http.status_code': 404 } }),
      at(7, 'session.end'),
      at(8, 'network', { attrs: { error: 'timeout' } }),
      at(9, 'session.end'),
      at(10, 'network', { attrs: { 'error.type': 'UnknownHostException' } }),
      at(11, 'oom'),
    ]);
    const index = createFilterIndex(model);
    const flags = (name: string) => {
      index.setDimension(name, { values: [true] });
      const hits = model.sessions.map((_, i) => index.matchesAt(i));
      index.setDimension(name, undefined);
      return hits;
    };
    expect(flags('hasErrorLog')).to.deep.equal([false, true, false, false, false]);
    expect(flags('hasNetworkError')).to.deep.equal([false, false, true, true, true]);
    expect(flags('hasOom')).to.deep.equal([false, false, false, false, true]);
    expect(flags('hasCrash')).to.deep.equal([false, false, false, false, false]);
  });
});

describe('filter index: filtering', () => {
  it('starts unfiltered: everything matches', () => {
    const index = createFilterIndex({ sessions: ROWS });
    expect(index.total).to.deep.equal({ sessions: 7, stitched: 5, devices: 4 });
    expect(index.all).to.deep.equal(index.total);
    expect(index.matching()).to.have.length(7);
    expect(index.value).to.deep.equal({});
  });

  it('ORs the values inside a dimension and ANDs the dimensions', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setDimension('country', { values: ['DE', 'FR'] });
    expect(ids(index.matching())).to.deep.equal(['s1', 's2', 's3', 's4', 's5', 's7']);
    index.setDimension('app.version', { values: ['2.2.1'] });
    expect(ids(index.matching())).to.deep.equal(['s3', 's4', 's7']);
    expect(index.total).to.deep.equal({ sessions: 3, stitched: 3, devices: 3 });
  });

  it('negates a dimension: "not in"', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setDimension('country', { values: ['DE'], exclude: true });
    expect(ids(index.matching())).to.deep.equal(['s4', 's5', 's6']);
    index.setDimension('userId', { values: [null], exclude: true });
    expect(ids(index.matching())).to.deep.equal(['s4', 's5']);
  });

  it('filters numbers by half-open ranges [min, max), open at either end', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setDimension('duration', { ranges: [{ min: 30_000, max: 300_000 }] });
    expect(ids(index.matching())).to.deep.equal(['s1', 's2', 's3']);
    index.setDimension('duration', { ranges: [{ min: 300_000 }] });
    expect(ids(index.matching())).to.deep.equal(['s4', 's7']);
    index.setDimension('duration', { ranges: [{ max: 10_000 }], values: [500_000] });
    expect(ids(index.matching())).to.deep.equal(['s6', 's7']);
    index.setDimension('duration', { ranges: [{ max: 60_000 }], exclude: true });
    expect(ids(index.matching())).to.deep.equal(['s1', 's2', 's4', 's7']);
  });

  it('lets a single value be tested against a filter the way the index does', () => {
    const test = compileFilter({ values: ['DE', 0], ranges: [{ min: 10, max: 20 }], exclude: true });
    expect([test('DE'), test(-0), test(10), test(20), test('FR'), test(null), test('15')]).to.deep.equal([false, false, false, true, true, true, true]);
    expect(compileFilter(undefined)('anything')).to.equal(true);
  });

  it('keeps value types: the number 42 is not the string "42"', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setDimension('build', { values: ['42'] });
    expect(index.total.sessions).to.equal(0);
    index.setDimension('build', { values: [42] });
    expect(ids(index.matching())).to.deep.equal(['s7']);
    index.setDimension('build', { ranges: [{ min: 40, max: 50 }] });
    expect(ids(index.matching())).to.deep.equal(['s7']);
  });

  it('matches free text in user or device ids, ignoring case', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setText('ALICE');
    expect(ids(index.matching())).to.deep.equal(['s1', 's2', 's3', 's7']);
    index.setText('d3');
    expect(ids(index.matching())).to.deep.equal(['s6']);
    index.setText('  ');
    expect(index.total.sessions).to.equal(7);
    expect(index.value).to.deep.equal({});
  });

  it('finds devices that ever crashed on 2.3.0, with all their sessions, at device scope', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setFilter({ dimensions: { 'app.version': { values: ['2.3.0'] }, hasCrash: { values: [true] } } });
    expect(ids(index.matching())).to.deep.equal(['s1']);
    index.setScope('device');
    expect(ids(index.matching())).to.deep.equal(['s1', 's2', 's3']);
    expect(index.total).to.deep.equal({ sessions: 3, stitched: 2, devices: 1 });
    index.setScope('stitched');
    expect(ids(index.matching())).to.deep.equal(['s1', 's2']);
    expect(index.total).to.deep.equal({ sessions: 2, stitched: 1, devices: 1 });
  });

  it('requires the filters to hold together in one session, not across a device', () => {
    // d2 crashed on 2.2.1 and used 2.3.0 without crashing: no single session of it matches.
    const index = createFilterIndex({ sessions: ROWS });
    index.setFilter({ dimensions: { 'app.version': { values: ['2.3.0'] }, hasCrash: { values: [true] } }, scope: 'device' });
    expect(index.matches(ROWS[3] as Row)).to.equal(false);
    expect(index.matches(ROWS[2] as Row)).to.equal(true);
    expect(ROWS.filter(index.matches).map((r) => r.deviceId)).to.deep.equal(['d1', 'd1', 'd1']);
  });

  it('rejects an unknown dimension or scope and leaves the filter as it was', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setDimension('country', { values: ['DE'] });
    expect(() => index.setFilter({ dimensions: { colour: { values: ['red'] } } })).to.throw(RangeError, /unknown dimension "colour"/);
    expect(() => index.setDimension('colour', undefined)).to.throw(RangeError);
    expect(() => index.setScope('planet' as 'device')).to.throw(RangeError, /unknown scope/);
    expect(index.value).to.deep.equal({ dimensions: { country: { values: ['DE'] } } });
  });

  it('keeps a live mask and a version that changes with the filter', () => {
    const index = createFilterIndex({ sessions: ROWS });
    const mask = index.mask;
    const v0 = index.version;
    index.setDimension('country', { values: ['US'] });
    expect([...mask]).to.deep.equal([0, 0, 0, 0, 0, 1, 0]);
    expect(index.version).to.be.greaterThan(v0);
    const v1 = index.version;
    index.setDimension('country', { values: ['US'] });
    expect(index.version).to.equal(v1);
  });

  it('gives back the filter it holds, which round-trips through a link', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setFilter({ dimensions: { 'app.version': { values: ['2.3.0', '2.2.1'] }, country: { values: ['DE'], exclude: true }, duration: { ranges: [{ min: 0, max: 240_000 }] } }, text: 'alice', scope: 'device' });
    const query = formatFilterQuery(index.value);
    expect(query).to.equal('app.version=2.3.0,2.2.1&!country=DE&duration=0..240000&q=alice&scope=device');
    const other = createFilterIndex({ sessions: ROWS });
    const { value, errors } = parseFilterQuery(`?${query}`, other);
    expect(errors).to.deep.equal([]);
    other.setFilter(value);
    expect(other.value).to.deep.equal(index.value);
    expect(other.total).to.deep.equal(index.total);
  });
});

describe('filter index: faceted counts', () => {
  it('counts each dimension given the other dimensions only, like crossfilter', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setFilter({ dimensions: { 'app.version': { values: ['2.3.0'] }, country: { values: ['DE'] } } });
    // app.version ignores its own filter: every version, among DE sessions.
    expect(index.counts('app.version')).to.deep.equal([
      { value: '2.3.0', sessions: 2, devices: 1 },
      { value: '2.2.1', sessions: 2, devices: 2 },
    ]);
    // country ignores its own: every country, among 2.3.0 sessions.
    expect(index.counts('country', { order: 'value' })).to.deep.equal([
      { value: 'DE', sessions: 2, devices: 1 },
      { value: 'FR', sessions: 1, devices: 1 },
      { value: 'US', sessions: 1, devices: 1 },
    ]);
    // Other dimensions see both filters.
    expect(index.counts('userId', { order: 'value' })).to.deep.equal([
      { value: null, sessions: 0, devices: 0 },
      { value: 'Alice2', sessions: 0, devices: 0 },
      { value: 'alice', sessions: 2, devices: 1 },
      { value: 'bob', sessions: 0, devices: 0 },
    ]);
  });

  it('lists values by overall count, most first, so lists do not jump while filtering; limit keeps the first ones', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setDimension('userId', { values: ['bob'] });
    expect(index.counts('country').map((c) => c.value)).to.deep.equal(['DE', 'FR', 'US']);
    expect(index.counts('country', { limit: 2 }).map((c) => [c.value, c.sessions])).to.deep.equal([
      ['DE', 0],
      ['FR', 2],
    ]);
  });

  it('counts, at device scope, what would match if the value were picked', () => {
    const index = createFilterIndex({ sessions: ROWS });
    index.setFilter({ dimensions: { hasCrash: { values: [true] } }, scope: 'device' });
    expect(index.counts('app.version')).to.deep.equal([
      { value: '2.3.0', sessions: 3, devices: 1 }, // d1 (3 sessions) crashed on 2.3.0
      { value: '2.2.1', sessions: 2, devices: 1 }, // d2 (2 sessions) crashed on 2.2.1
    ]);
    index.setScope('stitched');
    expect(index.counts('app.version')).to.deep.equal([
      { value: '2.3.0', sessions: 2, devices: 1 },
      { value: '2.2.1', sessions: 2, devices: 1 },
    ]);
  });

  it('gives histogram bins for numeric dimensions, counted given the other filters', () => {
    const index = createFilterIndex({ sessions: ROWS }, { thresholds: { duration: [0, 60_000, 600_000] } });
    expect(index.histogram('duration')).to.deep.equal([
      { x0: 0, x1: 60_000, sessions: 3, devices: 3 },
      { x0: 60_000, x1: 600_000, sessions: 4, devices: 3 },
    ]);
    index.setDimension('country', { values: ['DE'] });
    index.setDimension('duration', { ranges: [{ min: 0, max: 60_000 }] });
    expect(index.histogram('duration').map((b) => b.sessions)).to.deep.equal([1, 3]);
    expect(() => index.counts('duration')).to.throw(TypeError, /histogram/);
    expect(() => index.histogram('country')).to.throw(TypeError, /counts/);
    const facets = index.facets();
    expect(facets.map((f) => f.kind)).to.include.members(['categorical', 'boolean', 'numeric']);
  });
});

describe('filter index: many numeric values', () => {
  it('orders and counts 40,000 durations exactly: negatives, -0, fractions, extremes; not-finite ones are null', () => {
    const values: number[] = [];
    for (let i = 0; i < 40_000; i++) values.push((((i * 7919) % 20011) - 10_000) / (i % 3 === 0 ? 1 : 8));
    values.push(-0, 0, 1e300, -1e300, 5e-324, -5e-324, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
    const rows = values.map((duration, i) => ({ ...row(`s${i}`, `d${i % 997}`, 'g', undefined, {}, 'open', 0), duration }));
    const index = createFilterIndex({ sessions: rows }, { dimensions: ['duration'] });
    const finite = values.filter((v) => Number.isFinite(v));
    expect(index.dimension('duration')?.cardinality).to.equal(new Set(finite).size + 1);
    const count = (f: (v: number) => boolean) => values.filter((v) => Number.isFinite(v) && f(v)).length;
    for (const [min, max] of [[-1e301, 1e301], [-10, 10], [0, 0.125], [-0.125, 0], [-5e-324, 5e-324], [1234.5, 1250], [9999, 10_001]] as const) {
      index.setDimension('duration', { ranges: [{ min, max }] });
      expect(index.total.sessions, `[${min}, ${max})`).to.equal(count((v) => v >= min && v < max));
    }
    index.setDimension('duration', { values: [0] });
    expect(index.total.sessions).to.equal(count((v) => v === 0));
    index.setDimension('duration', { values: [null] });
    expect(index.total.sessions).to.equal(3);
    index.setDimension('duration', undefined);
    expect(index.histogram('duration').reduce((sum, b) => sum + b.sessions, 0)).to.equal(finite.length);
  });
});

describe('histogram thresholds', () => {
  it('are nice and even for evenly spread values, with the maximum inside the last bin', () => {
    const t = histogramThresholds([3, 17, 42, 97]);
    expect(t[0]).to.equal(0);
    expect(t[t.length - 1]).to.be.greaterThan(97);
    const steps = new Set(t.slice(1).map((x, i) => x - (t[i] as number)));
    expect(steps.size).to.equal(1);
    expect(t.length - 1).to.be.within(10, 25);
  });

  it('follow 1-2-5 steps for long-tailed values such as durations', () => {
    expect(histogramThresholds([1_000, 2_000, 3_000, 4_000, 5_000, 3_600_000])).to.deep.equal([
      0, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000,
    ]);
  });

  it('have one bin for a single value and none for no value', () => {
    expect(histogramThresholds([5])).to.deep.equal([5, 6]);
    expect(histogramThresholds([])).to.deep.equal([]);
  });
});

describe('filter index on realistic sample data', () => {
  it('agrees with a plain scan of the sessions', () => {
    const model = deriveSessions(generateEvents({ seed: 7, events: 4_000 }));
    const index = createFilterIndex(model);
    const version = index.counts('app.version')[0]?.value as string;
    index.setFilter({ dimensions: { 'app.version': { values: [version] }, 'os.name': { values: ['Android'], exclude: true } } });
    // Sessions without a resource of their own (a background session begun by
    // app.background holds no event) take the device's previous session's.
    const carried = (i: number, key: string): unknown => {
      for (let j = i; j >= 0 && model.sessions[j]!.deviceId === model.sessions[i]!.deviceId; j--) {
        const d = model.sessions[j]!.dimensions;
        if (Object.hasOwn(d, key)) return d[key];
      }
      return null;
    };
    const notAndroid = model.sessions.filter((_, i) => carried(i, 'os.name') !== 'Android');
    const expected = model.sessions.filter((_, i) => carried(i, 'app.version') === version && carried(i, 'os.name') !== 'Android');
    expect(model.sessions.some((s) => s.events.length === 0 && expected.includes(s)), 'event-less sessions match by carried dimensions').to.equal(true);
    expect(index.matching()).to.deep.equal(expected);
    expect(index.total.devices).to.equal(new Set(expected.map((s) => s.deviceId)).size);
    expect(index.counts('app.version').reduce((sum, c) => sum + c.sessions, 0)).to.equal(notAndroid.length);
  });
});
