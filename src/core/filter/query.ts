/**
 * A filter as a URL query string, so a filtered view can be shared as a link:
 *
 * ```
 * app.version=2.3.0,2.2.1&!country=DE&duration=0..240000&hasCrash=true&q=alice&scope=device
 * ```
 *
 * - `name=item,item`: the dimension's value is one of the items (OR); `!name=...`: it is
 *   none of them ("not in"). Dimensions are ANDed.
 * - An item is a value or a half-open numeric range `min..max` (`[min, max)`, like a
 *   histogram bin; either bound may be left out: `60000..`).
 * - Values keep their type: `2.3.0` and `DE` are strings, `42` and `-1.5e3` numbers, `true`,
 *   `false` and `null` are those values. A string that would read as something else is put
 *   in single quotes: `'42'`, `'true'`, `''` (the empty string), `'1..2'`.
 * - `q=text`: the free-text match on user and device ids (commas are part of the text);
 *   `scope=stitched` or `scope=device` (the default `session` is left out).
 * - Names and values are percent-encoded where they must be (`,` `&` `=` `+` `#` `%`...);
 *   a space is written `+`. A dimension named `q` or `scope`, or whose name starts with `!`,
 *   is written in quotes: `'q'=x`.
 */

import type { Primitive } from '../types.js';
import { FILTER_SCOPES, type DimensionFilter, type DimensionInfo, type FilterScope, type FilterValue, type NumberRange, type ValueType } from './types.js';
import { valueType } from './values.js';

/** Options of {@link parseFilterQuery}; a `FilterIndex` fits (`parseFilterQuery(query, index)`). */
export interface ParseFilterOptions {
  /**
   * The dimensions that exist (an index's `dimensions`). With them, a name that is not one of
   * them is reported and left out, and a bare item is read as a string when the dimension has
   * strings but no value of the item's type (`app.version=1.0` is the version `"1.0"`).
   */
  readonly dimensions?: readonly DimensionInfo[];
}

/** What {@link parseFilterQuery} returns: the filter, and a sentence for each part left out. */
export interface ParsedFilterQuery {
  readonly value: FilterValue;
  readonly errors: string[];
}

const TEXT_KEY = 'q';
const SCOPE_KEY = 'scope';
const NUMBER = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity)$|^NaN$/;

/** Percent-encodes, leaving readable what a query allows (`: / @ ! ' ( ) * ~`); space is `+`. */
function encode(s: string): string {
  let e: string;
  try {
    e = encodeURIComponent(s);
  } catch {
    // A lone UTF-16 surrogate cannot be encoded: it becomes U+FFFD.
    e = encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
  }
  return e.replace(/%20/g, '+').replace(/%3A/g, ':').replace(/%2F/g, '/').replace(/%40/g, '@');
}

/** Decodes one name or item (`+` is a space); `undefined` when the percent-encoding is broken. */
function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

const isQuoted = (s: string) => s.length >= 2 && s.startsWith("'") && s.endsWith("'");

type Item = { readonly kind: 'value'; readonly value: Primitive; readonly bare: boolean } | { readonly kind: 'range'; readonly range: NumberRange };

function readNumber(s: string): number | undefined {
  return NUMBER.test(s) ? Number(s) : undefined;
}

/** Reads one decoded item. */
function readItem(d: string): Item {
  if (isQuoted(d)) return { kind: 'value', value: d.slice(1, -1), bare: false };
  if (d === 'true' || d === 'false') return { kind: 'value', value: d === 'true', bare: true };
  if (d === 'null') return { kind: 'value', value: null, bare: true };
  const n = readNumber(d);
  if (n !== undefined) return { kind: 'value', value: n, bare: true };
  const dots = d.indexOf('..');
  if (dots >= 0) {
    const left = d.slice(0, dots);
    const right = d.slice(dots + 2);
    const min = left === '' ? undefined : readNumber(left);
    const max = right === '' ? undefined : readNumber(right);
    if ((left === '' || (min !== undefined && !Number.isNaN(min))) && (right === '' || (max !== undefined && !Number.isNaN(max)))) {
      const range: { min?: number; max?: number } = {};
      if (min !== undefined) range.min = min;
      if (max !== undefined) range.max = max;
      return { kind: 'range', range };
    }
  }
  return { kind: 'value', value: d, bare: true };
}

const formatNumber = (n: number) => (Object.is(n, -0) ? '-0' : String(n));

/** Writes one value so that {@link readItem} gives it back, type included. */
function formatItem(v: Primitive): string {
  if (typeof v === 'string') {
    const item = readItem(v);
    const plain = item.kind === 'value' && item.value === v && v !== '';
    return encode(plain ? v : `'${v}'`);
  }
  if (typeof v === 'number') return encode(formatNumber(v));
  return String(v);
}

function formatRange(r: NumberRange): string {
  return encode(`${r.min === undefined ? '' : formatNumber(r.min)}..${r.max === undefined ? '' : formatNumber(r.max)}`);
}

function formatKey(name: string, exclude: boolean): string {
  const quote = name === '' || name === TEXT_KEY || name === SCOPE_KEY || name.startsWith('!') || isQuoted(name);
  return (exclude ? '!' : '') + encode(quote ? `'${name}'` : name);
}

/**
 * Writes a filter as a compact, readable query string (no leading `?`); see the module doc
 * for the format. `parseFilterQuery(formatFilterQuery(v)).value` equals `v` (with an empty
 * text, the `session` scope and `exclude: false` left out).
 */
