/**
 * Properties that hold for any input, checked with fast-check over generated event
 * streams mixed with garbage, duplicates, shuffled order and equal timestamps.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { createSessionizer, deriveSessions, type SessionModel, type SessionOptions } from './index.js';
import { MINUTE, T0 } from '../../test/fixtures/events.js';

// FC_RUNS=50000 npx mocha src/core/properties.test.ts hunts for rarer counterexamples.
const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FC_RUNS) || 1000;

const TYPES = [
  'app.launch',
  'app.launch',
  'app.foreground',
  'app.background',
  'app.terminate',
  'session.end',
  'crash',
  'anr',
  'oom',
  'heartbeat',
  'view',
  'tap',
  'tap',
  'network',
  'log',
  'custom.thing',
] as const;

/** A plausible event: few devices, processes and sessions, so that they collide. */
const eventArb = fc.record(
  {
    ts: fc.oneof(
      fc.integer({ min: 0, max: 20 * 60 }).map((m) => T0 + m * MINUTE), // a 20-hour window, on minutes: equal ts happen
      fc.integer({ min: 0, max: 20 * 3600 }).map((s) => new Date(T0 + s * 1000).toISOString()),
    ),
    type: fc.constantFrom(...TYPES),
    deviceId: fc.constantFrom('a', 'b', 'c'),
    userId: fc.constantFrom('u1', 'u2'),
    processId: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
    sessionId: fc.constantFrom('s1', 's2', 's3', 's4', 's5'),
    state: fc.constantFrom('foreground', 'background'),
    id: fc.integer({ min: 0, max: 60 }).map(String),
    resource: fc.record({ 'app.version': fc.constantFrom('1.0', '2.0') }),
  },
  { requiredKeys: ['ts', 'type'] },
);

const garbageArb = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.constant([]),
  fc.record({ type: fc.constant('tap') }),
  fc.record({ ts: fc.constantFrom('yesterday', Number.NaN, Number.POSITIVE_INFINITY, '2026-02-30'), type: fc.constant('tap') }),
  fc.record({ ts: fc.constant(T0) }),
);

const streamArb = fc.array(fc.oneof({ weight: 12, arbitrary: eventArb }, { weight: 1, arbitrary: garbageArb }), { maxLength: 60 });

const optionsArb: fc.Arbitrary<SessionOptions> = fc.record(
  {
    inactivityTimeoutMs: fc.integer({ min: 1, max: 120 }).map((m) => m * MINUTE),
    maxDurationMs: fc.integer({ min: 1, max: 30 }).map((h) => h * 60 * MINUTE),
    launchGraceMs: fc.integer({ min: 0, max: 10 }).map((m) => m * MINUTE),
    now: fc.integer({ min: 0, max: 40 * 60 }).map((m) => T0 + m * MINUTE),
  },
  { requiredKeys: [] },
);

/** The model without input positions, to compare derivations of reordered input. */
function withoutIndexes(m: SessionModel): unknown {
  return JSON.parse(JSON.stringify({ sessions: m.sessions, stitched: m.stitched.map((g) => ({ ...g, sessions: g.sessions.map((s) => s.id) })) }, (k, v) => (k === 'index' ? undefined : v)));
}

