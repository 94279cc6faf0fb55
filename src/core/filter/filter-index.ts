/**
 * The filter index: crossfilter-style faceted counts over sessions, at session, stitched
 * session or device scope, updated incrementally.
 *
 * How it works, briefly. Every dimension is a column of value codes ({@link buildColumns}),
 * with an inverted index (the sessions of each code, contiguous). A filter is a pass table
 * per code. Per session the index keeps how many filters it fails (`failCount`) and the XOR
 * of their slot ids (`failXor`: when exactly one filter fails, that is its id). Changing one
 * dimension's filter visits only the sessions whose code flipped between pass and fail, and
 * for each:
 *
 * - if it passes every other filter, it enters (or leaves) the result, and the counts of
 *   every other dimension change at its value (a dimension's counts ignore its own filter);
 * - if exactly one other filter fails it, only that dimension's counts change;
 * - otherwise nothing visible changes.
 *
 * Distinct devices per value are counted with (device, value) pair counters: a device counts
 * for a value while at least one of its sessions does. The session counts at stitched / device
 * scope come from (stitched session, value) and (device, value) pairs the same way. Codes and
 * pair ids are stored row by row (all dimensions of one session together), so the inner loop
 * reads one cache line per session.
 */

import type { Primitive, Session } from '../types.js';
import { NONE, buildColumns, type Column } from './columns.js';

type ColumnInfo = Omit<Column, 'codes'>;
import {
  FILTER_SCOPES,
  type CountsOptions,
  type DimensionFilter,
  type DimensionInfo,
  type Facet,
  type FacetCount,
  type FilterIndex,
  type FilterIndexOptions,
  type FilterScope,
  type FilterSource,
  type FilterTotals,
  type FilterValue,
  type FilterableSession,
  type HistogramBin,
  type NumberRange,
} from './types.js';
import { compareValues, isPrimitive, sameFilter } from './values.js';

const SESSION = 0;
const STITCHED = 1;
const DEVICE = 2;
type ScopeCode = typeof SESSION | typeof STITCHED | typeof DEVICE;

/**
 * Indexes sessions for filtering. `model` may be a `SessionModel` or anything with
 * `sessions` (lighter session-like objects work: see {@link FilterableSession}). Dimensions
 * are discovered from the data: every `resource` key of the sessions' `dimensions`, and the
 * derived ones (state, end reason, cold start, has crash / ANR / OOM / error log / failed
 * network call, user id, device id, duration, events per session).
 *
 * Building is O(sessions x dimensions); afterwards no session object is read again, except
 * by `matches(session)` (which maps the object to its position).
 *
 * @example
 * ```ts
 * const index = createFilterIndex(deriveSessions(events));
 * index.setDimension('app.version', { values: ['2.3.0'] });
 * index.setDimension('hasCrash', { values: [true] });
 * index.setScope('device');          // devices that ever crashed on 2.3.0
 * index.total;                       // { sessions, stitched, devices }
 * index.counts('country');           // [{ value: 'DE', sessions: 12, devices: 3 }, ...]
 * model.sessions.filter(index.matches);
 * ```
 */
export function createFilterIndex<S extends FilterableSession = Session>(model: FilterSource<S>, options: FilterIndexOptions = {}): FilterIndex<S> {
  return new SessionFilterIndex(model.sessions, options);
}

/** `[start, end)` of the codes holding numbers (NaN left out) in a sorted dictionary. */
function numberBlock(values: ArrayLike<Primitive>): [number, number] {
  let start = 0;
  while (start < values.length && typeof values[start] !== 'number') start++;
  let end = start;
  while (end < values.length && typeof values[end] === 'number' && !Number.isNaN(values[end])) end++;
  return [start, end];
}

