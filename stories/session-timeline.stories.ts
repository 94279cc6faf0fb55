import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { deriveSessions } from '../src/core/index.js';
import { generateEvents } from '../src/core/sample-data.js';
import '../src/elements/session-timeline/session-timeline.js';

interface Args {
  deviceId: string;
  timeZone: string;
  theme: 'light' | 'dark' | '';
  hiddenLanes: string;
}

// One seeded data set for all stories; the busiest device first.
const events = generateEvents({ seed: 7, devices: 40, days: 3 });
const model = deriveSessions(events);
const counts = new Map<string, number>();
for (const s of model.sessions) counts.set(s.deviceId, (counts.get(s.deviceId) ?? 0) + s.events.length);
const devices = [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);

const meta: Meta<Args> = {
  title: 'Elements/session-timeline',
  component: 'session-timeline',
  args: { deviceId: devices[0] ?? '', timeZone: 'UTC', theme: '', hiddenLanes: '' },
  argTypes: {
    deviceId: { control: 'select', options: devices.slice(0, 20) },
    timeZone: { control: 'select', options: ['', 'UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'] },
    theme: { control: 'inline-radio', options: ['', 'light', 'dark'] },
  },
  render: (args) => html`<session-timeline
    .model=${model}
    device-id=${args.deviceId}
    time-zone=${args.timeZone}
    hidden-lanes=${args.hiddenLanes}
    theme=${args.theme || 'light'}
  ></session-timeline>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Generated sample data: the busiest device over three days. */
export const SampleDevice: Story = {};

/** Dark theme (also follows `prefers-color-scheme` when no `theme` is set). */
export const Dark: Story = {
  args: { theme: 'dark' },
  render: (args) => html`<div style="background:#0e1014;padding:1rem">
    <session-timeline .model=${model} device-id=${args.deviceId} time-zone=${args.timeZone} theme="dark"></session-timeline>
  </div>`,
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
  render: () => html`<session-timeline .events=${generateEvents({ seed: 7, devices: 4, days: 1, garbage: 0.02 })}></session-timeline>`,
};

/** While data is on its way. */
export const Loading: Story = {
  render: () => html`<session-timeline loading></session-timeline>`,
};
