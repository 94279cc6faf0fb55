/**
 * The session state machine of one device (spec §3 and §4). It reads the device's events
 * in `ts` order and builds sessions and stitched sessions in one pass: stitching has to
 * happen as it goes, because the max-duration split (rule 9) depends on where the current
 * stitched session began.
 */
import { keepShapes } from './keep-shapes.js';
import { TERMINAL_REASONS } from './normalize.js';
import type {
  AppState,
  Attributes,
  EndReason,
  Primitive,
  Session,
  SessionEvent,
  StartReason,
  StitchedEndReason,
  StitchedSession,
} from './types.js';

/** Options with their defaults applied. */
export interface ResolvedOptions {
  readonly inactivityTimeoutMs: number;
  readonly maxDurationMs: number;
  readonly launchGraceMs: number;
  readonly now: number | undefined;
}

/** What one device contributes to the model. */
export interface DeviceResult {
  readonly sessions: Session[];
  readonly stitched: StitchedSession[];
  readonly lateReports: number;
}

interface Draft {
  state: AppState;
  start: number;
  end: number;
  endReason: EndReason | undefined; // undefined while open
  readonly startReason: StartReason;
  readonly coldStart: boolean;
  readonly implicit: boolean;
  processId: string | undefined;
  /** Set when the process behind it died with it (rules 1 and 5): late reports may name it. */
  processEnded: boolean;
  /** ts of its last own event (late reports excluded), else its start. */
  lastTs: number;
  /**
   * Its events are the run `[from, to)` of the device's sorted list while they are one
   * (-1 before its first): sliced once at the end instead of pushed one by one.
   */
  from: number;
  to: number;
  /** Its events as an array, once they stop being one run (a late report came in between or is added). */
  events: SessionEvent[] | undefined;
  group: Group;
  /** The session built from it, at the end. */
  session: Session | undefined;
}

interface Group {
  /** Set when the device's result is built. */
  id: string;
  readonly start: number;
  readonly sessions: Draft[];
  hasForeground: boolean;
  /** End of its last foreground session that has ended; NaN if none has. */
  lastForegroundEnd: number;
  endReason: StitchedEndReason | undefined;
}

type TerminalType = keyof typeof TERMINAL_REASONS;

const isTerminal = (type: string): type is TerminalType => Object.hasOwn(TERMINAL_REASONS, type);

/** A draft's events: its run of the device's list, or its own array once it has one. */
function eventsOf(s: Draft, list: readonly SessionEvent[]): SessionEvent[] {
  return s.events ?? (s.from < 0 ? [] : list.slice(s.from, s.to));
}

class DeviceMachine {
  readonly sessions: Draft[] = [];
  readonly groups: Group[] = [];
  lateReports = 0;
  // Every field has its value from the start (`= undefined` too: with the project's
  // `useDefineForClassFields: false` a field without one is added on first assignment), so
  // a machine keeps one shape from its construction on: a field added mid-run changed the
  // shape, and the next derivation's machines threw away the code compiled for the last one.
  private open: Draft | undefined = undefined;
  /** Latest session that holds an event with this `sessionId`. */
  private readonly bySessionId = new Map<string, Draft>();
  /** Last session of each process. */
  private readonly byProcessId = new Map<string, Draft>();
  /** The last `bySessionId.set`: most events repeat it, and setting it again changes nothing. */
  private lastSessionId: string | undefined = undefined;
  private lastSessionDraft: Draft | undefined = undefined;
  /** Position in `list` of the event being stepped. */
  private at = 0;

  constructor(
    private readonly o: ResolvedOptions,
    /** The device's events, sorted. */
    private list: readonly SessionEvent[],
  ) {}

