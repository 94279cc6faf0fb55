import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { styleMap } from 'lit/directives/style-map.js';
import type { Primitive, SessionModel } from '../../core/index.js';
import { FILTER_SCOPES, createFilterIndex, formatFilterQuery, parseFilterQuery } from '../../core/filter/index.js';
import type { DimensionFilter, DimensionInfo, FilterIndex, FilterScope, FilterValue, HistogramBin } from '../../core/filter/index.js';
import { formatCount, formatDuration, plural } from '../../render/format.js';
import { END_BADGES } from '../shared/end-reason.js';
import { sessionModelContext } from '../shared/session-context.js';
import { ViewInput } from '../shared/model-input.js';
import { messageOf, stateMessage } from '../shared/state-message.js';
import { HistogramBrushController } from './histogram-brush-controller.js';
import { LinkedFilterController } from './linked-filter-controller.js';
import { HISTOGRAM_HEIGHT, styles } from './session-filter.styles.js';

/** A section shows a search box above its values when it has more than this many. */
export const SEARCH_THRESHOLD = 8;
/** Values listed before "Show all" (checked values are always listed). */
export const LIST_LIMIT = 30;
/** Sections open at first (when the data has them), as in the wireframe. */
const OPEN_AT_FIRST = ['app.version', 'endReason', 'duration'];
const SCOPE_WORDS: Readonly<Record<FilterScope, string>> = { session: 'sessions', stitched: 'stitched sessions', device: 'devices' };
/** How long the live region waits for the totals to settle before announcing them, ms. */
const ANNOUNCE_DELAY = 400;

/** One value of a categorical or boolean dimension, as listed. */
interface ValueRow {
  readonly value: Primitive;
  readonly label: string;
  readonly sessions: number;
  readonly checked: boolean;
}

/** What one dimension's section shows (computed in `willUpdate`, drawn by `render`). */
interface Section {
  readonly info: DimensionInfo;
  readonly filter: DimensionFilter | undefined;
  readonly open: boolean;
  readonly exclude: boolean;
  /** Categorical / boolean: the values listed, and how many more there are. */
  readonly rows?: readonly ValueRow[];
  readonly more?: number;
  readonly max?: number;
  /** Numeric: the histogram bins and the selected ones. */
  readonly bins?: readonly HistogramBin[];
  readonly selected?: readonly [number, number];
}

/** `null` -> `(none)`, booleans -> `yes` / `no`, end reasons with their shape. */
function valueLabel(info: DimensionInfo, v: Primitive): string {
  if (v === null) return '(none)';
  if (v === true) return 'yes';
  if (v === false) return 'no';
  if (v === '') return '(empty)';
  if (info.name === 'endReason' && typeof v === 'string' && Object.hasOwn(END_BADGES, v)) {
    const b = END_BADGES[v as keyof typeof END_BADGES];
    return `${b.glyph} ${b.word}`;
  }
  return String(v);
}

/** A number of a numeric dimension, in its unit. */
function formatAmount(info: DimensionInfo, n: number | undefined): string {
  if (n === undefined) return '…';
  return info.unit === 'ms' ? formatDuration(n) : formatCount(n);
}

/** The number inputs of a duration are in seconds; counts are counts. */
const inputFactor = (info: DimensionInfo): number => (info.unit === 'ms' ? 1000 : 1);

/** The bins `[from, to]` a range covers (those overlapping it), or undefined. */
function selectedBins(bins: readonly HistogramBin[], f: DimensionFilter | undefined): [number, number] | undefined {
  const r = f?.ranges?.[0];
  if (!r || bins.length === 0) return undefined;
  let from = -1;
  let to = -1;
  bins.forEach((b, i) => {
    if ((r.min === undefined || b.x1 > r.min) && (r.max === undefined || b.x0 < r.max)) {
      if (from < 0) from = i;
      to = i;
    }
  });
  return from < 0 ? undefined : [from, to];
}

/** A short description of an active dimension filter, for the closed section. */
function filterSummary(info: DimensionInfo, f: DimensionFilter): string {
  const parts: string[] = (f.values ?? []).map((v) => valueLabel(info, v));
  for (const r of f.ranges ?? []) parts.push(r.min === undefined ? `< ${formatAmount(info, r.max)}` : r.max === undefined ? `≥ ${formatAmount(info, r.min)}` : `${formatAmount(info, r.min)} – ${formatAmount(info, r.max)}`);
  const text = parts.length > 2 ? `${parts.slice(0, 2).join(', ')} +${parts.length - 2}` : parts.join(', ');
  return `${f.exclude ? 'not ' : ''}${text}`;
}

