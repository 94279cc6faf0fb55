/**
 * The time axis under a plot, shared by every element: ticks (calendar or elapsed time)
 * and compressed idle gaps with their length, as one labelled SVG that Lit templates.
 *
 * @packageDocumentation
 */
import { css, svg, html, type TemplateResult } from 'lit';
import type { PlacedGap, PlacedTick } from '../../render/time-scale.js';

/** What {@link timeAxis} draws. */
export interface TimeAxisOptions {
  readonly width: number;
  readonly height: number;
  readonly ticks: readonly PlacedTick[];
  readonly gaps?: readonly PlacedGap[];
  /** The accessible name, e.g. `"Time axis from … to …"`. */
  readonly label: string;
}

/** `<svg class="axis" part="axis">` with ticks and gaps; reads the `.axis` styles below. */
export function timeAxis({ width, height, ticks, gaps = [], label }: TimeAxisOptions): TemplateResult {
  return html`<svg class="axis" part="axis" width=${width} height=${height} role="img" aria-label=${label}>
    ${ticks.map((t) => {
      // A tick at an edge (the "0" of an elapsed axis) keeps its label inside the axis.
      const anchor = t.x < 12 ? 'start' : t.x > width - 12 ? 'end' : 'middle';
      return svg`<g class="tick" transform="translate(${t.x},0)"><line y2="5"></line><text y="18" text-anchor=${anchor}>${t.label}</text></g>`;
    })}
    ${gaps.map((g) => {
      const wide = g.x1 - g.x0 >= g.label.length * 6;
      return svg`<g class="gap"><line class="gap-mark" x1=${g.x0} x2=${g.x0} y2=${height}></line><line class="gap-mark" x1=${g.x1} x2=${g.x1} y2=${height}></line>
            <text class="gap-label" x=${(g.x0 + g.x1) / 2} y="18" text-anchor="middle">${wide ? g.label : '⋯'}<title>${g.label} idle</title></text></g>`;
    })}
  </svg>`;
}

/** Styles of {@link timeAxis}; read `--_muted`, `--_border`, `--_text`, `--_font`. */
export const timeAxisStyles = css`
  .axis {
    display: block;
    overflow: hidden;
  }
  .axis text {
    font-size: 11px;
    fill: var(--_muted);
    font-family: var(--_font);
  }
  .axis line {
    stroke: var(--_border);
  }
  .axis .gap-mark {
    stroke: var(--_muted);
    stroke-dasharray: 2 2;
  }
  .axis .gap-label {
    fill: var(--_text);
  }
`;
