// Public entry point of the package: re-exports the core; elements are added here as they land.
export * from './core/index.js';
export * from './core/filter/index.js';
export * from './events.js';
export { SessionTimeline } from './elements/session-timeline/session-timeline.js';
export { StitchedSessions } from './elements/stitched-sessions/stitched-sessions.js';
export { SessionFilterElement } from './elements/session-filter/session-filter.js';
export { SessionData, parseEvents, type LoadedEvents } from './elements/session-data/session-data.js';
export { sessionModelContext } from './elements/shared/session-context.js';
export type { Alignment, GroupBy, SessionFilter, SessionPredicate, SortKey } from './render/rows.js';
