/**
 * Bench page for bench/stitched.bench.ts: many devices' sessions drawn by <stitched-sessions>
 * and by vis-timeline (one group per device, the same sessions as range items), in the same
 * page and browser. The Node side calls the functions on `window.bench` one by one.
 */
import * as vis from 'vis-timeline/standalone';
import { deriveSessions } from '../../src/core/index.js';
import type { RawEvent, SessionModel } from '../../src/core/types.js';
import { generateEvents } from '../../src/core/sample-data.js';
import '../../src/elements/stitched-sessions/stitched-sessions.js';
import type { StitchedSessions } from '../../src/elements/stitched-sessions/stitched-sessions.js';
import { Input, host, median, measureFrames, mountFresh, settle, twoFrames, zoomPanScript } from './measure.js';

// The standalone build exports vis-data's DataSet at run time; its typings do not declare it.
const { Timeline } = vis;
const DataSet = (vis as unknown as { DataSet: new (items: unknown[]) => unknown }).DataSet;

const SEED = 7;
/** About 10 sessions per device a day in the generator: 3 days make about 30. */
const DAYS = 3;

let events: RawEvent[] = [];
let model: SessionModel | undefined;
let ours: StitchedSessions | undefined;
let timeline: vis.Timeline | undefined;

async function prepare(devices: number) {
  const t0 = performance.now();
  events = generateEvents({ seed: SEED, devices, days: DAYS });
  const generateMs = performance.now() - t0;
  const t1 = performance.now();
  model = deriveSessions(events);
  const deriveMs = performance.now() - t1;
  const ids = new Set(model.sessions.map((s) => s.deviceId));
  return { events: events.length, devices: ids.size, sessions: model.sessions.length, stitched: model.stitched.length, generateMs, deriveMs };
}

async function fresh(): Promise<StitchedSessions> {
  const previous = ours;
  ours = undefined;
  return mountFresh<StitchedSessions>('stitched-sessions', previous);
}

/**
 * First paint (the frame that shows the rows), and when the whole header is in (a large
 * cohort's summary is computed after the first frame: `updateComplete` waits for it).
 */
async function oursFirstPaint(mode: 'events' | 'model', runs: number) {
  const times: number[] = [];
  const complete: number[] = [];
  for (let r = 0; r < runs; r++) {
    const el = await fresh();
    const t0 = performance.now();
    // Derived in the page, as before the worker path existed: this measures the main thread's
    // whole job (with a worker, the first frame would show "Deriving sessions…").
    el.workerThreshold = Infinity;
    if (mode === 'events') el.events = events;
    else el.model = model;
    await twoFrames();
    times.push(performance.now() - t0);
    if (!el.visibleRange || !el.shadowRoot?.querySelector('canvas')) throw new Error('stitched-sessions drew nothing');
    await el.updateComplete;
    await twoFrames();
    complete.push(performance.now() - t0);
    ours = el;
  }
  return { median: median(times), times, completeMedian: median(complete) };
}

async function oursZoom(steps: number) {
  const el = ours!;
  const plot = el.shadowRoot!.querySelector('.plot-area')!;
  const width = plot.getBoundingClientRect().width;
  const [a, b] = el.visibleRange!;
  let narrowest = Infinity;
  const script = zoomPanScript(new Input(plot), width, steps);
  const stats = await measureFrames(steps, (i) => {
    script(i);
    const [t0, t1] = el.visibleRange!;
    narrowest = Math.min(narrowest, t1 - t0);
  });
  return { ...stats, zoomedIn: (b - a) / narrowest };
}

/** A step that scrolls `el` by 112 px (4 rows), turning back at either end; `total` px scrolled. */
function bouncer(el: Element): (() => void) & { total: number } {
  let dir = 1;
  const step = Object.assign(
    () => {
      const max = el.scrollHeight - el.clientHeight;
      if (max <= 0) return;
      if (el.scrollTop + 112 * dir > max || el.scrollTop + 112 * dir < 0) dir = -dir;
      const before = el.scrollTop;
      el.scrollTop += 112 * dir;
      step.total += Math.abs(el.scrollTop - before);
    },
    { total: 0 },
  );
  return step;
}

/** Scrolls the rows by 4 rows a frame (a brisk wheel), `steps` times. */
async function oursScroll(steps: number) {
  const el = ours!;
  const scroller = el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
  scroller.scrollTop = 0;
  await twoFrames();
  const step = bouncer(scroller);
  const stats = await measureFrames(steps, step, 30_000, [[scroller, 'scroll']]);
  const scrolled = step.total;
  el.parentElement?.remove();
  ours = undefined;
  return { ...stats, scrolledPx: scrolled };
}

/** vis-timeline: one group per device, the sessions as range items (built from the derived model). */
async function visFirstPaint() {
  ours?.parentElement?.remove();
  ours = undefined;
  events = [];
  await settle();
  const container = host();
  const t0 = performance.now();
  const ids = [...new Set(model!.sessions.map((s) => s.deviceId))];
  const items = model!.sessions.map((s, i) => ({ id: i, group: s.deviceId, start: s.start, end: Math.max(s.end, s.start + 1), type: 'range', content: '' }));
  const groups = new DataSet(ids.map((id) => ({ id, content: id })));
  timeline = new Timeline(container, new DataSet(items) as never, groups as never, {});
  await twoFrames();
  return { ms: performance.now() - t0, drawnItems: container.querySelectorAll('.vis-item').length };
}

async function visZoom(steps: number, budgetMs: number) {
  const center = document.querySelector('.vis-panel.vis-center')!;
  const w0 = timeline!.getWindow();
  let narrowest = Infinity;
  const script = zoomPanScript(new Input(center), center.getBoundingClientRect().width, steps);
  const stats = await measureFrames(
    steps,
    (i) => {
      script(i);
      const w = timeline!.getWindow();
      narrowest = Math.min(narrowest, w.end.getTime() - w.start.getTime());
    },
    budgetMs,
  );
  return { ...stats, zoomedIn: (w0.end.getTime() - w0.start.getTime()) / narrowest };
}

/** With default options vis-timeline grows to fit every group: the page scrolls. */
async function visScroll(steps: number, budgetMs: number) {
  const page = document.scrollingElement!;
  page.scrollTop = 0;
  await twoFrames();
  const step = bouncer(page);
  const stats = await measureFrames(steps, step, budgetMs, [[document, 'scroll']]);
  return { ...stats, scrolledPx: step.total };
}

Object.assign(globalThis, { bench: { prepare, oursFirstPaint, oursZoom, oursScroll, visFirstPaint, visZoom, visScroll } });
document.title = 'ready';
