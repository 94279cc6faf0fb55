import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { zoomIdentity } from '../../render/zoom-transform.js';
import type { EndReason, Session, SessionModel } from '../../core/types.js';
import { DeviceSelectEvent, SessionSelectEvent, StitchedSelectEvent, ViewChangeEvent } from '../../events.js';
import { summarizeCohort, formatShare, type CohortSummary } from '../../render/cohort-summary.js';
import { checkTimeZone, formatCount, formatDate, formatDateTime, formatDimensions, formatDuration, formatElapsed, formatTimeRange, plural, type TimeZone } from '../../render/format.js';
import { Bins, binByColumn, hitTest, lowerBound, upperBound, type Projection } from '../../render/lod.js';
import { ResizeController } from '../../render/resize-controller.js';
import {
  MARKED_REASONS,
  SORT_KEYS,
  SORT_LABELS,
  SortedRows,
  buildRowTable,
  findSelection,
  groupAt,
  nearestSession,
  rowAt,
  rowOffset,
  sortOrder,
  visibleRows,
  type Alignment,
  type CohortRow,
  type GroupBy,
  type RowSelection,
  type RowTable,
  type SessionFilter,
  type SortKey,
} from '../../render/rows.js';
import { calendarTicks, elapsedTicks, linearTimeScale, PiecewiseProjection, ShiftedProjection, visibleRange, zoomedScale, type PlacedTick, type TimeScale } from '../../render/time-scale.js';
import { ZoomController } from '../../render/zoom-controller.js';
import { drawEndGlyph, prepareCanvas, type MarkedEnd } from '../shared/canvas.js';
import { END_BADGES, STITCHED_END_WORDS, endBadgeText } from '../shared/end-reason.js';
import { sessionModelContext } from '../shared/session-context.js';
import { ViewInput } from '../shared/model-input.js';
import { stateMessage } from '../shared/state-message.js';
import { readTokens, watchColorScheme } from '../shared/theme.js';
import { timeAxis } from '../shared/time-axis.js';
import { tooltipBox } from '../shared/tooltip.js';
import { AXIS_HEIGHT, DEFAULT_ROWS_HEIGHT, LABEL_WIDTH, ROW_HEIGHT, SPARK_HEIGHT, SPARK_WIDTH, styles } from './stitched-sessions.styles.js';

/** The counts of a cohort known as soon as its rows are laid out. */
interface Counts {
  readonly rows: number;
  readonly stitched: number;
  readonly sessions: number;
}

/** What the pointer or the keyboard points at: a row, and in it a session or a stitched session. */
interface Target {
  /** Position in the sorted rows. */
  readonly row: number;
  /** Index in the row's sessions, or `-1`. */
  readonly session: number;
  /** Index in the row's groups, or `-1`. */
  readonly group: number;
}

const COLOR_TOKENS = ['background', 'surface', 'text', 'muted', 'border', 'accent', 'session-foreground', 'session-background', 'end-crash', 'end-warning'] as const;
type Colors = Record<(typeof COLOR_TOKENS)[number], string>;

/** End reasons shown as a share in the summary line, with their shape. */
const PROBLEM_REASONS: readonly EndReason[] = ['crash', 'anr', 'oom', 'abnormal'];
const OVERSCAN = 6;
/**
 * Above this many sessions the cohort summary (a pass over every session) is computed after
 * the first frame with the rows has been drawn, not before it.
 */
const SUMMARY_SYNC_LIMIT = 50_000;
const BAR_HEIGHT = 14;
/** End marks are centred this far right of the session's end, px. */
const MARK_OFFSET = 6;

const sortConverter = {
  fromAttribute: (v: string | null): SortKey => ((SORT_KEYS as readonly string[]).includes(v ?? '') ? (v as SortKey) : 'last-seen'),
  toAttribute: (v: SortKey): string => v,
};

/**
 * Many devices' (or users') sessions stitched over time: one row per device, its stitched
 * sessions as groups of bars joined by a thin line on a shared, zoomable time axis, with
 * crashes, ANRs, OOMs and abnormal ends marked where they happened. A header summarises the
 * cohort (devices, stitched sessions, sessions, end-reason shares, medians, sessions per day).
 * Rows are virtualized: only the rows in view exist in the DOM, and their bars are drawn on
 * one canvas, so ten thousand devices scroll smoothly. Rows are laid out without reading every
 * session, and a row's details are built when it first comes into view; above 50,000 sessions
 * the summary's shares, medians and sparkline are counted after the rows are drawn, a slice
 * of sessions between frames (the summary line says so meanwhile; `updateComplete` waits).
 *
 * Keyboard on the focused rows: ↑/↓ choose a row (Page Up / Page Down, Home / End jump),
 * ←/→ step through the row's sessions, Enter selects the session (Shift + Enter: its stitched
 * session) or the row, Shift + ←/→ pan, + / - zoom, 0 resets. Ctrl/Cmd + wheel zooms (a plain
 * wheel scrolls the rows), drag pans.
 *
 * @summary A cohort's stitched sessions over time, one row per device or user.
 *
 * @fires device-select - {@link DeviceSelectEvent} when a row is clicked (its label or an empty part) or chosen with Enter.
 * @fires stitched-select - {@link StitchedSelectEvent} when the line of a stitched session is clicked, or Shift + Enter on one of its sessions.
 * @fires session-select - {@link SessionSelectEvent} when a session bar is clicked or chosen with Enter.
 * @fires view-change - {@link ViewChangeEvent} when the alignment or the sort is changed with the element's own controls (not when set by a property or attribute); `detail` holds the new `align`, `sort` and `groupBy`.
 *
 * @csspart header - The summary, the sparkline and the alignment and sort controls.
 * @csspart summary - The summary line of the cohort.
 * @csspart sparkline - The histogram of sessions per day.
 * @csspart rows - The scrolling rows (labels and bars).
 * @csspart row-label - The label of one visible row.
 * @csspart axis - The time axis under the rows.
 * @csspart tooltip - The tooltip of the hovered or focused row, stitched session or session.
 * @csspart state - The loading, empty and error messages.
 *
 * @cssproperty --stitched-sessions-font - Font family.
 * @cssproperty --stitched-sessions-background - Background colour.
 * @cssproperty --stitched-sessions-surface - Background of every other row and of messages.
 * @cssproperty --stitched-sessions-text - Text colour.
 * @cssproperty --stitched-sessions-muted - Secondary text, and the line joining a stitched session's bars.
 * @cssproperty --stitched-sessions-border - Border colour.
 * @cssproperty --stitched-sessions-accent - Selection and focus colour.
 * @cssproperty --stitched-sessions-session-foreground - Foreground session bars (solid).
 * @cssproperty --stitched-sessions-session-background - Background session bars (hatched, lighter).
 * @cssproperty --stitched-sessions-end-crash - Crash, ANR and OOM marks (also `-end-warning` for abnormal ends).
 * @cssproperty --stitched-sessions-rows-height - Height of the scrolling rows (default 420px).
 */
