import { css } from 'lit';
import { themeTokens } from '../shared/theme.js';
import { stateStyles } from '../shared/state-message.js';
import { baseStyles, cardStyles } from '../shared/base-styles.js';
import { timeAxisStyles } from '../shared/time-axis.js';
import { tooltipStyles } from '../shared/tooltip.js';

/** Layout constants shared by the styles and the element's geometry. */
export const LABEL_WIDTH = 116;
export const LANE_HEIGHT = 26;
export const STRIP_HEIGHT = 54;
export const AXIS_HEIGHT = 30;
export const ROW_HEIGHT = 28;

export const styles = [
  themeTokens('session-timeline'),
  baseStyles,
  stateStyles,
  timeAxisStyles,
  tooltipStyles,
  cardStyles,
  css`
    :host {
      position: relative;
      contain: content;
      --_lane-height: ${LANE_HEIGHT}px;
      --_details-height: var(--session-timeline-details-height, 300px);
    }

    /* Header: who, lanes menu, search, diagnostics */
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--_border);
    }
    .who {
      flex: 1 1 18rem;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .who strong {
      font-weight: 600;
    }
    .who .dims {
      color: var(--_muted);
    }
    .tools {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .tool-button,
    .lanes-menu summary {
      border: 1px solid var(--_border);
      background: var(--_surface);
      border-radius: 4px;
      padding: 0.15rem 0.5rem;
      cursor: pointer;
      line-height: 1.4;
    }
    .lanes-menu {
      position: relative;
    }
    .lanes-menu summary {
      list-style: none;
    }
    .lanes-menu summary::-webkit-details-marker {
      display: none;
    }
    .lanes-menu fieldset {
      position: absolute;
      right: 0;
      z-index: 5;
      margin: 0.25rem 0 0;
      padding: 0.5rem 0.75rem;
      min-width: 11rem;
      background: var(--_background);
      border: 1px solid var(--_border);
      border-radius: 6px;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.18);
    }
    .lanes-menu legend {
      padding: 0;
      font-weight: 600;
      float: left;
      margin-bottom: 0.25rem;
    }
    .lanes-menu label {
      display: flex;
      gap: 0.4rem;
      align-items: center;
      clear: both;
      padding: 0.1rem 0;
    }
    .search {
      display: flex;
      align-items: center;
      gap: 0.25rem;
    }
    .search input {
      background: var(--_background);
      border: 1px solid var(--_border);
      border-radius: 4px;
      padding: 0.15rem 0.4rem;
      width: 12rem;
    }
    .search output {
      min-width: 3.5rem;
      text-align: center;
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
    }
    .diagnostics-button {
      color: var(--_end-warning);
      border-color: currentColor;
    }
    .diagnostics {
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--_border);
      background: var(--_surface);
    }
    .diagnostics p {
      margin: 0 0 0.25rem;
    }
    .diagnostics ul {
      margin: 0;
      padding-left: 1.25rem;
      color: var(--_muted);
    }

    /* Stitched-sessions strip */
    .strip-row,
    .plot-row,
    .axis-row {
      display: grid;
      grid-template-columns: ${LABEL_WIDTH}px 1fr;
    }
    .row-label {
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
    .strip-row {
      border-bottom: 1px solid var(--_border);
      background: var(--_surface);
    }
    .strip {
      position: relative;
      height: ${STRIP_HEIGHT}px;
      overflow: hidden;
      contain: strict;
    }
    /* Bars, badges and brackets are drawn; the session buttons are the canvas's fallback content (not rendered). */
    .strip canvas {
      display: block;
      cursor: pointer;
    }

    /* Lanes */
    .labels {
      border-right: 1px solid var(--_border);
    }
    .lane-label {
      height: var(--_lane-height);
      display: flex;
      align-items: center;
      padding: 0 0.5rem 0 0.75rem;
      font-size: 12px;
      color: var(--_muted);
      border-bottom: 1px solid color-mix(in srgb, var(--_border) 50%, transparent);
      white-space: nowrap;
    }
    .lane-label .swatch {
      display: inline-block;
      width: 8px;
      height: 8px;
      border-radius: 2px;
      margin-right: 0.4rem;
      flex: none;
    }
    .plot {
      position: relative;
      overflow: hidden;
      cursor: grab;
      touch-action: pan-y;
      user-select: none;
      outline: none;
      /* Sized by its style: the overlay's rings and the tooltip move without laying out the rest. */
      contain: size layout;
    }
    .plot:focus-visible {
      box-shadow: inset 0 0 0 2px var(--_accent);
    }
    .plot canvas,
    .plot svg.overlay {
      position: absolute;
      left: 0;
      top: 0;
    }
    .plot svg.overlay {
      pointer-events: none;
      overflow: visible;
    }
    .ring {
      fill: none;
      stroke: var(--_accent);
      stroke-width: 2;
    }
    .ring.focus {
      stroke-dasharray: 3 2;
    }
    .ring.match {
      stroke: var(--_match);
      stroke-width: 3;
    }
    .brush {
      fill: color-mix(in srgb, var(--_accent) 15%, transparent);
      stroke: var(--_accent);
    }

    /* Axis */
    .axis-row {
      border-top: 1px solid var(--_border);
    }
    .axis {
      height: ${AXIS_HEIGHT}px;
    }

    /* Details list */
    .details {
      position: relative;
      height: var(--_details-height);
      overflow: auto;
      border-top: 1px solid var(--_border);
      overscroll-behavior: contain;
      /* Rows come and go as it scrolls (and follows the zoom): laid out on their own. */
      contain: strict;
    }
    .details-list {
      position: relative;
      margin: 0;
      padding: 0;
    }
    .row {
      position: absolute;
      left: 0;
      right: 0;
      height: ${ROW_HEIGHT}px;
      contain: strict;
      display: flex;
      align-items: center;
      gap: 0.6rem;
      padding: 0 0.75rem;
      white-space: nowrap;
      overflow: hidden;
    }
    .row-session {
      background: var(--_surface);
      font-weight: 600;
      border-bottom: 1px solid var(--_border);
    }
    .row-session .end {
      font-weight: 600;
    }
    .row-session .end.crash {
      color: var(--_end-crash);
    }
    .row-session .end.warning {
      color: var(--_end-warning);
    }
    .row-event {
      cursor: pointer;
    }
    .row-event:hover {
      background: color-mix(in srgb, var(--_accent) 8%, transparent);
    }
    .row-event.selected {
      background: color-mix(in srgb, var(--_accent) 16%, transparent);
      box-shadow: inset 3px 0 0 var(--_accent);
    }
    .row-event.flagged .name {
      color: var(--_end-crash);
    }
    .row-attr {
      padding-left: 3.4rem;
      font-family: var(--_font-mono);
      font-size: 12px;
      color: var(--_muted);
    }
    .expand {
      width: 1.4rem;
      height: 1.4rem;
      flex: none;
      border: none;
      background: none;
      padding: 0;
      cursor: pointer;
    }
    .expand-spacer {
      width: 1.4rem;
      flex: none;
    }
    .time {
      font-family: var(--_font-mono);
      font-size: 12px;
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
    }
    .cat {
      flex: none;
      width: 10rem;
      overflow: hidden;
      text-overflow: ellipsis;
      font-size: 12px;
      color: var(--_muted);
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .extra,
    .muted {
      color: var(--_muted);
    }
    .extra {
      margin-left: auto;
      padding-left: 0.5rem;
    }
    mark {
      background: var(--_match);
      color: #000;
      border-radius: 2px;
    }
    .body {
      position: relative;
    }
  `,
];
