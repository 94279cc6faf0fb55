import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta = {
  title: 'Welcome',
  render: () => html`
    <article style="font-family: system-ui, sans-serif; max-width: 42rem; line-height: 1.5">
      <h1>session-kit</h1>
      <p>
        Custom elements for app observability data: <code>&lt;session-timeline&gt;</code> (one device's sessions
        and events), <code>&lt;stitched-sessions&gt;</code> (many devices' sessions stitched over time),
        <code>&lt;session-filter&gt;</code> (faceted filters) and <code>&lt;session-data&gt;</code> (one model shared
        by the views inside it).
      </p>
      <p>
        Each element's <strong>Docs</strong> page lists its attributes, properties, events, CSS parts and custom
        properties, read from <code>custom-elements.json</code>; its stories cover the main use, the loading, empty,
        bad-input and dropped-items states, large data, the dark and a custom theme, another time zone and a linked
        dashboard. Events the elements fire are logged in the <strong>Actions</strong> panel.
      </p>
    </article>
  `,
};
export default meta;

export const Welcome: StoryObj = {};
