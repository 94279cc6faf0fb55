import { expect } from 'chai';
import { deriveSessions } from '../core/index.js';
import { generateEvents } from '../core/sample-data.js';
import type { EndReason, Session, SessionModel, StitchedSession } from '../core/types.js';
import { countPerDay, median, summarizeCohort, type CohortSummary } from './cohort-summary.js';
import { SORT_KEYS, SortedRows, buildRowTable, buildRows, findSelection, makeRow, rowsExtent, sortOrder, sortRows, toPredicate, type CohortRow, type RowOptions, type RowPart } from './rows.js';
import type { TimeZone } from './format.js';

// The lazy row table must give what the eager implementation it replaced gave. That
// implementation (buildRows, makeRow, summarizeCohort as they were) is kept below as the
// reference, and both run on generated cohorts with and without filters, by device and user.

const cohorts = [
  { name: '120 devices, 2 days', model: deriveSessions(generateEvents({ seed: 11, devices: 120, days: 2 })) },
  { name: '40 devices, 4 days', model: deriveSessions(generateEvents({ seed: 5, devices: 40, days: 4 })) },
];
const options: { name: string; options: RowOptions }[] = [
  { name: 'by device', options: {} },
  { name: 'by user', options: { groupBy: 'user' } },
  { name: 'by device, foreground only', options: { filter: (s) => s.state === 'foreground' } },
  { name: 'by user, no background ends', options: { groupBy: 'user', filter: { matches: (s) => s.endReason !== 'background' } } },
  { name: 'by device, nothing', options: { filter: () => false } },
];

/** What a row shows, with sessions and stitched sessions as ids (deep-equal friendly). */
function shape(r: CohortRow) {
  return {
    key: r.key,
    deviceId: r.deviceId,
    deviceIds: r.deviceIds,
    userId: r.userId,
    sessions: r.sessions.map((s) => s.id),
    groupOf: Array.from(r.groupOf),
    groups: r.groups.map((g) => ({ stitched: g.stitched.id, sessions: g.sessions.map((s) => s.id), start: g.start, end: g.end })),
    groupStarts: Array.from(r.groupStarts),
    maxGroupDuration: r.maxGroupDuration,
    ts: Array.from(r.ts),
    end: Array.from(r.end),
    flagPrefix: Array.from(r.flagPrefix),
    maxDuration: r.maxDuration,
    first: r.first,
    last: r.last,
    foregroundMs: r.foregroundMs,
    backgroundMs: r.backgroundMs,
    fatal: r.fatal,
    endReasons: r.endReasons,
    dimensions: r.dimensions,
  };
}

describe('cohort row table (lazy) against the eager reference', () => {
  for (const c of cohorts) {
    for (const o of options) {
      it(`builds the same rows, orders and summary: ${c.name}, ${o.name}`, () => {
        const ref = referenceBuildRows(c.model, o.options);
        const table = buildRowTable(c.model, o.options);
        expect(table.length).to.equal(ref.length);
        expect(buildRows(c.model, o.options).map(shape)).to.deep.equal(ref.map(shape));
        for (const key of SORT_KEYS) {
          const order = sortOrder(table, key);
          expect(Array.from(order, (r) => table.keys[r]), key).to.deep.equal(sortRows(ref, key).map((r) => r.key));
          const view = new SortedRows(table, order);
          for (const align of ['calendar', 'relative'] as const) expect(view.extent(align)).to.deep.equal(rowsExtent(ref, align));
        }
        for (const tz of ['UTC', 'Asia/Tokyo'] as const) expect(summarizeCohort(table, tz)).to.deep.equal(referenceSummarize(ref, tz));
      });
    }
  }

  it('builds a row only when it is asked for, and once', () => {
    const table = buildRowTable(cohorts[0]!.model);
    const a = table.row(7);
    expect(table.row(7)).to.equal(a);
    expect(a.key).to.equal(table.keys[7]);
  });

  it('reads no session detail for a first paint by device without a filter, only when the summary or a sort needs it', () => {
    const reads = new Map<PropertyKey, number>();
    const count = <T extends object>(o: T): T =>
      new Proxy(o, {
        get(target, key, receiver) {
          reads.set(key, (reads.get(key) ?? 0) + 1);
          return Reflect.get(target, key, receiver);
        },
      });
    const model = cohorts[1]!.model;
    const watched = { stitched: model.stitched.map((g) => ({ ...g, sessions: g.sessions.map(count) })) };
    const table = buildRowTable(watched);
    const view = new SortedRows(table, sortOrder(table, 'last-seen'));
    view.extent('calendar');
    expect([...reads.keys()]).to.deep.equal([]);
    // The rows in view read their sessions; the summary reads them all.
    view.at(0);
    view.at(1);
    expect(reads.get('duration')).to.be.above(0);
    reads.clear();
    const summary = summarizeCohort(table, 'UTC');
    expect(reads.get('duration')).to.equal(model.sessions.length);
    expect(summary).to.deep.equal(referenceSummarize(referenceBuildRows(model), 'UTC'));
  });

  it('reads the session columns in slices to the same result', () => {
    const model = cohorts[0]!.model;
    const sliced = buildRowTable(model);
    const steps = sliced.columnSlices(200);
    let n = 0;
    let step = steps.next();
    while (!step.done) {
      n++;
      step = steps.next();
    }
    expect(n).to.be.above(5);
    expect(step.value).to.deep.equal(buildRowTable(model).columns());
    expect(sliced.columns()).to.equal(step.value);
  });

  it('finds a selection by row key, stitched session id or session id', () => {
    const table = buildRowTable(cohorts[1]!.model);
    const r = 3;
    const row = table.row(r);
    expect(findSelection(table, row.key)).to.deep.equal({ row: r, group: -1, session: -1 });
    expect(findSelection(table, row.groups[1]!.stitched.id)).to.deep.equal({ row: r, group: 1, session: -1 });
    const s = row.sessions.length - 1;
    expect(findSelection(table, row.sessions[s]!.id)).to.deep.equal({ row: r, group: row.groupOf[s], session: s });
    expect(findSelection(table, 'nobody')).to.equal(undefined);
  });
});

