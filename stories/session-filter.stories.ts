import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { deriveSessions } from '../src/core/index.js';
import { generateEvents } from '../src/core/sample-data.js';
import '../src/elements/session-filter/session-filter.js';
import '../src/elements/stitched-sessions/stitched-sessions.js';
import '../src/elements/session-timeline/session-timeline.js';

interface Args {
  value: string;
  theme: 'light' | 'dark' | '';
}

// One seeded data set for all stories: 300 phones over a week.
const model = deriveSessions(generateEvents({ seed: 7, devices: 300, days: 7 }));
const log = (e: Event) => console.info(e.type, (e.target as HTMLElementTagNameMap['session-filter']).query);

const meta: Meta<Args> = {
  title: 'Elements/session-filter',
  component: 'session-filter',
  args: { value: '', theme: '' },
  argTypes: {
    value: { control: 'text', description: 'The filter as a URL query string, e.g. `app.version=3.10.0&!country=DE`' },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
  },
  render: (args) => html`<div style="max-width:24rem">
    <session-filter .model=${model} value=${args.value} theme=${args.theme || 'light'} @input=${log} @change=${log}></session-filter>
  </div>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Generated sample data: every dimension with faceted counts, durations as a histogram. */
export const SampleData: Story = {};

/** Started from a shared link: crashes on 3.10.0, outside Germany, under 4 minutes. */
export const FromQueryString: Story = { args: { value: "app.version=3.10.0&!country=DE&endReason=crash&duration=..240000" } };

/** Inside a form: it submits its query string under its `name`; Reset empties it. */
export const InAForm: Story = {
  render: () => html`<form
    style="max-width:24rem;display:grid;gap:.5rem"
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const out = (e.target as HTMLFormElement).querySelector('output')!;
      out.textContent = `filter=${new FormData(e.target as HTMLFormElement).get('filter')}`;
    }}
  >
    <session-filter name="filter" .model=${model}></session-filter>
    <div><button type="submit">Submit</button> <button type="reset">Reset</button></div>
    <output></output>
  </form>`,
};

/** Linked by id, no glue code: the filter drives a cohort and a device's timeline. */
export const LinkedDashboard: Story = {
  render: () => html`<div style="display:grid;grid-template-columns:22rem 1fr;gap:1rem;align-items:start">
    <session-filter for="story-rows story-timeline" .model=${model}></session-filter>
    <div style="display:grid;gap:1rem;min-width:0">
      <stitched-sessions id="story-rows" .model=${model}></stitched-sessions>
      <session-timeline id="story-timeline" .model=${model} device-id=${model.sessions[0]?.deviceId ?? ''}></session-timeline>
    </div>
  </div>`,
};

/** No events: the element says so, in words. */
export const Empty: Story = {
  render: () => html`<div style="max-width:24rem"><session-filter .events=${[]}></session-filter></div>`,
};

/** Dark theme (also follows `prefers-color-scheme` when no `theme` is set). */
export const Dark: Story = {
  render: () => html`<div style="background:#0e1014;padding:1rem;max-width:26rem">
    <session-filter .model=${model} theme="dark" value="hasCrash=true"></session-filter>
  </div>`,
};
