/**
 * Helpers on filter values: their total order, their types, and whether a value passes a
 * {@link DimensionFilter}.
 */

import type { Primitive } from '../types.js';
import type { DimensionFilter, NumberRange, ValueType } from './types.js';

/** The type of a value as {@link ValueType} names it. */
export function valueType(v: Primitive): ValueType {
  return v === null ? 'null' : (typeof v as 'string' | 'number' | 'boolean');
}

const TYPE_RANK: Readonly<Record<ValueType, number>> = { null: 0, boolean: 1, number: 2, string: 3 };

/**
 * The total order of values: `null`, `false`, `true`, numbers ascending (`NaN` last), then
 * strings in code-unit order (the same on every machine, unlike `localeCompare`).
 */
export function compareValues(a: Primitive, b: Primitive): number {
  const ta = TYPE_RANK[valueType(a)];
  const tb = TYPE_RANK[valueType(b)];
  if (ta !== tb) return ta - tb;
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
    if (Number.isNaN(b)) return -1;
    return a - b;
  }
  if (typeof a === 'boolean') return a ? 1 : -1;
  return (a as string) < (b as string) ? -1 : 1;
}

/** True when `value` is a {@link Primitive}. */
export function isPrimitive(value: unknown): value is Primitive {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** True when `v` lies in the half-open range `[min, max)`; only numbers do. */
export function inRange(range: NumberRange, v: Primitive): boolean {
  return typeof v === 'number' && (range.min === undefined || v >= range.min) && (range.max === undefined || v < range.max);
}

/**
 * A compiled {@link DimensionFilter}: `test(v)` tells whether `v` passes. Values are
 * compared with SameValueZero (`0` equals `-0`, `NaN` equals `NaN`).
 */
export function compileFilter(filter: DimensionFilter | undefined): (v: Primitive) => boolean {
  if (filter === undefined) return () => true;
  const values = new Set<Primitive>(filter.values ?? []);
  const ranges = filter.ranges ?? [];
  const exclude = filter.exclude === true;
  return (v) => {
    let hit = values.has(v);
    for (let i = 0; !hit && i < ranges.length; i++) hit = inRange(ranges[i] as NumberRange, v);
    return hit !== exclude;
  };
}

/** True when two filters let the same values through for the same reasons (same parts, same order ignored). */
export function sameFilter(a: DimensionFilter | undefined, b: DimensionFilter | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if ((a.exclude === true) !== (b.exclude === true)) return false;
  const av = new Set<Primitive>(a.values ?? []);
  const bv = new Set<Primitive>(b.values ?? []);
  if (av.size !== bv.size) return false;
  for (const v of av) if (!bv.has(v)) return false;
  const key = (r: NumberRange) => `${r.min ?? ''}..${r.max ?? ''}`;
  const ar = new Set((a.ranges ?? []).map(key));
  const br = new Set((b.ranges ?? []).map(key));
  if (ar.size !== br.size) return false;
  for (const r of ar) if (!br.has(r)) return false;
  return true;
}