export function formatFilterQuery(value: FilterValue): string {
  const parts: string[] = [];
  const dims = value.dimensions ?? {};
  for (const name of Object.keys(dims)) {
    const f = dims[name] as DimensionFilter;
    const items = [...(f.values ?? []).map(formatItem), ...(f.ranges ?? []).map(formatRange)];
    parts.push(`${formatKey(name, f.exclude === true)}=${items.join(',')}`);
  }
  if (value.text !== undefined && value.text !== '') parts.push(`${TEXT_KEY}=${encode(value.text)}`);
  if (value.scope !== undefined && value.scope !== 'session') parts.push(`${SCOPE_KEY}=${value.scope}`);
  return parts.join('&');
}

/**
 * Reads a query string written by {@link formatFilterQuery} (or by hand). A leading `?` is
 * skipped. Bad parts never throw: each is left out and reported in `errors`, with the part
 * (malformed percent-encoding, a part without `=`, an empty name or item, an unknown scope,
 * an unknown dimension when `options.dimensions` is given, `!q` / `!scope`, a dimension both
 * included and excluded). A dimension given twice the same way has its items merged; a
 * repeated `q` or `scope`: the last one wins.
 */
export function parseFilterQuery(query: string, options: ParseFilterOptions = {}): ParsedFilterQuery {
  const errors: string[] = [];
  const known = options.dimensions === undefined ? undefined : new Map(options.dimensions.map((d) => [d.name, d]));
  const filters = new Map<string, { values?: Primitive[]; ranges?: NumberRange[]; exclude?: boolean }>();
  let text: string | undefined;
  let scope: FilterScope | undefined;
  const qs = query.startsWith('?') ? query.slice(1) : query;

  for (const part of qs.split('&')) {
    if (part === '') continue;
    const shown = decode(part) ?? part;
    const fail = (why: string) => errors.push(`"${shown}": ${why}`);
    const eq = part.indexOf('=');
    if (eq < 0) {
      fail('expected name=values');
      continue;
    }
    const rawKey = decode(part.slice(0, eq));
    if (rawKey === undefined) {
      fail('malformed percent-encoding in the name');
      continue;
    }
    const rawValue = part.slice(eq + 1);
    const exclude = rawKey.startsWith('!');
    let name = exclude ? rawKey.slice(1) : rawKey;
    const quoted = isQuoted(name);
    if (quoted) name = name.slice(1, -1);
    else if (name === TEXT_KEY || name === SCOPE_KEY) {
      const v = decode(rawValue);
      if (exclude) fail(`"${name}" cannot be negated`);
      else if (v === undefined) fail('malformed percent-encoding');
      else if (name === TEXT_KEY) {
        if (text !== undefined) errors.push(`"${shown}": "q" is given more than once; the last one is used`);
        text = v;
      } else if (!FILTER_SCOPES.includes(v as FilterScope)) fail(`unknown scope "${v}": expected ${FILTER_SCOPES.join(', ')}`);
      else {
        if (scope !== undefined) errors.push(`"${shown}": "scope" is given more than once; the last one is used`);
        scope = v as FilterScope;
      }
      continue;
    }
    if (name === '' && !quoted) {
      fail('empty dimension name');
      continue;
    }
    const info = known?.get(name);
    if (known !== undefined && info === undefined) {
      fail(`unknown dimension "${name}"`);
      continue;
    }
    const values: Primitive[] = [];
    const ranges: NumberRange[] = [];
    let bad = false;
    if (rawValue !== '') {
      for (const rawItem of rawValue.split(',')) {
        const d = decode(rawItem);
        if (d === undefined) {
          fail(`malformed percent-encoding in "${rawItem}"`);
          bad = true;
          break;
        }
        if (d === '') {
          fail(`empty item (write '' for the empty string)`);
          bad = true;
          break;
        }
        const item = coerce(readItem(d), d, info?.types);
        if (item.kind === 'range') ranges.push(item.range);
        else values.push(item.value);
      }
    }
    if (bad) continue;
    const prev = filters.get(name);
    if (prev !== undefined) {
      if ((prev.exclude === true) !== exclude) {
        fail(`"${name}" is both included and excluded; the first one is kept`);
        continue;
      }
      if (values.length) (prev.values ??= []).push(...values);
      if (ranges.length) (prev.ranges ??= []).push(...ranges);
      continue;
    }
    const f: { values?: Primitive[]; ranges?: NumberRange[]; exclude?: boolean } = {};
    if (values.length || !ranges.length) f.values = values;
    if (ranges.length) f.ranges = ranges;
    if (exclude) f.exclude = true;
    filters.set(name, f);
  }

  const value: { dimensions?: Readonly<Record<string, DimensionFilter>>; text?: string; scope?: FilterScope } = {};
  if (filters.size) value.dimensions = Object.fromEntries(filters);
  if (text !== undefined && text !== '') value.text = text;
  if (scope !== undefined && scope !== 'session') value.scope = scope;
  return { value, errors };
}

/** A bare item read as a type the dimension never has, while it has strings: the string. */
function coerce(item: Item, raw: string, types: readonly ValueType[] | undefined): Item {
  if (types === undefined || !types.includes('string')) return item;
  if (item.kind === 'range') return types.includes('number') ? item : { kind: 'value', value: raw, bare: true };
  if (!item.bare || types.includes(valueType(item.value))) return item;
  return { kind: 'value', value: raw, bare: true };
}