  run(): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) {
      this.at = i;
      this.step(list[i]!);
    }
    if (this.o.now !== undefined) this.advance(this.o.now);
    const open = this.open;
    if (open) this.end(open, open.lastTs, 'open');
  }

  private step(e: SessionEvent): void {
    this.advance(e.ts);
    const open = this.open;
    // Most events are activity: categoryOf puts every type that has a rule of its own in
    // 'lifecycle' (launch, foreground, background, terminate, session.end, heartbeat) or
    // 'crash' (crash, anr, oom), so any other category goes straight to the open session
    // without comparing type strings.
    const category = e.category;
    if (category !== 'lifecycle' && category !== 'crash') {
      this.attach(open ?? this.beginImplicit(e), e);
      return;
    }
    switch (e.type) {
      case 'app.launch': {
        // Rule 1: a session still open means its process died without a word.
        if (open) this.endProcess(open, open.lastTs, 'abnormal');
        const s = this.begin(e.state ?? 'foreground', e.ts, 'launch', true, false, e.processId);
        this.attach(s, e);
        return;
      }
      case 'app.foreground': {
        if (open?.state === 'foreground') return this.attach(open, e);
        if (open && open.startReason === 'launch' && e.ts - open.start < this.o.launchGraceMs) {
          // Launch grace: a background launch brought forward at once is one foreground session.
          this.restitchAsForeground(open);
          return this.attach(open, e);
        }
        let processId = e.processId ?? this.alivePid();
        if (open) {
          processId = open.processId ?? e.processId;
          this.end(open, e.ts, 'foreground');
        }
        this.attach(this.begin('foreground', e.ts, 'foreground', false, false, processId), e);
        return;
      }
      case 'app.background': {
        if (open?.state === 'foreground') {
          this.attach(open, e);
          this.end(open, e.ts, 'background');
          this.begin('background', e.ts, 'background', false, false, open.processId);
        } else if (open) {
          this.attach(open, e);
        } else {
          // Backgrounded with no session open (its foreground session was never seen).
          this.attach(this.begin('background', e.ts, 'background', false, false, e.processId ?? this.alivePid()), e);
        }
        return;
      }
      case 'session.end': {
        const s = open ?? this.beginImplicit(e);
        this.attach(s, e);
        this.end(s, e.ts, 'manual');
        // Rule 4: the app is still running, so a session in the same state follows.
        this.begin(s.state, e.ts, 'manual', false, s.implicit, s.processId);
        return;
      }
      default: {
        if (isTerminal(e.type)) return this.terminal(e, TERMINAL_REASONS[e.type]);
        this.attach(open ?? this.beginImplicit(e), e);
      }
    }
  }

  /** Rules 5, 6 and 7 for crash, anr, oom and app.terminate. */
  private terminal(e: SessionEvent, reason: EndReason): void {
    const reported = this.lateTarget(e);
    if (reported) {
      this.lateReports++;
      // A late report is appended after the session's own events: it leaves its run for an array.
      const events = eventsOf(reported, this.list);
      reported.events = events;
      events.push({ ...e, late: true });
      if (reported.endReason === 'abnormal') reported.endReason = reason;
      return;
    }
    const s = this.open ?? this.beginImplicit(e);
    this.attach(s, e);
    this.endProcess(s, e.ts, reason);
  }

  /** Rule 6: the ended session a terminal event reports on, if it is a late report. */
  private lateTarget(e: SessionEvent): Draft | undefined {
    if (e.sessionId !== undefined) {
      const named = this.bySessionId.get(e.sessionId);
      if (named && named !== this.open) return named;
    }
    if (e.processId !== undefined) {
      const last = this.byProcessId.get(e.processId);
      if (last && last.processEnded) return last;
    }
    return undefined;
  }

  /**
   * Applies what time alone does, up to `ts` (rules 8 and 9): the implicit-session gap,
   * the background timeout and max-duration splits. Something due exactly at `ts` happens
   * before the event at `ts`.
   */
  private advance(ts: number): void {
    const { inactivityTimeoutMs: timeout, maxDurationMs: maxDuration } = this.o;
    for (let s = this.open; s; s = this.open) {
      if (s.implicit && ts - s.lastTs >= timeout) return this.end(s, s.lastTs, 'inactivity');
      const timesOut = s.state === 'background' ? s.start + timeout : Infinity;
      const splits = s.group.start + maxDuration;
      if (Math.min(timesOut, splits) > ts) return;
      if (timesOut <= splits) return this.end(s, timesOut, 'inactivity');
      this.end(s, splits, 'max_duration');
      this.begin(s.state, splits, 'rollover', false, s.implicit, s.processId);
    }
  }

  /** Rule 7: a session for an event that found none open, in the device's last state. */
  private beginImplicit(e: SessionEvent): Draft {
    const last = this.sessions[this.sessions.length - 1];
    return this.begin(last?.state ?? 'foreground', e.ts, 'implicit', false, true, e.processId ?? this.alivePid());
  }

  /** The process of the device's last session, unless it died. */
  private alivePid(): string | undefined {
    const last = this.sessions[this.sessions.length - 1];
    return last && !last.processEnded ? last.processId : undefined;
  }

  private begin(
    state: AppState,
    start: number,
    startReason: StartReason,
    coldStart: boolean,
    implicit: boolean,
    processId: string | undefined,
  ): Draft {
    const s: Draft = {
      state,
      start,
      end: start,
      endReason: undefined,
      startReason,
      coldStart,
      implicit,
      processId,
      processEnded: false,
      lastTs: start,
      from: -1,
      to: -1,
      events: undefined,
      group: undefined as unknown as Group, // set by stitch() right below
      session: undefined,
    };
    this.stitch(s);
    this.sessions.push(s);
    this.open = s;
    if (processId !== undefined) this.byProcessId.set(processId, s);
    return s;
  }

  /** Adds `e`, the event at `this.at` of the list, to `s`. */
  private attach(s: Draft, e: SessionEvent): void {
    const at = this.at;
    if (s.events !== undefined) s.events.push(e);
    else if (s.from < 0) {
      s.from = at;
      s.to = at + 1;
    } else if (s.to === at) s.to = at + 1;
    else {
      // Not adjacent to its run (a late report for another session lies in between).
      const events = this.list.slice(s.from, s.to);
      events.push(e);
      s.events = events;
    }
    s.lastTs = e.ts;
    const sessionId = e.sessionId;
    if (sessionId !== undefined && (sessionId !== this.lastSessionId || s !== this.lastSessionDraft)) {
      this.bySessionId.set(sessionId, s);
      this.lastSessionId = sessionId;
      this.lastSessionDraft = s;
    }
    if (s.processId === undefined && e.processId !== undefined) {
      s.processId = e.processId;
      this.byProcessId.set(e.processId, s);
    }
  }

  /**
   * Lets go of the device's data but one object of each kind the run made (an event, a
   * draft, a group and the machine itself): see keep-shapes.ts.
   */
  shrinkToShapes(): void {
    this.list = this.list.slice(0, 1);
    this.sessions.length = Math.min(1, this.sessions.length);
    this.groups.length = Math.min(1, this.groups.length);
    const d = this.sessions[0];
    if (d) {
      d.events = undefined;
      d.session = undefined;
      d.group.sessions.length = 1;
    }
    this.bySessionId.clear();
    this.byProcessId.clear();
    this.open = this.lastSessionDraft = this.lastSessionId = undefined;
  }

  private end(s: Draft, at: number, reason: EndReason): void {
    s.end = at;
    s.endReason = reason;
    if (s.state === 'foreground') s.group.lastForegroundEnd = at;
    if (this.open === s) this.open = undefined;
  }

  private endProcess(s: Draft, at: number, reason: EndReason): void {
    this.end(s, at, reason);
    s.processEnded = true;
  }

  /** §4: joins the current stitched session or begins a new one. */
  private stitch(s: Draft): void {
    const current = this.groups[this.groups.length - 1];
    const reason = current ? this.breakReason(current, s) : undefined;
    if (current && !reason) {
      current.sessions.push(s);
      s.group = current;
    } else {
      if (current) current.endReason = reason;
      const group: Group = { id: '', start: s.start, sessions: [s], hasForeground: false, lastForegroundEnd: NaN, endReason: undefined };
      this.groups.push(group);
      s.group = group;
    }
    if (s.state === 'foreground') s.group.hasForeground = true;
  }

  private breakReason(current: Group, s: Draft): StitchedEndReason | undefined {
    const previous = this.sessions[this.sessions.length - 1];
    if (previous?.endReason === 'manual') return 'manual';
    // "The user was away": measured from the end of the last foreground session.
    if (current.hasForeground && s.start - current.lastForegroundEnd >= this.o.inactivityTimeoutMs) return 'inactivity';
    if (!current.hasForeground && s.state === 'foreground') return 'foregrounded';
    if (s.start >= current.start + this.o.maxDurationMs) return 'max_duration';
    return undefined;
  }

  /** Launch grace: the open background launch session becomes foreground; stitch it again. */
  private restitchAsForeground(s: Draft): void {
    const group = s.group;
    group.sessions.pop();
    if (group.sessions.length === 0) {
      this.groups.pop();
      const previous = this.groups[this.groups.length - 1];
      if (previous) previous.endReason = undefined;
    }
    this.sessions.pop();
    s.state = 'foreground';
    this.stitch(s);
    this.sessions.push(s);
  }
}