describe('properties of any derivation', () => {
  it('every input item is accounted for: accepted + dropped === input, one diagnostic per drop', () => {
    fc.assert(
      fc.property(streamArb, optionsArb, (items, options) => {
        const m = deriveSessions(items, options);
        expect(m.stats.input).to.equal(items.length);
        expect(m.stats.accepted + m.stats.dropped).to.equal(items.length);
        expect(m.diagnostics).to.have.length(m.stats.dropped);
      }),
      { numRuns: RUNS },
    );
  });

  it('every accepted event belongs to exactly one session', () => {
    fc.assert(
      fc.property(streamArb, optionsArb, (items, options) => {
        const m = deriveSessions(items, options);
        const placed = m.sessions.flatMap((s) => s.events.map((e) => e.index)).sort((a, b) => a - b);
        const dropped = new Set(m.diagnostics.map((d) => d.index));
        const expected = items.map((_, i) => i).filter((i) => !dropped.has(i));
        expect(placed).to.deep.equal(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('sessions of a device never overlap, end >= start, and events lie inside except late reports', () => {
    fc.assert(
      fc.property(streamArb, optionsArb, (items, options) => {
        const m = deriveSessions(items, options);
        m.sessions.forEach((s, i) => {
          expect(s.end).to.be.at.least(s.start);
          const next = m.sessions[i + 1];
          if (next?.deviceId === s.deviceId) expect(next.start).to.be.at.least(s.end);
          if (next) expect(next.deviceId >= s.deviceId).to.equal(true);
          for (const e of s.events) {
            // Rule 12 exempts late reports; they come at or after the end of the session
            // they report on (one at the very instant of an ANR is late: its process died).
            if (e.late) expect(e.ts).to.be.at.least(s.end);
            else expect(e.ts).to.be.within(s.start, s.end);
          }
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('stitched sessions partition each device sessions, in order, with matching bounds', () => {
    fc.assert(
      fc.property(streamArb, optionsArb, (items, options) => {
        const m = deriveSessions(items, options);
        const flat = m.stitched.flatMap((g) => g.sessions);
        expect(flat).to.deep.equal(m.sessions);
        for (const g of m.stitched) {
          expect(g.start).to.equal(g.sessions[0]!.start);
          expect(g.end).to.equal(g.sessions.at(-1)!.end);
          expect(g.sessions.every((s) => s.stitchedId === g.id && s.deviceId === g.deviceId)).to.equal(true);
        }
        const lastPerDevice = new Map(m.stitched.map((g) => [g.deviceId, g]));
        for (const g of m.stitched) expect(g.endReason === 'open').to.equal(lastPerDevice.get(g.deviceId) === g);
      }),
      { numRuns: RUNS },
    );
  });

  it('the result does not depend on input order (for distinct timestamps)', () => {
    const distinct = fc.uniqueArray(eventArb, { selector: (e) => `${e.deviceId}|${new Date(e.ts).getTime()}`, maxLength: 50 }).map((events) =>
      events.map(({ id: _id, ...e }) => e),
    );
    fc.assert(
      fc.property(distinct, optionsArb, fc.nat(), (events, options, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length }), { seed, numRuns: 1 })[0]!;
        expect(withoutIndexes(deriveSessions(shuffled, options))).to.deep.equal(withoutIndexes(deriveSessions(events, options)));
      }),
      { numRuns: RUNS },
    );
  });

  it('createSessionizer with any chunking equals deriveSessions', () => {
    fc.assert(
      fc.property(streamArb, optionsArb, fc.array(fc.nat(), { maxLength: 6 }), (items, options, cuts) => {
        const sz = createSessionizer(options);
        const points = [...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const p of [...points, items.length]) {
          sz.push(items.slice(from, p));
          if (p % 2 === 0) sz.result(); // results in between must not disturb the end result
          from = p;
        }
        expect(sz.result()).to.deep.equal(deriveSessions(items, options));
      }),
      { numRuns: RUNS },
    );
  });

  it('same input and options, same output, ids included', () => {
    fc.assert(
      fc.property(streamArb, optionsArb, (items, options) => {
        const a = deriveSessions(items, options);
        const b = deriveSessions(structuredClone(items), options);
        expect(b).to.deep.equal(a);
      }),
      { numRuns: RUNS },
    );
  });

  it('dimensions are the resources of a session merged in order, later values winning, however resources repeat', () => {
    // Few keys and values, so that a resource often repeats the last one (as JSON copies do),
    // repeats part of it, or changes one value; some values are not primitives and are skipped.
    const resourceArb = fc.dictionary(fc.constantFrom('app.version', 'country', 'os.name'), fc.constantFrom<unknown>('1', '2', 3, null, true, { nested: 1 }), { maxKeys: 3 });
    const arb = fc.array(fc.tuple(fc.constantFrom('view', 'tap', 'log'), fc.option(resourceArb, { nil: undefined }), fc.boolean()), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(arb, (steps) => {
        const resources: (Record<string, unknown> | undefined)[] = [];
        // `true`: the very object of the event before (as an SDK shares one), else a copy.
        const items = steps.map(([type, resource, shared], i) => {
          const r = shared && i > 0 ? resources[i - 1] : resource && { ...resource };
          resources.push(r);
          return { ts: T0 + i * 1000, type, deviceId: 'a', resource: r };
        });
        const expected: Record<string, unknown> = {};
        for (const r of resources) for (const [k, v] of Object.entries(r ?? {})) if (v === null || typeof v !== 'object') expected[k] = v;
        const m = deriveSessions(items);
        expect(m.sessions).to.have.length(1);
        expect(m.sessions[0]!.dimensions).to.deep.equal(expected);
      }),
      { numRuns: RUNS },
    );
  });
});
