import { expect } from 'chai';
import { deriveSessions } from '../core/index.js';
import { generateEvents } from '../core/sample-data.js';
import type { EndReason, Session, SessionModel, StitchedSession } from '../core/types.js';
import { countPerDay, median, summarizeCohort, type CohortSummary } from './cohort-summary.js';
import type { TimeIndex } from './lod.js';
import { FATAL_REASONS, MARKED_REASONS, SORT_KEYS, SortedRows, buildRowTable, buildRows, findSelection, rowsExtent, sortOrder, sortRows, toPredicate, type CohortRow, type RowGroup, type RowOptions } from './rows.js';
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

interface Part {
  readonly stitched: StitchedSession;
  readonly sessions: Session[];
}

function referenceBuildRows(model: Pick<SessionModel, 'stitched'>, options: RowOptions = {}): CohortRow[] {
  const keep = toPredicate(options.filter);
  const byUser = options.groupBy === 'user';
  const deviceUser = new Map<string, string>();
  if (byUser) {
    for (const g of model.stitched) for (const s of g.sessions) if (s.userId !== undefined && !deviceUser.has(s.deviceId)) deviceUser.set(s.deviceId, s.userId);
  }
  // Few allocations per session: this runs over every session of the cohort on first paint.
  const buckets = new Map<string, Part[]>();
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


function makeRow(key: string, parts: readonly Part[], byUser: boolean): CohortRow {
  const groups: RowGroup[] = new Array(parts.length);
  let groupsSorted = true;
  let n = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p]!;
    let end = -Infinity;
    for (const s of part.sessions) if (s.end > end) end = s.end;
    const start = part.sessions[0]!.start;
    groups[p] = { stitched: part.stitched, sessions: part.sessions, start, end };
    if (p > 0 && start < groups[p - 1]!.start) groupsSorted = false;
    n += part.sessions.length;
  }
  // Devices of one user may overlap in time: sort by start (stable on input order).
  if (!groupsSorted) groups.sort((a, b) => a.start - b.start);
  // Sessions by start, each with its group (stable: ties keep group order).
  let sessions: Session[] = new Array(n);
  let groupOf = new Int32Array(n);
  let sorted = true;
  let k = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    for (const s of groups[gi]!.sessions) {
      if (k > 0 && s.start < sessions[k - 1]!.start) sorted = false;
      sessions[k] = s;
      groupOf[k++] = gi;
    }
  }
  if (!sorted) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => sessions[a]!.start - sessions[b]!.start || a - b);
    const ss = sessions;
    const go = groupOf;
    sessions = order.map((i) => ss[i]!);
    groupOf = Int32Array.from(order, (i) => go[i]!);
  }
  // One pass over the sessions: the time index (as buildTimeIndex builds it) and the totals.
  const ts = new Float64Array(n);
  const endArr = new Float64Array(n);
  const flagPrefix = new Int32Array(n + 1);
  let maxDuration = 0;
  let foregroundMs = 0;
  let backgroundMs = 0;
  let fatal = 0;
  let last = -Infinity;
  const reasonCounts = new Map<EndReason, number>();
  const deviceIds: string[] = [];
  let prevDevice: string | undefined;
  let lastSession = sessions[0]!;
  let flagged = 0;
  for (let i = 0; i < n; i++) {
    const s = sessions[i]!;
    const t = s.start;
    const d = Math.max(0, s.duration || 0);
    ts[i] = t;
    endArr[i] = t + d;
    if (d > maxDuration) maxDuration = d;
    const reason = s.endReason;
    if (MARKED_REASONS.has(reason)) flagged++;
    flagPrefix[i + 1] = flagged;
    if (s.state === 'foreground') foregroundMs += s.duration;
    else backgroundMs += s.duration;
    if (FATAL_REASONS.has(reason)) fatal++;
    reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + 1);
    if (s.deviceId !== prevDevice) {
      prevDevice = s.deviceId;
      if (!deviceIds.includes(prevDevice)) deviceIds.push(prevDevice);
    }
    if (s.end >= last) {
      last = s.end;
      lastSession = s;
    }
  }
  const index: TimeIndex = { ts, end: endArr, maxDuration, flagPrefix };
  // Counted in order of first appearance, as property order would have it.
  const endReasons: Partial<Record<EndReason, number>> = {};
  for (const [reason, count] of reasonCounts) endReasons[reason] = count;
  let userId: string | undefined;
  if (byUser) for (const s of sessions) if (s.userId === key) { userId = key; break; }
  if (userId === undefined) {
    for (let i = sessions.length - 1; i >= 0; i--) {
      if (sessions[i]!.userId) {
        userId = sessions[i]!.userId;
        break;
      }
    }
  }
  const groupStarts = new Float64Array(groups.length);
  let maxGroupDuration = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    groupStarts[gi] = g.start;
    if (g.end - g.start > maxGroupDuration) maxGroupDuration = g.end - g.start;
  }
  return {
    ...index,
    key,
    deviceId: lastSession.deviceId,
    deviceIds,
    userId,
    sessions,
    groupOf,
    groups,
    groupStarts,
    maxGroupDuration,
    first: sessions[0]!.start,
    last,
    foregroundMs,
    backgroundMs,
    fatal,
    endReasons,
    dimensions: lastSession.dimensions,
  };
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
