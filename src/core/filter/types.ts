/**
 * Public types of the filter engine: what a filter is ({@link FilterValue}), what can be
 * filtered ({@link DimensionInfo}) and what the index answers ({@link FacetCount},
 * {@link HistogramBin}, {@link FilterTotals}).
 *
 * @packageDocumentation
 */

import type { Primitive, Session } from '../types.js';

/**
 * The level a filter applies at.
 *
 * - `session`: a session matches when it passes every dimension filter.
 * - `stitched`: a stitched session matches when one of its sessions passes every filter
 *   (all together, in that one session); all its sessions then count as matching.
 * - `device`: the same one level up: "devices that ever crashed on 2.3.0".
 */
export type FilterScope = 'session' | 'stitched' | 'device';

/** The scopes, in order: a `const` array for pickers and for validation. */
export const FILTER_SCOPES: readonly FilterScope[] = Object.freeze(['session', 'stitched', 'device']);

/**
 * A half-open numeric interval `[min, max)`, like a d3 histogram bin or a brush selection.
 * A missing bound is open. Only numbers fall in a range: strings, booleans and `null` never do.
 */
export interface NumberRange {
  /** Inclusive lower bound; missing: no lower bound. */
  readonly min?: number;
  /** Exclusive upper bound; missing: no upper bound. */
  readonly max?: number;
}

/**
 * The filter of one dimension. A session's value passes when it equals one of `values`
 * or falls in one of `ranges` (OR inside one dimension); with `exclude` it passes when it
 * does not ("not in"). A filter with neither values nor ranges lets nothing through (or,
 * with `exclude`, everything).
 *
 * Values keep their type: the number `1` and the string `"1"` are different values. A
 * session without the dimension has the value `null`.
 */
export interface DimensionFilter {
  /** Values let through (compared with `Object.is`-like equality, `0` equals `-0`). */
  readonly values?: readonly Primitive[];
  /** Numeric ranges let through. */
  readonly ranges?: readonly NumberRange[];
  /** "Not in": let through the values that do *not* match. Default false. */
  readonly exclude?: boolean;
}

/**
 * A whole filter: AND across dimensions, OR inside one, plus a free-text match on the user
 * and device ids and the scope it applies at. Serialise it with `formatFilterQuery` to share a
 * filtered view as a link.
 */
export interface FilterValue {
  /** One filter per dimension name; a dimension not listed is not filtered. */
  readonly dimensions?: Readonly<Record<string, DimensionFilter>>;
  /**
   * Keeps sessions whose user id or device id contains this text (case-insensitive).
   * Empty or missing: no text filter.
   */
  readonly text?: string;
  /** Default `session`. */
  readonly scope?: FilterScope;
}

/** How a dimension's values are shown and filtered. */
export type DimensionKind = 'categorical' | 'boolean' | 'numeric';

/** Where a dimension comes from, for grouping in a filter panel. */
export type DimensionGroup = 'resource' | 'experiment' | 'derived';

/** A type a value may have, as `typeof` names it (with `null` for `null`). */
export type ValueType = 'string' | 'number' | 'boolean' | 'null';

/** One filterable dimension, as discovered from the data. */
export interface DimensionInfo {
  /** The key used in {@link FilterValue} and in the query string: `app.version`, `hasCrash`... */
  readonly name: string;
  /** A label for people: `App version`, `checkout_flow`, `Has crash`. */
  readonly label: string;
  /**
   * `numeric` dimensions (session duration, events per session) have histogram bins;
   * `boolean` ones have only `true` / `false` (and `null` when missing); the rest are `categorical`.
   */
  readonly kind: DimensionKind;
  /** `resource` (from the events' `resource`), `experiment` (`experiment.*`) or `derived`. */
  readonly group: DimensionGroup;
  /** The group's label for people: `App & device`, `Experiments`, `Session`. */
  readonly groupLabel: string;
  /** For resource dimensions, the key in `session.dimensions` (it differs from `name` only on a clash). */
  readonly key?: string;
  /** Number of distinct values in the data (`null` included when some session lacks it). */
  readonly cardinality: number;
  /** The value types found in the data, in the order `null`, `boolean`, `number`, `string`. */
  readonly types: readonly ValueType[];
  /** The unit of a numeric dimension. */
  readonly unit?: 'ms' | 'count';
}

/** How many sessions and distinct devices one value (or bin) of a dimension has. */
export interface FacetCount {
  readonly value: Primitive;
  /**
   * The matching sessions there would be if this dimension's filter were exactly this value,
   * every other filter unchanged (the crossfilter convention). At `stitched` / `device` scope,
   * all sessions of the stitched sessions / devices that would match.
   */
  readonly sessions: number;
  /** The matching devices there would be, likewise. */
  readonly devices: number;
}

/** One bin of a numeric dimension's histogram: values in `[x0, x1)`. */
export interface HistogramBin {
  readonly x0: number;
  readonly x1: number;
  /** As {@link FacetCount.sessions}, for the range `[x0, x1)`. */
  readonly sessions: number;
  /** As {@link FacetCount.devices}, for the range `[x0, x1)`. */
  readonly devices: number;
}

