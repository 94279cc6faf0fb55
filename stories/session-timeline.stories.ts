import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { deriveSessions } from '../src/core/index.js';
import { generateEvents } from '../src/core/sample-data.js';
import { LANE_IDS, type LaneId } from '../src/render/lanes.js';
import '../src/elements/session-timeline/session-timeline.js';
import { TIME_ZONES, args, busiestDevices, customTheme, eventsWithGarbage, largeDeviceModel, linkedDashboard, cohortModel } from './support.js';

/** The element's own properties (the manifest's "properties" rows); the data is not an arg. */
interface Args {
  deviceId: string;
  userId?: string;
  timeZone: string;
  theme: 'light' | 'dark';
  hiddenLanes: LaneId[];
  loading: boolean;
  inactivityTimeout?: number;
  maxDuration?: number;
}

// One seeded data set for the main stories: 40 phones over three days, the busiest first.
const model = deriveSessions(generateEvents({ seed: 7, devices: 40, days: 3 }));
const devices = busiestDevices(model);

const meta: Meta<Args> = {
  title: 'Elements/session-timeline',
  component: 'session-timeline',
  args: { deviceId: devices[0] ?? '', timeZone: 'UTC', theme: 'light', hiddenLanes: [], loading: false },
  argTypes: {
    deviceId: { control: 'select', options: devices.slice(0, 20) },
    timeZone: { control: 'select', options: TIME_ZONES },
    theme: { control: 'inline-radio', options: ['light', 'dark'] },
    hiddenLanes: { control: 'check', options: [...LANE_IDS] },
  },
  render: (a) => html`<session-timeline .model=${model} ${args(a)}></session-timeline>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Generated sample data: the busiest device over three days. */
export const SampleDevice: Story = {};

/** While data is on its way. */
export const Loading: Story = {
  args: { loading: true },
  render: (a) => html`<session-timeline ${args(a)}></session-timeline>`,
};

/** No events for the device asked for. */
export const Empty: Story = {
  render: () => html`<session-timeline .events=${[]} device-id="7f3a"></session-timeline>`,
};

/** Input that is not an array: the core's TypeError is shown, in words. */
export const InvalidInput: Story = {
  render: () => html`<session-timeline .events=${{ not: 'an array' }}></session-timeline>`,
};

/** Some items dropped: the indicator in the header summarises them. */
export const WithDroppedItems: Story = {
  render: (a) => html`<session-timeline .events=${eventsWithGarbage()} time-zone=${a.timeZone}></session-timeline>`,
};

/** Large data: one device over a year, about 31,000 events in 1,900 sessions, drawn on canvas with level-of-detail binning. */
export const LargeData: Story = {
  render: (a) => html`<session-timeline .model=${largeDeviceModel()} time-zone=${a.timeZone} theme=${a.theme}></session-timeline>`,
};

/** Dark theme (also follows `prefers-color-scheme` when no `theme` is set). */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (a) => html`<div style="background:#0e1014;padding:1rem">
    <session-timeline .model=${model} ${args(a)}></session-timeline>
  </div>`,
};

/** A brand theme through the public `--session-timeline-*` custom properties, and a part restyled. */
export const CustomTheme: Story = {
  render: (a) => html`<style>
      .brand session-timeline::part(details) {
        border-top: 2px solid #6d28d9;
      }
    </style>
    <div class="brand" style=${customTheme('session-timeline')}>
      <session-timeline .model=${model} ${args(a)}></session-timeline>
    </div>`,
};

/** Times written in India Standard Time (UTC+5:30): axis ticks, the header and the details list. */
export const TimeZone: Story = {
  args: { timeZone: 'Asia/Kolkata' },
};

/** Linked with the other views: filter on the left, a click on a row opens its device here. */
export const LinkedDashboard: Story = {
  render: () => linkedDashboard('timeline-story', cohortModel),
};
