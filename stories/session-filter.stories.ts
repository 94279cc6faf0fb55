import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/elements/session-filter/session-filter.js';
import { args, cohortModel as model, customTheme, largeCohortModel, linkedDashboard, unusableEvents } from './support.js';

/** The element's own properties (the manifest's "properties" rows); the data is not an arg. */
interface Args {
  /** The `value` attribute (the initial filter, as a query string): the `defaultValue` property. */
  defaultValue: string;
  theme: 'light' | 'dark';
  name?: string;
  loading?: boolean;
  /** The live filter, a `FilterValue` object: shown in the table, no control. */
  value?: unknown;
}

const meta: Meta<Args> = {
  title: 'Elements/session-filter',
  component: 'session-filter',
  args: { defaultValue: '', theme: 'light' },
  argTypes: {
    defaultValue: { control: 'text', description: 'The initial filter as a URL query string (the `value` attribute), e.g. `app.version=3.10.0&!country=DE`' },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    // The `value` property is a FilterValue object (the manifest's `value` row is the attribute,
    // a string): the text control is `defaultValue` above, or `query` for the live filter.
    value: { control: false },
  },
  render: (a) => html`<div style="max-width:24rem">
    <session-filter .model=${model} ${args(a)}></session-filter>
  </div>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Generated sample data: every dimension with faceted counts, durations as a histogram. */
export const SampleData: Story = {};

/** Started from a shared link: crashes on 3.10.0, outside Germany, under 4 minutes. */
export const FromQueryString: Story = { args: { defaultValue: 'app.version=3.10.0&!country=DE&endReason=crash&duration=..240000' } };

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
    <session-filter name="filter" .model=${model} theme="light"></session-filter>
    <div><button type="submit">Submit</button> <button type="reset">Reset</button></div>
    <output></output>
  </form>`,
};

/** While data is on its way (`loading`): the message replaces the dimensions. */
export const Loading: Story = {
  args: { loading: true },
  render: (a) => html`<div style="max-width:24rem"><session-filter ${args(a)}></session-filter></div>`,
};

/** No events: the element says so, in words. */
export const Empty: Story = {
  render: () => html`<div style="max-width:24rem"><session-filter .events=${[]} theme="light"></session-filter></div>`,
};

/** Input that is not an array: the core's TypeError is shown, in words. */
export const InvalidInput: Story = {
  render: () => html`<div style="max-width:24rem"><session-filter .events=${{ not: 'an array' }} theme="light"></session-filter></div>`,
};

/** Every item dropped: the message lists what was dropped and why. */
export const WithDroppedItems: Story = {
  render: () => html`<div style="max-width:24rem"><session-filter .events=${unusableEvents} theme="light"></session-filter></div>`,
};

/** An unreadable part of a shared link is described in a notice, the rest applies. */
export const UnreadableQuery: Story = { args: { defaultValue: 'app.version=3.10.0&duration=soon&&=x' } };

/** Large data: facets and histograms over 2,000 devices and about 150,000 events. */
export const LargeData: Story = {
  render: (a) => html`<div style="max-width:24rem"><session-filter .model=${largeCohortModel()} ${args(a)}></session-filter></div>`,
};

/** Dark theme (also follows `prefers-color-scheme` when no `theme` is set). */
export const Dark: Story = {
  args: { theme: 'dark', defaultValue: 'hasCrash=true' },
  render: (a) => html`<div style="background:#0e1014;padding:1rem;max-width:26rem">
    <session-filter .model=${model} ${args(a)}></session-filter>
  </div>`,
};

/** A brand theme through the public `--session-filter-*` custom properties. */
export const CustomTheme: Story = {
  render: (a) => html`<div style="max-width:24rem;${customTheme('session-filter')}">
    <session-filter .model=${model} ${args(a)}></session-filter>
  </div>`,
};

/**
 * The filter writes no times of day (durations and counts only), so it has no `time-zone`:
 * here it drives views that write New York time.
 */
export const TimeZone: Story = {
  render: () => linkedDashboard('filter-zone-story', model, 'America/New_York'),
};

/** Linked by id, no glue code: the filter drives a cohort and a device's timeline. */
export const LinkedDashboard: Story = {
  render: () => linkedDashboard('filter-story'),
};
