/**
 * The tooltip of a plot, shared by every element: placed next to the point it describes,
 * kept inside the plot, above the point in the lower half and below it in the upper half.
 * Its lines are Lit templates of text: user strings stay text.
 *
 * @packageDocumentation
 */
import { css, html, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/** Where a tooltip points, and the plot it must stay in (px, plot coordinates). */
export interface TooltipPlacement {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Room kept for the box at the right edge (default 260). */
  readonly boxWidth?: number;
}

/** `<div class="tooltip" part="tooltip" role="tooltip" id="tooltip">` at a point. */
export function tooltipBox(lines: readonly unknown[], { x, y, width, height, boxWidth = 260 }: TooltipPlacement): TemplateResult {
  const left = Math.max(4, Math.min(x + 12, width - boxWidth));
  const style = y > height / 2 ? { left: `${left}px`, bottom: `${height - y + 10}px` } : { left: `${left}px`, top: `${y + 10}px` };
  return html`<div class="tooltip" part="tooltip" role="tooltip" id="tooltip" style=${styleMap(style)}>${lines}</div>`;
}

/** Styles of {@link tooltipBox}; read `--_text`, `--_background`, `--_font-mono`. */
export const tooltipStyles = css`
  .tooltip {
    position: absolute;
    z-index: 4;
    max-width: 22rem;
    padding: 0.4rem 0.55rem;
    border-radius: 5px;
    background: var(--_text);
    color: var(--_background);
    font-size: 12px;
    line-height: 1.35;
    pointer-events: none;
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  }
  .tooltip p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .tooltip .tip-title {
    font-weight: 600;
  }
  .tooltip .tip-attr {
    font-family: var(--_font-mono);
    font-size: 11px;
    opacity: 0.85;
  }
`;
