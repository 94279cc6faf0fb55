/**
 * Styles every element starts from: box sizing, inherited fonts in controls, the focus
 * ring, and the visually hidden text that screen readers still read; and the card they draw in.
 *
 * @packageDocumentation
 */
import { css } from 'lit';

export const baseStyles = css`
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The framed card the time views and the filter panel draw in. */
export const cardStyles = css`
  :host {
    display: block;
    font-family: var(--_font);
    font-size: 13px;
    color: var(--_text);
    background: var(--_background);
    border: 1px solid var(--_border);
    border-radius: 8px;
    overflow: hidden;
  }
`;
