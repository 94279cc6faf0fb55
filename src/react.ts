/**
 * React wrappers of the elements, made with `@lit/react`: properties are set as properties
 * (`events`, `model`, `filter`…, not stringified attributes) and the elements' events are
 * typed `on…` props. Importing this entry registers the three elements.
 *
 * ```tsx
 * import { SessionTimeline } from 'session-kit/react';
 *
 * <SessionTimeline events={events} timeZone="UTC" onEventSelect={(e) => show(e.detail.event)} />
 * ```
 *
 * `react` is an optional peer dependency of session-kit: only this entry needs it.
 *
 * @packageDocumentation
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { SessionTimeline as SessionTimelineElement } from './elements/session-timeline/session-timeline.js';
import { StitchedSessions as StitchedSessionsElement } from './elements/stitched-sessions/stitched-sessions.js';
import { SessionFilterElement } from './elements/session-filter/session-filter.js';
import type {
  DeviceSelectEvent,
  EventSelectEvent,
  RangeSelectEvent,
  SessionSelectEvent,
  StitchedSelectEvent,
  ViewChangeEvent,
} from './events.js';

/** `<session-timeline>`: `onSessionSelect`, `onEventSelect`, `onRangeSelect`. */
export const SessionTimeline = createComponent({
  react: React,
  tagName: 'session-timeline',
  elementClass: SessionTimelineElement,
  displayName: 'SessionTimeline',
  events: {
    onSessionSelect: 'session-select' as EventName<SessionSelectEvent>,
    onEventSelect: 'event-select' as EventName<EventSelectEvent>,
    onRangeSelect: 'range-select' as EventName<RangeSelectEvent>,
  },
});

/** `<stitched-sessions>`: `onDeviceSelect`, `onStitchedSelect`, `onSessionSelect`, `onViewChange`. */
export const StitchedSessions = createComponent({
  react: React,
  tagName: 'stitched-sessions',
  elementClass: StitchedSessionsElement,
  displayName: 'StitchedSessions',
  events: {
    onDeviceSelect: 'device-select' as EventName<DeviceSelectEvent>,
    onStitchedSelect: 'stitched-select' as EventName<StitchedSelectEvent>,
    onSessionSelect: 'session-select' as EventName<SessionSelectEvent>,
    onViewChange: 'view-change' as EventName<ViewChangeEvent>,
  },
});

/**
 * `<session-filter>`: `onFilterInput` (native `input`, while the filter changes) and
 * `onFilterChange` (native `change`, once per committed change); read `e.currentTarget.value`
 * or `.query`. (Named apart from React's own `onInput` / `onChange`.)
 */
export const SessionFilter = createComponent({
  react: React,
  tagName: 'session-filter',
  elementClass: SessionFilterElement,
  displayName: 'SessionFilter',
  events: {
    onFilterInput: 'input' as EventName<Event & { currentTarget: SessionFilterElement }>,
    onFilterChange: 'change' as EventName<Event & { currentTarget: SessionFilterElement }>,
  },
});
