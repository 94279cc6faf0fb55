/**
 * Words and numbers for people: durations, counts, times in a time zone, axis ticks.
 * Pure functions over `Intl` (no DOM), shared by every element.
 *
 * @packageDocumentation
 */

export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

const countFormat = new Intl.NumberFormat('en-US');

/** `1204` -> `"1,204"`. */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** `"1 session"`, `"12 sessions"`, `"1,204 events"`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * A duration in at most two units, the way people say it: `"350 ms"`, `"1.2 s"`,
 * `"42 s"`, `"4 min 12 s"`, `"38 min"`, `"2 h 14 min"`, `"3 d 4 h"`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < SECOND) return `${sign}${Math.round(a)} ms`;
  if (a < 10 * SECOND) {
    const s = Math.round(a / 100) / 10;
    return `${sign}${s === 10 ? '10' : s.toFixed(1)} s`;
  }
  if (a < MINUTE) return `${sign}${Math.round(a / SECOND)} s`;
  const two = (big: number, bigUnit: string, small: number, smallUnit: string): string => {
    let b = Math.floor(a / big);
    let s = Math.round((a - b * big) / small);
    if (s * small >= big) {
      b += 1;
      s = 0;
    }
    return `${sign}${b} ${bigUnit}${s ? ` ${s} ${smallUnit}` : ''}`;
  };
  if (a < 10 * MINUTE) return two(MINUTE, 'min', SECOND, 's');
  if (a < HOUR) {
    const m = Math.round(a / MINUTE);
    return m === 60 ? `${sign}1 h` : `${sign}${m} min`;
  }
  if (a < DAY) return two(HOUR, 'h', MINUTE, 'min');
  return two(DAY, 'd', HOUR, 'h');
}

/** `undefined` or `""` means the browser's local zone. */
export type TimeZone = string | undefined;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `Intl.DateTimeFormat`; throws a `RangeError` for an unknown time zone. */
export function dateTimeFormat(timeZone: TimeZone, options: Intl.DateTimeFormatOptions, locale = 'en-GB'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, ...(timeZone ? { timeZone } : {}) });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Checks a time zone name; returns an error sentence for an unknown one.
 * `undefined` / `""` (local) and `"UTC"` are always fine.
 */
export function checkTimeZone(timeZone: TimeZone): string | undefined {
  if (!timeZone) return undefined;
  try {
    dateTimeFormat(timeZone, { hour: 'numeric' });
    return undefined;
  } catch {
    return `Unknown time zone "${timeZone}": use "UTC" or an IANA name such as "Europe/Berlin".`;
  }
}

const H23 = { hourCycle: 'h23' } as const;

/** The precision a time is written with. */
export type TimePrecision = 'min' | 's' | 'ms';

/** `"12:31"`, `"12:31:07"` or `"12:31:07.221"` in the zone. */
export function formatTime(t: number, timeZone: TimeZone, precision: TimePrecision = 's'): string {
  const options: Intl.DateTimeFormatOptions =
    precision === 'min'
      ? { ...H23, hour: '2-digit', minute: '2-digit' }
      : precision === 's'
        ? { ...H23, hour: '2-digit', minute: '2-digit', second: '2-digit' }
        : { ...H23, hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 };
  return dateTimeFormat(timeZone, options).format(t);
}