// Reference: the eager implementation as it was -----------------------------------------

function referenceBuildRows(model: Pick<SessionModel, 'stitched'>, options: RowOptions = {}): CohortRow[] {
  const keep = toPredicate(options.filter);
  const byUser = options.groupBy === 'user';
  const deviceUser = new Map<string, string>();
  if (byUser) {
    for (const g of model.stitched) for (const s of g.sessions) if (s.userId !== undefined && !deviceUser.has(s.deviceId)) deviceUser.set(s.deviceId, s.userId);
  }
  // Few allocations per session: this runs over every session of the cohort on first paint.
  const buckets = new Map<string, RowPart[]>();
  const push = (key: string, stitched: StitchedSession, sessions: Session[]): void => {
    const parts = buckets.get(key);
    if (parts) parts.push({ stitched, sessions });
    else buckets.set(key, [{ stitched, sessions }]);
  };
  for (const g of model.stitched) {
    const all = g.sessions;
    if (all.length === 0) continue;
    if (!keep && !byUser) {
      // Device rows, no filter: a stitched session (one device's) goes whole to its row.
      const d = all[0]!.deviceId;
      let same = true;
      for (let i = 1; i < all.length; i++) {
        if (all[i]!.deviceId !== d) {
          same = false;
          break;
        }
      }
      if (same) {
        push(d, g, all.slice());
        continue;
      }
    }
    // In user mode a stitched session may hold sessions of two users (log-out, log-in):
    // split it by owner so each row shows only its own sessions.
    let key: string | undefined;
    let run: Session[] = [];
    for (let i = 0; i < all.length; i++) {
      const s = all[i]!;
      if (keep && !keep(s)) continue;
      const k = byUser ? (s.userId ?? deviceUser.get(s.deviceId) ?? s.deviceId) : s.deviceId;
      if (key !== k) {
        if (key !== undefined && run.length > 0) push(key, g, run);
        key = k;
        run = [];
      }
      run.push(s);
    }
    if (key !== undefined && run.length > 0) push(key, g, run);
  }
  const rows: CohortRow[] = [];
  for (const [key, parts] of buckets) rows.push(makeRow(key, parts, byUser));
  return rows;
}


function referenceSummarize(rows: readonly CohortRow[], timeZone: TimeZone): CohortSummary {
  const devices = new Set<string>();
  const users = new Set<string>();
  const reasons = new Map<EndReason, number>();
  let sessions = 0;
  let stitched = 0;
  for (const r of rows) {
    sessions += r.sessions.length;
    stitched += r.groups.length;
  }
  const durations = new Float64Array(sessions);
  const starts = new Float64Array(sessions);
  const groupDurations = new Float64Array(stitched);
  let i = 0;
  let g = 0;
  for (const r of rows) {
    for (const d of r.deviceIds) devices.add(d);
    for (const [reason, count] of Object.entries(r.endReasons) as [EndReason, number][]) reasons.set(reason, (reasons.get(reason) ?? 0) + count);
    let lastUser: string | undefined;
    for (const s of r.sessions) {
      if (s.userId !== undefined && s.userId !== lastUser) users.add((lastUser = s.userId));
      durations[i] = s.duration;
      starts[i++] = s.start;
    }
    for (const grp of r.groups) groupDurations[g++] = grp.end - grp.start;
  }
  const endShares = [...reasons]
    .map(([reason, count]) => ({ reason, count, share: count / sessions }))
    .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  return {
    rows: rows.length,
    devices: devices.size,
    users: users.size,
    stitched,
    sessions,
    endShares,
    medianSessionMs: median(durations),
    medianStitchedMs: median(groupDurations),
    perDay: countPerDay(starts, timeZone),
  };
}
