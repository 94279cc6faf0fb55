/**
 * Lanes of a timeline: which category goes where, how each is drawn, and the per-lane
 * indexes (sorted typed arrays) built once when the data changes.
 *
 * @packageDocumentation
 */
import type { EventCategory, SessionEvent } from '../core/types.js';
import type { TimeIndex } from './lod.js';

/** Lane ids, top to bottom. */
export const LANE_IDS = ['lifecycle', 'views', 'taps', 'network', 'logs', 'breadcrumbs', 'spans', 'crashes', 'custom'] as const;
export type LaneId = (typeof LANE_IDS)[number];

/** How a lane draws its items. */
export type LaneKind = 'point' | 'span';

/** A lane's fixed description. */
export interface LaneSpec {
  readonly id: LaneId;
  /** The label shown at the left of the lane. */
  readonly label: string;
  readonly kind: LaneKind;
  readonly categories: readonly EventCategory[];
}

export const LANES: readonly LaneSpec[] = [
  { id: 'lifecycle', label: 'lifecycle', kind: 'point', categories: ['lifecycle'] },
  { id: 'views', label: 'views', kind: 'span', categories: ['view'] },
  { id: 'taps', label: 'taps', kind: 'point', categories: ['tap'] },
  { id: 'network', label: 'network', kind: 'span', categories: ['network'] },
  { id: 'logs', label: 'logs', kind: 'point', categories: ['log'] },
  { id: 'breadcrumbs', label: 'breadcrumbs', kind: 'point', categories: ['breadcrumb'] },
  { id: 'spans', label: 'spans', kind: 'span', categories: ['span'] },
  { id: 'crashes', label: 'crashes & hangs', kind: 'point', categories: ['crash', 'hang'] },
  { id: 'custom', label: 'custom', kind: 'point', categories: ['custom'] },
];

const LANE_BY_CATEGORY = new Map<EventCategory, LaneId>(LANES.flatMap((l) => l.categories.map((c) => [c, l.id] as const)));

/** The lane an event is drawn in. */
export function laneOf(event: Pick<SessionEvent, 'category'>): LaneId {
  return LANE_BY_CATEGORY.get(event.category) ?? 'custom';
}

/** Log severity read from `attrs['log.severity']`, normalised. */
export type Severity = 'debug' | 'info' | 'warning' | 'error';

export function severityOf(event: Pick<SessionEvent, 'attrs'>): Severity {
  const value = event.attrs?.['log.severity'];
  // The usual spellings first: no string made per event.
  switch (value) {
    case undefined:
    case 'info':
      return 'info';
    case 'error':
      return 'error';
    case 'warning':
    case 'warn':
      return 'warning';
    case 'debug':
      return 'debug';
  }
  const raw = String(value ?? 'info').toLowerCase();
  if (raw.startsWith('err') || raw === 'fatal' || raw === 'critical') return 'error';
  if (raw.startsWith('warn')) return 'warning';
  if (raw === 'debug' || raw === 'trace' || raw === 'verbose') return 'debug';
  return 'info';
}

/** The HTTP status of a network event, if it has a numeric one. */
export function httpStatus(event: Pick<SessionEvent, 'attrs'>): number | undefined {
  const s = Number(event.attrs?.['http.status_code']);
  return Number.isFinite(s) && s > 0 ? s : undefined;
}

/**
 * Whether an event is a problem worth marking: a failed network call (status >= 400),
 * an error log, a failed span, a crash / ANR / OOM / hang.
 */
export function isFlagged(event: SessionEvent): boolean {
  switch (event.category) {
    case 'network':
      return (httpStatus(event) ?? 0) >= 400;
    case 'log':
      return severityOf(event) === 'error';
    case 'span':
      return event.attrs?.['span.status'] === 'error';
    case 'crash':
    case 'hang':
      return true;
    default:
      return false;
  }
}

/** One lane's events and their index. */
export interface LaneIndex extends TimeIndex {
  readonly id: LaneId;
  /** Sorted by `ts` (stable). */
  readonly events: readonly SessionEvent[];
}

/** Splits events into lanes and builds each lane's sorted index (once per data change). */
export function buildLaneIndexes(events: Iterable<SessionEvent>): Map<LaneId, LaneIndex> {
  const buckets: SessionEvent[][] = LANE_IDS.map(() => []);
  for (const e of events) buckets[LANE_NUMBER.get(e.category) ?? CUSTOM]!.push(e);
  return indexBuckets(buckets);
}

