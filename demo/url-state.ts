/**
 * The demo's state in the URL query: the view keys `device`, `align`, `sort`, and the
 * filter, which is `<session-filter>`'s own query string (every other key). Defaults are left
 * out so a fresh page has a clean URL. Parts are kept as they were written, so the filter's
 * readable encoding (`!country=DE`, `duration=0..240000`) survives a change of the view.
 */
import { SORT_KEYS, type Alignment, type SortKey } from '../src/render/rows.js';

export interface ViewState {
  /** The device whose timeline is open; `undefined`: the demo picks one. */
  readonly device: string | undefined;
  readonly align: Alignment;
  readonly sort: SortKey;
}

export const DEFAULT_ALIGN: Alignment = 'calendar';
export const DEFAULT_SORT: SortKey = 'last-seen';
const VIEW_KEYS: ReadonlySet<string> = new Set(['device', 'align', 'sort']);

/** The `name=value` parts of a query string, as written. */
function parts(search: string): string[] {
  return search.replace(/^\?/, '').split('&').filter(Boolean);
}

/** The decoded name of one part. */
function nameOf(part: string): string {
  const raw = part.split('=', 1)[0]!;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

const isView = (part: string): boolean => VIEW_KEYS.has(nameOf(part));
const joined = (list: readonly string[]): string => (list.length ? `?${list.join('&')}` : '');

/** Reads the view state from a query string (`location.search`); unknown values fall back to defaults. */
export function readViewState(search: string): ViewState {
  const q = new URLSearchParams(parts(search).filter(isView).join('&'));
  const align = q.get('align');
  const sort = q.get('sort');
  return {
    device: q.get('device') || undefined,
    align: align === 'relative' || align === 'calendar' ? align : DEFAULT_ALIGN,
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : DEFAULT_SORT,
  };
}

/** The query string with `state` written into it (other keys untouched), `"?…"` or `""`. */
export function writeViewState(search: string, state: Partial<ViewState>): string {
  const next = new Map<string, string | undefined>();
  const set = (key: string, value: string | undefined, fallback?: string): void => {
    next.set(key, value === undefined || value === '' || value === fallback ? undefined : value);
  };
  if ('device' in state) set('device', state.device);
  if ('align' in state) set('align', state.align, DEFAULT_ALIGN);
  if ('sort' in state) set('sort', state.sort, DEFAULT_SORT);
  const encode = (k: string, v: string) => new URLSearchParams([[k, v]]).toString();
  const out: string[] = [];
  const written = new Set<string>();
  for (const p of parts(search)) {
    const name = nameOf(p);
    if (!next.has(name)) out.push(p);
    else if (!written.has(name)) {
      written.add(name);
      const v = next.get(name);
      if (v !== undefined) out.push(encode(name, v));
    }
  }
  for (const [k, v] of next) if (!written.has(k) && v !== undefined) out.push(encode(k, v));
  return joined(out);
}

/** The filter's part of a query string (every key but the view's), without `?`. */
export function readFilterQuery(search: string): string {
  return parts(search)
    .filter((p) => !isView(p))
    .join('&');
}

/** The query string with the filter's part replaced by `query` (the view keys untouched). */
export function writeFilterQuery(search: string, query: string): string {
  return joined([...parts(query), ...parts(search).filter(isView)]);
}
