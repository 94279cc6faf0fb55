/**
 * Lanes of a timeline: which category goes where, how each is drawn, and the per-lane
 * indexes (sorted typed arrays) built once when the data changes.
 *
 * @packageDocumentation
 */
import type { EventCategory, SessionEvent } from '../core/types.js';
import { buildTimeIndex, type TimeIndex } from './lod.js';

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
  const raw = String(event.attrs?.['log.severity'] ?? 'info').toLowerCase();
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
  const buckets = new Map<LaneId, SessionEvent[]>(LANE_IDS.map((id) => [id, []]));
  for (const e of events) buckets.get(laneOf(e))!.push(e);
  const out = new Map<LaneId, LaneIndex>();
  for (const [id, list] of buckets) {
    // Late reports come after their session's other events but carry a later ts.
    list.sort((a, b) => a.ts - b.ts || a.index - b.index);
    const index = buildTimeIndex(list, (e) => e.ts, (e) => e.duration ?? 0, isFlagged);
    out.set(id, { ...index, id, events: list });
  }
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
