// The demo page, which is also a small viewer: generated sample data by default, or a JSON /
// NDJSON file the user opens or drops. The model is derived once and handed to both
// elements; <stitched-sessions> shows every device, <session-timeline> the one clicked.
// The view (device, align, sort) lives in the URL query; <session-filter> (linked to both
// views with for="…") owns every other key, and each committed filter change is a history
// entry, so Back undoes it.
import { deriveSessions } from '../src/core/index.js';
import type { SessionModel } from '../src/core/types.js';
import { generateEvents } from '../src/core/sample-data.js';
import { summarizeDiagnostics } from '../src/elements/shared/state-message.js';
import { formatCount, formatDuration, plural } from '../src/render/format.js';
import '../src/elements/stitched-sessions/stitched-sessions.js';
import '../src/elements/session-timeline/session-timeline.js';
import '../src/elements/session-filter/session-filter.js';
import { readEventsFile, summarizeLineErrors, type ParsedEvents } from './load-file.js';
import { readFilterQuery, readViewState, writeFilterQuery, writeViewState, type ViewState } from './url-state.js';

const SAMPLE = { seed: 7, devices: 300, days: 7 } as const;
/** How many dropped items / bad lines a notice lists before "and N more". */
const LISTED = 5;
const THEME_KEY = 'session-kit-demo-theme';

// Elements ----------------------------------------------------------------------------

function $<T extends Element>(selector: string): T {
  const el = document.querySelector<T>(selector);
  if (!el) throw new Error(`demo: ${selector} is missing from index.html`);
  return el;
}

const root = document.documentElement;
const stitched = $<HTMLElementTagNameMap['stitched-sessions']>('stitched-sessions');
const timeline = $<HTMLElementTagNameMap['session-timeline']>('session-timeline');
const filter = $<HTMLElementTagNameMap['session-filter']>('session-filter');
const timelineSection = $<HTMLElement>('#timeline-section');
const timelineSubtitle = $<HTMLElement>('#timeline-subtitle');
const placeholder = $<HTMLElement>('#timeline-placeholder');
const source = $<HTMLElement>('#source');
const notices = $<HTMLElement>('#notices');
const openButton = $<HTMLButtonElement>('#open-file');
const sampleButton = $<HTMLButtonElement>('#sample-data');
const fileInput = $<HTMLInputElement>('#file-input');
const themeToggle = $<HTMLButtonElement>('#theme-toggle');
const dropOverlay = $<HTMLElement>('#drop-overlay');

// The data on show ----------------------------------------------------------------------

interface Dataset {
  readonly model: SessionModel;
  /** What the header says about the data: parts joined with " · ", the first one bold. */
  readonly description: readonly string[];
  /** Device ids, busiest (most events) first. */
  readonly devices: readonly string[];
  /** For NDJSON files: the line of each input item, to name lines in diagnostics. */
  readonly lineOf: readonly number[] | undefined;
}

let data: Dataset | undefined;
let sampleData: Dataset | undefined;
/** The device whose timeline is open, and whether the page chose it (not the user or the URL). */
let shown: { device: string; auto: boolean } | undefined;
/** Bumped by every load, so a slow load that was overtaken is ignored. */
let loadToken = 0;

function makeDataset(model: SessionModel, first: string, extra: readonly string[], lineOf?: readonly number[]): Dataset {
  const perDevice = new Map<string, number>();
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const s of model.sessions) {
    perDevice.set(s.deviceId, (perDevice.get(s.deviceId) ?? 0) + s.events.length);
    t0 = Math.min(t0, s.start);
    t1 = Math.max(t1, s.end);
  }
  const devices = [...perDevice].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const description = [
    first,
    plural(devices.length, 'device'),
    ...extra,
    ...(extra.length === 0 && t1 > t0 ? [`${formatDuration(t1 - t0)} span`] : []),
    plural(model.stats.accepted, 'event'),
    plural(model.sessions.length, 'session'),
  ];
  return { model, description, devices, lineOf };
}

