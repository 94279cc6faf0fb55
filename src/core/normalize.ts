import type { Attributes, Diagnostic, EventCategory, SessionEvent } from './types.js';

/** Event types with a lifecycle meaning (spec §1); everything else is activity. */
export const LIFECYCLE_TYPES: ReadonlySet<string> = new Set([
  'app.launch',
  'app.foreground',
  'app.background',
  'app.terminate',
  'session.end',
  'heartbeat',
]);

/** Terminal event types and the end reason each gives (spec §3 rule 5). */
export const TERMINAL_REASONS = {
  crash: 'crash',
  anr: 'anr',
  oom: 'oom',
  'app.terminate': 'user_terminated',
} as const;

// A Map, not an object literal: a type named `constructor` or `__proto__` must not find
// Object.prototype's members (it is a custom type). One lookup covers lifecycle types too.
const CATEGORY_BY_TYPE: ReadonlyMap<string, EventCategory> = new Map<string, EventCategory>([
  ['crash', 'crash'],
  ['anr', 'crash'],
  ['oom', 'crash'],
  ['view', 'view'],
  ['tap', 'tap'],
  ['network', 'network'],
  ['log', 'log'],
  ['breadcrumb', 'breadcrumb'],
  ['span', 'span'],
  ['hang', 'hang'],
  ...[...LIFECYCLE_TYPES].map((type): [string, EventCategory] => [type, 'lifecycle']),
]);

/** The lane an event type is drawn in. Unknown types are `custom` and keep their name. */
export function categoryOf(type: string): EventCategory {
  return CATEGORY_BY_TYPE.get(type) ?? 'custom';
}

// YYYY-MM-DD, optionally THH:MM[:SS[.fff]], optionally Z or ±HH[:MM].
const ISO =
  /^([+-]\d{6}|\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Parses an ISO-8601 date or date-time to epoch ms, strictly, the same in every
 * runtime (unlike `Date.parse`, which accepts engine-specific formats). A date-time
 * without an offset is taken as UTC so that results never depend on the machine's zone.
 */
export function parseIsoTimestamp(text: string): number | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 24 || minute > 59 || second > 60) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) return undefined; // 2026-02-30
  date.setUTCHours(hour, minute, second, 0);
  let ms = date.getTime() + (frac ? Number(`0.${frac}`) * 1000 : 0);
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    ms -= sign * offset * 60_000;
  }
  return Number.isFinite(ms) ? ms : undefined;
}

function timestampOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return parseIsoTimestamp(value);
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isFinite(t) ? t : undefined;
  }
  return undefined;
}

/** An identifier field: a non-empty string, or a finite number written as a string. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function bagOf(value: unknown): Attributes | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Attributes) : undefined;
}

function show(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return String(value);
  return `a ${Array.isArray(value) ? 'array' : typeof value}`;
}

/** Tells a normalised item's diagnostic from its event (an event has no `code`). */
export const isDiagnostic = (item: SessionEvent | Diagnostic): item is Diagnostic => 'code' in item;

/**
 * Validates one input item (spec §2) and turns it into a {@link SessionEvent}.
 * Never throws: a bad item comes back as a diagnostic (tell them apart with {@link isDiagnostic}). Duplicate ids are checked by the
 * caller, which knows what was seen before.
 */
export function normalizeItem(item: unknown, index: number): SessionEvent | Diagnostic {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return { index, code: 'not-an-object', message: `item ${index} is ${show(item)}, not an event object` };
  }
  const raw = item as Record<string, unknown>;
  // Each field is read once: input objects come in many shapes, so every read is a
  // megamorphic lookup, and this runs once per input event.
  const rawTs = raw.ts;
  // Epoch-ms numbers are the common case: checked inline before the general parser.
  const ts = typeof rawTs === 'number' && Number.isFinite(rawTs) ? rawTs : timestampOf(rawTs);
  if (ts === undefined) {
    const what = rawTs === undefined ? 'has no "ts"' : `has "ts" ${show(rawTs)}`;
    return { index, code: 'invalid-timestamp', message: `item ${index} ${what}: expected epoch milliseconds or an ISO-8601 date` };
  }
  const type = raw.type;
  if (typeof type !== 'string' || type === '') {
    return {
      index,
      code: 'missing-type',
      message: `item ${index} has ${type === undefined ? 'no "type"' : `"type" ${show(type)}`}: expected a non-empty string`,
    };
  }
  const userId = idOf(raw.userId);
  const rawState = raw.state;
  const rawDuration = raw.duration;
  // One object literal with every key, in one order: V8 keeps one hidden class for all events.
  return {
    index,
    ts,
    type,
    category: categoryOf(type),
    id: idOf(raw.id),
    deviceId: idOf(raw.deviceId) ?? userId ?? 'unknown',
    userId,
    processId: idOf(raw.processId),
    sessionId: idOf(raw.sessionId),
    state: rawState === 'foreground' || rawState === 'background' ? rawState : undefined,
    name: textOf(raw.name),
    duration: typeof rawDuration === 'number' && Number.isFinite(rawDuration) && rawDuration >= 0 ? rawDuration : undefined,
    attrs: bagOf(raw.attrs),
    resource: bagOf(raw.resource),
    late: false,
  };
}

/** The diagnostic for a later item whose `id` was already seen. */
export function duplicateDiagnostic(index: number, id: string): Diagnostic {
  return {
    index,
    code: 'duplicate-id',
    message: `item ${index} repeats id ${show(id)} of an earlier event; the first one is kept`,
  };
}