export class StitchedSessions extends LitElement {
  static override styles = styles;

  // Controllers ------------------------------------------------------------------------

  private readonly resize = new ResizeController(this, { target: () => this.renderRoot.querySelector('.scroller') });
  /** Zoom and pan state of the time axis (d3-zoom maths); exposed for tests and for synchronising views. */
  readonly zoom = new ZoomController(this, {
    width: () => this.plotWidth,
    maxScale: () => this.maxScale,
  });

  // Public properties ------------------------------------------------------------------

  /** Raw events (any JSON array); sessions are derived with the core. Ignored when `model` is set. */
  @property({ attribute: false }) events: unknown;

  /** An already derived model; wins over `events`. */
  @property({ attribute: false }) model: SessionModel | undefined;

  /** The model of an enclosing `<session-data>`: used only when neither `model` nor `events` is set. */
  @consume({ context: sessionModelContext, subscribe: true }) @state() private contextModel: SessionModel | undefined;

  /**
   * Chooses the cohort: a predicate on sessions, or an object with `matches(session)` (a
   * `FilterIndex` fits). Rows show only the sessions it keeps; rows left empty are hidden.
   * A matcher changed in place is picked up when its `version` changes on the next update
   * (call `requestUpdate()`), or assign it again.
   */
  @property({ attribute: false }) filter: SessionFilter | null | undefined;

  /** One row per `device` (default) or per `user` (a user's devices share a row). */
  @property({ attribute: 'group-by', reflect: true }) groupBy: GroupBy = 'device';

  /** `calendar` (absolute time, default) or `relative` (every row starts at its first session). */
  @property({ reflect: true }) align: Alignment = 'calendar';

  /** Row order: `last-seen` (default), `first-seen`, `sessions`, `foreground-time`, `crashes`. */
  @property({ reflect: true, converter: sortConverter }) sort: SortKey = 'last-seen';

  /** Inactivity timeout passed to the core, in ms (default 30 min). */
  @property({ attribute: 'inactivity-timeout', type: Number }) inactivityTimeout: number | undefined;

  /** Maximum stitched-session duration passed to the core, in ms (default 12 h). */
  @property({ attribute: 'max-duration', type: Number }) maxDuration: number | undefined;

  /** `"UTC"` or any IANA zone (`"Asia/Tokyo"`); default: the browser's local zone. */
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;

  /** `"light"` or `"dark"` forces a colour scheme; default: follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** Shows the loading message instead of the rows. */
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
   * What is selected: a row's key (a device id, or a user id with `group-by="user"`), a
   * stitched session's `id`, or a session's `id` (looked up in that order). The selection is
   * outlined, and setting this scrolls its row into view and pans the time axis to it when it
   * is out of view. Clicking or Enter sets it to what was chosen (and fires the matching
   * select event); Escape clears it. An id that is not shown (filtered out) outlines nothing.
   */
  @property({ reflect: true }) selected: string | undefined;

  // Internal state ---------------------------------------------------------------------

  @state() private rowsTop = 0;
  @state() private hover: (Target & { x: number; y: number }) | undefined;
  @state() private focusKey: string | undefined;
  @state() private focusSession = -1;
  @state() private plotFocused = false;
  @state() private announcement = '';

  private derived: SessionModel | undefined;
  private inputError: string | undefined;
  /** Where the model comes from: `model`, `events`, `src` or `<session-data>`. */
  private readonly input = new ViewInput(this, () => this.contextModel);
  private zoneError: string | undefined;
  /** All rows of the cohort (each built when first drawn), and the same rows in `sort` order. */
  private table: RowTable | undefined;
  private rows: SortedRows = SortedRows.empty;
  /** Where {@link selected} is in the table. */
  private selection: RowSelection | undefined;
  /** The last value of {@link selected} set by a click or a key: shown where it is, not revealed. */
  private ownSelected: string | undefined;
  /** Scroll the rows to {@link rowsTop} after this update (the selection was revealed). */
  private scrollPending = false;
  /** The summary of {@link table}; `undefined` while {@link summaryJob} computes it. */
  private cohort: CohortSummary | undefined;
  private summaryJob: Promise<void> | undefined;
  /** Identifies the latest {@link summaryJob}. */
  private summaryToken: object | undefined;
  private filterVersion: number | undefined;
  /** The time axis: a d3 linear scale, and its projection as the drawing loops use it, zoomed to the current frame, and aimed at one row at a time. */
  private baseScale: TimeScale | undefined;
  private proj: PiecewiseProjection | undefined;
  private rowProj: ShiftedProjection | undefined;
  private plotWidth = 600;
  private maxScale = 1e6;
  // Per frame
  private scale: TimeScale | undefined;
  private ticks: PlacedTick[] = [];
  private frameKey: unknown[] | undefined;
  private unwatchScheme: (() => void) | undefined;
  private hatch: { color: string; pattern: CanvasPattern | null } | undefined;
  /** A row's marks, reused from row to row and frame to frame. */
  private readonly bins = new Bins();
  /** Theme colours for the canvas, read from computed style (see {@link colorsStale}). */
  private colors: Colors | undefined;
  /**
   * Whether the colours must be read again before the next draw: after any update but a
   * scroll or zoom / pan frame (those change no style), so a frame never forces a style read.
   */
  private colorsStale = true;
  /** {@link summary}, kept until what it says changes. */
  private summaryText: { key: unknown[]; text: string } | undefined;
  /** {@link counts}, kept with its table. */
  private countsOf: (Counts & { table: RowTable }) | undefined;
  /** What the canvas shows: its inputs and scroll position (to scroll its pixels instead of redrawing). */
  private lastDraw: { key: unknown[]; top: number } | undefined;