/** Lets the browser paint (the loading state) before a long synchronous step. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function setSourceText(parts: readonly string[]): void {
  const [first, ...rest] = parts;
  const strong = document.createElement('strong');
  strong.textContent = first ?? '';
  source.replaceChildren(strong, ...rest.map((p) => ` · ${p}`));
  source.title = parts.join(' · ');
}

function setLoading(message: string | undefined): void {
  filter.loading = stitched.loading = timeline.loading = message !== undefined;
  if (message !== undefined) root.setAttribute('aria-busy', 'true');
  else root.removeAttribute('aria-busy');
  if (message !== undefined) {
    source.textContent = message;
    source.title = message;
  } else if (data) {
    setSourceText(data.description);
  }
}

async function loadSample(): Promise<void> {
  const token = ++loadToken;
  clearNotices();
  if (!sampleData) {
    setLoading(`Generating sample data: ${SAMPLE.devices} devices, ${SAMPLE.days} days…`);
    await nextPaint();
    performance.mark('demo:generate');
    const events = generateEvents(SAMPLE);
    performance.measure('demo:generate', 'demo:generate');
    setLoading(`Deriving sessions from ${plural(events.length, 'event')}…`);
    await nextPaint();
    performance.mark('demo:derive');
    const model = deriveSessions(events);
    performance.measure('demo:derive', 'demo:derive');
    sampleData = makeDataset(model, 'sample data', [`${SAMPLE.days} days`]);
  }
  if (token !== loadToken) return;
  show(sampleData);
  sampleButton.hidden = true;
}

async function loadFile(file: File): Promise<void> {
  const token = ++loadToken;
  const previous = data;
  clearNotices();
  setLoading(`Reading ${file.name}…`);
  await nextPaint();
  let parsed: ParsedEvents;
  try {
    parsed = await readEventsFile(file);
  } catch (e) {
    if (token !== loadToken) return;
    setLoading(undefined);
    if (!previous) source.textContent = 'no data';
    addNotice('error', `${file.name} could not be opened`, [e instanceof Error ? e.message : String(e)]);
    return;
  }
  if (token !== loadToken) return;
  setLoading(`Deriving sessions from ${plural(parsed.events.length, 'item')} of ${file.name}…`);
  await nextPaint();
  const model = deriveSessions(parsed.events);
  if (token !== loadToken) return;
  const lines = summarizeLineErrors(parsed.lineErrors);
  if (lines) {
    addNotice(
      'warning',
      `${lines} and ${parsed.lineErrors.length === 1 ? 'was' : 'were'} skipped`,
      parsed.lineErrors.slice(0, LISTED).map((l) => [`line ${formatCount(l.line)}`, l.message]),
      parsed.lineErrors.length - LISTED,
    );
  }
  show(makeDataset(model, file.name, [], parsed.lineOf));
  sampleButton.hidden = false;
}

/** Hands a dataset to both elements and restores the view from the URL. */
function show(next: Dataset): void {
  const first = data === undefined;
  data = next;
  shown = undefined;
  stitched.model = next.model;
  timeline.model = next.model;
  filter.model = next.model;
  filter.query = readFilterQuery(location.search);
  setLoading(undefined);

  const { model } = next;
  const summary = summarizeDiagnostics(model.diagnostics, model.stats);
  if (summary) {
    addNotice(
      'warning',
      summary,
      model.diagnostics.slice(0, LISTED).map((d) => {
        const line = next.lineOf?.[d.index];
        return line !== undefined ? [`line ${formatCount(line)}`, d.message] : d.message;
      }),
      model.diagnostics.length - LISTED,
    );
  }

  const state = readViewState(location.search);
  if (state.device && !next.devices.includes(state.device)) {
    // Only a device from the address the page was opened with deserves a word; after
    // opening another file the previous device is simply gone.
    if (first) addNotice('info', `Device “${state.device}” from the address is not in this data`, ['Showing the busiest device instead.']);
    history.replaceState(history.state, '', urlWith({ device: undefined }));
  }
  applyView(state);
}

// View state: selected device, align, sort (and the URL) --------------------------------

function urlWith(state: Partial<ViewState>): string {
  return `${location.pathname}${writeViewState(location.search, state)}${location.hash}`;
}

/** Applies a view state (from the URL) without writing the URL. */
function applyView(state: ViewState): void {
  stitched.align = state.align;
  stitched.sort = state.sort;
  const device = state.device && data?.devices.includes(state.device) ? state.device : undefined;
  // Outlined and scrolled to in the rows; a click in the rows selects by itself.
  stitched.selected = device;
  if (device) {
    openDevice(device, false);
  } else {
    const busiest = data?.devices[0];
    if (busiest) openDevice(busiest, true);
    else showPlaceholder();
  }
}

function openDevice(device: string, auto: boolean): void {
  shown = { device, auto };
  placeholder.hidden = true;
  timeline.hidden = false;
  timeline.deviceId = device;
  timelineSubtitle.textContent = auto ? `· device ${device}, the busiest · click a row above to open another` : `· device ${device}`;
}

function showPlaceholder(): void {
  shown = undefined;
  placeholder.hidden = false;
  timeline.hidden = true;
  timelineSubtitle.textContent = '';
}

/** The user chose a device: open it, and push a history entry so Back returns to the previous one. */
function selectDevice(device: string): void {
  if (shown?.device === device) {
    // Already on show (e.g. the busiest, picked by the page): now it is the user's choice,
    // so it goes into the URL, without a history entry for the same view.
    if (shown.auto) {
      openDevice(device, false);
      history.replaceState(history.state, '', urlWith({ device }));
    }
    return;
  }
  openDevice(device, false);
  history.pushState(history.state, '', urlWith({ device }));
  revealTimeline();
}

