/**
 * The derivation's fast paths give what the plain paths give: input already in `ts` order
 * (no sort) vs any order (sorted), the encoded sort vs a stable comparator sort, the id
 * table vs a `Set`, and a session's events kept as one run of the device's list vs pushed.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { categoryOf, deriveSessions, type RawEvent, type SessionEvent, type SessionModel } from './index.js';
import { hashId, IdSet } from './id-set.js';
import { generateEvents } from './sample-data.js';
import { sortByTs } from './sort-by-ts.js';
import { at, MINUTE, T0, sessionsOf } from '../../test/fixtures/events.js';

const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FC_RUNS) || 1000;

/** Just enough of an event for sorting; `tag` tells equal `ts` apart. */
const item = (ts: number, tag: number) => ({ ts, tag }) as unknown as SessionEvent;
const tags = (events: readonly SessionEvent[]) => events.map((e) => (e as unknown as { tag: number }).tag);

/** What `sortByTs` must equal: Array#sort is stable, so equal `ts` keep their order. */
function reference(events: readonly SessionEvent[]): SessionEvent[] {
  return events.slice().sort((a, b) => a.ts - b.ts);
}

function sortsLikeReference(values: readonly number[]): void {
  const events = values.map(item);
  const sorted = events.slice();
  sortByTs(sorted);
  expect(tags(sorted)).to.deep.equal(tags(reference(events)));
}

/** The model without input positions: derivations of reordered input compare equal. */
function withoutIndexes(m: SessionModel): unknown {
  return JSON.parse(JSON.stringify({ sessions: m.sessions, stitched: m.stitched }, (k, v) => (k === 'index' ? undefined : k === 'sessions' && v !== m.sessions ? v.map((s: { id: string }) => s.id) : v)));
}

