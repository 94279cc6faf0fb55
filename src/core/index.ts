/**
 * session-kit core: derives sessions, end reasons and stitched sessions from raw app
 * events. Pure TypeScript: no DOM, no Lit, no D3; runs in Node, a worker or a page.
 *
 * @packageDocumentation
 */
export { deriveSessions, createSessionizer, resolveOptions, DEFAULT_INACTIVITY_TIMEOUT_MS, DEFAULT_MAX_DURATION_MS, DEFAULT_LAUNCH_GRACE_MS } from './sessionizer.js';
export { categoryOf, parseIsoTimestamp, LIFECYCLE_TYPES, TERMINAL_REASONS } from './normalize.js';
export type * from './types.js';
// The filter engine (src/core/filter) is its own entry, `session-kit/filter`: it is larger than
// the sessions core and uses d3-array, and `session-kit/core` stays small and dependency-free.
