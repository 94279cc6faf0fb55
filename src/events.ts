/**
 * Typed events fired by session-kit elements. All bubble and are composed (they cross
 * shadow roots), and carry a typed, read-only `detail`. Listeners are typed through the
 * global event maps below:
 *
 * ```ts
 * timeline.addEventListener('event-select', (e) => e.detail.event.name);
 * ```
 *
 * @packageDocumentation
 */
import type { Session, SessionEvent, StitchedSession } from './core/types.js';

/** `detail` of {@link SessionSelectEvent}. */
export interface SessionSelectDetail {
  readonly session: Session;
  /** The stitched session it belongs to. */
  readonly stitched: StitchedSession | undefined;
}

/** A session was chosen (click, Enter or Space on its bar). */
export class SessionSelectEvent extends Event {
  static readonly eventName = 'session-select' as const;
  readonly detail: SessionSelectDetail;
  constructor(detail: SessionSelectDetail) {
    super(SessionSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** `detail` of {@link EventSelectEvent}. */
export interface EventSelectDetail {
  readonly event: SessionEvent;
  /** The session the event belongs to. */
  readonly session: Session | undefined;
}

/** An event was chosen (click on its mark or its row, Enter on the focused mark). */
export class EventSelectEvent extends Event {
  static readonly eventName = 'event-select' as const;
  readonly detail: EventSelectDetail;
  constructor(detail: EventSelectDetail) {
    super(EventSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** `detail` of {@link RangeSelectEvent}. */
export interface RangeSelectDetail {
  /** Epoch ms. */
  readonly start: number;
  /** Epoch ms, `>= start`. */
  readonly end: number;
  /** The device whose timeline it is. */
  readonly deviceId: string | undefined;
}

/** A time range was chosen (Shift + drag on a timeline). */
export class RangeSelectEvent extends Event {
  static readonly eventName = 'range-select' as const;
  readonly detail: RangeSelectDetail;
  constructor(detail: RangeSelectDetail) {
    super(RangeSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** `detail` of {@link DeviceSelectEvent}. */
export interface DeviceSelectDetail {
  /** The row's device (for a user row: the device used last); open it in `<session-timeline device-id>`. */
  readonly deviceId: string;
  /** The row's user, if known. */
  readonly userId: string | undefined;
  /** Every device of the row (several for a user with two phones). */
  readonly deviceIds: readonly string[];
  /** The row's sessions the filter kept, by start. */
  readonly sessions: readonly Session[];
}

/** A device (or user) row was chosen (click on its label or an empty part of it, Enter on the row). */
export class DeviceSelectEvent extends Event {
  static readonly eventName = 'device-select' as const;
  readonly detail: DeviceSelectDetail;
  constructor(detail: DeviceSelectDetail) {
    super(DeviceSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** `detail` of {@link StitchedSelectEvent}. */
export interface StitchedSelectDetail {
  readonly stitched: StitchedSession;
  /** Its sessions the filter kept (all of them without a filter). */
  readonly sessions: readonly Session[];
}

/** A stitched session was chosen (click on the line joining its sessions, Shift + Enter on one of them). */
export class StitchedSelectEvent extends Event {
  static readonly eventName = 'stitched-select' as const;
  readonly detail: StitchedSelectDetail;
  constructor(detail: StitchedSelectDetail) {
    super(StitchedSelectEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'device-select': DeviceSelectEvent;
    'stitched-select': StitchedSelectEvent;
    'session-select': SessionSelectEvent;
    'event-select': EventSelectEvent;
    'range-select': RangeSelectEvent;
  }
}