/**
 * {@link buildLaneIndexes} over groups of events (sessions), in their order: a first pass
 * reads each event's category only (lanes counted), a second places each event straight
 * into its lane's typed arrays, so no array grows and nothing is written twice.
 */
export function buildLaneIndexesOf(groups: readonly { readonly events: readonly SessionEvent[] }[]): Map<LaneId, LaneIndex> {
  const L = LANE_IDS.length;
  let n = 0;
  for (let g = 0; g < groups.length; g++) n += groups[g]!.events.length;
  const lane = new Uint8Array(n);
  const counts = new Int32Array(L);
  // Group by group through functions called once a group, not one loop over every event: a
  // function called thousands of times keeps its optimised code from one build to the next,
  // where a long loop inside a function called once was compiled anew (on-stack
  // replacement) by each build, and ran unoptimised meanwhile.
  let k = 0;
  for (let g = 0; g < groups.length; g++) k = countLanes(groups[g]!.events, lane, k, counts);
  const into = laneArrays(counts);
  k = 0;
  for (let g = 0; g < groups.length; g++) k = placeLanes(groups[g]!.events, lane, k, into);
  const out = new Map<LaneId, LaneIndex>();
  for (let l = 0; l < L; l++) {
    const id = LANE_IDS[l]!;
    // Events arrive in session order, sorted per lane unless late reports interleave.
    if (into.unsorted[l]) out.set(id, indexBuckets([into.buckets[l]!], [id]).get(id)!);
    else out.set(id, { ts: into.ts[l]!, end: into.end[l]!, maxDuration: into.maxDuration[l]!, flagPrefix: into.flagPrefix[l]!, id, events: into.buckets[l]! });
  }
  return out;
}

/** Writes the lane of each of `events` at `lane[k...]` and counts them; returns the next `k`. */
function countLanes(events: readonly SessionEvent[], lane: Uint8Array, k: number, counts: Int32Array): number {
  for (let i = 0; i < events.length; i++, k++) counts[(lane[k] = LANE_NUMBER.get(events[i]!.category) ?? CUSTOM)]!++;
  return k;
}

/**
 * Every lane's arrays, sized by the lane's count, filled by {@link placeLanes}. An object
 * literal, not a class instance: a class's shape lives only as long as its instances, so the
 * code compiled for one build was thrown away after a garbage collection took the last one
 * ("embedded weak objects cleared"); a literal's shape stays with the code that makes it.
 */
interface LaneArrays {
  readonly buckets: SessionEvent[][];
  readonly ts: Float64Array[];
  readonly end: Float64Array[];
  readonly flagPrefix: Int32Array[];
  readonly at: Int32Array;
  readonly maxDuration: Float64Array;
  readonly lastIndex: Float64Array;
  readonly unsorted: Uint8Array;
}

function laneArrays(counts: Int32Array): LaneArrays {
  return {
    buckets: Array.from(counts, (c) => new Array<SessionEvent>(c)),
    ts: Array.from(counts, (c) => new Float64Array(c)),
    end: Array.from(counts, (c) => new Float64Array(c)),
    flagPrefix: Array.from(counts, (c) => new Int32Array(c + 1)),
    at: new Int32Array(counts.length),
    maxDuration: new Float64Array(counts.length),
    lastIndex: new Float64Array(counts.length).fill(-1),
    unsorted: new Uint8Array(counts.length),
  };
}

/** Places `events`, whose lanes are at `lane[k...]`, into `into`; returns the next `k`. */
function placeLanes(events: readonly SessionEvent[], lane: Uint8Array, k: number, into: LaneArrays): number {
  const { buckets, ts, end, flagPrefix, at, maxDuration, lastIndex, unsorted } = into;
  for (let i = 0; i < events.length; i++, k++) {
    const e = events[i]!;
    const l = lane[k]!;
    const j = at[l]!++;
    const t = e.ts;
    const d = Math.max(0, e.duration || 0);
    const lts = ts[l]!;
    buckets[l]![j] = e;
    lts[j] = t;
    end[l]![j] = t + d;
    if (d > maxDuration[l]!) maxDuration[l] = d;
    const flags = flagPrefix[l]!;
    flags[j + 1] = flags[j]! + (FLAGGABLE[l] && isFlagged(e) ? 1 : 0);
    // Out of order: earlier than the lane's previous event, or a tie that came first in the input.
    if (j > 0 && (t < lts[j - 1]! || (t === lts[j - 1]! && lastIndex[l]! > e.index))) unsorted[l] = 1;
    lastIndex[l] = e.index;
  }
  return k;
}

