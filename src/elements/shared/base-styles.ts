/**
 * Styles every element starts from: box sizing, inherited fonts in controls, the focus
 * ring, and the visually hidden text that screen readers still read.
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