const attrConverter = {
  fromAttribute: (v: string | null): string => v ?? '',
  toAttribute: (v: string): string => v,
};

/**
 * A faceted filter panel for sessions: every dimension of the data (app & device, experiments,
 * session facts) as a collapsible section listing its values with faceted counts and bars, or,
 * for durations and event counts, a histogram with a range brush. A free-text box matches user
 * and device ids; a scope picker applies the filter to sessions, stitched sessions or devices.
 * The whole filter is one URL query string (`app.version=2.3.0&!country=DE`).
 *
 * Value-like: `.value` is the {@link FilterValue}; the element fires the native `input` event
 * while the filter changes (each tick, keystroke or brush move) and `change` once per committed
 * change (a checkbox, the end of a brush, Enter or leaving a text box). It is form-associated:
 * with a `name`, a form submits its query string; `form.reset()` restores the `value` attribute.
 * `for="id1 id2"` links views: after every change, and when a view with such an id appears,
 * its `filter` property gets the current filter. A histogram's range has two keyboard handles
 * (`role="slider"`: arrows by a bin, Shift by ten, Home / End, Escape clears).
 *
 * @summary Faceted session filters with counts, histograms and a URL query-string value.
 *
 * @fires input - While the filter changes (native `Event`, bubbles, composed).
 * @fires change - Once per committed change (native `Event`, bubbles, composed).
 *
 * @csspart header - The totals line and the clear-all button.
 * @csspart total - The totals line.
 * @csspart dimension - One dimension's collapsible section.
 * @csspart value - One value of a dimension (its checkbox, label, bar and count).
 * @csspart bar - The bar of a value, proportional to its count.
 * @csspart histogram - The histogram and range of a numeric dimension.
 * @csspart search - The text boxes (user / device id, and a section's value search).
 * @csspart state - The empty and error messages.
 *
 * @cssproperty --session-filter-font - Font family.
 * @cssproperty --session-filter-background - Background colour.
 * @cssproperty --session-filter-surface - Background of headers, bar tracks and messages.
 * @cssproperty --session-filter-text - Text colour.
 * @cssproperty --session-filter-muted - Secondary text and zero counts.
 * @cssproperty --session-filter-border - Border colour.
 * @cssproperty --session-filter-accent - Bars, the brush and the focus ring.
 * @cssproperty --session-filter-bar - Bars of values and histogram bins (default: the accent).
 * @cssproperty --session-filter-exclude - Bars of an excluded ("not") dimension.
 * @cssproperty --session-filter-end-crash - Text of the error message (bad input).
 */
export class SessionFilterElement extends LitElement {
  static override styles = styles;
  /** Form-associated: with a `name`, a form submits the filter's query string. */
  static formAssociated = true;

  // Controllers ------------------------------------------------------------------------

  private readonly brush = new HistogramBrushController(this, {
    brush: (name, from, to, final) => this.onBrush(name, from, to, final),
    clear: (name) => this.onClearRange(name),
  });
  /** The views named in `for`, given the filter after every change. */
  readonly links = new LinkedFilterController(
    this,
    () => this.htmlFor,
    () => this.index,
  );

  private readonly internals: ElementInternals = this.attachInternals();

  // Public properties ------------------------------------------------------------------

  /** Raw events (any JSON array); sessions are derived with the core. Ignored when `model` is set. */
  @property({ attribute: false }) events: unknown;

  /** An already derived model; wins over `events`. Share it with the views the filter drives. */
  @property({ attribute: false }) model: SessionModel | undefined;

  /**
   * URL of raw events (a JSON array, or NDJSON: one event a line), used when neither `model`
   * nor `events` is set. A new `src` aborts the load in flight.
   */
  @property() src: string | undefined;

  /**
   * From this many `events` on, sessions are derived in a Web Worker (default 500,000), so the
   * page stays responsive; `0` always, `Infinity` never. Where no worker can start, the page
   * derives them itself.
   */
  @property({ attribute: 'worker-threshold', type: Number }) workerThreshold: number | undefined;

