import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { deriveSessions } from '../src/core/index.js';
import type { Session } from '../src/core/types.js';
import { generateEvents } from '../src/core/sample-data.js';
import { SORT_KEYS, type SortKey } from '../src/render/rows.js';
import '../src/elements/stitched-sessions/stitched-sessions.js';

interface Args {
  align: 'calendar' | 'relative';
  sort: SortKey;
  groupBy: 'device' | 'user';
  timeZone: string;
  theme: 'light' | 'dark' | '';
}

// One seeded data set for all stories: 300 phones over a week.
const model = deriveSessions(generateEvents({ seed: 7, devices: 300, days: 7 }));

const meta: Meta<Args> = {
  title: 'Elements/stitched-sessions',
  component: 'stitched-sessions',
  args: { align: 'calendar', sort: 'last-seen', groupBy: 'device', timeZone: 'UTC', theme: '' },
  argTypes: {
    align: { control: 'inline-radio', options: ['calendar', 'relative'] },
    sort: { control: 'select', options: [...SORT_KEYS] },
    groupBy: { control: 'inline-radio', options: ['device', 'user'] },
    timeZone: { control: 'select', options: ['', 'UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'] },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
  },
  render: (args) => html`<stitched-sessions
    .model=${model}
    align=${args.align}
    sort=${args.sort}
    group-by=${args.groupBy}
    time-zone=${args.timeZone}
    theme=${args.theme || 'light'}
    @device-select=${(e: Event) => console.info(e)}
  ></stitched-sessions>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Generated sample data: 300 devices over 7 days, last seen first. */
export const SampleCohort: Story = {};

/** Every row starts at its first session: compare journeys, with elapsed time on the axis. */
export const Relative: Story = { args: { align: 'relative', sort: 'sessions' } };

/** A cohort chosen by a predicate: sessions on app 3.10.0 (the release with the checkout crash). */
export const CrashyRelease: Story = {
  args: { sort: 'crashes' },
  render: (args) => html`<stitched-sessions
    .model=${model}
    .filter=${(s: Session) => s.dimensions['app.version'] === '3.10.0'}
    sort=${args.sort}
    time-zone=${args.timeZone}
    theme=${args.theme || 'light'}
  ></stitched-sessions>`,
};

/** The filter matches nothing: the element says so, in words. */
export const EmptyCohort: Story = {
  render: () => html`<stitched-sessions .model=${model} .filter=${() => false}></stitched-sessions>`,
};

/** Input that is not an array: the core's TypeError is shown. */
export const InvalidInput: Story = {
  render: () => html`<stitched-sessions .events=${{ not: 'an array' }}></stitched-sessions>`,
};

/** While data is on its way. */
export const Loading: Story = {
  render: () => html`<stitched-sessions loading></stitched-sessions>`,
};

/** Dark theme (also follows `prefers-color-scheme` when no `theme` is set). */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => html`<div style="background:#0e1014;padding:1rem">
    <stitched-sessions .model=${model} align=${args.align} sort=${args.sort} time-zone=${args.timeZone} theme="dark"></stitched-sessions>
  </div>`,
};
