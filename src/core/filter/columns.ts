/**
 * Columns: one per dimension, the value of every session as a code into a sorted dictionary
 * of the dimension's distinct values. Built in a few passes over the sessions; everything
 * after works on these typed arrays, never on the session objects again.
 */

import type { Primitive } from '../types.js';
import {
  DERIVED_DIMENSIONS,
  EXPERIMENT_PREFIX,
  GROUP_LABELS,
  compareResourceKeys,
  derivedReader,
  labelForKey,
  sessionFacts,
  type DerivedDimension,
} from './dimensions.js';
import { histogramThresholds } from './histogram.js';
import type { DimensionInfo, FilterIndexOptions, FilterableSession, ValueType } from './types.js';
import { compareValues, isPrimitive, valueType } from './values.js';

/** "No code" in a column under construction, and "no bin" in a numeric column. */
export const NONE = 0xffffffff;

/** One dimension's values, coded. */
export interface Column {
  readonly info: DimensionInfo;
  /**
   * The distinct values, in {@link compareValues} order; codes index into it. A Float64Array
   * for numeric columns (unless some value is `null`).
   */
  readonly values: ArrayLike<Primitive>;
  /** Per session, the code of its value. */
  readonly codes: Uint32Array;
  /** Per code, how many sessions have it. */
  readonly counts: Int32Array;
  /** Numeric dimensions: the histogram thresholds. */
  readonly thresholds?: readonly number[];
  /** Numeric dimensions: per code, its bin (or {@link NONE}). */
  readonly binOfCode?: Uint32Array;
}

/** Collects the values of one dimension: first-seen codes, sorted at the end. */
class ColumnBuilder {
  readonly codes: Uint32Array;
  private readonly map = new Map<Primitive, number>();
  private readonly values: Primitive[] = [];
  private last: Primitive | undefined = undefined;
  private lastCode = 0;

  constructor(n: number, fillMissing: boolean) {
    this.codes = new Uint32Array(n);
    if (fillMissing) this.codes.fill(NONE);
  }

  set(i: number, v: Primitive): void {
    // Neighbouring sessions (one device) mostly share values: skip the map then.
    if (v === this.last) {
      this.codes[i] = this.lastCode;
      return;
    }
    let c = this.map.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.map.set(v, c);
    }
    this.last = v;
    this.lastCode = c;
    this.codes[i] = c;
  }

  /** Sorts the dictionary and recodes; a session never set gets `null`. */
  finish(): Coded {
    const codes = this.codes;
    if (codes.includes(NONE) && !this.map.has(null)) {
      this.map.set(null, this.values.length);
      this.values.push(null);
    }
    const nullCode = this.map.get(null);
    const order = this.values.map((_, i) => i).sort((a, b) => compareValues(this.values[a] as Primitive, this.values[b] as Primitive));
    const recode = new Uint32Array(order.length);
    order.forEach((old, i) => (recode[old] = i));
    const counts = new Int32Array(order.length);
    for (let i = 0; i < codes.length; i++) {
      const old = codes[i] as number;
      const c = recode[old === NONE ? (nullCode as number) : old] as number;
      codes[i] = c;
      counts[c]!++;
    }
    return { values: order.map((i) => this.values[i] as Primitive), codes, counts };
  }
}

/** A coded column: the dictionary, the code per session, the count per code. */
interface Coded {
  readonly values: ArrayLike<Primitive>;
  readonly codes: Uint32Array;
  readonly counts: Int32Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The positions of the finite values of `raw`, ordered by value: an LSD radix sort on the
 * IEEE-754 bits, 16 bits a pass, skipping the passes where every key has the same digit
 * (integer-valued data takes two). Keys move with the positions, so every pass reads
 * sequentially; a binary search per value in a sorted copy would cost a cache miss a step.
 */
function sortedPositions(raw: Float64Array): Uint32Array {
  const n = raw.length;
  let idx = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(raw[i] as number)) idx[m++] = i;
  // Below some 30k values the radix sort's 64k-bucket passes cost more than a plain sort.
  if (!LITTLE_ENDIAN || m < 1 << 15) return idx.subarray(0, m).sort((a, b) => (raw[a] as number) - (raw[b] as number) || a - b);
  // Keys that sort as unsigned integers: negative numbers have every bit flipped, others the sign bit.
  const words = new Uint32Array(raw.buffer, raw.byteOffset, n * 2);
  let lo = new Uint32Array(m);
  let hi = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const i = idx[k] as number;
    const h = words[2 * i + 1] as number;
    const l = words[2 * i] as number;
    const negative = h >>> 31 === 1;
    hi[k] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[k] = negative ? ~l >>> 0 : l;
  }
  let idx2 = new Uint32Array(m);
  let lo2 = new Uint32Array(m);
  let hi2 = new Uint32Array(m);
  const count = new Uint32Array(65536);
  for (let pass = 0; pass < 4; pass++) {
    const low = pass < 2;
    const key = low ? lo : hi;
    const shift = (pass & 1) * 16;
    count.fill(0);
    for (let k = 0; k < m; k++) count[((key[k] as number) >>> shift) & 0xffff]!++;
    if (m === 0 || count[((key[0] as number) >>> shift) & 0xffff] === m) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const p = count[((key[k] as number) >>> shift) & 0xffff]!++;
      idx2[p] = idx[k] as number;
      hi2[p] = hi[k] as number;
      if (low) lo2[p] = lo[k] as number;
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    if (low) [lo, lo2] = [lo2, lo];
  }
  return idx.subarray(0, m);
}

