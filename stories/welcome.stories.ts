import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

// Placeholder until the element stories (stories/<tag>.stories.ts) land.
const meta: Meta = {
  title: 'Welcome',
  render: () => html`
    <article style="font-family: system-ui, sans-serif; max-width: 40rem; line-height: 1.5">
      <h1>session-kit</h1>
      <p>
        Stories for <code>&lt;session-timeline&gt;</code>, <code>&lt;stitched-sessions&gt;</code>
        and <code>&lt;session-filter&gt;</code> will appear here.
      </p>
    </article>
  `,
};
export default meta;

export const Welcome: StoryObj = {};
