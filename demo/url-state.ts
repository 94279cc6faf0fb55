/**
 * The demo's view state in the URL query: `device`, `align`, `sort`. Defaults are left out
 * so a fresh page has a clean URL. Every other key is kept as it is: `<session-filter>`
 * will add its own keys to the same query string.
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

/** Reads the view state from a query string (`location.search`); unknown values fall back to defaults. */
export function readViewState(search: string): ViewState {
  const q = new URLSearchParams(search);
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
  const q = new URLSearchParams(search);
  const set = (key: string, value: string | undefined, fallback?: string): void => {
    if (value === undefined || value === '' || value === fallback) q.delete(key);
    else q.set(key, value);
  };
  if ('device' in state) set('device', state.device);
  if ('align' in state) set('align', state.align, DEFAULT_ALIGN);
  if ('sort' in state) set('sort', state.sort, DEFAULT_SORT);
  const s = q.toString();
  return s ? `?${s}` : '';
}