/**
 * A numeric column: sessions have distinct durations, so the values are sorted with a typed
 * radix sort rather than collected in a Map. The dictionary is a Float64Array unless some
 * value is not finite (read as `null`, which sorts first).
 */
function numericColumn(raw: Float64Array): Coded {
  const n = raw.length;
  const order = sortedPositions(raw);
  const offset = order.length < n ? 1 : 0;
  const codes = new Uint32Array(n); // non-finite values keep code 0: null
  const distinct = new Float64Array(order.length);
  let u = 0;
  let prev = Number.NaN;
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const v = raw[i] as number;
    if (v !== prev) distinct[u++] = prev = v; // -0 and 0 are one value
    codes[i] = u - 1 + offset;
  }
  const numbers = distinct.slice(0, u);
  const counts = new Int32Array(u + offset);
  for (let i = 0; i < n; i++) counts[codes[i] as number]!++;
  return { values: offset ? [null, ...numbers] : numbers, codes, counts };
}

function typesOf(values: ArrayLike<Primitive>): ValueType[] {
  const seen = new Set<ValueType>();
  for (let i = 0; i < values.length; i++) seen.add(valueType(values[i] as Primitive));
  return (['null', 'boolean', 'number', 'string'] as const).filter((t) => seen.has(t));
}

/**
 * The dimensions each session is filtered by: its own, plus the keys it lacks carried
 * forward from the device's previous session (sessions come ordered by device, then start).
 * A background session begun by `app.background` holds no event, so it has no `resource`
 * of its own; without this, filtering by app version would drop every such session.
 */
export function carriedDimensions(sessions: readonly FilterableSession[]): Readonly<Record<string, Primitive>>[] {
  const out: Readonly<Record<string, Primitive>>[] = new Array(sessions.length);
  let device: string | undefined;
  let previous: Readonly<Record<string, Primitive>> | undefined;
  for (let i = 0; i < sessions.length; i++) {
    const s = sessions[i] as FilterableSession;
    let d = s.dimensions;
    if (s.deviceId !== device) {
      device = s.deviceId;
      previous = undefined;
    }
    if (previous) {
      for (const key in previous) {
        if (!Object.hasOwn(d, key)) {
          d = { ...previous, ...d };
          break;
        }
      }
    }
    out[i] = previous = d;
  }
  return out;
}

/**
 * Discovers the dimensions of the sessions and codes their values: every `dimensions` key
 * (`userId` aside: it is the derived `userId`), then the derived ones. A resource key equal to
 * a derived name is renamed `resource.<key>`. A non-primitive value is read as `null`, as is a
 * missing key.
 */
