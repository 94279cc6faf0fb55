/**
 * Theme tokens, Material-style: each public `--<prefix>-<name>` custom property falls back
 * to a default and is copied to a private `--_<name>` on `:host`; internal CSS reads only
 * the private ones. Light and dark defaults follow `prefers-color-scheme`, and a
 * `theme="dark|light"` attribute on the host wins over it.
 *
 * @packageDocumentation
 */
import { unsafeCSS, type CSSResult } from 'lit';

/** Token name (without prefix) -> [light default, dark default]. Constants only, never user input. */
export type TokenTable = Readonly<Record<string, readonly [light: string, dark: string]>>;

/** Colours every element shares: categories of events and end reasons of sessions. */
export const SHARED_TOKENS: TokenTable = {
  font: ['system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'],
  'font-mono': ['ui-monospace, "SF Mono", Menlo, Consolas, monospace', 'ui-monospace, "SF Mono", Menlo, Consolas, monospace'],
  background: ['#ffffff', '#16181d'],
  surface: ['#f5f6f8', '#1f2229'],
  text: ['#1b1e24', '#e7e9ee'],
  muted: ['#5c6370', '#a3a9b5'],
  border: ['#d5d9e0', '#363b46'],
  accent: ['#2458d6', '#7aa2ff'],
  match: ['#f2b705', '#ffd24d'],
  gap: ['#eceef2', '#23262e'],
  'color-lifecycle': ['#5b6472', '#aab2bf'],
  'color-view': ['#2f7d6d', '#4fb8a2'],
  'color-tap': ['#7a4fc9', '#b08cf5'],
  'color-network': ['#2563b8', '#6ea4f0'],
  'color-network-failed': ['#c42b1c', '#ff6b5e'],
  'color-log': ['#6b7280', '#9ca3af'],
  'color-log-warning': ['#b86e00', '#f0a63a'],
  'color-log-error': ['#c42b1c', '#ff6b5e'],
  'color-breadcrumb': ['#8a6d3b', '#cfb27a'],
  'color-span': ['#0e7490', '#38bdf8'],
  'color-crash': ['#c42b1c', '#ff6b5e'],
  'color-hang': ['#b86e00', '#f0a63a'],
  'color-custom': ['#9d3d8a', '#e38ad0'],
  'session-foreground': ['#2458d6', '#5b8cff'],
  'session-background': ['#8fa6d9', '#4a5a80'],
  'end-crash': ['#c42b1c', '#ff6b5e'],
  'end-warning': ['#8a5300', '#f0a63a'], // light: 5.9:1 on the surfaces, WCAG AA for small text
  'end-neutral': ['#5c6370', '#a3a9b5'],
};

/**
 * CSS that declares `--_<name>: var(--<prefix>-<name>, <default>)` on `:host`, for the light
 * scheme, the dark scheme and an explicit `theme` attribute.
 */
export function themeTokens(prefix: string, table: TokenTable = SHARED_TOKENS): CSSResult {
  const decl = (i: 0 | 1): string =>
    Object.entries(table)
      .map(([name, values]) => `--_${name}: var(--${prefix}-${name}, ${values[i]});`)
      .join('\n');
  return unsafeCSS(`
:host { ${decl(0)} color-scheme: light; }
@media (prefers-color-scheme: dark) { :host(:not([theme='light'])) { ${decl(1)} color-scheme: dark; } }
:host([theme='dark']) { ${decl(1)} color-scheme: dark; }
:host([theme='light']) { ${decl(0)} color-scheme: light; }
`);
}

/** Reads private tokens (`--_<name>`) as computed on `el`, e.g. for drawing on a canvas. */
export function readTokens<K extends string>(el: Element, names: readonly K[]): Record<K, string> {
  const style = getComputedStyle(el);
  const out = {} as Record<K, string>;
  for (const n of names) out[n] = style.getPropertyValue(`--_${n}`).trim() || '#888';
  return out;
}

/** Calls `onChange` when the OS colour scheme flips; returns the unsubscribe function. */
export function watchColorScheme(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const mq = matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}