/** First index in `[lo, hi)` whose value is not below `x` (numbers only). */
function lowerBound(values: ArrayLike<Primitive>, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The code of `v` in a sorted dictionary, or -1. */
function codeOf(values: ArrayLike<Primitive>, v: Primitive): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareValues(values[mid] as Primitive, v);
    if (c === 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/**
 * Checks a filter and copies it into a frozen normal form, the one `parseFilterQuery` gives:
 * `values` unless there are only ranges, `ranges` only when there are some, no `exclude: false`.
 */
function normalizeFilter(name: string, f: DimensionFilter): DimensionFilter {
  const out: { values?: readonly Primitive[]; ranges?: readonly NumberRange[]; exclude?: boolean } = {};
  for (const v of f.values ?? []) if (!isPrimitive(v)) throw new TypeError(`filter of "${name}": ${String(v)} is not a string, number, boolean or null`);
  // The normal form of `parseFilterQuery`: `values` unless there are only ranges.
  if (f.values?.length || !f.ranges?.length) out.values = Object.freeze([...(f.values ?? [])]);
  if (f.ranges?.length) {
    out.ranges = Object.freeze(
      f.ranges.map((r) => {
        for (const b of [r.min, r.max]) {
          if (b !== undefined && (typeof b !== 'number' || Number.isNaN(b))) throw new TypeError(`filter of "${name}": range bound ${String(b)} is not a number`);
        }
        const range: { min?: number; max?: number } = {};
        if (r.min !== undefined) range.min = r.min;
        if (r.max !== undefined) range.max = r.max;
        return Object.freeze(range);
      }),
    );
  }
  if (f.exclude === true) out.exclude = true;
  return Object.freeze(out);
}

class SessionFilterIndex<S extends FilterableSession> implements FilterIndex<S> {
  readonly sessions: readonly S[];
  readonly dimensions: readonly DimensionInfo[];
  readonly mask: Uint8Array;
  readonly all: FilterTotals;

  private readonly n: number;
  private readonly m: number;
  /** The columns without their per-session codes (only the build needs those). */
  private readonly cols: readonly ColumnInfo[];
  private readonly byName = new Map<string, number>();

  // Per dimension: pass table per code, inverted index (sessions by code), filter.
  private readonly pass: Uint8Array[];
  private readonly offsets: Uint32Array[];
  private readonly items: Uint32Array[];
  private readonly filters: (DimensionFilter | undefined)[];
  private readonly byCount: (Uint32Array | undefined)[];

  // Facet slots: dimension j owns [foff[j], foff[j + 1]); its last slot holds values in no bin.
  private readonly foff: Int32Array;
  /**
   * Per session and dimension (row-major, `r = i * m + j`): `cells[2r]` is the facet slot of
   * the session's value, `cells[2r + 1]` the id of its (device, value) pair. Interleaved, so an
   * update reads one stretch of memory per session.
   */
  private readonly cells: Uint32Array;
  private readonly sessCount: Int32Array;
  private readonly devCount: Int32Array;
  private readonly scopeCount: Float64Array;
  private readonly dpairCount: Int32Array;
  private gpair: Uint32Array | undefined; // n x m: (stitched, value) pair ids, built on first use
  private gpairCount: Int32Array | undefined;

  // Devices and stitched sessions, as positions; their sessions as CSR lists.
  private readonly dev: Uint32Array;
  private readonly devSize: Int32Array;
  private readonly devGroups: Int32Array;
  private readonly devOff: Uint32Array;
  private readonly devItems: Uint32Array;
  private readonly deviceIds: string[];
  private readonly grp: Uint32Array;
  private readonly grpSize: Int32Array;
  private readonly grpOff: Uint32Array;
  private readonly grpItems: Uint32Array;

  // Text match: users as codes, built on first use.
  private users: { code: Uint32Array; lower: (string | null)[]; off: Uint32Array; items: Uint32Array; deviceLower: string[] } | undefined;
  private userPass: Uint8Array | undefined;
  private devTextPass: Uint8Array | undefined;
  private text = '';
  private textShown = '';

  // Per session: number of failed filters, XOR of their slot ids, and the text slot's state.
  private readonly failCount: Uint16Array;
  private readonly failXor: Uint16Array;
  private readonly textFail: Uint8Array;
  private readonly devPass: Int32Array;
  private readonly grpPass: Int32Array;
  private passSessions = 0;
  private passGroups = 0;
  private passDevices = 0;
  private sessInPassGroups = 0;
  private sessInPassDevices = 0;
  private groupsInPassDevices = 0;
  private scope: ScopeCode = SESSION;
  private cachedValue: FilterValue | undefined;
  private changes = 0;
  private positions: Map<S, number> | undefined;

  constructor(sessions: readonly S[], options: FilterIndexOptions) {
    this.sessions = sessions;
    const n = sessions.length;
    this.n = n;
    const cols = buildColumns(sessions, options);
    this.cols = cols.map(({ codes: _, ...rest }) => rest);
    const m = cols.length;
    this.m = m;
    if (m >= 0xfff0) throw new RangeError(`too many dimensions (${m}); pass options.dimensions`);
    this.dimensions = Object.freeze(cols.map((c) => c.info));
    cols.forEach((c, j) => this.byName.set(c.info.name, j));

    // Devices and stitched sessions (first-seen order); sessions of one device are usually
    // neighbours, so the maps are consulted only when the key changes.
    const dev = (this.dev = new Uint32Array(n));
    const grp = (this.grp = new Uint32Array(n));
    const devices = new Map<string, number>();
    // Stitched sessions by `stitchedId`; one that (in hand-made input) spans devices is
    // keyed by device and id in `clashes`.
    const groups = new Map<string, number>();
    let clashes: Map<string, number> | undefined;
    this.deviceIds = [];
    let prevDevice: string | undefined;
    let prevStitched: string | undefined;
    let d = -1;
    let g = -1;
    const groupDevice: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = sessions[i] as S;
      if (s.deviceId !== prevDevice) {
        prevDevice = s.deviceId;
        prevStitched = undefined;
        d = devices.get(s.deviceId) ?? -1;
        if (d < 0) {
          d = this.deviceIds.length;
          devices.set(s.deviceId, d);
          this.deviceIds.push(s.deviceId);
        }
      }
      if (s.stitchedId !== prevStitched) {
        prevStitched = s.stitchedId;
        g = groups.get(s.stitchedId) ?? -1;
        if (g < 0) {
          g = groupDevice.length;
          groups.set(s.stitchedId, g);
          groupDevice.push(d);
        } else if (groupDevice[g] !== d) {
          clashes ??= new Map();
          const key = `${s.deviceId}\u0000${s.stitchedId}`;
          g = clashes.get(key) ?? -1;
          if (g < 0) {
            g = groupDevice.length;
            clashes.set(key, g);
            groupDevice.push(d);
          }
        }
      }
      dev[i] = d;
      grp[i] = g;
    }
    const D = this.deviceIds.length;
    const G = groupDevice.length;
    [this.devOff, this.devItems, this.devSize] = csr(this.dev, D);
    [this.grpOff, this.grpItems, this.grpSize] = csr(this.grp, G);
    this.devGroups = new Int32Array(D);
    for (const dd of groupDevice) this.devGroups[dd]!++;
    this.all = Object.freeze({ sessions: n, stitched: G, devices: D });

    // Per dimension: inverted index and an all-pass table.
    this.pass = [];
    this.offsets = [];
    this.items = [];
    this.filters = [];
    this.byCount = [];
    for (const c of cols) {
      const [off, items] = csr(c.codes, c.values.length);
      this.offsets.push(off);
      this.items.push(items);
      this.pass.push(new Uint8Array(c.values.length).fill(1));
      this.filters.push(undefined);
      this.byCount.push(undefined);
    }

    // Facet slots and row-major facet codes.
    this.foff = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.foff[j + 1] = (this.foff[j] as number) + facetSize(cols[j] as Column) + 1;
    const F = this.foff[m] as number;
    const cells = (this.cells = new Uint32Array(2 * n * m));
    for (let j = 0; j < m; j++) {
      const c = cols[j] as Column;
      const base = this.foff[j] as number;
      const codes = c.codes;
      const bins = c.binOfCode;
      if (bins === undefined) {
        for (let i = 0, r = j; i < n; i++, r += m) cells[2 * r] = base + (codes[i] as number);
      } else {
        const trash = base + facetSize(c);
        for (let i = 0, r = j; i < n; i++, r += m) {
          const b = bins[codes[i] as number] as number;
          cells[2 * r] = b === NONE ? trash : base + b;
        }
      }
    }
    // Nothing is filtered yet, so every session counts everywhere: the counts are set
    // directly rather than through recount().
    const sessCount = (this.sessCount = new Int32Array(F));
    this.devCount = new Int32Array(F);
    this.scopeCount = new Float64Array(F);
    for (let c = 0; c < cells.length; c += 2) sessCount[cells[c] as number]!++;
    const pairs = pairIds(cells, m, this.devOff, this.devItems, F, cells, 2, 1, this.devCount);
    const dpairCount = (this.dpairCount = new Int32Array(pairs));
    for (let c = 1; c < cells.length; c += 2) dpairCount[cells[c] as number]!++;

    this.failCount = new Uint16Array(n);
    this.failXor = new Uint16Array(n);
    this.textFail = new Uint8Array(n);
    this.devPass = this.devSize.slice();
    this.grpPass = this.grpSize.slice();
    this.mask = new Uint8Array(n).fill(1);
    this.passSessions = this.sessInPassGroups = this.sessInPassDevices = n;
    this.passGroups = this.groupsInPassDevices = G;
    this.passDevices = D;
  }

  dimension(name: string): DimensionInfo | undefined {
    const j = this.byName.get(name);
    return j === undefined ? undefined : this.cols[j]?.info;
  }

  get value(): FilterValue {
    if (this.cachedValue === undefined) {
      const entries: [string, DimensionFilter][] = [];
      this.filters.forEach((f, j) => {
        if (f !== undefined) entries.push([(this.cols[j] as ColumnInfo).info.name, f]);
      });
      const value: { dimensions?: Readonly<Record<string, DimensionFilter>>; text?: string; scope?: FilterScope } = {};
      if (entries.length) value.dimensions = Object.freeze(Object.fromEntries(entries));
      if (this.textShown !== '') value.text = this.textShown;
      if (this.scope !== SESSION) value.scope = FILTER_SCOPES[this.scope] as FilterScope;
      this.cachedValue = Object.freeze(value);
    }
    return this.cachedValue;
  }

  get version(): number {
    return this.changes;
  }

  get total(): FilterTotals {
    switch (this.scope) {
      case SESSION:
        return { sessions: this.passSessions, stitched: this.passGroups, devices: this.passDevices };
      case STITCHED:
        return { sessions: this.sessInPassGroups, stitched: this.passGroups, devices: this.passDevices };
      default:
        return { sessions: this.sessInPassDevices, stitched: this.groupsInPassDevices, devices: this.passDevices };
    }
  }

  setFilter(value: FilterValue): void {
    const dims = value.dimensions ?? {};
    const wanted = new Map<number, DimensionFilter>();
    for (const name of Object.keys(dims)) {
      const j = this.indexOf(name);
      const f = dims[name];
      if (f !== undefined) wanted.set(j, normalizeFilter(name, f));
    }
    const scope = value.scope ?? 'session';
    const scopeCode = this.scopeCode(scope);
    for (let j = 0; j < this.m; j++) this.applyDimension(j, wanted.get(j));
    this.setText(value.text);
    if (scopeCode !== this.scope) this.setScope(scope);
  }

  setDimension(name: string, filter: DimensionFilter | undefined): void {
    const j = this.indexOf(name);
    this.applyDimension(j, filter === undefined ? undefined : normalizeFilter(name, filter));
  }

  setText(text: string | undefined): void {
    const shown = (text ?? '').trim();
    const t = shown.toLowerCase();
    if (shown === this.textShown) return;
    this.textShown = shown;
    this.changed();
    if (t === this.text) return;
    this.text = t;
    const u = this.userIndex();
    const oldUser = this.userPass ?? new Uint8Array(u.lower.length).fill(1);
    const oldDev = this.devTextPass ?? new Uint8Array(this.deviceIds.length).fill(1);
    const newUser = new Uint8Array(oldUser.length);
    const newDev = new Uint8Array(oldDev.length);
    for (let c = 0; c < newUser.length; c++) {
      const id = u.lower[c];
      newUser[c] = t === '' || (id !== null && id !== undefined && id.includes(t)) ? 1 : 0;
    }
    for (let d = 0; d < newDev.length; d++) newDev[d] = t === '' || (u.deviceLower[d] as string).includes(t) ? 1 : 0;
    this.userPass = newUser;
    this.devTextPass = newDev;
    const visit = (i: number) => {
      const fail = newUser[u.code[i] as number] === 0 && newDev[this.dev[i] as number] === 0 ? 1 : 0;
      if (fail !== this.textFail[i]) {
        this.textFail[i] = fail;
        this.flip(i, this.m + 1, fail === 1);
      }
    };
    for (let c = 0; c < newUser.length; c++) {
      if (newUser[c] === oldUser[c]) continue;
      for (let t2 = u.off[c] as number, end = u.off[c + 1] as number; t2 < end; t2++) visit(u.items[t2] as number);
    }
    for (let d = 0; d < newDev.length; d++) {
      if (newDev[d] === oldDev[d]) continue;
      for (let t2 = this.devOff[d] as number, end = this.devOff[d + 1] as number; t2 < end; t2++) visit(this.devItems[t2] as number);
    }
  }

  setScope(scope: FilterScope): void {
    const code = this.scopeCode(scope);
    if (code === this.scope) return;
    this.scope = code;
    if (code === STITCHED && this.gpair === undefined) {
      const gpair = new Uint32Array(this.n * this.m);
      const pairs = pairIds(this.cells, this.m, this.grpOff, this.grpItems, this.foff[this.m] as number, gpair, 1, 0);
      this.gpair = gpair;
      this.gpairCount = new Int32Array(pairs);
    }
    this.recount();
    this.changed();
  }

  facets(options?: CountsOptions): Facet[] {
    return this.cols.map((c) =>
      c.info.kind === 'numeric'
        ? { kind: 'numeric', dimension: c.info, bins: this.histogram(c.info.name) }
        : { kind: c.info.kind, dimension: c.info, counts: this.counts(c.info.name, options) },
    );
  }

  counts(name: string, options: CountsOptions = {}): FacetCount[] {
    const j = this.indexOf(name);
    const col = this.cols[j] as ColumnInfo;
    if (col.info.kind === 'numeric') throw new TypeError(`"${name}" is numeric: read its histogram()`);
    const card = col.values.length;
    const limit = Math.min(card, options.limit ?? card);
    const order = options.order === 'value' ? undefined : this.countOrder(j);
    const base = this.foff[j] as number;
    const sessions = this.scope === SESSION ? this.sessCount : this.scopeCount;
    const out: FacetCount[] = new Array<FacetCount>(limit);
    for (let k = 0; k < limit; k++) {
      const c = order === undefined ? k : (order[k] as number);
      const g = base + c;
      out[k] = { value: col.values[c] as Primitive, sessions: sessions[g] as number, devices: this.devCount[g] as number };
    }
    return out;
  }

  histogram(name: string): HistogramBin[] {
    const j = this.indexOf(name);
    const col = this.cols[j] as ColumnInfo;
    const t = col.thresholds;
    if (t === undefined) throw new TypeError(`"${name}" is not numeric: read its counts()`);
    const base = this.foff[j] as number;
    const sessions = this.scope === SESSION ? this.sessCount : this.scopeCount;
    const out: HistogramBin[] = [];
    for (let b = 0; b + 1 < t.length; b++) {
      out.push({ x0: t[b] as number, x1: t[b + 1] as number, sessions: sessions[base + b] as number, devices: this.devCount[base + b] as number });
    }
    return out;
  }

  readonly matches = (session: S): boolean => {
    if (this.positions === undefined) {
      this.positions = new Map();
      this.sessions.forEach((s, i) => this.positions?.set(s, i));
    }
    const i = this.positions.get(session);
    return i !== undefined && this.mask[i] === 1;
  };

  matchesAt(i: number): boolean {
    return this.mask[i] === 1;
  }

  matching(): S[] {
    const out: S[] = [];
    for (let i = 0; i < this.n; i++) if (this.mask[i] === 1) out.push(this.sessions[i] as S);
    return out;
  }

  // -- internals -----------------------------------------------------------------------

  private indexOf(name: string): number {
    const j = this.byName.get(name);
    if (j === undefined) {
      const known = this.dimensions.map((d) => d.name).join(', ');
      throw new RangeError(`unknown dimension "${name}"; the dimensions are: ${known}`);
    }
    return j;
  }

  private scopeCode(scope: string): ScopeCode {
    const code = FILTER_SCOPES.indexOf(scope as FilterScope);
    if (code < 0) throw new RangeError(`unknown scope "${scope}": expected ${FILTER_SCOPES.join(', ')}`);
    return code as ScopeCode;
  }

  private changed(): void {
    this.changes++;
    this.cachedValue = undefined;
  }

  private countOrder(j: number): Uint32Array {
    let order = this.byCount[j];
    if (order === undefined) {
      const counts = (this.cols[j] as ColumnInfo).counts;
      order = new Uint32Array(counts.length).map((_, i) => i);
      order.sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
      this.byCount[j] = order;
    }
    return order;
  }

  /** The pass table of a filter on column `j`, by binary search in its sorted dictionary. */
  private passTable(j: number, f: DimensionFilter | undefined): Uint8Array {
    const values = (this.cols[j] as ColumnInfo).values;
    const out = new Uint8Array(values.length);
    if (f === undefined) return out.fill(1);
    for (const v of f.values ?? []) {
      const c = codeOf(values, v);
      if (c >= 0) out[c] = 1;
    }
    if (f.ranges !== undefined && f.ranges.length) {
      const [start, end] = numberBlock(values);
      for (const r of f.ranges) {
        const lo = r.min === undefined ? start : lowerBound(values, start, end, r.min);
        const hi = r.max === undefined ? end : lowerBound(values, start, end, r.max);
        if (lo < hi) out.fill(1, lo, hi);
      }
    }
    if (f.exclude === true) for (let c = 0; c < out.length; c++) out[c] = 1 - (out[c] as number);
    return out;
  }

  private applyDimension(j: number, filter: DimensionFilter | undefined): void {
    if (sameFilter(this.filters[j], filter)) return;
    const nu = this.passTable(j, filter);
    const old = this.pass[j] as Uint8Array;
    const off = this.offsets[j] as Uint32Array;
    const items = this.items[j] as Uint32Array;
    const slot = j + 1;
    for (let c = 0; c < nu.length; c++) {
      if (nu[c] !== old[c]) this.flipRun(items, off[c] as number, off[c + 1] as number, slot, nu[c] === 0);
    }
    this.pass[j] = nu;
    this.filters[j] = filter;
    this.changed();
  }

  /**
   * The sessions `items[start .. end)` now fail (or pass) the filter in `slot`: `flip` for
   * each, with the per-dimension loop inlined and the arrays in locals (the hot path).
   */
  private flipRun(items: Uint32Array, start: number, end: number, slot: number, fail: boolean): void {
    const { failCount, failXor, cells, sessCount, dpairCount, devCount, scopeCount, devSize, grpSize, dev, grp, m } = this;
    const gpair = this.gpair ?? cells;
    const gpairCount = this.gpairCount ?? dpairCount;
    const device = this.scope === DEVICE;
    const stitched = this.scope === STITCHED;
    const delta = fail ? -1 : 1;
    const edge = fail ? 1 : 0; // the pair count before a 0 <-> 1 transition
    const skip = slot - 1;
    for (let t = start; t < end; t++) {
      const i = items[t] as number;
      const fc = failCount[i] as number;
      const fx = failXor[i] as number;
      const others = fail ? fc : fc - 1;
      if (others === 0) {
        this.passAdd(i, delta);
        const dsize = device ? delta * (devSize[dev[i] as number] as number) : 0;
        const gsize = stitched ? delta * (grpSize[grp[i] as number] as number) : 0;
        for (let j = 0, r = i * m; j < m; j++, r++) {
          if (j === skip) continue;
          const g = cells[2 * r] as number;
          sessCount[g] += delta;
          const p = cells[2 * r + 1] as number;
          const c = dpairCount[p] as number;
          dpairCount[p] = c + delta;
          if (c === edge) {
            devCount[g] += delta;
            if (device) scopeCount[g] += dsize;
          }
          if (stitched) {
            const q = gpair[r] as number;
            const e = gpairCount[q] as number;
            gpairCount[q] = e + delta;
            if (e === edge) scopeCount[g] += gsize;
          }
        }
      } else if (others === 1) {
        const only = fail ? fx : fx ^ slot;
        if (only <= m) this.facetAdd(i * m + only - 1, i, delta);
      }
      failCount[i] = fail ? fc + 1 : fc - 1;
      failXor[i] = fx ^ slot;
    }
  }

  /** Session `i` now fails (or passes) the filter in `slot` (1-based; `m + 1` is the text). */
  private flip(i: number, slot: number, fail: boolean): void {
    const fc = this.failCount[i] as number;
    const fx = this.failXor[i] as number;
    const delta = fail ? -1 : 1;
    const others = fail ? fc : fc - 1;
    if (others === 0) {
      this.passAdd(i, delta);
      const m = this.m;
      const skip = slot - 1;
      for (let j = 0, r = i * m; j < m; j++, r++) if (j !== skip) this.facetAdd(r, i, delta);
    } else if (others === 1) {
      const only = fail ? fx : fx ^ slot;
      if (only <= this.m) this.facetAdd(i * this.m + only - 1, i, delta);
    }
    this.failCount[i] = fail ? fc + 1 : fc - 1;
    this.failXor[i] = fx ^ slot;
  }

  /** Session `i` enters (`+1`) or leaves (`-1`) the counts of the dimension at row cell `r`. */
  private facetAdd(r: number, i: number, delta: number): void {
    const g = this.cells[2 * r] as number;
    this.sessCount[g] += delta;
    const edge = (1 - delta) >> 1; // the count before a 0 <-> 1 transition
    const p = this.cells[2 * r + 1] as number;
    const c = this.dpairCount[p] as number;
    this.dpairCount[p] = c + delta;
    if (c === edge) {
      this.devCount[g] += delta;
      if (this.scope === DEVICE) this.scopeCount[g] += delta * (this.devSize[this.dev[i] as number] as number);
    }
    if (this.scope === STITCHED) {
      const q = (this.gpair as Uint32Array)[r] as number;
      const counts = this.gpairCount as Int32Array;
      const e = counts[q] as number;
      counts[q] = e + delta;
      if (e === edge) this.scopeCount[g] += delta * (this.grpSize[this.grp[i] as number] as number);
    }
  }

  /** Session `i` starts (`+1`) or stops (`-1`) passing every filter. */
  private passAdd(i: number, delta: number): void {
    const edge = (1 - delta) >> 1;
    this.passSessions += delta;
    const d = this.dev[i] as number;
    const dc = this.devPass[d] as number;
    this.devPass[d] = dc + delta;
    const g = this.grp[i] as number;
    const gc = this.grpPass[g] as number;
    this.grpPass[g] = gc + delta;
    const on = delta > 0 ? 1 : 0;
    if (gc === edge) {
      this.passGroups += delta;
      this.sessInPassGroups += delta * (this.grpSize[g] as number);
    }
    if (dc === edge) {
      this.passDevices += delta;
      this.sessInPassDevices += delta * (this.devSize[d] as number);
      this.groupsInPassDevices += delta * (this.devGroups[d] as number);
    }
    if (this.scope === SESSION) this.mask[i] = on;
    else if (this.scope === STITCHED) {
      if (gc === edge) for (let t = this.grpOff[g] as number, end = this.grpOff[g + 1] as number; t < end; t++) this.mask[this.grpItems[t] as number] = on;
    } else if (dc === edge) {
      for (let t = this.devOff[d] as number, end = this.devOff[d + 1] as number; t < end; t++) this.mask[this.devItems[t] as number] = on;
    }
  }

  /** Recomputes every count from `failCount` / `failXor` (at build and on a scope change). */
  private recount(): void {
    this.sessCount.fill(0);
    this.devCount.fill(0);
    this.scopeCount.fill(0);
    this.dpairCount.fill(0);
    this.gpairCount?.fill(0);
    this.devPass.fill(0);
    this.grpPass.fill(0);
    this.mask.fill(0);
    this.passSessions = this.passGroups = this.passDevices = 0;
    this.sessInPassGroups = this.sessInPassDevices = this.groupsInPassDevices = 0;
    const { failCount, failXor, cells, sessCount, dpairCount, devCount, m, n } = this;
    for (let i = 0; i < n; i++) {
      const fc = failCount[i] as number;
      if (fc === 0) {
        this.passAdd(i, 1);
        if (this.scope !== SESSION) {
          for (let r = i * m, end = r + m; r < end; r++) this.facetAdd(r, i, 1);
          continue;
        }
        // The session-scope case of facetAdd, inlined: the whole index is counted at build.
        for (let r = i * m, end = r + m; r < end; r++) {
          const g = cells[2 * r] as number;
          sessCount[g]!++;
          const p = cells[2 * r + 1] as number;
          if (dpairCount[p]!++ === 0) devCount[g]!++;
        }
      } else if (fc === 1) {
        const only = failXor[i] as number;
        if (only <= m) this.facetAdd(i * m + only - 1, i, 1);
      }
    }
  }

  private userIndex(): NonNullable<SessionFilterIndex<S>['users']> {
    if (this.users === undefined) {
      const map = new Map<string | undefined, number>();
      const lower: (string | null)[] = [];
      const code = new Uint32Array(this.n);
      let prev: string | undefined | null = null;
      let prevCode = 0;
      for (let i = 0; i < this.n; i++) {
        const u = (this.sessions[i] as S).userId;
        if (u !== prev) {
          let c = map.get(u);
          if (c === undefined) {
            c = lower.length;
            map.set(u, c);
            lower.push(u === undefined ? null : u.toLowerCase());
          }
          prev = u;
          prevCode = c;
        }
        code[i] = prevCode;
      }
      const [off, items] = csr(code, lower.length);
      this.users = { code, lower, off, items, deviceLower: this.deviceIds.map((d) => d.toLowerCase()) };
    }
    return this.users;
  }
}

/** Number of facet slots of a column: its values, or its bins. */
function facetSize(c: ColumnInfo): number {
  return c.thresholds === undefined ? c.values.length : Math.max(c.thresholds.length - 1, 0);
}

/** Compressed lists of the positions per key: `items[off[k] .. off[k + 1])` have key k. */
function csr(keys: Uint32Array, size: number): [Uint32Array, Uint32Array, Int32Array] {
  const count = new Int32Array(size);
  for (let i = 0; i < keys.length; i++) count[keys[i] as number]!++;
  const off = new Uint32Array(size + 1);
  for (let k = 0; k < size; k++) off[k + 1] = (off[k] as number) + (count[k] as number);
  const fill = off.slice(0, size);
  const items = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) items[fill[keys[i] as number]!++] = i;
  return [off, items, count];
}

/**
 * Numbers the (owner, facet slot) pairs, for owners given as CSR lists (devices or stitched
 * sessions): reads the slot of cell `r` at `cells[2r]`, writes its pair id at
 * `out[r * stride + offset]`, and returns how many pairs there are. With `firsts`, counts
 * the owners of each slot there.
 */
function pairIds(cells: Uint32Array, m: number, off: Uint32Array, items: Uint32Array, slots: number, out: Uint32Array, stride: number, offset: number, firsts?: Int32Array): number {
  const stamp = new Int32Array(slots).fill(-1);
  const pairOf = new Uint32Array(slots);
  let next = 0;
  const owners = off.length - 1;
  for (let o = 0; o < owners; o++) {
    for (let t = off[o] as number, end = off[o + 1] as number; t < end; t++) {
      const i = items[t] as number;
      for (let r = i * m, rend = r + m; r < rend; r++) {
        const g = cells[2 * r] as number;
        if (stamp[g] !== o) {
          stamp[g] = o;
          pairOf[g] = next++;
          if (firsts !== undefined) firsts[g]!++;
        }
        out[r * stride + offset] = pairOf[g] as number;
      }
    }
  }
  return next;
}