export function buildColumns(sessions: readonly FilterableSession[], options: FilterIndexOptions = {}): Column[] {
  const n = sessions.length;
  const derivedNames = new Set(DERIVED_DIMENSIONS.map((d) => d.name));
  const wanted = options.dimensions === undefined ? undefined : new Set(options.dimensions);
  const nameOfKey = (key: string) => {
    let name = key;
    while (derivedNames.has(name)) name = `resource.${name}`;
    return name;
  };

  // One pass over the sessions for every resource key at once.
  // Sessions mostly list the same keys in the same order: the builders of the previous
  // session's keys are tried first, the map only when a key differs.
  const builders = new Map<string, ColumnBuilder | null>();
  const lastKeys: string[] = [];
  const lastBuilders: (ColumnBuilder | null)[] = [];
  // for-in also lists inherited enumerable keys; checking each key with Object.hasOwn costs
  // 4x, so it is done only when something made Object.prototype enumerable keys.
  let polluted = false;
  for (const _ in {}) polluted = true;
  const dimensionsOf = carriedDimensions(sessions);
  for (let i = 0; i < n; i++) {
    const d = dimensionsOf[i] as Readonly<Record<string, Primitive>>;
    let k = 0;
    for (const key in d) {
      if (polluted && !Object.hasOwn(d, key)) continue;
      let b: ColumnBuilder | null | undefined;
      if (lastKeys[k] === key) b = lastBuilders[k];
      else {
        b = builders.get(key);
        if (b === undefined) {
          b = key === 'userId' || (wanted !== undefined && !wanted.has(nameOfKey(key))) ? null : new ColumnBuilder(n, true);
          builders.set(key, b);
        }
        lastKeys[k] = key;
        lastBuilders[k] = b;
      }
      k++;
      if (b != null) {
        const v = d[key];
        b.set(i, isPrimitive(v) ? v : null);
      }
    }
  }

  const columns = new Map<string, Column>();
  for (const [key, b] of builders) {
    if (b === null) continue;
    const { values, codes, counts } = b.finish();
    const types = typesOf(values);
    const experiment = key.startsWith(EXPERIMENT_PREFIX);
    const group = experiment ? 'experiment' : 'resource';
    const name = nameOfKey(key);
    const info: DimensionInfo = Object.freeze({
      name,
      label: labelForKey(key),
      kind: types.includes('boolean') && types.every((t) => t === 'boolean' || t === 'null') ? 'boolean' : 'categorical',
      group,
      groupLabel: GROUP_LABELS[group],
      key,
      cardinality: values.length,
      types: Object.freeze(types),
    });
    columns.set(name, { info, values, codes, counts });
  }

  const derived = DERIVED_DIMENSIONS.filter((d) => wanted === undefined || wanted.has(d.name));
  let facts: Uint8Array | undefined;
  if (derived.some((d) => d.name.startsWith('has'))) {
    facts = new Uint8Array(n);
    for (let i = 0; i < n; i++) facts[i] = sessionFacts(sessions[i] as FilterableSession);
  }
  for (const d of derived) columns.set(d.name, derivedColumn(d, sessions, facts, options));

  let names: string[];
  if (options.dimensions !== undefined) {
    names = [...new Set(options.dimensions)].filter((name) => columns.has(name));
  } else {
    const resource = [...columns.values()].filter((c) => c.info.group !== 'derived').map((c) => c.info);
    const byKey = (a: DimensionInfo, b: DimensionInfo) => compareResourceKeys(a.key as string, b.key as string);
    names = [
      ...resource.filter((c) => c.group === 'resource').sort(byKey),
      ...resource.filter((c) => c.group === 'experiment').sort(byKey),
    ].map((c) => c.name);
    names.push(...derived.map((d) => d.name));
  }
  return names.map((name) => columns.get(name) as Column);
}

function derivedColumn(d: DerivedDimension, sessions: readonly FilterableSession[], facts: Uint8Array | undefined, options: FilterIndexOptions): Column {
  const n = sessions.length;
  const read = derivedReader(d.name);
  let coded: Coded;
  if (d.kind === 'numeric') {
    const raw = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = read(sessions[i] as FilterableSession, 0);
      raw[i] = typeof v === 'number' ? v : Number.NaN;
    }
    coded = numericColumn(raw);
  } else {
    const b = new ColumnBuilder(n, false);
    for (let i = 0; i < n; i++) b.set(i, read(sessions[i] as FilterableSession, facts === undefined ? 0 : (facts[i] as number)));
    coded = b.finish();
  }
  const types = typesOf(coded.values);
  const info: DimensionInfo = Object.freeze({
    name: d.name,
    label: d.label,
    kind: d.kind,
    group: 'derived',
    groupLabel: GROUP_LABELS.derived,
    cardinality: coded.values.length,
    types: Object.freeze(types),
    ...(d.unit ? { unit: d.unit } : {}),
  });
  if (d.kind !== 'numeric') return { info, ...coded };

  const { values, counts } = coded;
  const given = options.thresholds !== undefined && Object.hasOwn(options.thresholds, d.name) ? options.thresholds[d.name] : undefined;
  const first = values.length && values[0] === null ? 1 : 0;
  const numbers = values instanceof Float64Array ? values : Float64Array.from(Array.prototype.slice.call(values, first) as number[]);
  const thresholds = Object.freeze(given !== undefined ? [...given] : histogramThresholds(numbers, counts.subarray(first)));
  const binOfCode = new Uint32Array(values.length).fill(NONE);
  if (thresholds.length >= 2) {
    // Values and thresholds are both ascending: one merge pass.
    let b = 0;
    const last = thresholds.length - 1;
    for (let c = first; c < values.length; c++) {
      const v = values[c] as number;
      while (b < last && v >= (thresholds[b + 1] as number)) b++;
      if (v >= (thresholds[0] as number) && v < (thresholds[last] as number)) binOfCode[c] = b;
    }
  }
  return { info, ...coded, thresholds, binOfCode };
}