  // Lifecycle --------------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatchScheme = watchColorScheme(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchScheme?.();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('timeZone')) this.zoneError = checkTimeZone(this.timeZone);
    let rowsChanged = false;
    if (this.input.changed(changed)) {
      this.deriveModel();
      rowsChanged = true;
    }
    const version = this.filter && typeof this.filter === 'object' ? this.filter.version : undefined;
    if (rowsChanged || changed.has('filter') || changed.has('groupBy') || version !== this.filterVersion) {
      this.filterVersion = version;
      this.table = this.derived ? buildRowTable(this.derived, { groupBy: this.groupBy, filter: this.filter }) : undefined;
      rowsChanged = true;
    }
    if (rowsChanged || changed.has('timeZone')) this.updateCohort();
    if (rowsChanged || changed.has('sort')) {
      this.rows = this.table ? new SortedRows(this.table, sortOrder(this.table, this.sort)) : SortedRows.empty;
      this.hover = undefined;
    }
    if (rowsChanged || (changed.has('selected') && this.selected !== this.ownSelected)) {
      this.selection = this.table && this.selected ? findSelection(this.table, this.selected) : undefined;
    }
    const reveal = changed.has('selected') && this.selected !== this.ownSelected && this.selection !== undefined;
    this.ownSelected = undefined;
    const width = Math.max(120, Math.floor((this.resize.width || this.clientWidth - 2 || 900) - LABEL_WIDTH));
    if (rowsChanged || changed.has('align') || width !== this.plotWidth || !this.proj) {
      if (rowsChanged || changed.has('align')) this.zoom.transform = zoomIdentity;
      this.plotWidth = width;
      this.buildBaseScale();
    }
    const transform = this.frameKey?.[1];
    this.buildFrame();
    if (reveal && this.revealSelection()) this.buildFrame();
    // Only scroll (rowsTop, hover) or zoom / pan (a new transform, nothing else) changed:
    // a frame that restyles nothing keeps the colours it has.
    let frameOnly = true;
    for (const k of changed.keys()) if (k !== 'rowsTop' && k !== 'hover') frameOnly = false;
    if (changed.size === 0 && transform === this.zoom.transform) frameOnly = false;
    if (!frameOnly) this.colorsStale = true;
  }

  override updated(): void {
    if (this.scrollPending) {
      this.scrollPending = false;
      const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
      if (scroller && scroller.scrollTop !== this.rowsTop) scroller.scrollTop = this.rowsTop;
    }
    this.drawCanvas();
  }

  // Derivation (willUpdate only) -------------------------------------------------------

  private deriveModel(): void {
    const { model, error } = this.input.resolve();
    this.derived = model;
    this.inputError = error;
  }

  /**
   * Summarises the cohort: at once when it is small; else after the next frame, reading the
   * sessions in slices between which the page draws (scrolling and zooming stay smooth), so
   * that the rows are drawn first and the header's shares, medians and sparkline follow.
   */
  private updateCohort(): void {
    const table = this.table;
    this.cohort = undefined;
    this.summaryJob = this.summaryToken = undefined;
    if (!table || this.zoneError) return;
    if (table.sessions <= SUMMARY_SYNC_LIMIT) {
      this.cohort = summarizeCohort(table, this.tz);
      return;
    }
    const tz = this.tz;
    const token = {};
    this.summaryToken = token;
    this.summaryJob = (async () => {
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const slices = table.columnSlices();
      // A newer table or time zone starts its own job, and this one stops.
      while (this.summaryToken === token && !slices.next().done) await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.summaryToken !== token) return;
      this.cohort = summarizeCohort(table, tz);
      this.summaryJob = undefined;
      this.requestUpdate();
    })();
  }

  /** Also waits for the cohort summary when it is computed after the first frame. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.summaryJob) {
      await this.summaryJob;
      done = await super.getUpdateComplete();
    }
    return done;
  }

  private buildBaseScale(): void {
    const extent = this.rows.extent(this.align);
    if (!extent) {
      this.baseScale = this.proj = this.rowProj = undefined;
      return;
    }
    const [t0, t1] = extent;
    const span = Math.max(60_000, t1 - t0);
    // Relative rows start exactly at x = 0 ("0" on the axis); calendar time gets a margin.
    const pad = span * 0.015;
    this.baseScale = linearTimeScale(this.align === 'relative' ? t0 : t0 - pad, t1 + pad, this.plotWidth);
    this.proj = PiecewiseProjection.of(this.baseScale);
    this.rowProj = new ShiftedProjection(this.proj);
    // Zoom in until about 1 s per px.
    this.maxScale = Math.max(1, span / this.plotWidth / 1_000);
  }

  /**
   * Scrolls the rows (and pans the axis) to show the selection set from outside; true when
   * the zoom changed.
   */
  private revealSelection(): boolean {
    const sel = this.selection!;
    const i = this.rows.positionOf(sel.row);
    const row = this.rows.at(i);
    if (!row) return false;
    const vh = this.viewportHeight;
    const top = i * ROW_HEIGHT;
    // Centre the row when it is out of view; leave the scroll alone when it shows.
    if (top < this.rowsTop || top + ROW_HEIGHT > this.rowsTop + vh) {
      this.rowsTop = Math.max(0, Math.min(this.rows.length * ROW_HEIGHT - vh, top - (vh - ROW_HEIGHT) / 2));
      this.scrollPending = true;
    }
    if (!this.scale || (sel.session < 0 && sel.group < 0)) return false;
    const before = this.zoom.transform;
    const [a, b] = sel.session >= 0 ? [row.ts[sel.session]!, row.end[sel.session]!] : [row.groups[sel.group]!.start, row.groups[sel.group]!.end];
    this.panToShow(row, a, b);
    return this.zoom.transform !== before;
  }

  /** The zoomed scale and the ticks for this frame (kept as they are when only the rows scrolled). */
  private buildFrame(): void {
    if (!this.proj || this.zoneError) {
      this.scale = undefined;
      return;
    }
    const key = [this.proj, this.zoom.transform, this.align, this.tz, this.plotWidth];
    if (this.frameKey && key.every((v, i) => v === this.frameKey![i])) return;
    this.frameKey = key;
    this.scale = zoomedScale(this.baseScale!, this.proj, this.zoom.transform);
    this.ticks = this.align === 'relative' ? elapsedTicks(this.scale, this.plotWidth) : calendarTicks(this.scale, this.plotWidth, this.tz);
  }

  private get tz(): TimeZone {
    return this.timeZone || undefined;
  }

  /**
   * Screen px <-> time of one row (shifted to its start in relative alignment), for this
   * frame. One object aimed at each row in turn (methods, not closures made per row: see
   * `PiecewiseProjection`): valid until the next call.
   */
  private projection(row: CohortRow): Projection {
    return this.rowProj!.shift(rowOffset(row, this.align));
  }

  private get viewportHeight(): number {
    return Math.min(this.rows.length * ROW_HEIGHT, this.resize.height || DEFAULT_ROWS_HEIGHT);
  }

  // Public API -------------------------------------------------------------------------

  /** How many rows the cohort has (after the filter). */
  get rowCount(): number {
    return this.rows.length;
  }

  /** The keys of the rows in their current order (device ids, or user ids with `group-by="user"`). */
  get rowKeys(): string[] {
    return this.rows.keys();
  }

  /** The time range in view: epoch ms in calendar alignment, elapsed ms in relative alignment. */
  get visibleRange(): [number, number] | undefined {
    return this.scale ? visibleRange(this.scale, this.plotWidth) : undefined;
  }

  /** Where time `t` of row `key` is drawn, px from the left of the bars (current zoom and alignment). */
  timeToX(t: number, key?: string): number | undefined {
    if (!this.scale) return undefined;
    const row = key === undefined ? undefined : this.rows.at(this.rows.indexOf(key));
    return this.scale(t - (row ? rowOffset(row, this.align) : 0));
  }

  /** Scrolls the rows so that row `key` is in view. */
  scrollToRow(key: string): void {
    const i = this.rows.indexOf(key);
    if (i >= 0) this.scrollRowIntoView(i);
  }

  /** Shows the whole time extent. */
  resetZoom(): void {
    this.zoom.reset();
  }

  /** The sentence the rows are labelled with. */
  get summary(): string {
    const c = this.cohort ?? this.counts;
    if (!c) return '';
    const key = [c, this.groupBy, this.sort, this.align];
    if (this.summaryText && key.every((v, i) => v === this.summaryText!.key[i])) return this.summaryText.text;
    const text = this.summarize(c);
    this.summaryText = { key, text };
    return text;
  }

  /** What the header says before the summary is ready: the counts the rows give at once. */
  private get counts(): Counts | undefined {
    const t = this.table;
    if (!t) return undefined;
    if (this.countsOf?.table !== t) this.countsOf = { table: t, rows: t.length, stitched: t.parts, sessions: t.sessions };
    return this.countsOf;
  }

  private summarize(c: Counts | CohortSummary): string {
    const unit = this.groupBy === 'user' ? 'row' : 'device';
    const shares = 'endShares' in c ? c.endShares : [];
    const by = `sorted by ${SORT_LABELS[this.sort]}, ${this.align === 'relative' ? 'aligned on each first session' : 'in calendar time'}`;
    return `Stitched sessions of ${plural(c.rows, unit)}, ${by}: ${plural(c.stitched, 'stitched session')}, ${plural(c.sessions, 'session')}${problemsText((r) => shares.find((e) => e.reason === r)?.count)}`;
  }

  // Hit-testing ------------------------------------------------------------------------

  /** What is under plot-area px `(x, y)` (`y` from the top of all rows). */
  private targetAt(x: number, y: number): Target | undefined {
    const i = rowAt(y, ROW_HEIGHT, this.rows.length);
    if (i < 0 || !this.scale) return undefined;
    const row = this.rows.at(i)!;
    const p = this.projection(row);
    const s = hitTest(row, p, x, 3);
    if (s >= 0) return { row: i, session: s, group: row.groupOf[s]! };
    const g = groupAt(row, p.t(x));
    return { row: i, session: -1, group: g };
  }

  private pointerTarget(e: MouseEvent): (Target & { x: number; y: number }) | undefined {
    const r = (e.currentTarget as Element).getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const t = this.targetAt(x, y);
    return t ? { ...t, x, y } : undefined;
  }

  // Handlers ---------------------------------------------------------------------------

  private onScroll = (e: Event): void => {
    this.rowsTop = (e.target as HTMLElement).scrollTop;
    this.hover = undefined;
  };

  private onPointerMove = (e: PointerEvent): void => {
    this.zoom.onPointerMove(e);
    this.hover = this.zoom.dragging ? undefined : this.pointerTarget(e);
  };

  private onPointerLeave = (): void => {
    this.hover = undefined;
  };

  private onPlotClick = (e: MouseEvent): void => {
    if (this.zoom.consumeDrag()) return;
    const t = this.pointerTarget(e);
    if (!t) return;
    this.focusKey = this.rows.at(t.row)!.key;
    this.focusSession = t.session;
    if (t.session >= 0) this.selectSession(t.row, t.session, false);
    else if (t.group >= 0) this.selectGroup(t.row, t.group);
    else this.selectRow(t.row);
  };

  private onLabelClick(i: number): void {
    this.focusKey = this.rows.at(i)!.key;
    this.focusSession = -1;
    this.selectRow(i);
  }

  private onKeyDown = (e: KeyboardEvent): void => {
    if (!this.rows.length || e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor(this.viewportHeight / ROW_HEIGHT) - 1);
    const cur = this.focusRowIndex;
    let used = true;
    switch (e.key) {
      case 'ArrowUp':
        this.moveRow(cur < 0 ? 0 : cur - 1);
        break;
      case 'ArrowDown':
        this.moveRow(cur < 0 ? 0 : cur + 1);
        break;
      case 'PageUp':
        this.moveRow(Math.max(0, cur) - page);
        break;
      case 'PageDown':
        this.moveRow(Math.max(0, cur) + page);
        break;
      case 'Home':
        this.moveRow(0);
        break;
      case 'End':
        this.moveRow(this.rows.length - 1);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (e.shiftKey) this.zoom.panBy(((e.key === 'ArrowLeft' ? 1 : -1) * this.plotWidth) / 5);
        else this.stepSession(e.key === 'ArrowLeft' ? -1 : 1);
        break;
      case 'Enter':
      case ' ': {
        const i = Math.max(0, cur);
        const row = this.rows.at(i)!;
        const s = cur >= 0 ? this.focusSession : -1;
        if (s >= 0 && e.shiftKey) this.selectGroup(i, row.groupOf[s]!);
        else if (s >= 0) this.selectSession(i, s, true);
        else this.selectRow(i);
        break;
      }
      case 'Escape':
        this.hover = undefined;
        this.select(undefined, undefined);
        break;
      default:
        used = this.zoom.handleKey(e);
    }
    if (used) e.preventDefault();
  };

  private get focusRowIndex(): number {
    return this.focusKey === undefined ? -1 : this.rows.indexOf(this.focusKey);
  }

  private moveRow(to: number): void {
    const i = Math.max(0, Math.min(this.rows.length - 1, to));
    const from = this.rows.at(this.focusRowIndex);
    const row = this.rows.at(i)!;
    // Keep the time (or the elapsed time) of the focused session when changing rows.
    if (from && this.focusSession >= 0) {
      const t = from.ts[this.focusSession]! - rowOffset(from, this.align) + rowOffset(row, this.align);
      this.focusOn(i, row, nearestSession(row, t));
    } else {
      this.focusOn(i, row, -1);
    }
  }

  private stepSession(delta: number): void {
    let i = this.focusRowIndex;
    if (i < 0) i = 0;
    const row = this.rows.at(i)!;
    let s = this.focusSession;
    if (s < 0) {
      if (delta < 0) return;
      // The first session in view, else the first one.
      const [t0] = visibleRange(this.scale!, this.plotWidth);
      const k = lowerBound(row.end, t0 + rowOffset(row, this.align));
      s = k < row.sessions.length && this.projection(row).x(row.ts[k]!) <= this.plotWidth ? k : 0;
    } else {
      s += delta;
      if (s >= row.sessions.length) s = row.sessions.length - 1;
    }
    this.focusOn(i, row, s);
  }

  /** Moves the keyboard focus to session `s` of the row in position `i` (`-1`: the row), shows and announces it. */
  private focusOn(i: number, row: CohortRow, s: number): void {
    this.focusKey = row.key;
    this.focusSession = s;
    this.hover = undefined;
    this.scrollRowIntoView(i);
    if (s >= 0) this.ensureVisible(row, s);
    this.announcement = this.describe({ row: i, session: s, group: s >= 0 ? row.groupOf[s]! : -1 });
  }

  /** Pans (keeping the zoom) so that session `s` of `row` is in view. */
  private ensureVisible(row: CohortRow, s: number): void {
    this.panToShow(row, row.ts[s]!, row.end[s]!);
  }

  /** Pans (keeping the zoom) so that row time `[a, b]` is in view, centred when it was not. */
  private panToShow(row: CohortRow, a: number, b: number): void {
    if (!this.scale) return;
    const p = this.projection(row);
    const x0 = p.x(a);
    const x1 = p.x(b);
    if (x1 < 8 || x0 > this.plotWidth - 8) this.zoom.panBy(this.plotWidth / 2 - (x0 + x1) / 2);
  }

  private scrollRowIntoView(i: number): void {
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    if (!scroller) return;
    const top = i * ROW_HEIGHT;
    const h = scroller.clientHeight;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + h) scroller.scrollTop = top + ROW_HEIGHT - h;
    this.rowsTop = scroller.scrollTop;
  }

  /** Selects from a click or a key: shown where it is (not scrolled to). */
  private select(id: string | undefined, at: { row: number; group: number; session: number } | undefined): void {
    this.selected = this.ownSelected = id;
    this.selection = at && { row: this.rows.order[at.row]!, group: at.group, session: at.session };
  }

  private selectRow(i: number): void {
    const row = this.rows.at(i)!;
    this.select(row.key, { row: i, group: -1, session: -1 });
    this.dispatchEvent(new DeviceSelectEvent({ deviceId: row.deviceId, userId: row.userId, deviceIds: row.deviceIds, sessions: row.sessions }));
  }

  private selectGroup(i: number, g: number): void {
    const row = this.rows.at(i)!;
    const group = row.groups[g]!;
    this.select(group.stitched.id, { row: i, group: g, session: -1 });
    this.dispatchEvent(new StitchedSelectEvent({ stitched: group.stitched, sessions: group.sessions }));
  }

  private selectSession(i: number, s: number, fromKeyboard: boolean): void {
    const row = this.rows.at(i)!;
    const session = row.sessions[s]!;
    this.select(session.id, { row: i, group: row.groupOf[s]!, session: s });
    if (fromKeyboard) this.announcement = `Selected: ${this.describe({ row: i, session: s, group: row.groupOf[s]! })}`;
    this.dispatchEvent(new SessionSelectEvent({ session, stitched: row.groups[row.groupOf[s]!]!.stitched }));
  }

  private setAlign(align: Alignment): void {
    if (align === this.align) return;
    this.align = align;
    this.fireViewChange();
  }

  private onSortChange = (e: Event): void => {
    const sort = (e.target as HTMLSelectElement).value as SortKey;
    if (sort === this.sort) return;
    this.sort = sort;
    this.fireViewChange();
  };

  private fireViewChange(): void {
    this.dispatchEvent(new ViewChangeEvent({ align: this.align, sort: this.sort, groupBy: this.groupBy }));
  }

  // Words ------------------------------------------------------------------------------

  private rowTitle(row: CohortRow): string {
    if (this.groupBy === 'user' && row.userId !== undefined) {
      return `user ${row.userId}${row.deviceIds.length > 1 ? ` · ${plural(row.deviceIds.length, 'device')}` : ` · device ${row.deviceId}`}`;
    }
    return `device ${row.deviceId}${row.userId !== undefined ? ` · user ${row.userId}` : ''}`;
  }

  private when(t: number, row: CohortRow): string {
    return this.align === 'relative' ? formatElapsed(t - row.first) : formatDateTime(t, this.tz, 'min');
  }

  /** One sentence for a target, for the live region. */
  private describe(t: Target): string {
    const row = this.rows.at(t.row);
    if (!row) return '';
    if (t.session >= 0) {
      const s = row.sessions[t.session]!;
      return `${this.rowTitle(row)}, session ${t.session + 1} of ${row.sessions.length}: ${s.state}, ${formatTimeRange(s.start, s.end, this.tz, true)}, ${formatDuration(s.duration)}, ended: ${END_BADGES[s.endReason].word}`;
    }
    return `${this.rowTitle(row)}: ${plural(row.sessions.length, 'session')} in ${plural(row.groups.length, 'stitched session')}, last seen ${formatDateTime(row.last, this.tz, 'min')}${problemsText((r) => row.endReasons[r])}`;
  }

  private tooltipLines(t: Target): TemplateResult[] {
    const row = this.rows.at(t.row)!;
    const dims = formatDimensions(row.dimensions);
    const head = [html`<p class="tip-title">${this.rowTitle(row)}</p>`, ...(dims ? [html`<p class="tip-dims">${dims}</p>`] : [])];
    if (t.session >= 0) {
      const s = row.sessions[t.session]!;
      const g = row.groups[row.groupOf[t.session]!]!;
      return [
        ...head,
        html`<p>Session ${s.number} · ${s.state}${s.coldStart ? ' · cold start' : ''}</p>`,
        html`<p>${formatTimeRange(s.start, s.end, this.tz, true)} · ${formatDuration(s.duration)}${this.align === 'relative' ? ` · at ${formatElapsed(s.start - row.first)}` : ''}</p>`,
        html`<p>ended: ${endBadgeText(s.endReason)}</p>`,
        html`<p>stitched #${g.stitched.number} · ${plural(g.sessions.length, 'session')} · ${formatDuration(g.end - g.start)}</p>`,
      ];
    }
    if (t.group >= 0) {
      const g = row.groups[t.group]!;
      return [
        ...head,
        html`<p>Stitched session #${g.stitched.number} · ${plural(g.sessions.length, 'session')}</p>`,
        html`<p>${formatTimeRange(g.start, g.end, this.tz, true)} · ${formatDuration(g.end - g.start)}</p>`,
        html`<p>ends: ${endsText(g.sessions)}</p>`,
        html`<p>ended: ${STITCHED_END_WORDS[g.stitched.endReason]}</p>`,
      ];
    }
    return [
      ...head,
      html`<p>${plural(row.sessions.length, 'session')} in ${plural(row.groups.length, 'stitched session')}</p>`,
      html`<p>foreground ${formatDuration(row.foregroundMs)} · background ${formatDuration(row.backgroundMs)}</p>`,
      html`<p>ends: ${endsText(row.sessions)}</p>`,
      html`<p>first seen ${this.when(row.first, row).replace(/^0$/, formatDateTime(row.first, this.tz, 'min'))} · last seen ${formatDateTime(row.last, this.tz, 'min')}</p>`,
    ];
  }

  // Canvas -----------------------------------------------------------------------------

  private drawCanvas(): void {
    const canvas = this.renderRoot.querySelector<HTMLCanvasElement>('canvas.bars');
    if (!canvas || !this.scale) return;
    const w = this.plotWidth;
    const h = this.viewportHeight;
    if (this.colorsStale || !this.colors) {
      this.colors = readTokens(this, COLOR_TOKENS) as Colors;
      this.colorsStale = false;
    }
    const c = this.colors;
    const top = this.rowsTop;
    const dpr = globalThis.devicePixelRatio || 1;
    // What the pixels depend on, but for the scroll position.
    const key = [this.rows, this.scale, c, w, h, this.align, dpr, canvas];
    const last = this.lastDraw;
    const dy = last ? top - last.top : 0;
    const shift = dy * dpr;
    if (last && dy !== 0 && Math.abs(dy) < h / 2 && Number.isInteger(shift) && key.every((v, i) => v === last.key[i])) {
      // Scrolled only: move the pixels already drawn and draw the strip that came into view.
      const ctx = canvas.getContext('2d');
      if (ctx) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.globalCompositeOperation = 'copy';
        ctx.drawImage(canvas, 0, -shift);
        ctx.globalCompositeOperation = 'source-over';
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        const [y0, y1] = dy > 0 ? [h - dy, h] : [0, -dy];
        ctx.save();
        ctx.beginPath();
        ctx.rect(0, y0, w, y1 - y0);
        ctx.clip();
        ctx.clearRect(0, y0, w, y1 - y0);
        this.drawRows(ctx, top + y0, top + y1, top, c);
        ctx.restore();
        this.lastDraw = { key, top };
        return;
      }
    }
    const ctx = prepareCanvas(canvas, w, h);
    if (!ctx) return;
    this.drawRows(ctx, top, top + h, top, c);
    this.lastDraw = { key, top };
  }

  /** Draws the rows that meet content px `[from, to)`, the rows scrolled by `top`. */
  private drawRows(ctx: CanvasRenderingContext2D, from: number, to: number, top: number, c: Colors): void {
    const w = this.plotWidth;
    const first = Math.max(0, Math.floor(from / ROW_HEIGHT));
    const last = Math.min(this.rows.length, Math.ceil(to / ROW_HEIGHT));
    const hatch = this.hatchPattern(ctx, c['session-background']);
    // Stripes are fixed to the rows, not to the canvas, so that scrolled pixels and new ones match.
    hatch?.setTransform?.(new DOMMatrix([1, 0, 0, 1, 0, -top]));
    for (let i = first; i < last; i++) {
      const y = i * ROW_HEIGHT - top;
      if (i % 2 === 1) {
        ctx.fillStyle = c.surface;
        ctx.fillRect(0, y, w, ROW_HEIGHT);
      }
      this.drawRow(ctx, this.rows.at(i)!, y + ROW_HEIGHT / 2, c, hatch);
    }
  }

  private drawRow(ctx: CanvasRenderingContext2D, row: CohortRow, mid: number, c: Colors, hatch: CanvasPattern | null): void {
    const w = this.plotWidth;
    const p = this.projection(row);
    const [t0, t1] = [p.t(0), p.t(w)];
    // Stitched sessions: a thin line under their bars (gaps between them stay empty).
    ctx.fillStyle = c.muted;
    const gHi = upperBound(row.groupStarts, t1);
    for (let g = lowerBound(row.groupStarts, t0 - row.maxGroupDuration); g < gHi; g++) {
      const grp = row.groups[g]!;
      if (grp.end < t0) continue;
      const x0 = Math.max(-1, p.x(grp.start));
      const x1 = Math.min(w + 1, p.x(grp.end));
      ctx.fillRect(x0, mid - 0.5, Math.max(1, x1 - x0), 1);
    }
    // Sessions, one mark per pixel column (level of detail).
    const top = mid - BAR_HEIGHT / 2;
    const bins = binByColumn(row, p, 0, w, 1, this.bins);
    const { first, count, flagged } = bins;
    for (let b = 0; b < bins.length; b++) {
      const x0 = Math.max(-2, bins.x0[b]!);
      const x1 = Math.min(w + 2, bins.x1[b]!);
      const width = Math.max(2, x1 - x0 - (x1 - x0 > 4 ? 1 : 0));
      if (!hasForeground(row, first[b]!, count[b]!)) {
        // Background: hatched and lighter, with an outline (reads without colour).
        ctx.globalAlpha = 0.35;
        ctx.fillStyle = c['session-background'];
        ctx.fillRect(x0, top + 2, width, BAR_HEIGHT - 4);
        ctx.globalAlpha = 1;
        if (hatch) {
          ctx.fillStyle = hatch;
          ctx.fillRect(x0, top + 2, width, BAR_HEIGHT - 4);
        }
      } else {
        ctx.fillStyle = c['session-foreground'];
        ctx.fillRect(x0, top, width, BAR_HEIGHT);
      }
    }
    // End marks on top, right after the session that ended (never hiding a short bar):
    // a shape and a colour.
    for (let b = 0; b < bins.length; b++) {
      if (flagged[b] === 0) continue;
      for (let k = first[b]!; k < first[b]! + count[b]!; k++) {
        const s = row.sessions[k]!;
        if (!MARKED_REASONS.has(s.endReason)) continue;
        const x = Math.max(p.x(s.end), p.x(s.start) + 2) + MARK_OFFSET;
        ctx.fillStyle = c.background;
        ctx.beginPath();
        ctx.arc(x, mid, 6, 0, Math.PI * 2);
        ctx.fill();
        ctx.fillStyle = ctx.strokeStyle = END_BADGES[s.endReason].tone === 'crash' ? c['end-crash'] : c['end-warning'];
        drawEndGlyph(ctx, s.endReason as MarkedEnd, x, mid, 0.75);
        break;
      }
    }
  }

  /** Diagonal stripes for background sessions, rebuilt only when the colour changes. */
  private hatchPattern(ctx: CanvasRenderingContext2D, color: string): CanvasPattern | null {
    if (this.hatch?.color === color) return this.hatch.pattern;
    const tile = document.createElement('canvas');
    tile.width = tile.height = 6;
    const t = tile.getContext('2d');
    let pattern: CanvasPattern | null = null;
    if (t) {
      t.strokeStyle = color;
      t.lineWidth = 1.5;
      t.beginPath();
      t.moveTo(-1, 7);
      t.lineTo(7, -1);
      t.moveTo(5, 7);
      t.lineTo(7, 5);
      t.moveTo(-1, 1);
      t.lineTo(1, -1);
      t.stroke();
      pattern = ctx.createPattern(tile, 'repeat');
    }
    this.hatch = { color, pattern };
    return pattern;
  }

  // Templates --------------------------------------------------------------------------

  /** The header; without `c` (a large cohort's summary is being computed) the counts the rows give, and the rest in words. */
  private renderHeader(c: CohortSummary | undefined, counts: Counts): TemplateResult {
    const model = this.derived;
    const diag = this.input.dropped(model);
    const sep = html`<span class="sep" aria-hidden="true"> · </span>`;
    const unit = this.groupBy === 'user' ? ['row', 'rows'] : ['device', 'devices'];
    const n = (v: number, one: string, many = `${one}s`) => html`<span><strong>${formatCount(v)}</strong> ${v === 1 ? one : many}</span>`;
    let rest: unknown;
    if (c) {
      const shares = PROBLEM_REASONS.map((r) => {
        const e = c.endShares.find((s) => s.reason === r);
        const b = END_BADGES[r];
        return html`${sep}<span class="share ${b.tone}" title="${formatCount(e?.count ?? 0)} sessions ended: ${b.word}"
            ><span class="glyph" aria-hidden="true">${b.glyph}</span> ${b.word} ${formatShare(e?.share ?? 0)}</span
          >`;
      });
      rest = html`${shares}${sep}<span>median session <strong>${formatDuration(c.medianSessionMs)}</strong></span>${sep}<span
          >median stitched <strong>${formatDuration(c.medianStitchedMs)}</strong></span
        >`;
    } else {
      rest = html`${sep}<span class="muted">counting end reasons and durations…</span>`;
    }
    return html`<div class="header" part="header">
      <p class="summary" part="summary" aria-busy=${c ? 'false' : 'true'}>
        ${n(counts.rows, unit[0]!, unit[1])}${this.groupBy === 'user' && c ? html`${sep}${n(c.devices, 'device')}` : nothing}${sep}${n(counts.stitched, 'stitched session')}${sep}${n(
          counts.sessions,
          'session',
        )}${rest}
      </p>
      ${diag ? html`<p class="dropped" role="note">⚠ ${diag}</p>` : nothing}
      <div class="tools">
        ${c
          ? html`${this.renderSparkline(c)}
              <details class="reasons">
                <summary>all end reasons</summary>
                <ul>
                  ${c.endShares.map((e) => html`<li>${endBadgeText(e.reason)} ${formatShare(e.share)} <span class="muted">(${formatCount(e.count)})</span></li>`)}
                </ul>
              </details>`
          : html`<figure class="spark" part="sparkline"><span>sessions/day …</span></figure>`}
        <span class="spacer-flex"></span>
        <div class="segmented" role="group" aria-label="Alignment">
          <span aria-hidden="true">align</span>
          <span class="buttons">
            <button aria-pressed=${this.align === 'calendar' ? 'true' : 'false'} @click=${() => this.setAlign('calendar')}>calendar</button>
            <button aria-pressed=${this.align === 'relative' ? 'true' : 'false'} @click=${() => this.setAlign('relative')}>relative</button>
          </span>
        </div>
        <label class="sort"
          >sort
          <select @change=${this.onSortChange} .value=${this.sort}>
            ${SORT_KEYS.map((k) => html`<option value=${k} ?selected=${k === this.sort}>${SORT_LABELS[k]}</option>`)}
          </select></label
        >
      </div>
    </div>`;
  }

  private renderSparkline(c: CohortSummary): TemplateResult {
    const days = c.perDay;
    const max = days.reduce((m, d) => Math.max(m, d.count), 0);
    const bw = days.length ? SPARK_WIDTH / days.length : 0;
    const gap = bw > 4 ? 1 : 0;
    const label = days.length
      ? `Sessions per day, ${formatDate(days[0]!.start, this.tz)} to ${formatDate(days[days.length - 1]!.start, this.tz)}: ${days.map((d) => formatCount(d.count)).join(', ')}`
      : 'Sessions per day: none';
    return html`<figure class="spark" part="sparkline">
      <span aria-hidden="true">sessions/day</span>
      <svg width=${SPARK_WIDTH} height=${SPARK_HEIGHT} role="img" aria-label=${label}>
        ${days.map((d, i) => {
          const h = max ? Math.max(d.count ? 2 : 1, (d.count / max) * SPARK_HEIGHT) : 1;
          return svg`<rect class=${d.count ? '' : 'empty'} x=${i * bw} y=${SPARK_HEIGHT - h} width=${Math.max(1, bw - gap)} height=${h}><title>${formatDate(d.start, this.tz)}: ${plural(d.count, 'session')}</title></rect>`;
        })}
      </svg>
    </figure>`;
  }

  private renderLabel(i: number, selectedRow: number, hoverRow: number): TemplateResult {
    const row = this.rows.at(i)!;
    const user = this.groupBy === 'user' ? (row.userId !== undefined ? `${plural(row.deviceIds.length, 'device')}` : 'no user') : (row.userId ?? '—');
    return html`<button
      class="row-label ${i % 2 ? 'odd' : ''} ${selectedRow === i ? 'selected' : ''} ${hoverRow === i ? 'hovered' : ''}"
      part="row-label"
      tabindex="-1"
      style=${styleMap({ top: `${i * ROW_HEIGHT}px` })}
      title=${this.rowTitle(row)}
      @click=${() => this.onLabelClick(i)}
    >
      <span class="id">${this.groupBy === 'user' && row.userId !== undefined ? row.userId : row.deviceId}</span>
      <span class="user">${user}</span>
      ${row.fatal ? html`<span class="fatal" aria-label=${plural(row.fatal, 'crash', 'crashes')}>✕${row.fatal}</span>` : nothing}
    </button>`;
  }

  private renderRows(): TemplateResult {
    const total = this.rows.length * ROW_HEIGHT;
    const vh = this.viewportHeight;
    const [first, last] = visibleRows(this.rowsTop, vh, ROW_HEIGHT, this.rows.length, OVERSCAN);
    const focusRow = this.focusRowIndex;
    const selectedRow = this.selection ? this.rows.positionOf(this.selection.row) : -1;
    const hoverRow = this.hover?.row ?? -1;
    // Keyed by row: while scrolling, rows that stay in view keep their label untouched, and
    // only the rows that come into view are rendered; a zoom frame leaves the labels alone.
    const labels = guard([this.rows, first, last, selectedRow, hoverRow, this.groupBy], () => {
      const inView: number[] = [];
      for (let i = first; i < last; i++) inView.push(i);
      return repeat(inView, (i) => this.rows.key(i), (i) => this.renderLabel(i, selectedRow, hoverRow));
    });
    return html`<div class="body" part="rows">
      <div class="scroller" @scroll=${this.onScroll}>
        <div class="spacer" style=${styleMap({ height: `${total}px` })}>
          <div class="labels-edge"></div>
          ${labels}
          <div
            class="plot-area"
            tabindex="0"
            role="application"
            aria-roledescription="stitched sessions"
            aria-label=${this.summary}
            aria-describedby="keys"
            style=${styleMap({ width: `${this.plotWidth}px`, height: `${total}px` })}
            @wheel=${this.zoom.onWheel}
            @pointerdown=${this.zoom.onPointerDown}
            @pointermove=${this.onPointerMove}
            @pointerup=${this.zoom.onPointerUp}
            @pointercancel=${this.zoom.onPointerUp}
            @pointerleave=${this.onPointerLeave}
            @dblclick=${this.zoom.onDoubleClick}
            @click=${this.onPlotClick}
            @keydown=${this.onKeyDown}
            @focus=${() => (this.plotFocused = true)}
            @blur=${() => (this.plotFocused = false)}
          >
            ${this.renderRings(focusRow)}
          </div>
        </div>
      </div>
      <div class="plot-layer" style=${styleMap({ width: `${this.plotWidth}px`, height: `${vh}px` })}>
        <canvas class="bars" style=${styleMap({ width: `${this.plotWidth}px`, height: `${vh}px` })}></canvas>
        ${this.renderTooltip(focusRow)}
      </div>
    </div>`;
  }

  /** Selection and keyboard focus, as DOM over the canvas (they scroll with the rows). */
  private renderRings(focusRow: number): unknown[] {
    const out: unknown[] = [];
    const w = this.plotWidth;
    const box = (i: number, s: number, g: number, cls: string): unknown => {
      const row = this.rows.at(i);
      if (!row) return nothing;
      const y = i * ROW_HEIGHT;
      if (s < 0 && g < 0) return html`<div class="ring row ${cls}" aria-hidden="true" style=${styleMap({ left: '0', top: `${y}px`, width: `${w}px`, height: `${ROW_HEIGHT}px` })}></div>`;
      const p = this.projection(row);
      const [a, b] = s >= 0 ? [row.ts[s]!, row.end[s]!] : [row.groups[g]!.start, row.groups[g]!.end];
      const x0 = Math.max(-4, p.x(a) - 3);
      const x1 = Math.min(w + 4, Math.max(p.x(a) + 2, p.x(b)) + 3);
      if (x1 < 0 || x0 > w) return nothing;
      return html`<div class="ring ${cls}" aria-hidden="true" style=${styleMap({ left: `${x0}px`, top: `${y + 3}px`, width: `${x1 - x0}px`, height: `${ROW_HEIGHT - 6}px` })}></div>`;
    };
    const sel = this.selection;
    if (sel) {
      const s = sel.session;
      out.push(box(this.rows.positionOf(sel.row), s, s >= 0 ? -1 : sel.group, 'selected'));
    }
    if (focusRow >= 0 && this.plotFocused) out.push(box(focusRow, this.focusSession, -1, 'focus'));
    return out;
  }

  private renderTooltip(focusRow: number): unknown {
    let target: Target | undefined;
    let x = 0;
    let y = 0;
    if (this.hover) {
      target = this.hover;
      x = this.hover.x;
      y = this.hover.y - this.rowsTop;
    } else if (this.plotFocused && focusRow >= 0) {
      const row = this.rows.at(focusRow)!;
      const s = this.focusSession;
      target = { row: focusRow, session: s, group: s >= 0 ? row.groupOf[s]! : -1 };
      x = s >= 0 ? Math.max(0, Math.min(this.plotWidth, this.projection(row).x(row.end[s]!))) : 0;
      y = focusRow * ROW_HEIGHT - this.rowsTop + ROW_HEIGHT;
    }
    if (!target) return nothing;
    return tooltipBox(this.tooltipLines(target), { x, y, width: this.plotWidth, height: this.viewportHeight });
  }

  private renderAxis(): TemplateResult {
    const r = this.visibleRange;
    const label = !r
      ? 'Time axis'
      : this.align === 'relative'
        ? `Elapsed time since each row's first session, from ${formatElapsed(r[0])} to ${formatElapsed(r[1])}`
        : `Time axis from ${formatDateTime(r[0], this.tz, 'min')} to ${formatDateTime(r[1], this.tz, 'min')}`;
    return html`<div class="axis-row">
      <div class="axis-label" aria-hidden="true">${this.align === 'relative' ? 'since first session' : this.timeZone ? this.timeZone : 'local time'}</div>
      ${timeAxis({ width: this.plotWidth, height: AXIS_HEIGHT, ticks: this.ticks, label })}
    </div>`;
  }

  override render(): TemplateResult {
    if (this.loading) return stateMessage('loading', 'Loading sessions…');
    const inputState = this.input.state();
    if (inputState) return inputState;
    const error = this.zoneError ?? this.inputError;
    if (error) return stateMessage('error', 'These events could not be shown.', error);
    const model = this.derived;
    const c = this.cohort;
    const counts = this.counts;
    if (!model || !counts || model.sessions.length === 0) {
      const diag = this.input.dropped(model);
      return stateMessage('empty', 'No sessions to show', diag);
    }
    if (this.rows.length === 0 || !this.scale) {
      const devices = new Set(model.sessions.map((s) => s.deviceId)).size;
      return stateMessage('empty', 'No sessions match the filter', `The data holds ${plural(model.sessions.length, 'session')} of ${plural(devices, 'device')}.`);
    }
    // The header and the axis stay out of the scroll frames (and the header out of zoom frames).
    const header = guard([c, counts, model, this.groupBy, this.align, this.sort, this.timeZone], () => this.renderHeader(c, counts));
    const axis = guard([this.scale, this.ticks, this.plotWidth, this.align, this.timeZone], () => this.renderAxis());
    return html`${header} ${this.renderRows()} ${axis}
      <p id="keys" class="visually-hidden">
        Up and down arrows choose a row, left and right arrows step through its sessions, Enter selects (Shift and Enter: the stitched session), Shift with left and right arrows pans, plus and minus zoom.
      </p>
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>`;
  }
}