/** `"Mon 16 Nov"` in the zone. */
export function formatDate(t: number, timeZone: TimeZone): string {
  return dateTimeFormat(timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(t).replace(',', '');
}

/** `"Mon 16 Nov 12:31:07.221"` in the zone. */
export function formatDateTime(t: number, timeZone: TimeZone, precision: TimePrecision = 'ms'): string {
  return `${formatDate(t, timeZone)} ${formatTime(t, timeZone, precision)}`;
}

/** `"12:03–12:41"`, with the date of the start when `withDate`. */
export function formatTimeRange(start: number, end: number, timeZone: TimeZone, withDate = false): string {
  const a = formatTime(start, timeZone, 'min');
  const b = formatTime(end, timeZone, 'min');
  const sameDay = formatDate(start, timeZone) === formatDate(end, timeZone);
  const range = sameDay ? `${a}–${b}` : `${a}–${formatDate(end, timeZone)} ${b}`;
  return withDate ? `${formatDate(start, timeZone)} ${range}` : range;
}

/** The zone's offset from UTC at `t`, in ms (local = utc + offset). */
export function zoneOffset(t: number, timeZone: TimeZone): number {
  if (!timeZone) return -new Date(t).getTimezoneOffset() * MINUTE;
  const parts = dateTimeFormat(timeZone, { ...H23, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }, 'en-US').formatToParts(t);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return asUtc - (t - (((t % SECOND) + SECOND) % SECOND));
}

/** Tick steps, smallest first. */
const STEPS = [
  SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND,
  MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 30 * DAY,
];

/** The steps ticks are spaced by (1 s to 30 d), smallest first. */
export const TICK_STEPS: readonly number[] = STEPS;

/**
 * Elapsed time since a start, for a relative axis: `"0"`, `"+30 s"`, `"+45 min"`, `"+1 h"`,
 * `"+2 h 30 min"`, `"+1 d"`, `"+3 d 12 h"`.
 */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 1) return '0';
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(ms);
  // Whole seconds under 10 s read "5 s", not "5.0 s".
  const text = a < 10 * SECOND && a % SECOND === 0 ? `${a / SECOND} s` : formatDuration(a);
  return `${sign}${text}`;
}

/** Ticks of a time range, aligned to round local times in the zone. */
export interface TimeTicks {
  readonly ticks: number[];
  /** The step between ticks, ms. */
  readonly step: number;
}

/**
 * At most `maxCount` ticks in `[start, end]`, at round times of the zone (whole minutes,
 * hours, local midnights...). d3's `scaleTime().ticks()` only knows local time and UTC;
 * this works in any IANA zone, including half-hour offsets.
 */
export function timeTicks(start: number, end: number, maxCount: number, timeZone: TimeZone): TimeTicks {
  if (!(end > start) || maxCount < 1) return { ticks: [], step: SECOND };
  const span = end - start;
  let step = STEPS.find((s) => span / s <= maxCount);
  if (step === undefined) step = Math.ceil(span / maxCount / DAY) * DAY;
  if (span / step < 1 && STEPS.indexOf(step) > 0) step = STEPS[STEPS.indexOf(step) - 1] as number;
  const ticks: number[] = [];
  const off0 = zoneOffset(start, timeZone);
  let local = Math.ceil((start + off0) / step) * step;
  for (let guard = 0; guard < 1000; guard++, local += step) {
    // Convert the round local time back to UTC with the offset in force then (DST-safe).
    const guess = local - off0;
    const t = local - zoneOffset(guess, timeZone);
    if (t > end) break;
    if (t >= start && (ticks.length === 0 || t > (ticks[ticks.length - 1] as number))) ticks.push(t);
  }
  return { ticks, step };
}

/**
 * A tick label: `"12:05"`, `"12:05:30"` for steps under a minute, and the date
 * (`"Tue 17 Nov"`) for day steps or at a local midnight.
 */
export function formatTick(t: number, step: number, timeZone: TimeZone): string {
  const local = t + zoneOffset(t, timeZone);
  if (step >= DAY || local % DAY === 0) return formatDate(t, timeZone);
  return formatTime(t, timeZone, step < MINUTE ? 's' : 'min');
}

/**
 * A session's dimensions the way people name a phone: `"Pixel 8, Android 15, app 2.3.0, DE"`
 * (model, OS and version, app version, country; what is missing is left out).
 */
export function formatDimensions(d: Readonly<Record<string, string | number | boolean | null>>): string {
  const os = [d['os.name'], d['os.version']].filter((v) => v !== undefined && v !== null).join(' ');
  return [d['device.model'], os || undefined, d['app.version'] !== undefined ? `app ${String(d['app.version'])}` : undefined, d['country']]
    .filter((v) => v !== undefined && v !== null && v !== '')
    .map(String)
    .join(', ');
}