function mergeDimensions(events: readonly SessionEvent[], userId: string | undefined): Attributes {
  const out: Record<string, Primitive> = {};
  let previous: Attributes | undefined;
  for (let i = 0; i < events.length; i++) {
    const r = events[i]!.resource;
    // SDKs send one resource for many events: merging it again changes nothing. From JSON
    // each event has a copy of its own; comparing it with the last one costs half of merging.
    if (!r || r === previous) continue;
    const again = previous !== undefined && sameValues(r, previous);
    previous = r;
    if (again) continue;
    for (const key in r) {
      const v = r[key];
      if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    }
  }
  if (userId !== undefined) out.userId = userId;
  return out;
}

/**
 * Whether every key of `r` has the same value in `previous`. Then merging `r` right after
 * `previous` changes nothing: each of its values is already the merged one.
 */
function sameValues(r: Attributes, previous: Attributes): boolean {
  for (const key in r) if (r[key] !== previous[key]) return false;
  return true;
}

function lastUserId(events: readonly SessionEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const u = events[i]!.userId;
    if (u !== undefined) return u;
  }
  return undefined;
}

/**
 * Derives one device's sessions and stitched sessions.
 * @param events the device's events, sorted by `ts` (equal `ts` in input order)
 */
export function deriveDevice(deviceId: string, events: readonly SessionEvent[], options: ResolvedOptions): DeviceResult {
  const machine = new DeviceMachine(options, events);
  machine.run();

  const groups = machine.groups;
  for (let i = 0; i < groups.length; i++) groups[i]!.id = `${deviceId}:stitched:${i + 1}`;

  const drafts = machine.sessions;
  const sessions: Session[] = [];
  let carriedUser: string | undefined;
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i]!;
    const own = eventsOf(d, events);
    const userId = lastUserId(own) ?? carriedUser;
    carriedUser = userId;
    const session: Session = {
      id: own[0]?.sessionId ?? `${deviceId}:${i + 1}`,
      deviceId,
      userId,
      processId: d.processId,
      state: d.state,
      start: d.start,
      end: d.end,
      duration: d.end - d.start,
      coldStart: d.coldStart,
      startReason: d.startReason,
      endReason: d.endReason ?? 'open',
      implicit: d.implicit,
      number: i + 1,
      stitchedId: d.group.id,
      events: own,
      dimensions: mergeDimensions(own, userId),
    };
    d.session = session;
    sessions.push(session);
  }

  const stitched: StitchedSession[] = [];
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    const members: Session[] = [];
    for (let j = 0; j < g.sessions.length; j++) members.push(g.sessions[j]!.session!);
    const first = members[0]!;
    const last = members[members.length - 1]!;
    stitched.push({
      id: g.id,
      deviceId,
      userId: last.userId,
      start: first.start,
      end: last.end,
      duration: last.end - first.start,
      number: i + 1,
      sessions: members,
      endReason: g.endReason ?? 'open',
    });
  }
  const lateReports = machine.lateReports;
  machine.shrinkToShapes();
  keepShapes('device machine', machine);
  return { sessions, stitched, lateReports };
}