const LANE_NUMBER = new Map<EventCategory, number>(LANES.flatMap((l) => l.categories.map((c) => [c, LANE_IDS.indexOf(l.id)] as const)));
const CUSTOM = LANE_IDS.indexOf('custom');
/** Lanes whose events {@link isFlagged} may flag (by lane number). */
const FLAGGABLE = LANE_IDS.map((id) => LANES.find((l) => l.id === id)!.categories.some((c) => ['network', 'log', 'span', 'crash', 'hang'].includes(c)));
const byTime = (a: SessionEvent, b: SessionEvent): number => a.ts - b.ts || a.index - b.index;

/**
 * Sorts `list` by time (ties by index), in place and stably. Insertion sort while the list is
 * nearly sorted (a late report displaces a few neighbours: cost = how far items move), the
 * built-in sort once it has moved more than a few times the length.
 */
function sortNearlySorted(list: SessionEvent[]): void {
  const n = list.length;
  let budget = 4 * n;
  for (let i = 1; i < n; i++) {
    const e = list[i]!;
    const prev = list[i - 1]!;
    if (prev.ts < e.ts || (prev.ts === e.ts && prev.index <= e.index)) continue;
    let j = i - 1;
    for (; j >= 0; j--) {
      const o = list[j]!;
      if (o.ts < e.ts || (o.ts === e.ts && o.index <= e.index)) break;
      list[j + 1] = o;
    }
    list[j + 1] = e;
    budget -= i - 1 - j;
    if (budget < 0) {
      list.sort(byTime);
      return;
    }
  }
}

function indexBuckets(buckets: SessionEvent[][], ids: readonly LaneId[] = LANE_IDS): Map<LaneId, LaneIndex> {
  const out = new Map<LaneId, LaneIndex>();
  buckets.forEach((list, lane) => {
    // Events arrive in session order, mostly sorted already: sort only when needed. Late
    // reports come after their session's other events but carry a later ts.
    sortNearlySorted(list);
    const n = list.length;
    const ts = new Float64Array(n);
    const end = new Float64Array(n);
    const flagPrefix = new Int32Array(n + 1);
    let maxDuration = 0;
    let flagged = 0;
    for (let i = 0; i < n; i++) {
      const e = list[i]!;
      const t = e.ts;
      const d = Math.max(0, e.duration || 0);
      ts[i] = t;
      end[i] = t + d;
      if (d > maxDuration) maxDuration = d;
      if (isFlagged(e)) flagged++;
      flagPrefix[i + 1] = flagged;
    }
    const id = ids[lane]!;
    out.set(id, { ts, end, maxDuration, flagPrefix, id, events: list });
  });
  return out;
}

/** Position of `event` in its lane's index (`-1` if absent). */
export function positionInLane(lane: LaneIndex, event: SessionEvent): number {
  let lo = 0;
  let hi = lane.ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((lane.ts[mid] as number) < event.ts) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < lane.ts.length && lane.ts[i] === event.ts; i++) if (lane.events[i] === event) return i;
  return -1;
}

/** A lane placed on screen. */
export interface PlacedLane {
  readonly spec: LaneSpec;
  readonly y: number;
  readonly height: number;
}

/** Stacks the shown lanes top to bottom. */
export function layoutLanes(shown: readonly LaneId[], laneHeight: number): PlacedLane[] {
  const out: PlacedLane[] = [];
  let y = 0;
  for (const spec of LANES) {
    if (!shown.includes(spec.id)) continue;
    out.push({ spec, y, height: laneHeight });
    y += laneHeight;
  }
  return out;
}

/** The lane at `y`, if any. */
export function laneAt(placed: readonly PlacedLane[], y: number): PlacedLane | undefined {
  return placed.find((l) => y >= l.y && y < l.y + l.height);
}