describe('fast paths of the derivation', () => {
  describe('sortByTs', () => {
    it('orders integer ts (the encoded Float64Array sort) like a stable comparator sort', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 300 }), fc.integer({ min: -1e13, max: 1e13 }), (offsets, base) => {
          sortsLikeReference(offsets.map((o) => base + o));
        }),
        { numRuns: RUNS },
      );
    });

    it('orders fractional ts (the comparator fallback) like a stable comparator sort', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: 40 }).map((q) => T0 + q / 4), { maxLength: 200 }), (values) => {
          sortsLikeReference(values);
        }),
        { numRuns: RUNS },
      );
    });

    it('falls back when span × length reaches 2^53, and keeps -0 and 0 in input order', () => {
      sortsLikeReference([2 ** 52, 0, 1, 2 ** 52, 0]); // (2^52 + 1) × 5 > 2^53: comparator sort
      sortsLikeReference([Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0]);
      sortsLikeReference([2 ** 53 + 2, 2 ** 53, 5]); // not safe integers
      sortsLikeReference([0, -0, 3, -0, 0, -1]);
      sortsLikeReference([5, 4]);
      sortsLikeReference([7]);
      sortsLikeReference([]);
    });
  });

  describe('IdSet', () => {
    it('answers like a Set, whatever the seed and the reservations', () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 3000 }).map(String)), { maxLength: 3000 }),
          fc.integer(),
          fc.array(fc.nat({ max: 3000 }), { maxLength: 3 }),
          (ids, seed, reserveAt) => {
            const set = new IdSet(seed);
            const expected = new Set<string>();
            ids.forEach((id, i) => {
              if (reserveAt.includes(i)) set.reserve(ids.length - i);
              expect(set.add(id), id).to.equal(!expected.has(id));
              expected.add(id);
            });
            expect(set.size).to.equal(expected.size);
          },
        ),
        { numRuns: Math.ceil(RUNS / 10) },
      );
    });

    it('flags the duplicates of batches like a Set, the first batch sorted or not, later ones through the table', () => {
      // Few distinct ids: batches repeat ids within themselves and across batches. Batches of
      // 64 or more into an empty set take the sorting path.
      const batchArb = fc.array(fc.integer({ min: 0, max: 150 }).map((i) => `id-${i}`), { maxLength: 200 });
      fc.assert(
        fc.property(fc.array(batchArb, { minLength: 1, maxLength: 4 }), fc.integer(), fc.boolean(), (batches, seed, singles) => {
          const set = new IdSet(seed);
          const expected = new Set<string>();
          for (const batch of batches) {
            const want = batch.map((id) => {
              const seen = expected.has(id);
              expected.add(id);
              return seen ? 1 : 0;
            });
            // Now and then ids one by one in between, through `add`.
            const got = singles && batch.length < 64 ? batch.map((id) => (set.add(id) ? 0 : 1)) : [...set.addAll(batch)];
            expect(got).to.deep.equal(want);
            expect(set.size).to.equal(expected.size);
          }
          for (const id of expected) expect(set.add(id)).to.equal(false);
        }),
        { numRuns: Math.ceil(RUNS / 10) },
      );
    });

    it('tells apart different ids whose hashes are equal', () => {
      const seed = 12345;
      const byHash = new Map<number, string>();
      let pair: [string, string] | undefined;
      // A birthday search: among a few hundred thousand ids, two 32-bit hashes meet.
      for (let i = 0; !pair; i++) {
        const id = `e${i}`;
        const other = byHash.get(hashId(id, seed));
        if (other !== undefined) pair = [other, id];
        else byHash.set(hashId(id, seed), id);
      }
      const set = new IdSet(seed);
      expect(set.add(pair[0])).to.equal(true);
      expect(set.add(pair[1])).to.equal(true);
      expect(set.add(pair[0])).to.equal(false);
      expect(set.add(pair[1])).to.equal(false);
      // The same in one sorted batch: equal hashes, different ids, each repeated.
      const filler = Array.from({ length: 100 }, (_, i) => `f${i}`);
      const batch = [pair[0], ...filler, pair[1], pair[1], pair[0]];
      expect([...new IdSet(seed).addAll(batch)]).to.deep.equal([0, ...filler.map(() => 0), 0, 1, 1]);
    });

    it('keeps ids apart that share one long probe run', () => {
      const seed = 99;
      const ids: string[] = [];
      // Ids whose hashes agree in bits 1 to 12 all start probing at the same slot.
      for (let i = 0; ids.length < 500; i++) if (((hashId(`x${i}`, seed) >>> 1) & 0xfff) === 0x400) ids.push(`x${i}`);
      const set = new IdSet(seed);
      for (const id of ids) expect(set.add(id)).to.equal(true);
      for (const id of ids) expect(set.add(id)).to.equal(false);
      expect(set.size).to.equal(ids.length);
    });
  });

  describe('deriveSessions', () => {
    const eventArb = fc.record(
      {
        // Integers take the encoded sort, quarter minutes the comparator sort; equal ts happen.
        ts: fc.oneof(
          fc.integer({ min: 0, max: 20 * 60 }).map((m) => T0 + m * MINUTE),
          fc.integer({ min: 0, max: 20 * 60 * 4 }).map((q) => T0 + q * 15_000 + 0.5),
        ),
        type: fc.constantFrom('app.launch', 'app.foreground', 'app.background', 'app.terminate', 'session.end', 'crash', 'anr', 'oom', 'heartbeat', 'view', 'tap', 'custom.thing'),
        deviceId: fc.constantFrom('a', 'b'),
        processId: fc.constantFrom('p1', 'p2', 'p3'),
        sessionId: fc.constantFrom('s1', 's2', 's3', 's4'),
        userId: fc.constantFrom('u1', 'u2'),
        state: fc.constantFrom('foreground', 'background'),
        resource: fc.record({ 'app.version': fc.constantFrom('1.0', '2.0') }),
      },
      { requiredKeys: ['ts', 'type'] },
    );

    it('input already in ts order (never sorted) gives the model of the same input in any order (sorted)', () => {
      fc.assert(
        fc.property(fc.array(eventArb, { maxLength: 80 }), (events) => {
          // Stable, so equal ts keep their relative order: both inputs mean the same timeline.
          const ordered = events.slice().sort((a, b) => (a.ts as number) - (b.ts as number));
          expect(withoutIndexes(deriveSessions(ordered))).to.deep.equal(withoutIndexes(deriveSessions(events)));
        }),
        { numRuns: RUNS },
      );
    });

    it('shuffled generated events give the model of the same events sorted beforehand', () => {
      const shuffled = generateEvents({ seed: 3, events: 20_000, shuffle: true });
      const ordered = shuffled.slice().sort((a, b) => (a.ts as number) - (b.ts as number));
      expect(withoutIndexes(deriveSessions(ordered))).to.deep.equal(withoutIndexes(deriveSessions(shuffled)));
    });

    it('a late report between the events of the open session leaves them in order, and joins its own session', () => {
      const events: RawEvent[] = [
        at(0, 'app.launch', { processId: 'p1' }),
        at(1, 'view', { processId: 'p1' }),
        at(10, 'app.launch', { processId: 'p2' }),
        at(11, 'view'),
        at(12, 'crash', { processId: 'p1' }), // p1 died at the launch of p2: a late report
        at(13, 'tap'),
        at(14, 'anr', { processId: 'p1' }), // a second one, after the first
      ];
      expect(sessionsOf(deriveSessions(events))).to.deep.equal([
        'fg 0-1 launch>crash cold [app.launch view crash! anr!]',
        'fg 10-13 launch>open cold [app.launch view tap]',
      ]);
    });

    it('a type named like a member of Object.prototype is a custom type', () => {
      for (const type of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        expect(categoryOf(type), type).to.equal('custom');
        expect(deriveSessions([at(0, type)]).sessions[0]!.events[0]!.category, type).to.equal('custom');
      }
    });
  });
});
