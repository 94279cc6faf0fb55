/**
 * What can be filtered: the derived dimensions every session has, labels for people, and
 * the per-session facts read from events (has a crash, an error log, a failed network call).
 */

import type { Primitive } from '../types.js';
import type { DimensionGroup, DimensionKind, FilterableEvent, FilterableSession } from './types.js';

/** Labels of the dimension groups, for people. */
export const GROUP_LABELS: Readonly<Record<DimensionGroup, string>> = Object.freeze({
  resource: 'App & device',
  experiment: 'Experiments',
  derived: 'Session',
});

/** The prefix of experiment keys in `resource`. */
export const EXPERIMENT_PREFIX = 'experiment.';

/** A dimension computed from the session rather than read from its `resource`. */
export interface DerivedDimension {
  readonly name: string;
  readonly label: string;
  readonly kind: DimensionKind;
  readonly unit?: 'ms' | 'count';
}

/**
 * The derived dimensions, in the order a filter panel lists them. Their names are the
 * `Session` field names (or `has<Thing>` for facts read from events).
 */
export const DERIVED_DIMENSIONS: readonly DerivedDimension[] = Object.freeze([
  { name: 'state', label: 'State', kind: 'categorical' },
  { name: 'endReason', label: 'End reason', kind: 'categorical' },
  { name: 'coldStart', label: 'Cold start', kind: 'boolean' },
  { name: 'hasCrash', label: 'Has crash', kind: 'boolean' },
  { name: 'hasAnr', label: 'Has ANR', kind: 'boolean' },
  { name: 'hasOom', label: 'Has OOM', kind: 'boolean' },
  { name: 'hasErrorLog', label: 'Has error log', kind: 'boolean' },
  { name: 'hasNetworkError', label: 'Has failed network call', kind: 'boolean' },
  { name: 'userId', label: 'User ID', kind: 'categorical' },
  { name: 'deviceId', label: 'Device ID', kind: 'categorical' },
  { name: 'duration', label: 'Session duration', kind: 'numeric', unit: 'ms' },
  { name: 'eventCount', label: 'Events per session', kind: 'numeric', unit: 'count' },
] satisfies DerivedDimension[]);

/** Resource keys listed first, in this order; the others follow alphabetically. */
const RESOURCE_ORDER = [
  'app.version',
  'app.build',
  'os.name',
  'os.version',
  'device.model',
  'device.manufacturer',
  'country',
  'locale',
  'persona',
];

/** Sort key of a resource dimension: known keys first, then alphabetical (code units). */
export function compareResourceKeys(a: string, b: string): number {
  const ia = RESOURCE_ORDER.indexOf(a);
  const ib = RESOURCE_ORDER.indexOf(b);
  if (ia !== ib) return ia === -1 ? 1 : ib === -1 ? -1 : ia - ib;
  return a < b ? -1 : a > b ? 1 : 0;
}

const ACRONYMS: Readonly<Record<string, string>> = {
  os: 'OS',
  id: 'ID',
  sdk: 'SDK',
  api: 'API',
  anr: 'ANR',
  oom: 'OOM',
  http: 'HTTP',
  url: 'URL',
  ui: 'UI',
  ip: 'IP',
  cpu: 'CPU',
  gpu: 'GPU',
  ram: 'RAM',
};

const KNOWN_LABELS: Readonly<Record<string, string>> = {
  'app.version': 'App version',
  'app.build': 'App build',
  'os.name': 'OS name',
  'os.version': 'OS version',
  'device.model': 'Device model',
  'device.manufacturer': 'Device manufacturer',
};

/**
 * A label for people: `app.version` -> `App version`, `network.carrier_name` -> `Network
 * carrier name`, `experiment.checkout_flow` -> `checkout_flow` (the experiment's own name,
 * shown in the `Experiments` group).
 */
