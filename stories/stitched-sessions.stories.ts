import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Session } from '../src/core/types.js';
import { SORT_KEYS, type SortKey } from '../src/render/rows.js';
import '../src/elements/stitched-sessions/stitched-sessions.js';
import { TIME_ZONES, args, cohortModel as model, customTheme, eventsWithGarbage, largeCohortModel, linkedDashboard } from './support.js';

/** The element's own properties (the manifest's "properties" rows); the data is not an arg. */
interface Args {
  align: 'calendar' | 'relative';
  sort: SortKey;
  groupBy: 'device' | 'user';
  timeZone: string;
  theme: 'light' | 'dark';
  loading: boolean;
  inactivityTimeout?: number;
  maxDuration?: number;
}

const meta: Meta<Args> = {
  title: 'Elements/stitched-sessions',
  component: 'stitched-sessions',
  args: { align: 'calendar', sort: 'last-seen', groupBy: 'device', timeZone: 'UTC', theme: 'light', loading: false },
  argTypes: {
    align: { control: 'inline-radio', options: ['calendar', 'relative'] },
    sort: { control: 'select', options: [...SORT_KEYS] },
    groupBy: { control: 'inline-radio', options: ['device', 'user'] },
    timeZone: { control: 'select', options: TIME_ZONES },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
  },
  render: (a) => html`<stitched-sessions .model=${model} ${args(a)}></stitched-sessions>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Generated sample data: 300 devices over 7 days, last seen first. */
export const SampleCohort: Story = {};

/** Every row starts at its first session: compare journeys, with elapsed time on the axis. */
export const Relative: Story = { args: { align: 'relative', sort: 'sessions' } };

/** One row per user: a user's devices share it. */
export const ByUser: Story = { args: { groupBy: 'user' } };

/** A cohort chosen by a predicate: sessions on app 3.10.0 (the release with the checkout crash). */
export const CrashyRelease: Story = {
  args: { sort: 'crashes' },
  render: (a) => html`<stitched-sessions
    .model=${model}
    .filter=${(s: Session) => s.dimensions['app.version'] === '3.10.0'}
    ${args(a)}
  ></stitched-sessions>`,
};

/** While data is on its way. */
export const Loading: Story = {
  args: { loading: true },
  render: (a) => html`<stitched-sessions ${args(a)}></stitched-sessions>`,
};

/** The filter matches nothing: the element says so, in words. */
export const EmptyCohort: Story = {
  render: () => html`<stitched-sessions .model=${model} .filter=${() => false}></stitched-sessions>`,
};

/** Input that is not an array: the core's TypeError is shown. */
export const InvalidInput: Story = {
  render: () => html`<stitched-sessions .events=${{ not: 'an array' }}></stitched-sessions>`,
};

/** Some items dropped: the note under the summary says how many, and why. */
export const WithDroppedItems: Story = {
  render: (a) => html`<stitched-sessions .events=${eventsWithGarbage()} ${args(a)}></stitched-sessions>`,
};

/** Large data: 2,000 devices, about 150,000 events; only the rows in view exist, their bars on one canvas. */
export const LargeData: Story = {
  render: (a) => html`<stitched-sessions .model=${largeCohortModel()} ${args(a)}></stitched-sessions>`,
};

/** Dark theme (also follows `prefers-color-scheme` when no `theme` is set). */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (a) => html`<div style="background:#0e1014;padding:1rem">
    <stitched-sessions .model=${model} ${args(a)}></stitched-sessions>
  </div>`,
};

/** A brand theme through the public `--stitched-sessions-*` custom properties. */
export const CustomTheme: Story = {
  render: (a) => html`<div style=${customTheme('stitched-sessions')}>
    <stitched-sessions .model=${model} ${args(a)}></stitched-sessions>
  </div>`,
};

/** Times written in Australian Central Time (UTC+9:30 / +10:30): the axis, days and tooltips. */
export const TimeZone: Story = {
  args: { timeZone: 'Australia/Adelaide' },
};

/** Linked with the other views: the filter narrows these rows, a click on a row opens its device's timeline. */
export const LinkedDashboard: Story = {
  render: () => linkedDashboard('stitched-story'),
};
