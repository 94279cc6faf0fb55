import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { generateEvents } from '../src/core/sample-data.js';
import '../src/elements/session-data/session-data.js';
import '../src/elements/session-filter/session-filter.js';
import '../src/elements/session-timeline/session-timeline.js';
import '../src/elements/stitched-sessions/stitched-sessions.js';
import { args, ndjsonUrl } from './support.js';

/** The element's own properties (the manifest's "properties" rows); the data is not an arg. */
interface Args {
  src?: string;
  inactivityTimeout?: number;
  maxDuration?: number;
}

// 24 phones over two days: small enough to fetch as a data: URL.
const events = generateEvents({ seed: 7, devices: 24, days: 2 });

/** The views `<session-data>` shares its model with: no `.model` or `.events` of their own. */
const views = (id: string, { theme = 'light', timeZone = 'UTC' } = {}) => html`<div
  style="display:grid;grid-template-columns:minmax(16rem,22rem) 1fr;gap:1rem;align-items:start"
>
  <session-filter for=${`${id}-rows ${id}-timeline`} theme=${theme}></session-filter>
  <div style="display:grid;gap:1rem;min-width:0">
    <stitched-sessions id=${`${id}-rows`} time-zone=${timeZone} theme=${theme}></stitched-sessions>
    <session-timeline id=${`${id}-timeline`} time-zone=${timeZone} theme=${theme}></session-timeline>
  </div>
</div>`;

let large: unknown[] | undefined;
/** 1,000 devices over six hours, about 75,000 events, made on first use. */
const largeEvents = (): unknown[] => (large ??= generateEvents({ seed: 7, devices: 1000, days: 0.25 }));

const meta: Meta<Args> = {
  title: 'Elements/session-data',
  component: 'session-data',
  args: { src: ndjsonUrl(events) },
  argTypes: { src: { control: 'text' } },
  render: (a) => html`<session-data ${args(a)}>${views('data-story')}</session-data>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Events fetched once from `src` (NDJSON) and shared with the filter, the rows and the timeline inside. */
export const FromSrc: Story = {};

/** Events set as a property: `.events` wins over `src`. */
export const FromEvents: Story = {
  args: { src: undefined },
  render: () => html`<session-data .events=${events}>${views('data-events-story')}</session-data>`,
};

/** A shorter inactivity timeout (5 min) passed to the core: more, shorter stitched sessions. */
export const ShortInactivityTimeout: Story = { args: { inactivityTimeout: 300_000 } };

/** Nothing to share yet: no `src`, no `events`; the views say there is nothing to show. */
export const Empty: Story = {
  render: () => html`<session-data>${views('data-empty-story')}</session-data>`,
};

/** `src` held neither JSON nor NDJSON: the load error is said, in words. */
export const BadInput: Story = {
  render: () => html`<session-data src="data:text/plain,not%20events">${views('data-bad-story')}</session-data>`,
};

/** Two NDJSON lines could not be read: they are listed, the rest is shown. */
export const WithDroppedItems: Story = {
  render: () => html`<session-data src=${ndjsonUrl(events.slice(0, 400), 2)}>${views('data-dropped-story')}</session-data>`,
};

/** Large data: about 75,000 events from 1,000 devices, derived once and drawn by three views. */
export const LargeData: Story = {
  render: () => html`<session-data .events=${largeEvents()}>${views('data-large-story')}</session-data>`,
};

/**
 * `<session-data>` draws nothing but its status line (which inherits the page's colours):
 * the views inside take `theme`.
 */
export const Dark: Story = {
  render: (a) => html`<div style="background:#0e1014;color:#e6e8eb;padding:1rem">
    <session-data ${args(a)}>${views('data-dark-story', { theme: 'dark' })}</session-data>
  </div>`,
};

/** The views inside write Tokyo time (UTC+9); the shared model is the same whatever the zone. */
export const TimeZone: Story = {
  render: (a) => html`<session-data ${args(a)}>${views('data-zone-story', { timeZone: 'Asia/Tokyo' })}</session-data>`,
};