export function labelForKey(key: string): string {
  const known = KNOWN_LABELS[key];
  if (known !== undefined && Object.hasOwn(KNOWN_LABELS, key)) return known;
  if (key.startsWith(EXPERIMENT_PREFIX) && key.length > EXPERIMENT_PREFIX.length) return key.slice(EXPERIMENT_PREFIX.length);
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[._\-\s]+/)
    .filter((w) => w !== '');
  if (words.length === 0) return key;
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      const acronym = Object.hasOwn(ACRONYMS, lower) ? ACRONYMS[lower] : undefined;
      if (acronym !== undefined) return acronym;
      return i === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

/** Bits of the per-session facts read from events. */
export const FACT = Object.freeze({ crash: 1, anr: 2, oom: 4, errorLog: 8, networkError: 16 });

/** True for a `log` event's severity `error` or `fatal` (any case). */
function isErrorSeverity(v: Primitive | undefined): boolean {
  if (typeof v !== 'string') return false;
  const s = v.toLowerCase();
  return s === 'error' || s === 'fatal';
}

/**
 * True for a failed network call: `http.status_code` of 400 or more (a number or a string
 * of digits), or an `error` / `error.type` attribute that is set (not `null`, `false` or empty).
 */
export function isFailedNetworkCall(e: FilterableEvent): boolean {
  const attrs = e.attrs;
  if (e.type !== 'network' || attrs == null) return false;
  const status = attrs['http.status_code'];
  if (typeof status === 'number' && status >= 400) return true;
  if (typeof status === 'string' && /^\d+$/.test(status) && Number(status) >= 400) return true;
  return isSet(attrs.error) || isSet(attrs['error.type']);
}

function isSet(v: Primitive | undefined): boolean {
  return v !== undefined && v !== null && v !== false && v !== '';
}

/**
 * The facts a session's events tell, as {@link FACT} bits: a crash / ANR / OOM (an event of
 * that type, or that end reason: a late report attached elsewhere still ended it), an error
 * log (`log` with `log.severity` `error` or `fatal`), a failed network call.
 */
export function sessionFacts(s: FilterableSession): number {
  let bits = s.endReason === 'crash' ? FACT.crash : s.endReason === 'anr' ? FACT.anr : s.endReason === 'oom' ? FACT.oom : 0;
  const events = s.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as FilterableEvent;
    switch (e.type) {
      case 'crash':
        bits |= FACT.crash;
        break;
      case 'anr':
        bits |= FACT.anr;
        break;
      case 'oom':
        bits |= FACT.oom;
        break;
      case 'log':
        if (e.attrs != null && isErrorSeverity(e.attrs['log.severity'])) bits |= FACT.errorLog;
        break;
      case 'network':
        if (isFailedNetworkCall(e)) bits |= FACT.networkError;
        break;
    }
  }
  return bits;
}

/** Reads one derived dimension from a session and its {@link sessionFacts}. */
export type DerivedReader = (s: FilterableSession, facts: number) => Primitive;

const READERS: Readonly<Record<string, DerivedReader>> = {
  state: (s) => s.state,
  endReason: (s) => s.endReason,
  coldStart: (s) => s.coldStart,
  hasCrash: (_, f) => (f & FACT.crash) !== 0,
  hasAnr: (_, f) => (f & FACT.anr) !== 0,
  hasOom: (_, f) => (f & FACT.oom) !== 0,
  hasErrorLog: (_, f) => (f & FACT.errorLog) !== 0,
  hasNetworkError: (_, f) => (f & FACT.networkError) !== 0,
  userId: (s) => s.userId ?? null,
  deviceId: (s) => s.deviceId,
  duration: (s) => s.duration,
  eventCount: (s) => s.events.length,
};

/**
 * The reader of a derived dimension (see {@link DERIVED_DIMENSIONS}). A missing user id is `null`.
 * @throws RangeError for a name that is not a derived dimension.
 */
export function derivedReader(name: string): DerivedReader {
  const read = Object.hasOwn(READERS, name) ? READERS[name] : undefined;
  if (read === undefined) throw new RangeError(`"${name}" is not a derived dimension`);
  return read;
}

/** The value of a derived dimension for one session, given its {@link sessionFacts}. */
export function derivedValue(name: string, s: FilterableSession, facts: number): Primitive {
  return derivedReader(name)(s, facts);
}
