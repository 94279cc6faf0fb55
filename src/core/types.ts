/**
 * Public types of the session core. See `docs/sessions.md` (and the README) for the
 * derivation rules these types carry.
 *
 * @packageDocumentation
 */

/** A value allowed in `attrs` and `resource`. */
export type Primitive = string | number | boolean | null;

/** A flat bag of primitive values (`attrs`, `resource`, `dimensions`). */
export type Attributes = Readonly<Record<string, Primitive>>;

/** The state an app process is in. */
export type AppState = 'foreground' | 'background';

/**
 * One raw record from an app, as it comes in (JSON). Only `ts` and `type` are required.
 * Anything else on the object is ignored.
 */
export interface RawEvent {
  /** When it happened: epoch milliseconds, or an ISO-8601 string (no offset means UTC). */
  readonly ts: number | string;
  /** `app.launch`, `app.foreground`, `app.background`, `app.terminate`, `session.end`,
   * `crash`, `anr`, `oom`, `heartbeat`, or any activity type (`view`, `tap`, `network`...). */
  readonly type: string;
  /** Identity: a later event with an `id` already seen is dropped as a duplicate. */
  readonly id?: string;
  /** The stitching key; falls back to `userId`, then `"unknown"`. */
  readonly deviceId?: string;
  /** Who is logged in; may appear mid-way. */
  readonly userId?: string;
  /** One run of the app process (one launch). */
  readonly processId?: string;
  /** An SDK's own id for the session this event belongs to. */
  readonly sessionId?: string;
  /** On `app.launch`: the state it launched into (default foreground). */
  readonly state?: AppState;
  /** Label: view name, URL, log message, crash type. */
  readonly name?: string;
  /** For events that last (network call, view), in milliseconds. */
  readonly duration?: number;
  /** Event-specific details (`http.status_code`, `log.severity`...). */
  readonly attrs?: Attributes;
  /** The dimensions a session is filtered by (`app.version`, `os.name`, `country`...). */
  readonly resource?: Attributes;
}

/** What kind of thing an event is; elements draw one lane per category. */
export type EventCategory =
  | 'lifecycle'
  | 'crash'
  | 'view'
  | 'tap'
  | 'network'
  | 'log'
  | 'breadcrumb'
  | 'span'
  | 'hang'
  | 'custom';

/** An accepted event, normalised: `ts` is a number and the device key is resolved. */
export interface SessionEvent {
  /** Position of the item in the input (across all `push` calls of a sessionizer). */
  readonly index: number;
  /** Epoch milliseconds. */
  readonly ts: number;
  readonly type: string;
  readonly category: EventCategory;
  readonly id: string | undefined;
  /** The resolved stitching key (`deviceId`, else `userId`, else `"unknown"`). */
  readonly deviceId: string;
  readonly userId: string | undefined;
  readonly processId: string | undefined;
  readonly sessionId: string | undefined;
  readonly state: AppState | undefined;
  readonly name: string | undefined;
  readonly duration: number | undefined;
  readonly attrs: Attributes | undefined;
  readonly resource: Attributes | undefined;
  /**
   * True for a crash / ANR / OOM / terminate reported at a later launch and attached to
   * the session it ended (rule 6): its `ts` lies after that session's `end`.
   */
  readonly late: boolean;
}

/** Why a session started. */
export type StartReason = 'launch' | 'foreground' | 'background' | 'manual' | 'rollover' | 'implicit';

/** Why a session ended. */
export type EndReason =
  | 'background'
  | 'foreground'
  | 'manual'
  | 'crash'
  | 'anr'
  | 'oom'
  | 'user_terminated'
  | 'abnormal'
  | 'inactivity'
  | 'max_duration'
  | 'open';

/** Why a stitched session ended (what made the next one start), or `open` for the last. */
export type StitchedEndReason = 'inactivity' | 'foregrounded' | 'manual' | 'max_duration' | 'open';

/** One continuous stretch of one app process in one state. */
export interface Session {
  /** The `sessionId` of its first event if it has one, else a stable generated id. */
  readonly id: string;
  readonly deviceId: string;
  /** The last user id seen in it, else carried forward from the device's earlier sessions. */
  readonly userId: string | undefined;
  readonly processId: string | undefined;
  readonly state: AppState;
  /** Epoch ms. */
  readonly start: number;
  /** Epoch ms, `>= start`. */
  readonly end: number;
  /** `end - start`, in ms. */
  readonly duration: number;
  /** True only for a session begun by `app.launch`. */
  readonly coldStart: boolean;
  readonly startReason: StartReason;
  readonly endReason: EndReason;
  /** True when no lifecycle event began it (rule 7), or it continues such a session. */
  readonly implicit: boolean;
  /** 1-based, per device. */
  readonly number: number;
  readonly stitchedId: string;
  /** Its events in `ts` order (late reports last). */
  readonly events: readonly SessionEvent[];
  /** The merged `resource` of its events (later values win), plus `userId`. */
  readonly dimensions: Attributes;
}

/** Consecutive sessions of one device, stitched while the user keeps coming back. */
export interface StitchedSession {
  readonly id: string;
  readonly deviceId: string;
  /** The last user id among its sessions. */
  readonly userId: string | undefined;
  /** Its first session's start. */
  readonly start: number;
  /** Its last session's end. */
  readonly end: number;
  readonly duration: number;
  /** 1-based, per device. */
  readonly number: number;
  readonly sessions: readonly Session[];
  readonly endReason: StitchedEndReason;
}

/** Why an input item was left out. */
export type DiagnosticCode = 'not-an-object' | 'invalid-timestamp' | 'missing-type' | 'duplicate-id';

/** One input item that was left out, and why. */
export interface Diagnostic {
  /** Position of the item in the input. */
  readonly index: number;
  readonly code: DiagnosticCode;
  /** A sentence for people, e.g. `item 4: "ts" is "yesterday", not a number or ISO-8601 date`. */
  readonly message: string;
}

/** Counts that account for every input item: `accepted + dropped === input`. */
export interface SessionStats {
  readonly input: number;
  readonly accepted: number;
  readonly dropped: number;
  /** Late crash / ANR / OOM / terminate reports attached to an earlier session. */
  readonly lateReports: number;
}

/** Everything the core derives from raw events. */
export interface SessionModel {
  /** Ordered by deviceId (code-point order), then start. */
  readonly sessions: readonly Session[];
  /** Ordered by deviceId, then start. */
  readonly stitched: readonly StitchedSession[];
  /** One per dropped item, in input order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly stats: SessionStats;
}

/** Options of the derivation. All durations are in milliseconds. */
export interface SessionOptions {
  /** Gap after which a user counts as away; background sessions time out after it. Default 30 min. */
  readonly inactivityTimeoutMs?: number;
  /** Longest a stitched session may last before the open session is split. Default 12 h. */
  readonly maxDurationMs?: number;
  /** A background launch foregrounded within this is one foreground session. Default 5 s. */
  readonly launchGraceMs?: number;
  /** Epoch ms: apply timeouts and splits up to this instant at the end of the data. */
  readonly now?: number;
}

/** Feeds events in any chunking and order; `result()` equals `deriveSessions` of all of them. */
export interface Sessionizer {
  push(events: unknown): void;
  result(): SessionModel;
}