/** The counts of one dimension, given all the other dimensions' filters. */
export type Facet =
  | { readonly kind: 'categorical' | 'boolean'; readonly dimension: DimensionInfo; readonly counts: readonly FacetCount[] }
  | { readonly kind: 'numeric'; readonly dimension: DimensionInfo; readonly bins: readonly HistogramBin[] };

/** What matches the current filter. */
export interface FilterTotals {
  /** Matching sessions (at `stitched` / `device` scope: all sessions of the matching ones). */
  readonly sessions: number;
  /** Stitched sessions with at least one matching session. */
  readonly stitched: number;
  /** Devices with at least one matching session. */
  readonly devices: number;
}

/** The order of {@link FilterIndex.counts}. */
export type FacetOrder = 'count' | 'value';

/** Options of {@link FilterIndex.counts} and {@link FilterIndex.facets}. */
export interface CountsOptions {
  /**
   * `count` (default): by the number of sessions in the whole data, most first, so that a
   * list does not jump around while filters change; `value`: by value
   * (`null`, `false`, `true`, numbers, strings).
   */
  readonly order?: FacetOrder;
  /** At most this many values (the first ones in `order`). */
  readonly limit?: number;
}

/** An event, as far as the filter reads it. {@link SessionEvent} fits. */
export interface FilterableEvent {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, Primitive>> | undefined;
}

/**
 * A session, as far as the filter reads it. {@link Session} fits; benchmarks and workers may
 * pass lighter objects.
 */
export interface FilterableSession {
  readonly deviceId: string;
  readonly userId: string | undefined;
  /** Sessions with the same `deviceId` and `stitchedId` form one stitched session. */
  readonly stitchedId: string;
  readonly state: Session['state'];
  readonly endReason: Session['endReason'];
  readonly coldStart: boolean;
  readonly duration: number;
  readonly events: readonly FilterableEvent[];
  readonly dimensions: Readonly<Record<string, Primitive>>;
}

/** What {@link createFilterIndex} indexes: a `SessionModel` fits. */
export interface FilterSource<S extends FilterableSession = Session> {
  readonly sessions: readonly S[];
}

/** Options of `createFilterIndex`. */
export interface FilterIndexOptions {
  /**
   * Index only these dimensions (by name), in this order; unknown names are ignored.
   * Default: every dimension found in the data.
   */
  readonly dimensions?: readonly string[];
  /**
   * Histogram thresholds per numeric dimension (ascending), instead of the automatic ones.
   * Bins are `[t[i], t[i+1])`; values outside `[t[0], t[last])` are in no bin.
   */
  readonly thresholds?: Readonly<Record<string, readonly number[]>>;
}

/**
 * A crossfilter-like index over sessions: set filters, read faceted counts, totals and the
 * matching sessions. Changing a filter updates the counts incrementally, touching only the
 * sessions whose value's pass state changed.
 */
export interface FilterIndex<S extends FilterableSession = Session> {
  /** The indexed sessions, in input order; `mask[i]` is about `sessions[i]`. */
  readonly sessions: readonly S[];
  /** The dimensions, grouped: resource, experiments, derived. */
  readonly dimensions: readonly DimensionInfo[];
  /** The dimension of this name, if indexed. */
  dimension(name: string): DimensionInfo | undefined;
  /** The current filter (normalised: empty text and the default scope left out). */
  readonly value: FilterValue;
  /** Incremented on every change of the filter, so views can tell when to redraw. */
  readonly version: number;
  /**
   * Replaces the whole filter; only the dimensions that changed are updated.
   * @throws RangeError for an unknown dimension or scope (parse links with `parseFilterQuery`
   * and the index's dimensions to drop those with a message instead).
   */
  setFilter(value: FilterValue): void;
  /**
   * Sets (or, with `undefined`, clears) one dimension's filter.
   * @throws RangeError for an unknown dimension.
   */
  setDimension(name: string, filter: DimensionFilter | undefined): void;
  /** Sets the free-text match on user / device ids (empty or `undefined`: none). */
  setText(text: string | undefined): void;
  /** Sets the scope. @throws RangeError for an unknown scope. */
  setScope(scope: FilterScope): void;
  /** What matches the current filter. */
  readonly total: FilterTotals;
  /** The unfiltered totals. */
  readonly all: FilterTotals;
  /** Counts of every dimension given the other dimensions' filters. */
  facets(options?: CountsOptions): Facet[];
  /**
   * Counts of one categorical or boolean dimension given the other dimensions' filters.
   * @throws RangeError for an unknown dimension; TypeError for a numeric one (see `histogram`).
   */
  counts(name: string, options?: CountsOptions): FacetCount[];
  /**
   * Histogram bins of one numeric dimension given the other dimensions' filters.
   * @throws RangeError for an unknown dimension; TypeError for a non-numeric one.
   */
  histogram(name: string): HistogramBin[];
  /**
   * True when the session matches the filter at the current scope. A property holding a bound
   * function, so `sessions.filter(index.matches)` works. A session that is not indexed: false.
   * The first call maps the session objects to their positions (once, O(sessions)).
   */
  readonly matches: (session: S) => boolean;
  /** As `matches`, by position in `sessions`. */
  matchesAt(i: number): boolean;
  /** The matching sessions, in input order. */
  matching(): S[];
  /**
   * One byte per session, 1 when `sessions[i]` matches at the current scope. Live and
   * updated in place by every change: read it, never write it.
   */
  readonly mask: Uint8Array;
}
