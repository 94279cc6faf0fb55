/**
 * session-kit core: derives sessions, end reasons and stitched sessions from raw app
 * events. Pure TypeScript: no DOM, no Lit, no D3; runs in Node, a worker or a page.
 *
 * @packageDocumentation
 */
export { deriveSessions, createSessionizer, resolveOptions, DEFAULT_INACTIVITY_TIMEOUT_MS, DEFAULT_MAX_DURATION_MS, DEFAULT_LAUNCH_GRACE_MS } from './sessionizer.js';
export { categoryOf, parseIsoTimestamp, LIFECYCLE_TYPES, TERMINAL_REASONS } from './normalize.js';
export type * from './types.js';
export * from './filter/index.js';