  /** The model of an enclosing `<session-data>`: used only when neither `model` nor `events` is set. */
  @consume({ context: sessionModelContext, subscribe: true }) @state() private contextModel: SessionModel | undefined;

  /**
   * The filter as a URL query string (`app.version=2.3.0&!country=DE&duration=0..240000`):
   * the `value` attribute. Setting it sets the filter; it is also the value `form.reset()`
   * restores. Parts that cannot be read are left out and described in a notice.
   */
  @property({ attribute: 'value', converter: attrConverter }) defaultValue = '';

  /** Space-separated ids of elements (in the same document or shadow root) whose `filter` this sets. */
  @property({ attribute: 'for' }) htmlFor: string | undefined;

  /** The name under which a form submits the query string. */
  @property({ reflect: true }) name: string | undefined;

  /** `"light"` or `"dark"` forces a colour scheme; default: follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** Shows the loading message instead of the dimensions (the page is still fetching or deriving its data). */
  @property({ type: Boolean, reflect: true }) loading = false;

  // Internal state ---------------------------------------------------------------------

  /** Bumped on every change of the index's filter, so Lit re-renders. */
  @state() private revision = 0;
  @state() private openNames: ReadonlySet<string> | undefined;
  @state() private searches: Readonly<Record<string, string>> = {};
  @state() private showAll: ReadonlySet<string> = new Set();
  /** "not" ticked on dimensions that have no values chosen yet. */
  @state() private excludeWanted: ReadonlySet<string> = new Set();
  @state() private textDraft = '';
  @state() private notices: readonly string[] = [];
  @state() private announcement = '';

