import { LitElement, html, svg, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { guard } from 'lit/directives/guard.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Primitive, Session, SessionEvent, SessionModel, StitchedSession } from '../../core/types.js';
import { EventSelectEvent, RangeSelectEvent, SessionSelectEvent } from '../../events.js';
import { checkTimeZone, formatCount, formatDateTime, formatDimensions, formatDuration, formatTime, formatTimeRange, plural, type TimeZone } from '../../render/format.js';
import { LANES, LANE_IDS, buildLaneIndexesOf, httpStatus, isFlagged, laneAt, laneOf, layoutLanes, positionInLane, severityOf, type LaneId, type LaneIndex, type PlacedLane } from '../../render/lanes.js';
import { Bins, binByColumn, binGrid, binLevel, hitTest, lowerBound, nearestIndex, upperBound, viewLevel, type BinGrid, type LevelBins } from '../../render/lod.js';
import { ResizeController } from '../../render/resize-controller.js';
import { toPredicate, type SessionFilter } from '../../render/rows.js';
import { brokenScale, buildBrokenAxis, PiecewiseProjection, placeGaps, segmentTicks, visibleRange, zoomedScale, type BrokenAxis, type PlacedGap, type PlacedTick, type TimeScale } from '../../render/time-scale.js';
import { ZoomController } from '../../render/zoom-controller.js';
import { freeFrom, inView as intervalsInView, intervalIndex, layoutStitched, layoutStripBars, stripBarAt, type IntervalIndex, type StitchedMark, type StripBar } from '../../render/strip.js';
import { zoomIdentity } from '../../render/zoom-transform.js';
import { END_BADGES, STITCHED_END_WORDS, endBadgeText, type BadgeTone } from '../shared/end-reason.js';
import { sessionModelContext } from '../shared/session-context.js';
import { ViewInput } from '../shared/model-input.js';
import { stateMessage } from '../shared/state-message.js';
import { readTokens, watchColorScheme } from '../shared/theme.js';
import { prepareCanvas } from '../shared/canvas.js';
import { LAYER, PixelLayer, SPRITES } from '../shared/pixel-layer.js';
import { COLOR_TOKENS, LANE_COLOR, drawLane, type Colors, type LaneText } from './lane-marks.js';
import { tooltipBox } from '../shared/tooltip.js';
import { AXIS_HEIGHT, LABEL_WIDTH, LANE_HEIGHT, ROW_HEIGHT, STRIP_HEIGHT, styles } from './session-timeline.styles.js';

/** Everything derived for the device on show (rebuilt only when the model or the device changes). */
interface DeviceView {
  readonly deviceId: string;
  readonly userId: string | undefined;
  readonly sessions: readonly Session[];
  readonly stitched: readonly StitchedSession[];
  /** Sessions' and stitched sessions' starts and running-max ends, for finding those in view (see `inView`). */
  readonly sessionTimes: IntervalIndex;
  readonly stitchedTimes: IntervalIndex;
  /** Built on first use (select, search): a map of every event costs more than a first paint. */
  readonly sessionOf: ReadonlyMap<SessionEvent, Session>;
  readonly sessionIndex: ReadonlyMap<Session, number>;
  readonly stitchedById: ReadonlyMap<string, StitchedSession>;
  readonly lanes: ReadonlyMap<LaneId, LaneIndex>;
  /** Each session's end badge: its severity (the one a crowded bar shows) and the px it needs with its word. */
  readonly endSeverity: Int8Array;
  readonly endWordPx: Float64Array;
  readonly eventCount: number;
  readonly crashes: number;
  readonly anrs: number;
  readonly ooms: number;
  /** `"Pixel 8, Android 15, app 2.3.0, DE"`. */
  readonly dimensions: string;
}

/** One row of the details list. Fixed height, so the list is virtualized by arithmetic. */
type Row =
  | { readonly kind: 'session'; readonly session: Session; readonly stitched: StitchedSession | undefined; readonly ts: number }
  | { readonly kind: 'event'; readonly event: SessionEvent; readonly session: Session; readonly ts: number }
  | { readonly kind: 'attr'; readonly event: SessionEvent; readonly key: string; readonly value: Primitive; readonly ts: number };

/** What the pointer or the keyboard points at on the canvas. */
interface Pointed {
  readonly lane: LaneId;
  /** Index in the lane. */
  readonly index: number;
  /** Events in the same level-of-detail column (a binned mark, see `binGrid`). */
  readonly count: number;
  readonly columnStart: number;
  readonly columnEnd: number;
}

const BIN_PX = 2;
/** The axis's pixel buffer (the lanes use LAYER; one each, so neither is resized every frame). */
const AXIS_LAYER = new PixelLayer(SPRITES);
/** Zoom levels (0: 1x to 2x, 1: 2x to 4x, 2: 4x to 8x) whose marks are binned once per axis rather than in every frame. */
const CACHED_LEVELS = 2;
const OVERSCAN = 6;

const laneListConverter = {
  fromAttribute: (v: string | null): LaneId[] => (v ?? '').split(/[\s,]+/).filter((s): s is LaneId => (LANE_IDS as readonly string[]).includes(s)),
  toAttribute: (v: readonly LaneId[]): string => v.join(' '),
};

/**
 * The timeline of one device (or user): its stitched sessions and sessions on top, its
 * events in lanes by category below on a zoomable time axis where long idle gaps are
 * compressed, and a searchable list of every event under it.
 *
 * Keyboard on the focused timeline: ←/→ pan, + / - zoom, 0 resets, Home / End show the first /
 * last session, ↑/↓ choose a lane, Shift + ←/→ step through its events, Enter selects.
 * Ctrl/Cmd + wheel zooms (a plain wheel scrolls the page), drag pans, Shift + drag selects a
 * range, double-click zooms in.
 *
 * @summary A zoomable user timeline of app sessions and events, for one device.
 *
 * @fires session-select - {@link SessionSelectEvent} when a session is clicked or chosen with Enter.
 * @fires event-select - {@link EventSelectEvent} when an event is clicked (mark or row) or chosen with Enter.
 * @fires range-select - {@link RangeSelectEvent} when a time range is selected with Shift + drag.
 *
 * @csspart header - The line with the device, the lanes menu, the search box.
 * @csspart strip - The stitched-sessions strip (drawn on a canvas).
 * @csspart session - A session's button in the strip: focusable and labelled for the keyboard and screen readers, in the strip canvas's fallback content (not drawn; the bars are).
 * @csspart lanes - The lanes area (labels, canvas and overlay).
 * @csspart axis - The time axis under the lanes (a canvas, named by its range).
 * @csspart details - The scrolling list of events.
 * @csspart tooltip - The tooltip of the hovered or focused event.
 * @csspart state - The loading, empty and error messages.
 *
 * @cssproperty --session-timeline-font - Font family.
 * @cssproperty --session-timeline-background - Background colour.
 * @cssproperty --session-timeline-surface - Background of the strip, headers and messages.
 * @cssproperty --session-timeline-text - Text colour.
 * @cssproperty --session-timeline-muted - Secondary text colour.
 * @cssproperty --session-timeline-border - Border colour.
 * @cssproperty --session-timeline-accent - Selection and focus colour.
 * @cssproperty --session-timeline-match - Search match highlight.
 * @cssproperty --session-timeline-gap - Background of compressed idle gaps.
 * @cssproperty --session-timeline-color-lifecycle - Lifecycle marks (also `-view`, `-tap`, `-network`, `-log`, `-breadcrumb`, `-span`, `-custom`).
 * @cssproperty --session-timeline-color-network-failed - Failed network calls (status >= 400).
 * @cssproperty --session-timeline-color-log-warning - Warning logs (also `-log-error`).
 * @cssproperty --session-timeline-color-crash - Crashes, ANRs and OOMs (also `-hang`).
 * @cssproperty --session-timeline-session-foreground - Foreground session bars.
 * @cssproperty --session-timeline-session-background - Background session bars (hatched).
 * @cssproperty --session-timeline-end-crash - End badges for crash, ANR, OOM (also `-end-warning`, `-end-neutral`).
 * @cssproperty --session-timeline-details-height - Height of the details list (default 300px).
 */
export class SessionTimeline extends LitElement {
  static override styles = styles;

  // Controllers ------------------------------------------------------------------------

  /** Only the width matters: the element's height follows its own content. */
  private readonly resize = new ResizeController(this, { height: false });
  /** Zoom and pan state (d3-zoom maths); exposed for tests and for synchronising views. */
  readonly zoom = new ZoomController(this, {
    width: () => this.plotWidth,
    maxScale: () => this.maxScale,
    onBrush: (x0, x1) => this.onBrush(x0, x1),
    onFrame: () => this.onZoomFrame(),
    onIdle: () => this.onZoomIdle(),
  });

  // Public properties ------------------------------------------------------------------

  /** Raw events (any JSON array); sessions are derived with the core. Ignored when `model` is set. */
  @property({ attribute: false }) events: unknown;

  /** An already derived model; wins over `events`. */
  @property({ attribute: false }) model: SessionModel | undefined;

  /** The model of an enclosing `<session-data>`: used only when neither `model` nor `events` is set. */
  @consume({ context: sessionModelContext, subscribe: true }) @state() private contextModel: SessionModel | undefined;

  /** Whose timeline: a device id. Default: the first device of the data. */
  @property({ attribute: 'device-id' }) deviceId: string | undefined;

  /** Whose timeline: a user id (the first device where this user appears), when `device-id` is not set. */
  @property({ attribute: 'user-id' }) userId: string | undefined;

  /** Inactivity timeout passed to the core, in ms (default 30 min). */
  @property({ attribute: 'inactivity-timeout', type: Number }) inactivityTimeout: number | undefined;

  /** Maximum stitched-session duration passed to the core, in ms (default 12 h). */
  @property({ attribute: 'max-duration', type: Number }) maxDuration: number | undefined;

  /** Lanes not shown, by id (`lifecycle views taps network logs breadcrumbs spans crashes custom`), space-separated in the attribute. */
  @property({ attribute: 'hidden-lanes', converter: laneListConverter }) hiddenLanes: LaneId[] = [];

  /** `"UTC"` or any IANA zone (`"Asia/Tokyo"`); default: the browser's local zone. */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** `"light"` or `"dark"` forces a colour scheme; default: follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** Shows the loading message instead of the timeline. */
  @property({ type: Boolean, reflect: true }) loading = false;

  /**
   * URL of raw events (a JSON array, or NDJSON: one event a line), used when neither `model`
   * nor `events` is set. A new `src` aborts the load in flight; lines that are not JSON are
   * left out and counted in the header.
   */
  @property() src: string | undefined;

  /**
   * From this many `events` on, sessions are derived in a Web Worker (default 500,000), so the
   * page stays responsive; `0` always, `Infinity` never. Where no worker can start, the page
   * derives them itself.
   */
  @property({ attribute: 'worker-threshold', type: Number }) workerThreshold: number | undefined;

  /**
   * Sessions it rejects are dimmed in the strip and their time greyed on the lanes: a
   * predicate, or an object with `matches(session)` (a `FilterIndex`, or what
   * `<session-filter for=…>` assigns). Changed in place: picked up when its `version` changes.
   */
  @property({ attribute: false }) filter: SessionFilter | null | undefined;

  // Internal state ---------------------------------------------------------------------

  @state() private query = '';
  @state() private matchIndex = -1;
  @state() private expanded: ReadonlySet<SessionEvent> = new Set();
  @state() private selectedEvent: SessionEvent | undefined;
  @state() private selectedSession: Session | undefined;
  @state() private focusEvent: SessionEvent | undefined;
  @state() private focusLane: LaneId | undefined;
  @state() private hover: (Pointed & { x: number; y: number }) | undefined;
  @state() private plotFocused = false;
  @state() private stripFocus = 0;
  /** A session button of the strip has the keyboard focus (its ring is drawn on the canvas). */
  @state() private stripFocused = false;
  /**
   * The transform the slower parts follow (the strip's session buttons, the axis's name, the
   * details list): set once a zoom or pan has settled, not on every frame.
   */
  @state() private settledTransform = this.zoom.transform;
  @state() private listScrollTop = 0;
  @state() private showDiagnostics = false;
  @state() private announcement = '';

  private derived: SessionModel | undefined;
  private inputError: string | undefined;
  /** Where the model comes from: `model`, `events`, `src` or `<session-data>`. */
  private readonly input = new ViewInput(this, () => this.contextModel);
  private zoneError: string | undefined;
  private view: DeviceView | undefined;
  /** The details list: `rowCount` rows, session `i`'s first at `sessionRowStart[i]` (see `rowAt`). */
  private rowCount = 0;
  private sessionRowStart = new Int32Array(1);
  /** Sessions (by index) with an expanded event that has attributes: their rows are found by walking them. */
  private sessionsWithAttrRows: ReadonlySet<number> = new Set();
  private rowTsCache: Float64Array | undefined;
  private searchMatches: SessionEvent[] = [];
  private matchTs = new Float64Array(0);
  private matchSet: ReadonlySet<SessionEvent> = new Set();
  private axis: BrokenAxis | undefined;
  /** The axis: a d3 polylinear scale, and its projection as the drawing loops use it, zoomed to the current frame (see `PiecewiseProjection`). */
  private baseScale: TimeScale | undefined;
  private proj: PiecewiseProjection | undefined;
  private plotWidth = 600;
  private maxScale = 1e6;
  private placed: PlacedLane[] = [];
  // Per frame
  private scale: TimeScale | undefined;
  private ticks: PlacedTick[] = [];
  private gaps: PlacedGap[] = [];
  /** `gaps` without those that would draw within {@link GAP_MARK_SPACING_PX} of the previous one (many tiny gaps when zoomed out). */
  private gapMarks: PlacedGap[] = [];
  /** Strip labels (`aria-label` of session bars) by session, for the time zone they were made in. */
  private sessionLabels = new Map<Session, string>();
  private sessionLabelsTz: TimeZone | null = null;
  /** Sessions of the device on show that the filter rejects. */
  private filteredOut: ReadonlySet<Session> = new Set();
  private filterVersion: number | undefined;
  private lastSettled = this.zoom.transform;
  private listDriven = false;
  /** The strip of the current frame: bars and stitched brackets in view. */
  private stripBars: StripBar[] = [];
  private stitchedMarks: StitchedMark[] = [];
  /** Stitched-session labels by stitched session, for the time zone of `sessionLabelsTz`. */
  private stitchedLabels = new Map<StitchedSession, string>();
  /** Text widths by font and text (the strip's badges and labels repeat every frame). */
  private readonly textWidths = new Map<string, number>();
  private hatch: { color: string; pattern: CanvasPattern | null } | undefined;
  private styleObserver: MutationObserver | undefined;
  private listNeedsReset = false;
  /** The details list of the last update (a new one starts at the top). */
  private listElement: HTMLElement | undefined;
  /** A lane's bins, reused from lane to lane and frame to frame. */
  private readonly laneBins = new Bins();
  /**
   * Each lane's marks at the zoom levels whose frames draw most of the data (1x to under 8x),
   * binned once per axis (see `binLevel`), and the projection they are binned through.
   */
  private levels = new WeakMap<LaneIndex, LevelBins[]>();
  private levelProj: PiecewiseProjection | undefined;
  /** Whether the levels binned once were asked for ahead, since the axis was built. */
  private levelsAsked = false;
  /** Theme colours and font for the canvas, read once per update that is not a zoom / pan frame. */
  private colors: Colors | undefined;
  private font = '';
  private direction: CanvasDirection = 'ltr';
  /** The canvas size, font and direction each context was last set for (resizing a canvas resets its context). */
  private readonly fontKeys = new WeakMap<CanvasRenderingContext2D, { font: string; direction: CanvasDirection; width: number; height: number }>();
  private currentFont = '';
  private unwatchScheme: (() => void) | undefined;

  // Lifecycle --------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.colors = undefined;
    this.unwatchScheme = watchColorScheme(() => this.themeChanged());
    // Canvas colours come from custom properties: re-read them when the host's own style or
    // class changes (the `theme` property is seen in `willUpdate`; not on every update: reading them forces a style recalculation).
    this.styleObserver = new MutationObserver(() => this.themeChanged());
    this.styleObserver.observe(this, { attributes: true, attributeFilter: ['style', 'class'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchScheme?.();
    this.styleObserver?.disconnect();
  }

  private themeChanged(): void {
    this.colors = undefined;
    this.requestUpdate();
  }

  override willUpdate(changed: PropertyValues): void {
    let viewChanged = false;
    if (changed.has('timeZone')) this.zoneError = checkTimeZone(this.timeZone);
    if (this.input.changed(changed)) {
      this.deriveModel();
      viewChanged = true;
    }
    if (viewChanged || changed.has('deviceId') || changed.has('userId')) {
      this.view = this.derived ? this.buildView(this.derived) : undefined;
      this.selectedEvent = this.selectedSession = this.focusEvent = this.hover = undefined;
      this.expanded = new Set();
      this.zoom.transform = this.settledTransform = this.lastSettled = zoomIdentity;
      // A new device or model starts its list at the top; the old offset may not exist.
      this.listScrollTop = 0;
      this.listNeedsReset = true;
      viewChanged = true;
    }
    const width = Math.max(120, Math.floor((this.resize.width || this.clientWidth || 800) - LABEL_WIDTH));
    if (viewChanged || width !== this.plotWidth || !this.axis) {
      this.plotWidth = width;
      this.buildAxis();
    }
    if (viewChanged || changed.has('hiddenLanes')) {
      this.placed = layoutLanes(LANE_IDS.filter((id) => !this.hiddenLanes.includes(id)), LANE_HEIGHT);
    }
    if (viewChanged || changed.has('expanded') || changed.has('query')) this.buildRows();
    if (viewChanged || changed.has('query')) this.buildMatches();
    const filterVersion = this.filter && typeof this.filter === 'object' ? this.filter.version : undefined;
    if (viewChanged || changed.has('filter') || filterVersion !== this.filterVersion) {
      this.filterVersion = filterVersion;
      const keep = toPredicate(this.filter);
      this.filteredOut = new Set(keep && this.view ? this.view.sessions.filter((s) => !keep(s)) : []);
    }
    if (changed.has('theme')) this.colors = undefined;
    this.buildFrame();
    if (this.settledTransform !== this.lastSettled) {
      this.lastSettled = this.settledTransform;
      // The list follows the zoom once it settles (state set before render, not after).
      if (!this.listDriven) this.followZoomInList();
      this.listDriven = false;
    }
  }

  /**
   * A zoom / pan frame: when only the transform changed, the canvases are redrawn here,
   * without a Lit update (no template, no DOM change, so no style recalculation or layout).
   * Rings, the brush or a pending update need the template: then Lit updates as usual.
   */
  private onZoomFrame(): boolean {
    if (!this.hasUpdated || this.isUpdatePending || !this.scale || this.zoom.brush || this.hasOverlayMarks) return false;
    this.buildFrame();
    this.drawCanvases();
    return true;
  }

  /** The zoom has settled: the strip's buttons, the axis's name and the list catch up. */
  private onZoomIdle(): void {
    this.settledTransform = this.zoom.transform;
  }

  /** Whether the overlay shows rings that move with the zoom. */
  private get hasOverlayMarks(): boolean {
    return this.matchIndex >= 0 || this.selectedEvent !== undefined || (this.plotFocused && this.focusEvent !== undefined);
  }

  override updated(): void {
    const list = this.renderRoot.querySelector<HTMLElement>('.details');
    if (this.listNeedsReset) {
      this.listNeedsReset = false;
      // A list just created is at the top already: no write (it would force a layout).
      if (list && list === this.listElement) list.scrollTop = 0;
    }
    this.listElement = list ?? undefined;
    this.drawCanvases();
  }

  // Derivation (willUpdate only) -------------------------------------------------------

  private deriveModel(): void {
    const { model, error } = this.input.resolve();
    this.derived = model;
    this.inputError = error;
  }


  private buildView(model: SessionModel): DeviceView | undefined {
    let deviceId = this.deviceId;
    if (!deviceId && this.userId) deviceId = model.sessions.find((s) => s.userId === this.userId)?.deviceId;
    if (!deviceId && !this.userId) deviceId = model.sessions[0]?.deviceId;
    if (!deviceId) return undefined;
    const sessions = model.sessions.filter((s) => s.deviceId === deviceId);
    if (sessions.length === 0) return undefined;
    const stitched = model.stitched.filter((s) => s.deviceId === deviceId);
    // One pass over the events, straight into typed arrays. The event -> session map is only
    // needed on interaction (select, search): built on first use.
    const lanes = buildLaneIndexesOf(sessions);
    let eventCount = 0;
    for (const s of sessions) eventCount += s.events.length;
    // Crashes, ANRs and OOMs are all in the crashes lane: count them there, not over every event.
    let crashes = 0;
    let anrs = 0;
    let ooms = 0;
    for (const e of lanes.get('crashes')?.events ?? []) {
      if (e.type === 'crash') crashes++;
      else if (e.type === 'anr') anrs++;
      else if (e.type === 'oom') ooms++;
    }
    const last = sessions[sessions.length - 1]!;
    const dims = formatDimensions(last.dimensions);
    // Per session, in one loop (no array of pairs, no typed array filled through callbacks).
    const sessionIndex = new Map<Session, number>();
    const endSeverity = new Int8Array(sessions.length);
    const endWordPx = new Float64Array(sessions.length);
    for (let i = 0; i < sessions.length; i++) {
      const s = sessions[i]!;
      const badge = END_BADGES[s.endReason];
      sessionIndex.set(s, i);
      endSeverity[i] = SEVERITY[badge.tone]!;
      endWordPx[i] = badge.word.length * 6.5 + 20;
    }
    const stitchedById = new Map<string, StitchedSession>();
    for (const s of stitched) stitchedById.set(s.id, s);
    let sessionOf: Map<SessionEvent, Session> | undefined;
    return {
      deviceId,
      userId: [...sessions].reverse().find((s) => s.userId)?.userId,
      sessions,
      stitched,
      sessionTimes: intervalIndex(sessions),
      stitchedTimes: intervalIndex(stitched),
      get sessionOf(): ReadonlyMap<SessionEvent, Session> {
        if (!sessionOf) {
          sessionOf = new Map();
          for (const s of sessions) for (const e of s.events) sessionOf.set(e, s);
        }
        return sessionOf;
      },
      sessionIndex,
      endSeverity,
      endWordPx,
      stitchedById,
      lanes,
      eventCount,
      crashes,
      anrs,
      ooms,
      dimensions: dims,
    };
  }

  private buildAxis(): void {
    const v = this.view;
    if (!v) {
      this.axis = this.baseScale = this.proj = undefined;
      return;
    }
    const intervals = v.stitched.length ? v.stitched : v.sessions;
    this.axis = buildBrokenAxis(intervals, { width: this.plotWidth, minGapMs: Math.min(15 * 60_000, this.inactivityTimeout ?? Infinity) });
    this.baseScale = brokenScale(this.axis);
    this.proj = PiecewiseProjection.of(this.baseScale);
    this.levelProj = PiecewiseProjection.of(this.baseScale);
    this.levels = new WeakMap();
    this.levelsAsked = false;
    // Zoom in until about 20 ms per px at most.
    const segMs = this.axis.segments.reduce((s, g) => s + (g.end - g.start), 0);
    this.maxScale = Math.max(1, segMs / this.plotWidth / 20);
  }

  /**
   * The details list as arithmetic, not objects: rows are fixed height, so row `i` is made on
   * demand ({@link rowAt}) from each session's first row. Only sessions with an expanded
   * event are walked event by event.
   */
  private buildRows(): void {
    const v = this.view;
    const sessions = v?.sessions ?? [];
    const starts = new Int32Array(sessions.length + 1);
    const withAttrs = new Set<number>();
    const expanded = this.expanded;
    let n = 0;
    for (let si = 0; si < sessions.length; si++) {
      starts[si] = n;
      const events = sessions[si]!.events;
      n += 1 + events.length;
      if (expanded.size) {
        for (const e of events) {
          if (!expanded.has(e)) continue;
          const k = Object.keys(e.attrs ?? {}).length;
          n += k;
          if (k) withAttrs.add(si);
        }
      }
    }
    starts[sessions.length] = n;
    this.rowCount = n;
    this.sessionRowStart = starts;
    this.sessionsWithAttrRows = withAttrs;
    this.rowTsCache = undefined;
  }

  /** Row times, non-decreasing (late reports sit with their session), for a binary search; built on first use. */
  private get rowTs(): Float64Array {
    if (this.rowTsCache) return this.rowTsCache;
    const rowTs = new Float64Array(this.rowCount);
    const sessions = this.view?.sessions ?? [];
    let r = 0;
    let max = -Infinity;
    for (let si = 0; si < sessions.length; si++) {
      const s = sessions[si]!;
      rowTs[r++] = max = Math.max(max, s.start);
      const attrs = this.sessionsWithAttrRows.has(si);
      for (const e of s.events) {
        rowTs[r++] = max = Math.max(max, e.ts);
        if (attrs && this.expanded.has(e)) for (let k = Object.keys(e.attrs ?? {}).length; k > 0; k--) rowTs[r++] = max;
      }
    }
    return (this.rowTsCache = rowTs);
  }

  /** Row `i` of the details list (`0 <= i < rowCount`). */
  private rowAt(i: number): Row {
    const v = this.view!;
    const starts = this.sessionRowStart;
    // Last session whose first row is at or before i.
    let lo = 0;
    let hi = v.sessions.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    const s = v.sessions[lo]!;
    let k = i - starts[lo]!;
    if (k === 0) return { kind: 'session', session: s, stitched: v.stitchedById.get(s.stitchedId), ts: s.start };
    k--;
    if (!this.sessionsWithAttrRows.has(lo)) {
      const e = s.events[k]!;
      return { kind: 'event', event: e, session: s, ts: e.ts };
    }
    for (const e of s.events) {
      if (k === 0) return { kind: 'event', event: e, session: s, ts: e.ts };
      k--;
      if (!this.expanded.has(e)) continue;
      const attrs = Object.entries(e.attrs ?? {});
      if (k < attrs.length) return { kind: 'attr', event: e, key: attrs[k]![0], value: attrs[k]![1], ts: e.ts };
      k -= attrs.length;
    }
    throw new RangeError(`no row ${i}`);
  }

  /** The row of an event of the device on show. */
  private rowOfEvent(event: SessionEvent): number | undefined {
    const v = this.view;
    const session = v?.sessionOf.get(event);
    if (!v || !session) return undefined;
    const si = v.sessionIndex.get(session)!;
    let row = this.sessionRowStart[si]! + 1;
    const attrs = this.sessionsWithAttrRows.has(si);
    for (const e of session.events) {
      if (e === event) return row;
      row++;
      if (attrs && this.expanded.has(e)) row += Object.keys(e.attrs ?? {}).length;
    }
    return undefined;
  }

  private buildMatches(): void {
    const q = this.query.trim().toLowerCase();
    const v = this.view;
    const matches: SessionEvent[] = [];
    if (q && v) {
      for (const s of v.sessions) {
        for (const e of s.events) if (matchesQuery(e, q)) matches.push(e);
      }
      matches.sort((a, b) => a.ts - b.ts || a.index - b.index);
    }
    this.searchMatches = matches;
    this.matchTs = Float64Array.from(matches, (e) => e.ts);
    this.matchSet = new Set(matches);
    if (this.matchIndex >= matches.length) this.matchIndex = matches.length ? 0 : -1;
  }

  /** The zoomed scale, ticks and gaps for this frame. */
  private buildFrame(): void {
    if (!this.proj || !this.axis || this.zoneError) {
      this.scale = undefined;
      return;
    }
    this.scale = zoomedScale(this.baseScale!, this.proj, this.zoom.transform);
    this.ticks = segmentTicks(this.scale, this.axis, this.plotWidth, this.timeZone || undefined);
    this.gaps = placeGaps(this.scale, this.axis, this.plotWidth);
    this.gapMarks = thinGaps(this.gaps);
    const v = this.view;
    if (v) {
      const p = this.projection;
      this.stripBars = layoutStripBars(v.sessions, v.sessionTimes, p, { width: this.plotWidth, crowdPx: STRIP_CROWD_PX, severity: v.endSeverity, wordPx: v.endWordPx });
      this.stitchedMarks = layoutStitched(v.stitched, v.stitchedTimes, p, this.plotWidth);
    }
  }

  private get projection(): PiecewiseProjection {
    return this.proj!;
  }

  /**
   * Bins the lanes' marks of the zoom levels binned once (up to CACHED_LEVELS) in the first
   * idle time after a first draw, ahead of the zoom that reaches them: the frame that enters a
   * level would otherwise bin every lane in full (3 to 5 ms at 100k events), in the middle of a
   * gesture, when the page has no idle time to spare. All at once (about 8 ms at 100k events):
   * a zoom may start right after the first paint.
   */
  private prepareLevels(): void {
    const v = this.view;
    if (!v || this.levelsAsked) return;
    this.levelsAsked = true;
    const idle = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 50));
    idle(() => {
      // The axis may have changed meanwhile (levelBins bins on the current one), the data too,
      // or the element left the page.
      if (this.view !== v || !this.levelProj || !this.isConnected) return;
      for (let level = 1; level <= CACHED_LEVELS; level++) for (const index of v.lanes.values()) if (index.ts.length) this.levelBins(index, level);
    });
  }

  /** A lane's marks at a zoom level, binned on first use. */
  private levelBins(index: LaneIndex, level: number): LevelBins {
    let levels = this.levels.get(index);
    if (!levels) this.levels.set(index, (levels = []));
    return (levels[level] ??= binLevel(index, this.levelProj!, level, this.plotWidth, BIN_PX));
  }

  /** The lanes' level-of-detail columns in this frame. */
  private binGrid(): BinGrid {
    const p = this.projection;
    return binGrid(p.factor, p.offset, BIN_PX);
  }

  private get tz(): TimeZone {
    return this.timeZone || undefined;
  }

  // Public methods ---------------------------------------------------------------------

  /** The time range in view, epoch ms. */
  get visibleRange(): [number, number] | undefined {
    return this.scale ? visibleRange(this.scale, this.plotWidth) : undefined;
  }

  /** The summary the timeline is labelled with. */
  get summary(): string {
    const v = this.view;
    if (!v) return '';
    const parts = [plural(v.stitched.length, 'stitched session'), plural(v.sessions.length, 'session'), plural(v.eventCount, 'event'), plural(v.crashes, 'crash', 'crashes')];
    if (v.anrs) parts.push(plural(v.anrs, 'ANR'));
    if (v.ooms) parts.push(plural(v.ooms, 'OOM'));
    return `Timeline of device ${v.deviceId}: ${parts.join(', ')}`;
  }

  /** Where a time is drawn, in px from the left of the lanes (current zoom). */
  timeToX(t: number): number | undefined {
    return this.scale?.(t);
  }

  /** Shows the whole timeline. */
  resetZoom(): void {
    this.zoom.reset();
  }

  // Handlers ---------------------------------------------------------------------------

  private pointedAt(x: number, y: number): Pointed | undefined {
    const lane = laneAt(this.placed, y);
    const index = lane && this.view?.lanes.get(lane.spec.id);
    if (!lane || !index || !this.scale) return undefined;
    const p = this.projection;
    const i = hitTest(index, p, x, 5);
    if (i < 0) return undefined;
    // The column the mark was binned in (as drawn).
    const { binPx, origin } = this.binGrid();
    const col = Math.floor((p.x(index.ts[i]!) - origin) / binPx);
    const columnStart = p.t(origin + col * binPx);
    const columnEnd = p.t(origin + (col + 1) * binPx);
    const count = Math.max(1, lowerBound(index.ts, columnEnd) - lowerBound(index.ts, columnStart));
    return { lane: lane.spec.id, index: i, count, columnStart, columnEnd };
  }

  private onPlotPointerMove = (e: PointerEvent): void => {
    this.zoom.onPointerMove(e);
    if (this.zoom.dragging) {
      this.hover = undefined;
      return;
    }
    const r = (e.currentTarget as Element).getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const p = this.pointedAt(x, y);
    this.hover = p ? { ...p, x, y } : undefined;
  };

  private onPlotPointerLeave = (): void => {
    this.hover = undefined;
  };

  private onPlotClick = (e: MouseEvent): void => {
    if (this.zoom.consumeDrag()) return;
    const r = (e.currentTarget as Element).getBoundingClientRect();
    const p = this.pointedAt(e.clientX - r.left, e.clientY - r.top);
    if (!p) return;
    const event = this.view!.lanes.get(p.lane)!.events[p.index]!;
    this.focusLane = p.lane;
    this.focusEvent = event;
    this.selectEvent(event, false);
  };

  private onBrush(x0: number, x1: number): void {
    if (!this.scale || x1 - x0 < 2) return;
    const p = this.projection;
    this.dispatchEvent(new RangeSelectEvent({ start: p.t(x0), end: p.t(x1), deviceId: this.view?.deviceId }));
  }

  private onPlotKeyDown = (e: KeyboardEvent): void => {
    if (this.zoom.handleKey(e)) {
      e.preventDefault();
      return;
    }
    const v = this.view;
    if (!v) return;
    let used = true;
    switch (e.key) {
      case 'Home':
        this.showSession(v.sessions[0]!);
        break;
      case 'End':
        this.showSession(v.sessions[v.sessions.length - 1]!);
        break;
      case 'ArrowUp':
      case 'ArrowDown':
        this.moveFocusLane(e.key === 'ArrowUp' ? -1 : 1);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (e.shiftKey) this.stepFocusEvent(e.key === 'ArrowLeft' ? -1 : 1);
        else used = false;
        break;
      case 'Enter':
      case ' ':
        if (this.focusEvent) this.selectEvent(this.focusEvent, false);
        break;
      case 'Escape':
        this.hover = undefined;
        this.selectedEvent = undefined;
        break;
      default:
        used = false;
    }
    if (used) e.preventDefault();
  };

  /** Lanes that are shown and have events. */
  private get navigableLanes(): LaneId[] {
    return this.placed.map((l) => l.spec.id).filter((id) => (this.view?.lanes.get(id)?.ts.length ?? 0) > 0);
  }

  private moveFocusLane(delta: number): void {
    const lanes = this.navigableLanes;
    if (!lanes.length) return;
    const cur = this.focusLane ? lanes.indexOf(this.focusLane) : -1;
    const next = lanes[Math.min(lanes.length - 1, Math.max(0, cur < 0 ? 0 : cur + delta))]!;
    const index = this.view!.lanes.get(next)!;
    const [t0, t1] = this.visibleRange!;
    const target = this.focusEvent?.ts ?? (t0 + t1) / 2;
    this.setFocusEvent(next, nearestIndex(index.ts, target));
  }

  private stepFocusEvent(delta: number): void {
    const lanes = this.navigableLanes;
    if (!lanes.length) return;
    const laneId = this.focusLane && lanes.includes(this.focusLane) ? this.focusLane : lanes[0]!;
    const index = this.view!.lanes.get(laneId)!;
    let i: number;
    const [v0, v1] = this.visibleRange!;
    const inView = this.focusEvent && this.focusEvent.ts >= v0 && this.focusEvent.ts <= v1;
    if (this.focusEvent && inView && laneOf(this.focusEvent) === laneId) {
      i = Math.min(index.ts.length - 1, Math.max(0, positionInLane(index, this.focusEvent) + delta));
    } else {
      const [t0, t1] = this.visibleRange!;
      i = delta > 0 ? Math.min(index.ts.length - 1, lowerBound(index.ts, t0)) : Math.max(0, upperBound(index.ts, t1) - 1);
    }
    this.setFocusEvent(laneId, i);
  }

  private setFocusEvent(laneId: LaneId, i: number): void {
    const event = this.view!.lanes.get(laneId)!.events[i];
    if (!event) return;
    this.focusLane = laneId;
    this.focusEvent = event;
    this.hover = undefined;
    this.ensureVisible(event.ts);
    this.announcement = describeEvent(event, this.tz);
  }

  /** Pans (keeping the zoom) so that `t` is in view. */
  private ensureVisible(t: number): void {
    if (!this.scale) return;
    const x = this.scale(t);
    if (x < 8 || x > this.plotWidth - 8) this.zoom.panBy(this.plotWidth / 2 - x);
  }

  private showSession(s: Session): void {
    if (!this.proj) return;
    const x0 = this.proj.base(s.start);
    const x1 = this.proj.base(s.end);
    const pad = Math.max(4, (x1 - x0) * 0.05);
    this.zoom.showRange(x0 - pad, x1 + pad);
  }

  private selectEvent(event: SessionEvent, fromList: boolean): void {
    this.selectedEvent = event;
    const session = this.view?.sessionOf.get(event);
    if (fromList) {
      this.listDriven = true;
      this.focusLane = laneOf(event);
      this.focusEvent = event;
      this.ensureVisible(event.ts);
    } else {
      this.scrollRowIntoView(this.rowOfEvent(event));
    }
    this.dispatchEvent(new EventSelectEvent({ event, session }));
  }

  private selectSession(s: Session): void {
    this.selectedSession = s;
    this.dispatchEvent(new SessionSelectEvent({ session: s, stitched: this.view?.stitchedById.get(s.stitchedId) }));
  }

  private onStripKeyDown = (e: KeyboardEvent): void => {
    const v = this.view;
    if (!v) return;
    let i = this.stripFocus;
    if (e.key === 'ArrowRight') i++;
    else if (e.key === 'ArrowLeft') i--;
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = v.sessions.length - 1;
    else return;
    e.preventDefault();
    i = Math.max(0, Math.min(v.sessions.length - 1, i));
    this.stripFocus = i;
    const s = v.sessions[i]!;
    if (this.scale && (this.scale(s.end) < 0 || this.scale(s.start) > this.plotWidth)) this.ensureVisible((s.start + s.end) / 2);
    void this.zoom.settled.then(() => this.updateComplete).then(() => this.renderRoot.querySelector<HTMLElement>(`[data-session-index="${i}"]`)?.focus());
  };

  private onSearchInput = (e: Event): void => {
    this.query = (e.target as HTMLInputElement).value;
    this.matchIndex = -1;
  };

  private onSearchKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.stepMatch(e.shiftKey ? -1 : 1);
    }
  };

  /** Goes to the next (`1`) or previous (`-1`) search match. */
  stepMatch(delta: number): void {
    const n = this.searchMatches.length;
    if (!n) return;
    this.matchIndex = this.matchIndex < 0 ? (delta > 0 ? 0 : n - 1) : (this.matchIndex + delta + n) % n;
    const event = this.searchMatches[this.matchIndex]!;
    this.listDriven = true;
    this.focusLane = laneOf(event);
    this.focusEvent = event;
    this.ensureVisible(event.ts);
    this.scrollRowIntoView(this.rowOfEvent(event));
    this.announcement = `Match ${this.matchIndex + 1} of ${n}: ${describeEvent(event, this.tz)}`;
  }

  private toggleExpanded(event: SessionEvent): void {
    const next = new Set(this.expanded);
    if (next.has(event)) next.delete(event);
    else next.add(event);
    this.expanded = next;
  }

  private toggleLane(id: LaneId, shown: boolean): void {
    const hidden = new Set(this.hiddenLanes);
    if (shown) hidden.delete(id);
    else hidden.add(id);
    this.hiddenLanes = LANE_IDS.filter((l) => hidden.has(l));
  }

  private onListScroll = (e: Event): void => {
    this.listScrollTop = (e.target as HTMLElement).scrollTop;
  };

  private scrollRowIntoView(row: number | undefined): void {
    if (row === undefined) return;
    const list = this.renderRoot.querySelector<HTMLElement>('.details');
    if (!list) return;
    const top = row * ROW_HEIGHT;
    if (top < list.scrollTop || top + ROW_HEIGHT > list.scrollTop + list.clientHeight) {
      list.scrollTop = Math.max(0, top - list.clientHeight / 3);
      this.listScrollTop = list.scrollTop;
    }
  }

  /** The details list follows the zoom: it scrolls to the first row in view. */
  private followZoomInList(): void {
    const range = this.visibleRange;
    if (!range || !this.hasUpdated || this.rowCount === 0) return;
    const rowTs = this.rowTs;
    const first = Math.floor(this.listScrollTop / ROW_HEIGHT);
    const t = rowTs[Math.min(first, rowTs.length - 1)]!;
    if (t >= range[0] && t <= range[1]) return;
    const row = Math.max(0, lowerBound(rowTs, range[0]) - 1);
    this.listScrollTop = row * ROW_HEIGHT;
    // Scrolled now, before this update changes the DOM: the layout is still clean, so the
    // write forces none (after rendering it would). A write only: the scroll event brings
    // back the offset the list clamped it to.
    const list = this.renderRoot.querySelector<HTMLElement>('.details');
    if (list) list.scrollTop = this.listScrollTop;
  }

  // Canvas -----------------------------------------------------------------------------

  /** The lanes, the strip and the axis, for the current frame. */
  private drawCanvases(): void {
    if (!this.view || !this.scale) return;
    const lanes = this.renderRoot.querySelector<HTMLCanvasElement>('.plot canvas');
    if (!lanes) return;
    if (!this.colors) {
      // Read once per theme change: a computed-style read forces a style recalculation.
      const style = getComputedStyle(this);
      this.colors = readTokens(this, COLOR_TOKENS) as Colors;
      this.font = `11px ${style.getPropertyValue('--_font') || 'sans-serif'}`;
      this.direction = style.direction === 'rtl' ? 'rtl' : 'ltr';
      this.textWidths.clear();
      this.hatch = undefined;
    }
    this.drawLanes(lanes);
    const strip = this.renderRoot.querySelector<HTMLCanvasElement>('.strip canvas');
    if (strip) this.drawStrip(strip);
    const axis = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.axis');
    if (axis) this.drawAxis(axis);
  }

  /** Sets a context's font and direction (only when they differ: a font set resolves against the canvas's style). */
  private setFont(ctx: CanvasRenderingContext2D, font: string): void {
    const canvas = ctx.canvas;
    const set = this.fontKeys.get(ctx);
    this.currentFont = font;
    if (set && set.font === font && set.direction === this.direction && set.width === canvas.width && set.height === canvas.height) return;
    ctx.font = font;
    ctx.direction = this.direction;
    this.fontKeys.set(ctx, { font, direction: this.direction, width: canvas.width, height: canvas.height });
  }

  /**
   * The width of `text` in `font` (default: the font last set with {@link setFont}). A width
   * seen before costs no font change; a new one sets `font` on the context to measure it.
   */
  private textWidth(ctx: CanvasRenderingContext2D, text: string, font = this.currentFont): number {
    const key = `${font}|${text}`;
    let w = this.textWidths.get(key);
    if (w === undefined) {
      if (this.textWidths.size > 4096) this.textWidths.clear();
      this.setFont(ctx, font);
      w = ctx.measureText(text).width;
      this.textWidths.set(key, w);
    }
    return w;
  }

  private drawLanes(canvas: HTMLCanvasElement): void {
    const v = this.view!;
    const w = this.plotWidth;
    const h = this.placed.length * LANE_HEIGHT;
    const ctx = prepareCanvas(canvas, w, h);
    if (!ctx) return;
    const c = this.colors!;
    const p = this.projection;

    // Setting a canvas font resolves it against the element's style (a style recalculation):
    // only when it changed, or when resizing the canvas reset the context.
    // Likewise text direction: 'inherit' (the default) reads the canvas's style on every fillText.
    this.setFont(ctx, this.font);
    ctx.textBaseline = 'middle';
    const dpr = globalThis.devicePixelRatio || 1;
    if (SPRITES.ratio !== dpr) SPRITES.reset(dpr);

    // First, in a pixel buffer put on the canvas at once: the compressed gaps (zoomed out,
    // thousands of bands a fraction of a pixel wide each, drawn by their coverage of each
    // pixel column) and the point marks (stamped from sprites).
    const stamps = LAYER;
    stamps.begin(w, h);
    stamps.background(this.gaps, c.gap);
    // The break lines of gaps (those of marks that do not overlap): dashed, under the marks.
    for (const g of this.gapMarks) {
      stamps.dashedLine(g.x0 + 1.5, c.muted, 2, 3);
      stamps.dashedLine(g.x1 - 1.5, c.muted, 2, 3);
    }
    const texts: LaneText[] = [];
    // Columns anchored to the data (see binGrid). Zoomed out, each lane's marks of this zoom
    // level, binned once (binLevel), are moved into place; zoomed in further, the lanes are
    // binned in view.
    const grid = this.binGrid();
    const cached = grid.level <= CACHED_LEVELS;
    // What draws on the canvas itself (span labels, crash glyphs) comes after the buffer is put.
    const later: (() => void)[] = [];
    this.prepareLevels();
    for (const lane of this.placed) {
      const index = v.lanes.get(lane.spec.id);
      if (!index || index.ts.length === 0) continue;
      const bins = cached
        ? viewLevel(this.levelBins(index, grid.level), p.factor / 2 ** grid.level, p.offset, 0, w, this.laneBins)
        : binByColumn(index, p, 0, w, grid.binPx, this.laneBins, grid.origin);
      drawLane(ctx, lane, index, bins, c, w, stamps, texts, later);
    }
    stamps.put(ctx);
    ctx.fillStyle = c.border;
    for (const lane of this.placed) ctx.fillRect(0, lane.y + LANE_HEIGHT - 1, w, 0.5);
    for (const draw of later) draw();
    if (texts.length) {
      ctx.fillStyle = c.muted;
      for (const t of texts) ctx.fillText(t.text, t.x, t.y);
    }
    // Sessions the filter rejects: their time is veiled, so their events read greyed out,
    // up to the next session (marks and labels drawn past a session's end are veiled too).
    if (this.filteredOut.size) {
      ctx.globalAlpha = 0.72;
      ctx.fillStyle = c.background;
      // Only sessions that can reach the view: a veil ends at most 240 px after its session.
      const [first, stop] = intervalsInView(v.sessionTimes, p, -250, w + 10);
      for (let i = first; i < stop; i++) {
        const s = v.sessions[i]!;
        if (!this.filteredOut.has(s)) continue;
        const next = v.sessions[i + 1];
        const x0 = p.x(s.start) - 6;
        const x1 = Math.max(x0 + 8, Math.min(next ? p.x(next.start) - 1 : w, p.x(s.end) + 240));
        if (x1 >= 0 && x0 <= w) ctx.fillRect(x0, 0, x1 - x0, h);
      }
      ctx.globalAlpha = 1;
    }

    // Search matches in view (two binary searches).
    if (this.searchMatches.length) {
      const [t0, t1] = this.visibleRange!;
      ctx.strokeStyle = c.match;
      ctx.lineWidth = 2;
      const hi = upperBound(this.matchTs, t1);
      for (let i = lowerBound(this.matchTs, t0); i < hi; i++) {
        const e = this.searchMatches[i]!;
        const lane = this.placed.find((l) => l.spec.id === laneOf(e));
        if (!lane) continue;
        ctx.beginPath();
        ctx.arc(p.x(e.ts), lane.y + LANE_HEIGHT / 2, 7, 0, Math.PI * 2);
        ctx.stroke();
      }
      ctx.lineWidth = 1;
    }
  }

  /** The sessions strip: stitched brackets and labels, gap lengths, session bars, end badges, selection and focus. */
  private drawStrip(canvas: HTMLCanvasElement): void {
    const v = this.view!;
    const s = this.scale!;
    const w = this.plotWidth;
    const ctx = prepareCanvas(canvas, w, STRIP_HEIGHT);
    if (!ctx) return;
    const c = this.colors!;
    const tz = this.tz;
    if (this.sessionLabelsTz !== tz) {
      this.sessionLabels = new Map();
      this.stitchedLabels = new Map();
      this.sessionLabelsTz = tz;
    }
    this.setFont(ctx, this.font);
    ctx.textBaseline = 'middle';

    // Stitched sessions: a bracket under their sessions, and a label where it fits.
    ctx.strokeStyle = c.muted;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const m of this.stitchedMarks) {
      const x0 = Math.round(m.x0) + 0.5;
      const x1 = Math.max(x0, Math.round(m.x1) - 0.5);
      ctx.moveTo(x0, 30);
      ctx.lineTo(x0, 35.5);
      ctx.lineTo(x1, 35.5);
      ctx.lineTo(x1, 30);
    }
    ctx.stroke();
    ctx.fillStyle = c.muted;
    for (const m of this.stitchedMarks) {
      if (m.index < 0) continue;
      const left = Math.max(0, m.x0);
      if (m.x1 - left <= 40) continue;
      const st = v.stitched[m.index]!;
      let text = this.stitchedLabels.get(st);
      if (text === undefined) {
        text = `#${st.number} ${formatTimeRange(st.start, st.end, tz)} · ${formatDuration(st.duration)} · ${plural(st.sessions.length, 'session')} · ended: ${STITCHED_END_WORDS[st.endReason]}`;
        this.stitchedLabels.set(st, text);
      }
      this.clippedText(ctx, text, left, 44, Math.min(w, m.x1 + 8) - left);
    }
    // End badges (drawn below, after the bars), measured first: a gap's length is written only
    // where no badge runs into the gap.
    const sessions = v.sessions;
    const bold = `600 ${this.font}`;
    const badges = this.stripBars.map((bar) => {
      const badge = END_BADGES[sessions[bar.index]!.endReason];
      const font = badge.tone === 'neutral' ? this.font : bold;
      const gw = this.textWidth(ctx, badge.glyph, font);
      const ww = bar.showWord ? this.textWidth(ctx, badge.word, font) : 0;
      const total = gw + (bar.showWord ? 3 + ww : 0);
      const x = bar.badgeInside ? bar.x1 - 6 - total : bar.x1 + 5;
      return { bar, badge, font, gw, total, x0: x, x1: x + total };
    });
    this.setFont(ctx, this.font);
    // Lengths of compressed gaps, where they fit.
    const outside = badges.filter((b) => !b.bar.badgeInside);
    for (const g of this.gapMarks) {
      if (g.x1 - g.x0 < g.label.length * 6) continue;
      const left = freeFrom(g.x0, g.x1, outside);
      const tw = this.textWidth(ctx, g.label);
      if (g.x1 - left < tw + 12) continue;
      ctx.fillText(g.label, Math.max(left + 6, (g.x0 + g.x1) / 2 - tw / 2), 17);
    }

    // Session bars: foreground solid, background hatched with a dashed outline, filtered out faded and hollow.
    const hatch = this.hatchPattern(ctx, c['session-background']);
    for (const bar of this.stripBars) {
      const session = sessions[bar.index]!;
      const out = this.filteredOut.has(session);
      const bg = session.state === 'background';
      const color = bg ? c['session-background'] : c['session-foreground'];
      const x = bar.x0;
      const bw = Math.max(3, bar.x1 - bar.x0);
      ctx.globalAlpha = out ? 0.3 : 1;
      if (!bg && !out && bw < 10) {
        // A narrow solid bar: a plain rectangle (its outline is its own colour).
        ctx.fillStyle = color;
        ctx.fillRect(x, 6, bw, 20);
        continue;
      }
      ctx.beginPath();
      ctx.roundRect(x + 0.5, 6.5, bw - 1, 19, bw >= 10 ? 3 : 0);
      if (!out) {
        ctx.fillStyle = bg ? (hatch ?? color) : color;
        ctx.fill();
      }
      if (bg || out) {
        ctx.strokeStyle = color;
        if (bg) ctx.setLineDash([3, 2]);
        ctx.stroke();
        if (bg) ctx.setLineDash([]);
      }
    }
    ctx.globalAlpha = 1;

    // End badges: a shape and a word (the word where it fits), in the tone's colour; those in
    // the regular font first, then the bold ones (a font change per badge would resolve the
    // font against the style each time).
    for (const { bar, badge, font, gw, total, x0: x } of [...badges.filter((b) => b.font !== bold), ...badges.filter((b) => b.font === bold)]) {
      this.setFont(ctx, font);
      if (bar.badgeInside) {
        ctx.fillStyle = c.background;
        ctx.beginPath();
        ctx.roundRect(x - 4, 8, total + 8, 16, 3);
        ctx.fill();
      }
      ctx.fillStyle = c[`end-${badge.tone}` satisfies `end-${BadgeTone}`];
      ctx.fillText(badge.glyph, x, 16.5);
      if (bar.showWord) ctx.fillText(badge.word, x + gw + 3, 16.5);
    }

    // Selection and keyboard focus: rings around the session's own extent.
    const ring = (session: Session | undefined, dashed: boolean): void => {
      if (!session) return;
      const x0 = s(session.start);
      const x1 = Math.max(x0 + 3, s(session.end));
      if (x1 < -4 || x0 > w + 4) return;
      ctx.strokeStyle = c.accent;
      ctx.lineWidth = 2;
      if (dashed) ctx.setLineDash([3, 2]);
      ctx.strokeRect(x0 - 3, 3, x1 - x0 + 6, 26);
      ctx.setLineDash([]);
      ctx.lineWidth = 1;
    };
    ring(this.selectedSession && v.sessionIndex.has(this.selectedSession) ? this.selectedSession : undefined, false);
    if (this.stripFocused) ring(sessions[Math.min(this.stripFocus, sessions.length - 1)], true);
  }

  /** `text` at `(x, y)`, clipped to `[clipX, clipX + room]` (default `clipX = x`). */
  private clippedText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, room: number, clipX = x): void {
    if (room <= 0) return;
    if (this.textWidth(ctx, text) <= room - (x - clipX)) {
      ctx.fillText(text, x, y);
      return;
    }
    ctx.save();
    ctx.beginPath();
    ctx.rect(clipX, 0, room, STRIP_HEIGHT);
    ctx.clip();
    ctx.fillText(text, x, y);
    ctx.restore();
  }

  /** Diagonal hatching (135°, 3 px on, 3 px off) in `color`, made once per colour. */
  private hatchPattern(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | null {
    if (this.hatch?.color === color) return this.hatch.pattern;
    const tile = document.createElement('canvas');
    const dpr = globalThis.devicePixelRatio || 1;
    const n = Math.max(1, Math.round(6 * dpr));
    tile.width = tile.height = n;
    const t = tile.getContext('2d');
    let pattern: CanvasPattern | null = null;
    if (t) {
      t.strokeStyle = color;
      t.lineWidth = (3 * dpr) / Math.SQRT2;
      t.beginPath();
      // Lines from bottom-left to top-right, repeated across the tile's corners.
      for (const o of [-n, 0, n]) {
        t.moveTo(o, n);
        t.lineTo(o + n, 0);
      }
      t.stroke();
      pattern = ctx.createPattern(tile, 'repeat');
      pattern?.setTransform(new DOMMatrix([1 / dpr, 0, 0, 1 / dpr, 0, 0]));
    }
    this.hatch = { color, pattern };
    return pattern;
  }

  /** The time axis: ticks with their labels, and the compressed gaps with their length. */
  private drawAxis(canvas: HTMLCanvasElement): void {
    const w = this.plotWidth;
    const h = AXIS_HEIGHT;
    const ctx = prepareCanvas(canvas, w, h);
    if (!ctx) return;
    const c = this.colors!;
    if (this.gapMarks.length) {
      // The gaps' dashed edges first, composited in a pixel buffer and put at once (it replaces
      // the canvas's pixels): a canvas rasterises a dashed path of hundreds of lines (zoomed
      // out) as thousands of dashes.
      const dashes = AXIS_LAYER;
      dashes.begin(w, h);
      dashes.clear();
      for (const g of this.gapMarks) {
        dashes.dashedLine(g.x0, c.muted, 2, 2);
        dashes.dashedLine(g.x1, c.muted, 2, 2);
      }
      dashes.put(ctx);
    }
    this.setFont(ctx, this.font);
    ctx.textBaseline = 'alphabetic';
    ctx.strokeStyle = c.border;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const t of this.ticks) {
      const x = Math.round(t.x) + 0.5;
      ctx.moveTo(x, 0);
      ctx.lineTo(x, 5);
    }
    ctx.stroke();
    // Where the tick labels go (they win over the glyphs of narrow gaps).
    const spans: number[] = [];
    for (const t of this.ticks) {
      // A tick at an edge keeps its label inside the axis.
      const tw = this.textWidth(ctx, t.label);
      // One expression for every tick (a branch first taken at the first zoom would throw the optimised code away).
      const x0 = t.x - tw * (t.x < 12 ? 0 : t.x > w - 12 ? 1 : 0.5);
      spans.push(x0 - 3, x0 + tw + 3);
    }
    const underLabel = (x0: number, x1: number): boolean => {
      for (let i = 0; i < spans.length; i += 2) if (x1 > spans[i]! && x0 < spans[i + 1]!) return true;
      return false;
    };
    if (this.gapMarks.length) {
      ctx.fillStyle = c.text;
      ctx.textAlign = 'center';
      for (const g of this.gapMarks) {
        const wide = g.x1 - g.x0 >= g.label.length * 6;
        const mid = (g.x0 + g.x1) / 2;
        if (!wide && underLabel(mid - 5, mid + 5)) continue;
        ctx.fillText(wide ? g.label : '⋯', mid, 18);
      }
    }
    // Tick labels on a backdrop, so that gap marks do not run through them.
    ctx.textAlign = 'left';
    for (let i = 0; i < this.ticks.length; i++) {
      const t = this.ticks[i]!;
      const x0 = spans[2 * i]!;
      const x1 = spans[2 * i + 1]!;
      ctx.fillStyle = c.background;
      ctx.fillRect(x0, 7, x1 - x0, 14);
      ctx.fillStyle = c.muted;
      ctx.fillText(t.label, x0 + 3, 18);
    }
    ctx.textAlign = 'start';
  }

  // Templates --------------------------------------------------------------------------

  private renderHeader(v: DeviceView | undefined): TemplateResult {
    const model = this.derived;
    const diag = this.input.dropped(model);
    const n = this.searchMatches.length;
    const count = !this.query.trim() ? '' : n === 0 ? 'no match' : `${this.matchIndex < 0 ? '–' : formatCount(this.matchIndex + 1)}/${formatCount(n)}`;
    return html`<div class="header" part="header">
        <div class="who">
          ${v
            ? html`<strong>device ${v.deviceId}</strong>${v.userId ? html` · user <strong>${v.userId}</strong>` : nothing}${v.dimensions ? html` · <span class="dims">${v.dimensions}</span>` : nothing}`
            : nothing}
        </div>
        <div class="tools">
          ${diag
            ? html`<button class="tool-button diagnostics-button" aria-expanded=${this.showDiagnostics ? 'true' : 'false'} title=${diag} @click=${() => (this.showDiagnostics = !this.showDiagnostics)}>
                ⚠ ${formatCount(model!.stats.dropped)} dropped
              </button>`
            : nothing}
          ${v
            ? html`<details class="lanes-menu">
                  <summary>Lanes ▾</summary>
                  <fieldset>
                    <legend>Show lanes</legend>
                    ${LANES.map(
                      (l) => html`<label><input type="checkbox" .checked=${!this.hiddenLanes.includes(l.id)} @change=${(e: Event) => this.toggleLane(l.id, (e.target as HTMLInputElement).checked)} />${l.label}</label>`,
                    )}
                  </fieldset>
                </details>
                <div class="search" role="search">
                  <input type="search" placeholder="Search events…" aria-label="Search events" .value=${this.query} @input=${this.onSearchInput} @keydown=${this.onSearchKeyDown} />
                  <output aria-live="polite" aria-label="Search matches">${count}</output>
                  <button class="tool-button" aria-label="Previous match" ?disabled=${n === 0} @click=${() => this.stepMatch(-1)}>‹</button>
                  <button class="tool-button" aria-label="Next match" ?disabled=${n === 0} @click=${() => this.stepMatch(1)}>›</button>
                </div>`
            : nothing}
        </div>
      </div>
      ${diag && this.showDiagnostics
        ? html`<div class="diagnostics" role="region" aria-label="Dropped events">
            <p>${diag}</p>
            <ul>
              ${model!.diagnostics.slice(0, 8).map((d) => html`<li>${d.message}</li>`)}
              ${model!.diagnostics.length > 8 ? html`<li>and ${formatCount(model!.diagnostics.length - 8)} more</li>` : nothing}
            </ul>
          </div>`
        : nothing}`;
  }

  /**
   * The strip: a canvas (drawn in {@link drawStrip}) whose fallback content holds the
   * sessions as buttons, for the keyboard and screen readers: those in view when the zoom
   * last settled (a crowd is one button, as it is one bar) and always the roving tab stop.
   * Fallback content is not laid out, so the buttons cost no layout or paint.
   */
  private renderStrip(v: DeviceView): TemplateResult {
    const w = this.plotWidth;
    return html`<div class="strip-row">
      <div class="row-label" aria-hidden="true">sessions</div>
      <div
        class="strip"
        part="strip"
        role="group"
        aria-label="Sessions of device ${v.deviceId}, use the arrow keys to move between them"
        @keydown=${this.onStripKeyDown}
        @click=${this.onStripClick}
        @focusin=${this.onStripFocusIn}
        @focusout=${this.onStripFocusOut}
      >
        <canvas style=${styleMap({ width: `${w}px`, height: `${STRIP_HEIGHT}px` })}
          >${guard([v, this.settledTransform, this.stripFocus, this.selectedSession, this.filteredOut, this.timeZone, w], () => this.renderSessionButtons(v))}</canvas
        >
      </div>
    </div>`;
  }

  private renderSessionButtons(v: DeviceView): TemplateResult[] {
    const sessions = v.sessions;
    const stripFocus = Math.min(this.stripFocus, sessions.length - 1);
    const tz = this.tz;
    if (this.sessionLabelsTz !== tz) {
      this.sessionLabels = new Map();
      this.stitchedLabels = new Map();
      this.sessionLabelsTz = tz;
    }
    const buttons: TemplateResult[] = [];
    const button = (i: number, more: number): void => {
      const session = sessions[i]!;
      let label = this.sessionLabels.get(session);
      if (label === undefined) {
        label = `Session ${session.number}, ${session.state}, ${formatTimeRange(session.start, session.end, tz, true)}, ${formatDuration(session.duration)}, ended: ${END_BADGES[session.endReason].word}`;
        this.sessionLabels.set(session, label);
      }
      if (more) label += `, and ${plural(more, 'more session')} here (zoom in to tell them apart)`;
      const out = this.filteredOut.has(session);
      if (out) label += ', filtered out';
      buttons.push(html`<button
        class="session ${session.state} ${out ? 'filtered-out' : ''}"
        part="session"
        data-session-index=${i}
        tabindex=${i === stripFocus ? 0 : -1}
        aria-pressed=${this.selectedSession === session ? 'true' : 'false'}
        aria-label=${label}
        @click=${() => this.clickSession(i)}
      ></button>`);
    };
    // The bars of the settled view; the roving tab stop is always there, even off screen or inside a crowd.
    const bars = this.stripBars;
    let focusShown = false;
    const focusAlone = (): void => {
      if (!focusShown) button(stripFocus, 0);
      focusShown = true;
    };
    for (const bar of bars) {
      if (stripFocus < bar.first) focusAlone();
      button(bar.index, bar.stop - bar.first - 1);
      if (bar.index === stripFocus) focusShown = true;
      else if (stripFocus >= bar.first && stripFocus < bar.stop) focusAlone();
    }
    focusAlone();
    return buttons;
  }

  private clickSession(i: number): void {
    const session = this.view?.sessions[i];
    if (!session) return;
    this.stripFocus = i;
    this.selectSession(session);
  }

  /** A click on the strip's canvas selects the session of the bar under the pointer (hit-testing the drawn bars). */
  private onStripClick = (e: MouseEvent): void => {
    const canvas = e.target as Element;
    if (canvas.localName !== 'canvas') return; // a session button handles its own click
    const r = canvas.getBoundingClientRect();
    const b = stripBarAt(this.stripBars, e.clientX - r.left);
    if (b >= 0) this.clickSession(this.stripBars[b]!.index);
  };

  private onStripFocusIn = (e: FocusEvent): void => {
    const i = Number((e.target as HTMLElement).dataset.sessionIndex);
    if (Number.isInteger(i)) this.stripFocus = i;
    this.stripFocused = true;
  };

  private onStripFocusOut = (): void => {
    this.stripFocused = false;
  };

  private renderOverlay(v: DeviceView): TemplateResult {
    const s = this.scale!;
    const h = this.placed.length * LANE_HEIGHT;
    const ring = (event: SessionEvent | undefined, cls: string): unknown => {
      if (!event) return nothing;
      const lane = this.placed.find((l) => l.spec.id === laneOf(event));
      if (!lane) return nothing;
      const x0 = s(event.ts);
      const x1 = Math.max(x0, s(event.ts + (event.duration ?? 0)));
      return svg`<rect class="ring ${cls}" x=${x0 - 6} y=${lane.y + 3} width=${x1 - x0 + 12} height=${LANE_HEIGHT - 6} rx="4"></rect>`;
    };
    const current = this.matchIndex >= 0 ? this.searchMatches[this.matchIndex] : undefined;
    const brush = this.zoom.brush;
    return html`<svg class="overlay" width=${this.plotWidth} height=${h} aria-hidden="true">
      ${ring(current, 'match')} ${ring(this.selectedEvent && v.sessionOf.has(this.selectedEvent) ? this.selectedEvent : undefined, 'selected')}
      ${this.plotFocused ? ring(this.focusEvent, 'focus') : nothing}
      ${brush ? svg`<rect class="brush" x=${brush.x0} y="0" width=${brush.x1 - brush.x0} height=${h}></rect>` : nothing}
    </svg>`;
  }

  private renderTooltip(v: DeviceView): unknown {
    let lines: TemplateResult[] | undefined;
    let x = 0;
    let y = 0;
    const hover = this.hover;
    if (hover) {
      const index = v.lanes.get(hover.lane)!;
      const event = index.events[hover.index]!;
      x = hover.x;
      y = hover.y;
      lines =
        hover.count > 1
          ? [
              html`<p class="tip-title">${formatCount(hover.count)} ${LANES.find((l) => l.id === hover.lane)!.label} events</p>`,
              html`<p>${formatTime(hover.columnStart, this.tz, 'ms')} – ${formatTime(hover.columnEnd, this.tz, 'ms')}</p>`,
              html`<p>nearest: ${event.name ?? event.type}</p>`,
              html`<p>Zoom in (Ctrl + wheel, +) to see them one by one.</p>`,
            ]
          : tooltipLines(event, this.tz);
    } else if (this.plotFocused && this.focusEvent && this.scale) {
      const lane = this.placed.find((l) => l.spec.id === laneOf(this.focusEvent!));
      if (lane) {
        x = this.scale(this.focusEvent.ts);
        y = lane.y + LANE_HEIGHT;
        lines = tooltipLines(this.focusEvent, this.tz);
      }
    }
    if (!lines) return nothing;
    return tooltipBox(lines, { x, y, width: this.plotWidth, height: this.placed.length * LANE_HEIGHT });
  }

  private renderAxis(): TemplateResult {
    const w = this.plotWidth;
    // Named for the settled view: the name does not change on every zoom frame.
    const label = guard([this.settledTransform, this.view, this.plotWidth, this.timeZone, this.axis], () => this.axisLabel());
    return html`<div class="axis-row">
      <div class="row-label" aria-hidden="true">${this.timeZone ? this.timeZone : 'local time'}</div>
      <canvas class="axis" part="axis" role="img" aria-label=${label} style=${styleMap({ width: `${w}px`, height: `${AXIS_HEIGHT}px` })}></canvas>
    </div>`;
  }

  private axisLabel(): string {
    const r = this.visibleRange;
    if (!r) return 'Time axis';
    const gaps = this.gaps.length ? `, ${plural(this.gaps.length, 'compressed idle gap')}` : '';
    return `Time axis from ${formatDateTime(r[0], this.tz, 's')} to ${formatDateTime(r[1], this.tz, 's')}${gaps}`;
  }

  private renderDetails(v: DeviceView): TemplateResult {
    const total = this.rowCount;
    const viewport = 600; // generous: the list is at most this tall on screen
    const first = Math.max(0, Math.floor(this.listScrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(total, Math.ceil((this.listScrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
    const q = this.query.trim().toLowerCase();
    const visible: TemplateResult[] = [];
    for (let i = first; i < last; i++) visible.push(this.renderRow(this.rowAt(i), i, q));
    return html`<div class="details" part="details" @scroll=${this.onListScroll}>
      <div class="details-list" role="list" aria-label="Events of device ${v.deviceId}, grouped by session" style=${styleMap({ height: `${total * ROW_HEIGHT}px` })}>${visible}</div>
    </div>`;
  }

  private renderRow(row: Row, i: number, q: string): TemplateResult {
    const top = styleMap({ top: `${i * ROW_HEIGHT}px` });
    const tz = this.tz;
    if (row.kind === 'session') {
      const s = row.session;
      const badge = END_BADGES[s.endReason];
      return html`<div class="row row-session" role="listitem" style=${top}>
        <span>Session ${s.number}${row.stitched ? html` <span class="muted">(stitched #${row.stitched.number})</span>` : nothing}</span>
        <span>${s.state}</span>
        <span class="time">${formatTimeRange(s.start, s.end, tz, true)}</span>
        <span>${formatDuration(s.duration)}</span>
        <span class="end ${badge.tone}">ended ${endBadgeText(s.endReason)}</span>
      </div>`;
    }
    if (row.kind === 'attr') {
      return html`<div class="row row-attr" role="listitem" style=${top}>${row.key}: ${String(row.value)}</div>`;
    }
    const e = row.event;
    const hasAttrs = e.attrs !== undefined && Object.keys(e.attrs).length > 0;
    const open = this.expanded.has(e);
    const status = httpStatus(e);
    const extra = [e.category === 'log' ? severityOf(e) : undefined, status !== undefined ? String(status) : undefined, e.duration !== undefined ? formatDuration(e.duration) : undefined, e.late ? 'late report' : undefined]
      .filter(Boolean)
      .join(' · ');
    const label = e.name ?? e.type;
    return html`<div
      class="row row-event ${this.selectedEvent === e ? 'selected' : ''} ${isFlagged(e) ? 'flagged' : ''}"
      role="listitem"
      style=${top}
      @click=${() => this.selectEvent(e, true)}
    >
      ${hasAttrs
        ? html`<button class="expand" aria-expanded=${open ? 'true' : 'false'} aria-label="Attributes of ${label}" @click=${(ev: Event) => {
            ev.stopPropagation();
            this.toggleExpanded(e);
          }}>${open ? '▾' : '▸'}</button>`
        : html`<span class="expand-spacer"></span>`}
      <span class="time">${formatTime(e.ts, tz, 'ms')}</span>
      <span class="cat">${e.category === e.type ? e.category : `${e.category} · ${e.type}`}</span>
      <span class="name">${this.matchSet.has(e) ? highlight(label, q) : label}</span>
      ${extra ? html`<span class="extra">${extra}</span>` : nothing}
    </div>`;
  }

  override render(): TemplateResult {
    if (this.loading) return stateMessage('loading', 'Loading sessions…');
    const inputState = this.input.state();
    if (inputState) return inputState;
    const error = this.zoneError ?? this.inputError;
    if (error) {
      return html`${stateMessage('error', 'These events could not be shown.', error)}`;
    }
    const v = this.view;
    if (!v || !this.scale) {
      const model = this.derived;
      const who = this.deviceId ? `device ${this.deviceId}` : this.userId ? `user ${this.userId}` : undefined;
      const title = who ? `No events for ${who}` : 'No events to show';
      const diag = this.input.dropped(model);
      const detail = diag ?? (model && model.sessions.length && who ? `The data holds ${plural(new Set(model.sessions.map((s) => s.deviceId)).size, 'device')}.` : undefined);
      return html`${stateMessage('empty', title, detail)}`;
    }
    const h = this.placed.length * LANE_HEIGHT;
    const w = this.plotWidth;
    return html`
      ${guard([this.derived, v, this.query, this.matchIndex, this.searchMatches, this.showDiagnostics, this.hiddenLanes], () => this.renderHeader(v))} ${this.renderStrip(v)}
      <div class="plot-row" part="lanes">
        <div class="labels" aria-hidden="true">
          ${this.placed.map(
            (l) => html`<div class="lane-label ${this.focusLane === l.spec.id && this.plotFocused ? 'focused' : ''}">
              <span class="swatch" style=${styleMap({ background: `var(--_${LANE_COLOR[l.spec.id]})` })}></span>${l.spec.label}
            </div>`,
          )}
        </div>
        <div
          class="plot"
          tabindex="0"
          role="application"
          aria-roledescription="timeline"
          aria-label=${this.summary}
          aria-describedby="keys"
          style=${styleMap({ width: `${w}px`, height: `${h}px` })}
          @wheel=${this.zoom.onWheel}
          @pointerdown=${this.zoom.onPointerDown}
          @pointermove=${this.onPlotPointerMove}
          @pointerup=${this.zoom.onPointerUp}
          @pointercancel=${this.zoom.onPointerUp}
          @pointerleave=${this.onPlotPointerLeave}
          @dblclick=${this.zoom.onDoubleClick}
          @click=${this.onPlotClick}
          @keydown=${this.onPlotKeyDown}
          @focus=${() => (this.plotFocused = true)}
          @blur=${() => (this.plotFocused = false)}
        >
          <canvas style=${styleMap({ width: `${w}px`, height: `${h}px` })}></canvas>
          ${this.renderOverlay(v)} ${this.renderTooltip(v)}
        </div>
      </div>
      ${this.renderAxis()}
      ${guard([v, this.sessionRowStart, this.listScrollTop, this.query, this.expanded, this.selectedEvent, this.matchSet, this.timeZone], () => this.renderDetails(v))}
      <p id="keys" class="visually-hidden">
        Left and right arrows pan, plus and minus zoom, Home and End show the first and last session, up and down arrows choose a lane, Shift with left and right arrows steps through its events, Enter selects.
      </p>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>
    `;
  }
}

// Helpers (pure) ---------------------------------------------------------------------

/** Strip bars starting closer than this share one bar (an end badge's glyph is about this wide). */
const STRIP_CROWD_PX = 12;

/** Severity order of end badges: the one a crowded strip column shows. */
const SEVERITY: Readonly<Record<string, number>> = { crash: 2, warning: 1, neutral: 0 };

/** Gap marks closer than this to the previous one are not drawn: a broken axis that is not squeezed keeps its segments at least 12 px wide (`minSegmentPx`), so only crowded marks go. */
const GAP_MARK_SPACING_PX = 12;

function thinGaps(gaps: readonly PlacedGap[]): PlacedGap[] {
  const out: PlacedGap[] = [];
  let last = -Infinity;
  for (const g of gaps) {
    if (g.x0 - last < GAP_MARK_SPACING_PX) continue;
    out.push(g);
    last = g.x1;
  }
  return out;
}

function matchesQuery(e: SessionEvent, q: string): boolean {
  if (e.name?.toLowerCase().includes(q) || e.type.toLowerCase().includes(q)) return true;
  if (e.attrs) for (const v of Object.values(e.attrs)) if (v !== null && String(v).toLowerCase().includes(q)) return true;
  return false;
}

/** Splits `text` around matches of `q` (lower case) into text and `<mark>` parts: never markup from data. */
function highlight(text: string, q: string): unknown[] {
  if (!q) return [text];
  const lower = text.toLowerCase();
  const out: unknown[] = [];
  let at = 0;
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, i + q.length)) {
    out.push(text.slice(at, i), html`<mark>${text.slice(i, i + q.length)}</mark>`);
    at = i + q.length;
  }
  out.push(text.slice(at));
  return out;
}

function describeEvent(e: SessionEvent, tz: TimeZone): string {
  const parts = [formatTime(e.ts, tz, 'ms'), e.type, e.name, e.duration !== undefined ? formatDuration(e.duration) : undefined];
  const status = httpStatus(e);
  if (status !== undefined) parts.push(`status ${status}${status >= 400 ? ' (failed)' : ''}`);
  if (e.category === 'log') parts.push(severityOf(e));
  return parts.filter(Boolean).join(', ');
}

function tooltipLines(e: SessionEvent, tz: TimeZone): TemplateResult[] {
  const status = httpStatus(e);
  const lines = [
    html`<p class="tip-title">${e.name ?? e.type}</p>`,
    html`<p>${formatDateTime(e.ts, tz, 'ms')}</p>`,
    html`<p>${e.category}${e.type !== e.category ? ` · ${e.type}` : ''}${e.duration !== undefined ? ` · ${formatDuration(e.duration)}` : ''}${status !== undefined ? ` · ${status}${status >= 400 ? ' failed' : ''}` : ''}${e.late ? ' · late report' : ''}</p>`,
  ];
  const attrs = Object.entries(e.attrs ?? {});
  for (const [k, v] of attrs.slice(0, 10)) lines.push(html`<p class="tip-attr">${k}: ${String(v)}</p>`);
  if (attrs.length > 10) lines.push(html`<p class="tip-attr">and ${attrs.length - 10} more</p>`);
  return lines;
}


if (!customElements.get('session-timeline')) customElements.define('session-timeline', SessionTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'session-timeline': SessionTimeline;
  }
}
