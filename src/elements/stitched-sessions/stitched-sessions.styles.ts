import { css } from 'lit';
import { baseStyles, cardStyles } from '../shared/base-styles.js';
import { stateStyles } from '../shared/state-message.js';
import { themeTokens } from '../shared/theme.js';
import { timeAxisStyles } from '../shared/time-axis.js';
import { tooltipStyles } from '../shared/tooltip.js';

/** Layout constants shared by the styles and the element's geometry. */
export const LABEL_WIDTH = 168;
export const ROW_HEIGHT = 28;
export const AXIS_HEIGHT = 30;
/** Height of the rows viewport before it is measured (the CSS default below). */
export const DEFAULT_ROWS_HEIGHT = 420;
export const SPARK_WIDTH = 168;
export const SPARK_HEIGHT = 22;

export const styles = [
  themeTokens('stitched-sessions'),
  baseStyles,
  stateStyles,
  timeAxisStyles,
  tooltipStyles,
  cardStyles,
  css`
    :host {
      position: relative;
      contain: content;
      --_rows-height: var(--stitched-sessions-rows-height, ${DEFAULT_ROWS_HEIGHT}px);
    }

    /* Header: the cohort summary, the sessions-per-day sparkline, alignment and sort */
    .header {
      display: flex;
      flex-direction: column;
      gap: 0.35rem;
      padding: 0.55rem 0.75rem;
      border-bottom: 1px solid var(--_border);
    }
    .summary {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.15rem 0.5rem;
      align-items: baseline;
    }
    .summary .sep {
      color: var(--_muted);
    }
    .summary strong {
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .share {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .share.crash .glyph {
      color: var(--_end-crash);
      font-weight: 700;
    }
    .share.warning .glyph {
      color: var(--_end-warning);
      font-weight: 700;
    }
    .muted {
      color: var(--_muted);
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem 1rem;
    }
    .spark {
      display: inline-flex;
      align-items: center;
      gap: 0.4rem;
      margin: 0;
      color: var(--_muted);
      font-size: 12px;
    }
    .spark svg {
      display: block;
      overflow: visible;
    }
    .spark rect {
      fill: var(--_session-foreground);
    }
    .spark rect.empty {
      fill: var(--_border);
    }
    .spacer-flex {
      flex: 1;
    }
    .segmented {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      color: var(--_muted);
      font-size: 12px;
    }
    .segmented .buttons {
      display: inline-flex;
      border: 1px solid var(--_border);
      border-radius: 4px;
      overflow: hidden;
    }
    .segmented button {
      border: none;
      background: var(--_background);
      padding: 0.15rem 0.55rem;
      cursor: pointer;
      font-size: 12px;
      color: var(--_text);
    }
    .segmented button + button {
      border-left: 1px solid var(--_border);
    }
    .segmented button[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_background);
    }
    .sort {
      display: inline-flex;
      align-items: center;
      gap: 0.35rem;
      color: var(--_muted);
      font-size: 12px;
    }
    .sort select {
      color: var(--_text);
      background: var(--_background);
      border: 1px solid var(--_border);
      border-radius: 4px;
      padding: 0.1rem 0.3rem;
      font-size: 12px;
    }
    .dropped {
      margin: 0;
      color: var(--_end-warning);
      font-size: 12px;
    }
    .reasons {
      font-size: 12px;
      color: var(--_muted);
    }
    .reasons summary {
      cursor: pointer;
    }
    .reasons ul {
      display: flex;
      flex-wrap: wrap;
      gap: 0.1rem 0.9rem;
      margin: 0.25rem 0 0;
      padding: 0;
      list-style: none;
      color: var(--_text);
    }

    /* Rows: labels (DOM, visible rows only) left, bars (one canvas) right */
    .body {
      position: relative;
    }
    .scroller {
      position: relative;
      max-height: var(--_rows-height);
      overflow-x: hidden;
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .spacer {
      position: relative;
    }
    .labels-edge {
      position: absolute;
      top: 0;
      bottom: 0;
      left: ${LABEL_WIDTH - 1}px;
      width: 1px;
      background: var(--_border);
    }
    .row-label {
      position: absolute;
      left: 0;
      width: ${LABEL_WIDTH - 1}px;
      height: ${ROW_HEIGHT}px;
      display: flex;
      align-items: center;
      gap: 0.45rem;
      padding: 0 0.5rem 0 0.75rem;
      border: none;
      background: none;
      text-align: left;
      cursor: pointer;
      white-space: nowrap;
      overflow: hidden;
      /* A label's layout never depends on its neighbours': new labels lay out alone while scrolling. */
      contain: size layout style;
    }
    .row-label.odd {
      background: var(--_surface);
    }
    .row-label:hover,
    .row-label.hovered {
      background: color-mix(in srgb, var(--_accent) 10%, var(--_background));
    }
    .row-label.selected {
      box-shadow: inset 3px 0 0 var(--_accent);
      background: color-mix(in srgb, var(--_accent) 16%, var(--_background));
    }
    .row-label .id {
      font-family: var(--_font-mono);
      font-size: 12px;
      flex: 0 1 auto;
      min-width: 2.5rem;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .row-label .user {
      color: var(--_muted);
      font-size: 12px;
      flex: 1 1 auto;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .row-label .fatal {
      color: var(--_end-crash);
      font-size: 11px;
      font-weight: 600;
      flex: none;
    }
    .plot-area {
      position: absolute;
      top: 0;
      left: ${LABEL_WIDTH}px;
      cursor: grab;
      touch-action: pan-y;
      user-select: none;
      outline: none;
    }
    .plot-area:active {
      cursor: grabbing;
    }
    .ring {
      position: absolute;
      pointer-events: none;
      border-radius: 4px;
    }
    .ring.selected {
      border: 2px solid var(--_accent);
    }
    .ring.focus {
      border: 2px dashed var(--_accent);
    }
    .ring.row.selected {
      border-width: 0;
      background: color-mix(in srgb, var(--_accent) 9%, transparent);
      border-radius: 0;
    }
    .ring.row.focus {
      border-radius: 0;
    }
    .plot-layer {
      position: absolute;
      top: 0;
      left: ${LABEL_WIDTH}px;
      pointer-events: none;
      overflow: hidden;
      contain: strict;
    }
    .plot-layer canvas {
      position: absolute;
      left: 0;
      top: 0;
    }
    .tooltip .tip-dims {
      opacity: 0.85;
    }

    /* Axis */
    .axis-row {
      display: grid;
      grid-template-columns: ${LABEL_WIDTH}px 1fr;
      border-top: 1px solid var(--_border);
    }
    .axis-label {
      color: var(--_muted);
      font-size: 12px;
      padding: 0 0.5rem 0 0.75rem;
      display: flex;
      align-items: center;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      border-right: 1px solid var(--_border);
    }
    .axis {
      height: ${AXIS_HEIGHT}px;
    }
  `,
];