  private derived: SessionModel | undefined;
  private inputError: string | undefined;
  /** Where the model comes from: `model`, `events`, `src` or `<session-data>`. */
  private readonly input = new ViewInput(this, () => this.contextModel);
  private index: FilterIndex | undefined;
  /** A value set before there was an index (or since the last update), applied in `willUpdate`. */
  private pending: { readonly query: string } | { readonly value: FilterValue } | undefined;
  /** The query of the last `change` (or of the last value set from outside). */
  private committed = '';
  private formQuery: string | undefined;
  private sections: Section[] = [];
  private sectionsKey: unknown[] = [];
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  // Lifecycle --------------------------------------------------------------------------

  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const root = super.createRenderRoot();
    // Inner controls fire composed `input` events of their own: only the host's reach the page.
    root.addEventListener('input', stop);
    root.addEventListener('change', stop);
    return root;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (this.input.changed(changed)) this.deriveModel();
    if (changed.has('defaultValue') && (changed.get('defaultValue') !== undefined || this.defaultValue !== '')) this.pending = { query: this.defaultValue };
    if (this.index && this.pending) this.applyPending();
    if (this.openNames === undefined && this.index) {
      this.openNames = new Set(this.index.dimensions.filter((d) => OPEN_AT_FIRST.includes(d.name) || this.index?.value.dimensions?.[d.name]).map((d) => d.name));
    }
    const key = [this.index, this.index?.version, this.openNames, this.searches, this.showAll, this.excludeWanted];
    if (key.some((v, i) => v !== this.sectionsKey[i])) {
      this.sectionsKey = key;
      this.sections = this.index ? this.buildSections(this.index) : [];
    }
    const query = this.query;
    if (query !== this.formQuery) {
      this.formQuery = query;
      this.internals.setFormValue(query);
    }
  }

  // Derivation (willUpdate only) -------------------------------------------------------

  private deriveModel(): void {
    const previous = this.index ? { value: this.index.value } : this.pending;
    const { model, error } = this.input.resolve();
    this.derived = model;
    this.inputError = error;
    this.index = undefined;
    try {
      if (model && model.sessions.length > 0) this.index = createFilterIndex(model);
    } catch (e) {
      this.inputError = messageOf(e);
      this.derived = undefined;
    }
    // The filter carries over to new data; names the new data lacks are reported.
    this.pending = previous;
    this.sectionsKey = [];
  }

  /** Applies the value or query set from outside to the index, reporting what it leaves out. */
  private applyPending(): void {
    const index = this.index!;
    const p = this.pending!;
    this.pending = undefined;
    let query: string;
    try {
      query = 'query' in p ? p.query : formatFilterQuery(p.value ?? {});
    } catch (e) {
      this.notices = [`The filter could not be read: ${messageOf(e)}`];
      return;
    }
    const { value, errors } = parseFilterQuery(query, index);
    index.setFilter(value);
    this.notices = errors;
    this.textDraft = value.text ?? '';
    this.committed = this.query;
    this.revision++;
  }

  private buildSections(index: FilterIndex): Section[] {
    const dims = index.value.dimensions ?? {};
    return index.dimensions.map((info) => {
      const filter = Object.hasOwn(dims, info.name) ? dims[info.name] : undefined;
      const open = this.openNames?.has(info.name) ?? false;
      const exclude = this.excluded(info.name, filter);
      if (!open) return { info, filter, open, exclude };
      if (info.kind === 'numeric') {
        const bins = index.histogram(info.name);
        const selected = selectedBins(bins, filter);
        return { info, filter, open, exclude, bins, ...(selected ? { selected } : {}) };
      }
      const counts = index.counts(info.name);
      const chosen = filter?.values ?? [];
      const isChosen = (v: Primitive) => chosen.some((c) => c === v || (c === 0 && v === 0));
      const q = (this.searches[info.name] ?? '').trim().toLowerCase();
      const all = this.showAll.has(info.name);
      const rows: ValueRow[] = [];
      let more = 0;
      let max = 0;
      for (const c of counts) {
        max = Math.max(max, c.sessions);
        const label = valueLabel(info, c.value);
        if (q && !label.toLowerCase().includes(q)) continue;
        const checked = isChosen(c.value);
        if (!all && rows.length >= LIST_LIMIT && !checked) {
          more++;
          continue;
        }
        rows.push({ value: c.value, label, sessions: c.sessions, checked });
      }
      return { info, filter, open, exclude, rows, more, max };
    });
  }

  /** Whether dimension `name` excludes: as its filter says, else as "not" was ticked before any value. */
  private excluded(name: string, filter: DimensionFilter | undefined): boolean {
    return filter ? filter.exclude === true : this.excludeWanted.has(name);
  }

  // Public API -------------------------------------------------------------------------

  /**
   * The filter: `{ dimensions: { 'app.version': { values: ['2.3.0'] } }, text, scope }`.
   * Setting it updates the panel (names the data does not have are left out, with a notice);
   * it fires no event, like a native input's `value`.
   */
  get value(): FilterValue {
    if (this.pending) {
      if ('value' in this.pending) return this.pending.value;
      return parseFilterQuery(this.pending.query).value;
    }
    return this.index?.value ?? {};
  }

  set value(v: FilterValue) {
    const old = this.value;
    this.pending = { value: v ?? {} };
    this.requestUpdate('value', old);
  }

  /**
   * The filter as a URL query string, without `?` (`""` when nothing is filtered). Setting
   * it works like setting `value` (parts that cannot be read are left out, with a notice).
   */
  get query(): string {
    return formatFilterQuery(this.value);
  }

  set query(q: string) {
    const old = this.value;
    this.pending = { query: String(q ?? '').replace(/^\?/, '') };
    this.requestUpdate('value', old);
  }

  /** The filter index (sessions, dimensions, faceted counts, `matches`), once there is data. */
  get filterIndex(): FilterIndex | undefined {
    return this.index;
  }

  /** The form this element belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  /** Clears every dimension filter and the text (the scope stays). Fires no event. */
  clear(): void {
    this.value = { ...(this.value.scope ? { scope: this.value.scope } : {}) };
  }

  /** `form.reset()`: back to the `value` attribute (empty when there is none). */
  formResetCallback(): void {
    this.pending = { query: this.defaultValue };
    this.excludeWanted = new Set();
    this.requestUpdate();
  }

  /** Restores the query string the browser saved (navigation back, autofill). */
  formStateRestoreCallback(saved: string | File | FormData | null): void {
    if (typeof saved === 'string') {
      this.pending = { query: saved };
      this.requestUpdate();
    }
  }

  // Changes ----------------------------------------------------------------------------

  /** After the user changed the index: re-render, fire `input` (and `change` when committed). */
  private changedByUser(commit: boolean): void {
    this.revision++;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (commit) this.commit();
    this.scheduleAnnouncement();
  }

  /** Fires `change` when the filter differs from the last committed one. */
  private commit(): void {
    const q = this.query;
    if (q === this.committed) return;
    this.committed = q;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private setDimension(name: string, filter: DimensionFilter | undefined, commit: boolean): void {
    if (!this.index) return;
    this.index.setDimension(name, filter);
    this.changedByUser(commit);
  }

  private scheduleAnnouncement(): void {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement = this.totalSentence();
    }, ANNOUNCE_DELAY);
  }

  private totalSentence(): string {
    const index = this.index;
    if (!index) return '';
    const t = index.total;
    if (t.sessions === 0) return 'No sessions match the filter.';
    return `${formatCount(t.sessions)} of ${plural(index.all.sessions, 'session')} match, on ${plural(t.devices, 'device')}.`;
  }

  // Handlers ---------------------------------------------------------------------------

  private onToggleValue(info: DimensionInfo, value: Primitive, checked: boolean): void {
    const f = this.index?.value.dimensions?.[info.name];
    const values = (f?.values ?? []).filter((v) => v !== value);
    if (checked) values.push(value);
    const exclude = this.excluded(info.name, f);
    this.setDimension(info.name, values.length || f?.ranges?.length ? { values, ...(f?.ranges ? { ranges: f.ranges } : {}), ...(exclude ? { exclude } : {}) } : undefined, true);
  }

  private onExclude(info: DimensionInfo, on: boolean): void {
    const wanted = new Set(this.excludeWanted);
    if (on) wanted.add(info.name);
    else wanted.delete(info.name);
    this.excludeWanted = wanted;
    const f = this.index?.value.dimensions?.[info.name];
    if (!f) return; // Nothing chosen yet: "not" applies to the values chosen next.
    const { exclude: _, ...rest } = f;
    this.setDimension(info.name, on ? { ...rest, exclude: true } : rest, true);
  }

  private onClearDimension(info: DimensionInfo): void {
    const wanted = new Set(this.excludeWanted);
    wanted.delete(info.name);
    this.excludeWanted = wanted;
    this.setDimension(info.name, undefined, true);
  }

  private onClearAll = (): void => {
    if (!this.index) return;
    const scope = this.index.value.scope;
    this.index.setFilter(scope ? { scope } : {});
    this.textDraft = '';
    this.excludeWanted = new Set();
    this.changedByUser(true);
  };

  private onBrush(name: string, from: number, to: number, final: boolean): void {
    const section = this.sections.find((s) => s.info.name === name);
    const bins = section?.bins;
    if (!bins || !bins.length) return;
    const range: { min?: number; max?: number } = {};
    // The first and last bins reach to the ends: nothing below or above is left out.
    if (from > 0) range.min = bins[from]!.x0;
    if (to < bins.length - 1) range.max = bins[to]!.x1;
    this.setRange(name, range, section.exclude, final);
  }

  /** Escape / Delete on a histogram handle: clears that dimension, if it has a filter. */
  private onClearRange(name: string): void {
    const info = this.index?.dimensions.find((d) => d.name === name);
    if (info && this.index?.value.dimensions?.[name]) this.onClearDimension(info);
  }

  private onRangeInput(info: DimensionInfo, bound: 'min' | 'max', e: Event, commit: boolean): void {
    const input = e.target as HTMLInputElement;
    const f = this.index?.value.dimensions?.[info.name];
    const old = f?.ranges?.[0] ?? {};
    const n = input.value.trim() === '' ? undefined : Number(input.value) * inputFactor(info);
    if (n !== undefined && !Number.isFinite(n)) return;
    const range: { min?: number; max?: number } = { ...old };
    if (n === undefined) delete range[bound];
    else range[bound] = n;
    this.setRange(info.name, range, this.excluded(info.name, f), commit);
  }

  /** Sets dimension `name` to `range` (none: no filter); a range it already has only commits. */
  private setRange(name: string, range: { min?: number; max?: number }, exclude: boolean, commit: boolean): void {
    const next = range.min === undefined && range.max === undefined ? undefined : { ranges: [range], ...(exclude ? { exclude } : {}) };
    if (JSON.stringify(this.index?.value.dimensions?.[name]) === JSON.stringify(next)) {
      if (commit) this.commit();
      return;
    }
    this.setDimension(name, next, commit);
  }

  private onTextInput = (e: Event): void => {
    this.textDraft = (e.target as HTMLInputElement).value;
    this.index?.setText(this.textDraft);
    this.changedByUser(false);
  };

  private onTextChange = (): void => {
    this.commit();
  };

  private onTextKeyDown = (e: KeyboardEvent): void => {
    // Enter commits even when the browser fires no `change` (the text did not change since).
    if (e.key === 'Enter') this.commit();
  };

  private onScope = (e: Event): void => {
    this.index?.setScope((e.target as HTMLSelectElement).value as FilterScope);
    this.changedByUser(true);
  };

  private onSectionToggle(name: string, e: Event): void {
    const open = (e.target as HTMLDetailsElement).open;
    if ((this.openNames?.has(name) ?? false) === open) return;
    const next = new Set(this.openNames);
    if (open) next.add(name);
    else next.delete(name);
    this.openNames = next;
  }

  private onSearch(name: string, e: Event): void {
    this.searches = { ...this.searches, [name]: (e.target as HTMLInputElement).value };
  }

  private onShowAll(name: string): void {
    this.showAll = new Set([...this.showAll, name]);
  }

  // Templates --------------------------------------------------------------------------

  private renderHeader(index: FilterIndex): TemplateResult {
    const t = index.total;
    const a = index.all;
    const scope = index.value.scope ?? 'session';
    const active = this.query !== '' && this.query !== `scope=${scope}`;
    return html`<div class="header" part="header">
      <p class="total" part="total">
        <span><strong>${formatCount(t.sessions)}</strong> of ${plural(a.sessions, 'session')}</span><span class="sep" aria-hidden="true"> · </span>${scope === 'stitched'
          ? html`<span><strong>${formatCount(t.stitched)}</strong> of ${plural(a.stitched, 'stitched session')}</span><span class="sep" aria-hidden="true"> · </span>`
          : nothing}<span><strong>${formatCount(t.devices)}</strong> ${t.devices === 1 ? 'device' : 'devices'}</span>
      </p>
      <button type="button" class="clear-all" ?disabled=${!active} @click=${this.onClearAll}>Clear all</button>
    </div>`;
  }

  private renderControls(index: FilterIndex): TemplateResult {
    const scope = index.value.scope ?? 'session';
    return html`<div class="controls">
      <input
        type="search"
        class="text"
        part="search"
        placeholder="User or device ID…"
        aria-label="Match user or device ID"
        .value=${this.textDraft}
        @input=${this.onTextInput}
        @change=${this.onTextChange}
        @keydown=${this.onTextKeyDown}
      />
      <label class="scope"
        >Apply to
        <select @change=${this.onScope} .value=${scope}>
          ${FILTER_SCOPES.map((s) => html`<option value=${s} ?selected=${s === scope}>${SCOPE_WORDS[s]}</option>`)}
        </select></label
      >
    </div>`;
  }

  private renderSection(s: Section): TemplateResult {
    const { info } = s;
    return html`<details class="dimension ${s.filter ? 'active' : ''} ${s.exclude ? 'excluded' : ''}" part="dimension" data-name=${info.name} ?open=${s.open} @toggle=${(e: Event) => this.onSectionToggle(info.name, e)}>
      <summary>
        <span class="chevron" aria-hidden="true"></span><span class="dim-label">${info.label}</span>
        ${s.filter ? html`<span class="dim-active">${filterSummary(info, s.filter)}</span>` : html`<span class="dim-count">${info.kind === 'numeric' ? '' : formatCount(info.cardinality)}</span>`}
      </summary>
      ${s.open ? this.renderBody(s) : nothing}
    </details>`;
  }

  private renderBody(s: Section): TemplateResult {
    const { info } = s;
    const search = info.kind !== 'numeric' && info.cardinality > SEARCH_THRESHOLD;
    return html`<div class="body">
      <div class="tools">
        ${search
          ? html`<input type="search" class="value-search" part="search" placeholder="Search…" aria-label="Search ${info.label} values" .value=${this.searches[info.name] ?? ''} @input=${(e: Event) => this.onSearch(info.name, e)} />`
          : html`<span class="spacer"></span>`}
        <label class="not" title="Keep sessions whose ${info.label} is not chosen"
          ><input type="checkbox" .checked=${s.exclude} @change=${(e: Event) => this.onExclude(info, (e.target as HTMLInputElement).checked)} /><span>not</span
          ><span class="visually-hidden"> (exclude the chosen ${info.label} values)</span></label
        >
        <button type="button" class="clear" ?disabled=${!s.filter} @click=${() => this.onClearDimension(info)}>Clear<span class="visually-hidden"> ${info.label}</span></button>
      </div>
      ${s.bins ? this.renderHistogram(s, s.bins) : this.renderValues(s)}
    </div>`;
  }

  private renderValues(s: Section): TemplateResult {
    const rows = s.rows ?? [];
    const max = s.max || 1;
    return html`<ul class="values" role="list" aria-label="${s.info.label} values">
        ${rows.map(
          (r) => html`<li>
            <label class="value ${r.sessions === 0 ? 'zero' : ''} ${r.checked ? 'checked' : ''}" part="value" title=${r.label}
              ><input type="checkbox" .checked=${r.checked} @change=${(e: Event) => this.onToggleValue(s.info, r.value, (e.target as HTMLInputElement).checked)} /><span class="name">${r.label}</span
              ><span class="track" aria-hidden="true"><span class="bar" part="bar" style=${styleMap({ width: `${(r.sessions / max) * 100}%` })}></span></span
              ><span class="count">${formatCount(r.sessions)}<span class="visually-hidden"> ${r.sessions === 1 ? 'session' : 'sessions'}</span></span></label
            >
          </li>`,
        )}
      </ul>
      ${rows.length === 0 ? html`<p class="none">No value matches “${this.searches[s.info.name] ?? ''}”</p>` : nothing}
      ${s.more ? html`<button type="button" class="more" @click=${() => this.onShowAll(s.info.name)}>Show ${plural(s.more, 'more value')}</button>` : nothing}`;
  }

  private renderHistogram(s: Section, bins: readonly HistogramBin[]): TemplateResult {
    const { info } = s;
    const n = bins.length;
    if (n === 0) return html`<p class="none">No values</p>`;
    const max = bins.reduce((m, b) => Math.max(m, b.sessions), 0) || 1;
    const drag = this.brush.active?.name === info.name ? this.brush.active : undefined;
    const sel = drag ? ([drag.from, drag.to] as const) : s.selected;
    const range = s.filter?.ranges?.[0];
    const f = inputFactor(info);
    const unit = info.unit === 'ms' ? 's' : '';
    const label = `${info.label} histogram, drag to choose a range: ${bins.map((b) => `${formatAmount(info, b.x0)} to ${formatAmount(info, b.x1)}: ${plural(b.sessions, 'session')}`).join('; ')}`;
    const selText = range
      ? `${s.exclude ? 'not ' : ''}${range.min === undefined ? 'up to' : formatAmount(info, range.min)}${range.min !== undefined && range.max !== undefined ? ' – ' : ' '}${range.max === undefined ? 'and more' : formatAmount(info, range.max)}`
      : `all: ${formatAmount(info, bins[0]!.x0)} – ${formatAmount(info, bins[n - 1]!.x1)}`;
    const [from, to] = sel ?? [0, n - 1];
    const handle = (which: 'from' | 'to') => {
      const at = which === 'from' ? bins[from]!.x0 : bins[to]!.x1;
      const [min, max] = which === 'from' ? [bins[0]!.x0, bins[to]!.x0] : [bins[from]!.x1, bins[n - 1]!.x1];
      return html`<span
        class="handle ${which}"
        role="slider"
        tabindex="0"
        aria-label="${info.label} ${which}"
        aria-orientation="horizontal"
        aria-valuemin=${min}
        aria-valuemax=${max}
        aria-valuenow=${at}
        aria-valuetext=${formatAmount(info, at)}
        style=${styleMap({ left: `${((which === 'from' ? from : to + 1) / n) * 100}%` })}
        @keydown=${this.brush.onKeyDown(info.name, which, from, to, n)}
      ></span>`;
    };
    // The number inputs of the range, in the unit of `inputFactor` (a blank one is open-ended).
    const bound = (b: 'min' | 'max', word: string, placeholder: number) =>
      html`<label
        ><span class="visually-hidden">${info.label} </span>${word}${unit ? html`<span class="visually-hidden"> (seconds)</span>` : nothing}
        <input
          type="number"
          min="0"
          step="any"
          placeholder=${String(placeholder / f)}
          .value=${range?.[b] === undefined ? '' : String(range[b] / f)}
          @input=${(e: Event) => this.onRangeInput(info, b, e, false)}
          @change=${(e: Event) => this.onRangeInput(info, b, e, true)}
        />${unit ? html`<span class="unit" aria-hidden="true">${unit}</span>` : nothing}</label
      >`;
    return html`<div class="histogram" part="histogram">
      <div class="plot">
        <svg
          class="bins ${drag ? 'dragging' : ''}"
          viewBox="0 0 ${n * 10} ${HISTOGRAM_HEIGHT}"
          preserveAspectRatio="none"
          role="img"
          aria-label=${label}
          @pointerdown=${this.brush.onPointerDown(info.name, n)}
          @pointermove=${this.brush.onPointerMove(info.name, n)}
          @pointerup=${this.brush.onPointerUp(info.name)}
          @pointercancel=${this.brush.onPointerUp(info.name)}
        >
          ${sel ? svg`<rect class="brush" x=${sel[0] * 10} y="0" width=${(sel[1] - sel[0] + 1) * 10} height=${HISTOGRAM_HEIGHT}></rect>` : nothing}
          ${bins.map((b, i) => {
            const h = b.sessions ? Math.max(1.5, (b.sessions / max) * (HISTOGRAM_HEIGHT - 2)) : 0;
            const on = !sel || (i >= sel[0] && i <= sel[1]);
            return svg`<rect class="bin ${on ? 'on' : 'off'}" x=${i * 10 + 1} y=${HISTOGRAM_HEIGHT - h} width="8" height=${h}></rect>`;
          })}
        </svg>
        ${handle('from')}${handle('to')}
      </div>
      <div class="hist-axis" aria-hidden="true"><span>${formatAmount(info, bins[0]!.x0)}</span><span>${formatAmount(info, bins[n - 1]!.x1)}</span></div>
      <p class="range-text">${selText}</p>
      <div class="range">${bound('min', 'from', bins[0]!.x0)} ${bound('max', 'to', bins[n - 1]!.x1)}</div>
    </div>`;
  }

  private renderNotices(): unknown {
    if (!this.notices.length) return nothing;
    return html`<div class="notice" role="status">
      <p>Part of the filter was left out:</p>
      <ul>
        ${this.notices.map((n) => html`<li>${n}</li>`)}
      </ul>
      <button type="button" class="dismiss" @click=${() => (this.notices = [])}>Dismiss</button>
    </div>`;
  }

  override render(): TemplateResult {
    if (this.loading) return stateMessage('loading', 'Loading sessions…');
    const inputState = this.input.state();
    if (inputState) return inputState;
    if (this.inputError) return stateMessage('error', 'These events could not be filtered.', this.inputError);
    const index = this.index;
    if (!index) return stateMessage('empty', 'No sessions to filter', this.input.dropped(this.derived));
    const groups: { label: string; sections: Section[] }[] = [];
    for (const s of this.sections) {
      const last = groups[groups.length - 1];
      if (last && last.label === s.info.groupLabel) last.sections.push(s);
      else groups.push({ label: s.info.groupLabel, sections: [s] });
    }
    const none = index.total.sessions === 0;
    return html`${this.renderHeader(index)} ${this.renderControls(index)} ${this.renderNotices()}
      ${none
        ? html`<div class="no-match" role="status">
            <span aria-hidden="true">∅</span>
            <p>No sessions match: clear a filter</p>
            <button type="button" @click=${this.onClearAll}>Clear all</button>
          </div>`
        : nothing}
      ${groups.map(
        (g, i) => html`<section class="group" aria-labelledby="group-${i}">
          <p class="group-title" id="group-${i}">${g.label}${g.label === 'Experiments' ? ` (${g.sections.length})` : ''}</p>
          ${g.sections.map((s) => this.renderSection(s))}
        </section>`,
      )}
      <p class="visually-hidden" aria-live="polite">${this.announcement}</p>`;
  }
}

function stop(e: Event): void {
  // Only the inner controls' events: the host's own (target is the host) pass.
  e.stopPropagation();
}

if (!customElements.get('session-filter')) customElements.define('session-filter', SessionFilterElement);

declare global {
  interface HTMLElementTagNameMap {
    'session-filter': SessionFilterElement;
  }
}
