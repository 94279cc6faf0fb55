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
import type { Alignment, GroupBy, SortKey } from './render/rows.js';

/** What every session-kit event shares: it bubbles, crosses shadow roots, and carries a read-only `detail`. */
export abstract class DetailEvent<D> extends Event {
  readonly detail: D;
  protected constructor(name: string, detail: D) {
    super(name, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

/** `detail` of {@link SessionSelectEvent}. */
export interface SessionSelectDetail {
  readonly session: Session;
  /** The stitched session it belongs to. */
  readonly stitched: StitchedSession | undefined;
}

/** A session was chosen (click, Enter or Space on its bar). */
export class SessionSelectEvent extends DetailEvent<SessionSelectDetail> {
  static readonly eventName = 'session-select' as const;
  constructor(detail: SessionSelectDetail) {
    super(SessionSelectEvent.eventName, detail);
  }
}

/** `detail` of {@link EventSelectEvent}. */
export interface EventSelectDetail {
  readonly event: SessionEvent;
  /** The session the event belongs to. */
  readonly session: Session | undefined;
}

/** An event was chosen (click on its mark or its row, Enter on the focused mark). */
export class EventSelectEvent extends DetailEvent<EventSelectDetail> {
  static readonly eventName = 'event-select' as const;
  constructor(detail: EventSelectDetail) {
    super(EventSelectEvent.eventName, detail);
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
export class RangeSelectEvent extends DetailEvent<RangeSelectDetail> {
  static readonly eventName = 'range-select' as const;
  constructor(detail: RangeSelectDetail) {
    super(RangeSelectEvent.eventName, detail);
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
export class DeviceSelectEvent extends DetailEvent<DeviceSelectDetail> {
  static readonly eventName = 'device-select' as const;
  constructor(detail: DeviceSelectDetail) {
    super(DeviceSelectEvent.eventName, detail);
  }
}

/** `detail` of {@link StitchedSelectEvent}. */
export interface StitchedSelectDetail {
  readonly stitched: StitchedSession;
  /** Its sessions the filter kept (all of them without a filter). */
  readonly sessions: readonly Session[];
}

/** A stitched session was chosen (click on the line joining its sessions, Shift + Enter on one of them). */
export class StitchedSelectEvent extends DetailEvent<StitchedSelectDetail> {
  static readonly eventName = 'stitched-select' as const;
  constructor(detail: StitchedSelectDetail) {
    super(StitchedSelectEvent.eventName, detail);
  }
}

/** `detail` of {@link ViewChangeEvent}: the view after the change. */
export interface ViewChangeDetail {
  readonly align: Alignment;
  readonly sort: SortKey;
  readonly groupBy: GroupBy;
}

/** The user changed how a cohort is shown (the alignment or sort control of `<stitched-sessions>`). */
export class ViewChangeEvent extends DetailEvent<ViewChangeDetail> {
  static readonly eventName = 'view-change' as const;
  constructor(detail: ViewChangeDetail) {
    super(ViewChangeEvent.eventName, detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'device-select': DeviceSelectEvent;
    'stitched-select': StitchedSelectEvent;
    'session-select': SessionSelectEvent;
    'event-select': EventSelectEvent;
    'range-select': RangeSelectEvent;
    'view-change': ViewChangeEvent;
  }
}