/** Scrolls the timeline into view when it is below the fold, so a click shows its result. */
function revealTimeline(): void {
  const top = timelineSection.getBoundingClientRect().top;
  if (top > innerHeight - 160) {
    const header = document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0;
    scrollTo({ top: scrollY + top - header - 12, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  }
}

/** Zooms the timeline to `[start, end]` (epoch ms) once it shows the device. */
async function zoomTimelineTo(start: number, end: number): Promise<void> {
  await timeline.updateComplete;
  const x0 = timeline.timeToX(start);
  const x1 = timeline.timeToX(end);
  if (x0 === undefined || x1 === undefined) return;
  // timeToX is in zoomed px; showRange wants base px.
  const t = timeline.zoom.transform;
  const a = t.invertX(x0);
  const b = t.invertX(x1);
  const pad = Math.max(8, (b - a) * 0.08);
  timeline.zoom.showRange(a - pad, b + pad);
}

stitched.addEventListener('device-select', (e) => selectDevice(e.detail.deviceId));
stitched.addEventListener('session-select', (e) => {
  const { session, stitched: group } = e.detail;
  selectDevice(session.deviceId);
  const range = group ?? session;
  void zoomTimelineTo(range.start, range.end);
});
stitched.addEventListener('stitched-select', (e) => {
  const group = e.detail.stitched;
  selectDevice(group.deviceId);
  void zoomTimelineTo(group.start, group.end);
});

// The user changed the alignment or the sort with the element's own controls.
stitched.addEventListener('view-change', (e) => {
  const next = urlWith({ align: e.detail.align, sort: e.detail.sort });
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', next);
});

// The filter's committed changes are history entries (Back undoes one); its query string
// replaces only the filter's part of the URL.
filter.addEventListener('change', () => {
  const next = `${location.pathname}${writeFilterQuery(location.search, filter.query)}${location.hash}`;
  if (next !== `${location.pathname}${location.search}${location.hash}`) history.pushState(history.state, '', next);
});

addEventListener('popstate', () => {
  if (!data) return;
  filter.query = readFilterQuery(location.search);
  applyView(readViewState(location.search));
});

// Notices ---------------------------------------------------------------------------------

type NoticeItem = string | readonly [label: string, text: string];

function addNotice(kind: 'warning' | 'error' | 'info', title: string, items: readonly NoticeItem[] = [], more = 0): void {
  const box = document.createElement('div');
  box.className = `notice ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  const icon = document.createElement('span');
  icon.className = 'notice-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = kind === 'error' ? '✕' : kind === 'warning' ? '⚠' : 'ℹ';
  const body = document.createElement('div');
  const heading = document.createElement('p');
  heading.className = 'notice-title';
  heading.textContent = title;
  body.append(heading);
  if (items.length) {
    const list = document.createElement('ul');
    for (const item of items) {
      const li = document.createElement('li');
      if (typeof item === 'string') li.textContent = item;
      else {
        const label = document.createElement('span');
        label.className = 'line';
        label.textContent = item[0];
        li.append(label, `: ${item[1]}`);
      }
      list.append(li);
    }
    if (more > 0) {
      const li = document.createElement('li');
      li.textContent = `… and ${formatCount(more)} more`;
      list.append(li);
    }
    body.append(list);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'notice-close';
  close.setAttribute('aria-label', 'Dismiss');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  box.append(icon, body, close);
  notices.append(box);
}

function clearNotices(): void {
  notices.replaceChildren();
}

// Opening a file: the picker and drag and drop anywhere on the page -----------------------

openButton.addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void loadFile(file);
  fileInput.value = '';
});
sampleButton.addEventListener('click', () => void loadSample());

const hasFiles = (e: DragEvent): boolean => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
let dragDepth = 0;
addEventListener('dragenter', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth++;
  dropOverlay.hidden = false;
});
addEventListener('dragover', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  e.dataTransfer!.dropEffect = 'copy';
});
addEventListener('dragleave', (e) => {
  if (!hasFiles(e)) return;
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) dropOverlay.hidden = true;
});
addEventListener('drop', (e) => {
  if (!hasFiles(e)) return;
  e.preventDefault();
  dragDepth = 0;
  dropOverlay.hidden = true;
  const files = e.dataTransfer!.files;
  if (files.length > 1) addNotice('info', `${formatCount(files.length)} files were dropped: opening the first, ${files[0]!.name}`);
  const file = files[0];
  if (file) void loadFile(file);
});

// Theme: follows the system until the user picks one -----------------------------------

const systemDark = matchMedia('(prefers-color-scheme: dark)');

function readSavedTheme(): 'light' | 'dark' | undefined {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The user's choice (kept in localStorage), or `undefined`: follow the system. */
let chosenTheme = readSavedTheme();

function applyTheme(): void {
  const dark = (chosenTheme ?? (systemDark.matches ? 'dark' : 'light')) === 'dark';
  root.classList.toggle('dark', dark);
  root.classList.toggle('light', !dark);
  stitched.theme = timeline.theme = filter.theme = dark ? 'dark' : 'light';
  themeToggle.setAttribute('aria-pressed', String(dark));
}

themeToggle.addEventListener('click', () => {
  chosenTheme = root.classList.contains('dark') ? 'light' : 'dark';
  try {
    localStorage.setItem(THEME_KEY, chosenTheme);
  } catch {
    // Storage blocked: the choice lasts until the page is reloaded.
  }
  applyTheme();
});
systemDark.addEventListener('change', applyTheme);

// Start -----------------------------------------------------------------------------------

applyTheme();
void loadSample();