// Helpers (pure) ---------------------------------------------------------------------

/** Whether any of sessions `[first, first + count)` of a row is a foreground one (a binned mark is then solid). */
function hasForeground(row: CohortRow, first: number, count: number): boolean {
  // A column rarely holds more than a few sessions; past 64 call it foreground.
  if (count > 64) return true;
  for (let k = first; k < first + count; k++) if (row.sessions[k]!.state === 'foreground') return true;
  return false;
}

/** `", 2 crashes, 1 abnormal end"`: how many sessions had each problem end (`count`), or `""`. */
function problemsText(count: (reason: EndReason) => number | undefined): string {
  const words = PROBLEM_REASONS.filter((r) => count(r)).map((r) => plural(count(r)!, r === 'abnormal' ? 'abnormal end' : END_BADGES[r].word, r === 'crash' ? 'crashes' : undefined));
  return words.length ? `, ${words.join(', ')}` : '';
}

/** `"✕ crash 1 · ▼ background 2"`: end reasons of sessions, problems first. */
function endsText(sessions: readonly Session[]): string {
  const counts = new Map<EndReason, number>();
  for (const s of sessions) counts.set(s.endReason, (counts.get(s.endReason) ?? 0) + 1);
  const rank = (r: EndReason) => (END_BADGES[r].tone === 'neutral' ? 1 : 0);
  return [...counts]
    .sort((a, b) => rank(a[0]) - rank(b[0]) || b[1] - a[1])
    .map(([r, n]) => `${endBadgeText(r)} ${formatCount(n)}`)
    .join(' · ');
}

if (!customElements.get('stitched-sessions')) customElements.define('stitched-sessions', StitchedSessions);

declare global {
  interface HTMLElementTagNameMap {
    'stitched-sessions': StitchedSessions;
  }
}
