import { css } from 'lit';
import { baseStyles, cardStyles } from '../shared/base-styles.js';
import { stateStyles } from '../shared/state-message.js';
import { SHARED_TOKENS, themeTokens } from '../shared/theme.js';

/** Height of a histogram, in its viewBox units (and CSS px). */
export const HISTOGRAM_HEIGHT = 44;

const TOKENS = {
  ...SHARED_TOKENS,
  bar: ['#2458d6', '#7aa2ff'],
  exclude: ['#b42318', '#ff8a80'],
} as const;

export const styles = [
  themeTokens('session-filter', TOKENS),
  baseStyles,
  stateStyles,
  cardStyles,
  css`
    :host {
      line-height: 1.35;
    }
    p {
      margin: 0;
    }
    button {
      cursor: pointer;
    }
    button:disabled {
      cursor: default;
    }

    /* Header: totals and clear all */
    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      padding: 0.55rem 0.75rem;
      border-bottom: 1px solid var(--_border);
      background: var(--_surface);
    }
    .total {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.3rem;
      font-variant-numeric: tabular-nums;
    }
    .total strong {
      font-weight: 600;
    }
    .sep {
      color: var(--_muted);
    }
    .clear-all,
    .clear,
    .more,
    .dismiss,
    .no-match button {
      border: 1px solid var(--_border);
      background: var(--_background);
      border-radius: 4px;
      padding: 0.1rem 0.5rem;
      font-size: 12px;
      white-space: nowrap;
    }
    .clear-all:disabled,
    .clear:disabled {
      color: var(--_muted);
      opacity: 0.7;
    }

    /* Text and scope */
    .controls {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 0.6rem;
      align-items: center;
      padding: 0.55rem 0.75rem;
      border-bottom: 1px solid var(--_border);
    }
    input[type='search'],
    input[type='number'],
    select {
      border: 1px solid var(--_border);
      border-radius: 4px;
      background: var(--_background);
      padding: 0.2rem 0.4rem;
      min-width: 0;
    }
    .text {
      flex: 1 1 10rem;
    }
    .scope {
      display: flex;
      gap: 0.35rem;
      align-items: center;
      color: var(--_muted);
      white-space: nowrap;
    }
    .scope select {
      color: var(--_text);
    }

    /* Notices and the no-match state */
    .notice,
    .no-match {
      margin: 0.5rem 0.75rem 0;
      padding: 0.45rem 0.6rem;
      border-radius: 6px;
      background: var(--_surface);
      border: 1px solid var(--_border);
    }
    .notice ul {
      margin: 0.25rem 0 0.35rem;
      padding-left: 1.1rem;
      color: var(--_muted);
      overflow-wrap: anywhere;
    }
    .no-match {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .no-match p {
      flex: 1;
      font-weight: 600;
    }

    /* Groups and dimensions */
    .group {
      padding: 0.35rem 0 0.25rem;
    }
    .group + .group {
      border-top: 1px solid var(--_border);
    }
    .group-title {
      padding: 0.2rem 0.75rem;
      font-size: 11px;
      font-weight: 600;
      letter-spacing: 0.04em;
      text-transform: uppercase;
      color: var(--_muted);
    }
    .dimension > summary {
      display: flex;
      align-items: baseline;
      gap: 0.4rem;
      padding: 0.3rem 0.75rem;
      cursor: pointer;
      list-style: none;
      user-select: none;
    }
    .dimension > summary::-webkit-details-marker {
      display: none;
    }
    .dimension > summary:hover {
      background: var(--_surface);
    }
    .chevron::before {
      content: '▸';
      display: inline-block;
      width: 0.8em;
      color: var(--_muted);
      transition: transform 0.12s;
    }
    .dimension[open] > summary .chevron::before {
      transform: rotate(90deg);
    }
    .dim-label {
      font-weight: 500;
    }
    .dim-count {
      margin-left: auto;
      color: var(--_muted);
      font-size: 11px;
      font-variant-numeric: tabular-nums;
    }
    .dim-active {
      margin-left: auto;
      max-width: 55%;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      font-size: 11px;
      color: var(--_accent);
      font-weight: 600;
    }
    .excluded .dim-active {
      color: var(--_exclude);
    }
    .body {
      padding: 0.1rem 0.75rem 0.55rem 1.55rem;
    }
    .tools {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin-bottom: 0.3rem;
    }
    .tools .spacer,
    .value-search {
      flex: 1;
    }
    .value-search {
      font-size: 12px;
    }
    .not {
      display: inline-flex;
      gap: 0.2rem;
      align-items: center;
      color: var(--_muted);
      font-size: 12px;
      cursor: pointer;
    }
    .excluded .not {
      color: var(--_exclude);
      font-weight: 600;
    }

    /* Values: checkbox, name, bar, count */
    .values {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .value {
      display: grid;
      grid-template-columns: auto minmax(3rem, 1fr) minmax(2rem, 34%) auto;
      gap: 0.4rem;
      align-items: center;
      padding: 0.08rem 0;
      cursor: pointer;
    }
    .value input {
      margin: 0;
    }
    .name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .track {
      height: 0.55rem;
      border-radius: 2px;
      background: var(--_surface);
      overflow: hidden;
    }
    .bar {
      display: block;
      height: 100%;
      min-width: 1px;
      background: var(--_bar);
      opacity: 0.55;
      border-radius: 2px;
    }
    .value.checked .bar {
      opacity: 1;
    }
    .excluded .value.checked .bar {
      background: var(--_exclude);
    }
    .excluded .value.checked .name {
      text-decoration: line-through;
    }
    .count {
      min-width: 3.2em;
      text-align: right;
      font-variant-numeric: tabular-nums;
      color: var(--_text);
    }
    .value.zero .name,
    .value.zero .count {
      color: var(--_muted);
    }
    .value.zero .bar {
      display: none;
    }
    .more {
      margin-top: 0.3rem;
    }
    .none {
      color: var(--_muted);
      font-size: 12px;
      padding: 0.2rem 0;
    }

    /* Histogram and range */
    .bins {
      display: block;
      width: 100%;
      height: ${HISTOGRAM_HEIGHT}px;
      cursor: crosshair;
      touch-action: none;
      border-bottom: 1px solid var(--_border);
    }
    .bin {
      fill: var(--_bar);
    }
    .bin.off {
      fill: var(--_muted);
      opacity: 0.35;
    }
    .excluded .bin.on {
      fill: var(--_exclude);
    }
    .brush {
      fill: var(--_accent);
      opacity: 0.12;
    }
    .plot {
      position: relative;
    }
    /* The keyboard handles of the range: the pointer brushes the bins beneath them. */
    .handle {
      position: absolute;
      top: 0;
      width: 6px;
      height: ${HISTOGRAM_HEIGHT}px;
      transform: translateX(-50%);
      pointer-events: none;
      border-radius: 2px;
      background: var(--_accent);
      opacity: 0.35;
    }
    .handle:focus-visible {
      opacity: 1;
      outline: 2px solid var(--_accent);
      outline-offset: 2px;
    }
    .hist-axis {
      display: flex;
      justify-content: space-between;
      font-size: 11px;
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .range-text {
      margin-top: 0.15rem;
      font-size: 12px;
      font-weight: 600;
    }
    .range {
      display: flex;
      gap: 0.6rem;
      margin-top: 0.3rem;
      color: var(--_muted);
      font-size: 12px;
    }
    .range label {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
    }
    .range input {
      width: 5.5rem;
      color: var(--_text);
    }
  `,
];
