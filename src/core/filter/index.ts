/**
 * The filter engine: crossfilter-style faceted counts over sessions at session, stitched
 * session or device scope, and filters as shareable URL query strings. Pure TypeScript.
 *
 * @packageDocumentation
 */
export { createFilterIndex } from './filter-index.js';
export { parseFilterQuery, formatFilterQuery, type ParseFilterOptions, type ParsedFilterQuery } from './query.js';
export { histogramThresholds, binOf } from './histogram.js';
export { DERIVED_DIMENSIONS, GROUP_LABELS, labelForKey, sessionFacts, derivedValue, isFailedNetworkCall, FACT, type DerivedDimension } from './dimensions.js';
export { compareValues, compileFilter, sameFilter, inRange, valueType } from './values.js';
export { FILTER_SCOPES } from './types.js';
export type * from './types.js';
