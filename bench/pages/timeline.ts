/**
 * Bench page for bench/timeline.bench.ts: one device's events, drawn by <session-timeline>
 * and by vis-timeline (same events, same page, same browser). The Node side calls the
 * functions on `window.bench` one by one (so a hung vis-timeline can be cut off).
 */
import * as vis from 'vis-timeline/standalone';
import { categoryOf, deriveSessions } from '../../src/core/index.js';
import type { RawEvent, SessionModel } from '../../src/core/types.js';
import { generateDeviceEvents } from '../../src/core/sample-data.js';
import '../../src/elements/session-timeline/session-timeline.js';
import type { SessionTimeline } from '../../src/elements/session-timeline/session-timeline.js';
import { Input, host, median, measureFrames, mountFresh, settle, twoFrames, zoomPanScript } from './measure.js';

const SEED = 7;
/** A busy device of the generator (about 425 events a day): device 54 of seed 7. */
const DEVICE = 54;
const WIDTH = 1200;

let events: RawEvent[] = [];
let model: SessionModel | undefined;
let ours: SessionTimeline | undefined;
// The standalone build exports vis-data's DataSet at run time; its typings do not declare it.
const { Timeline } = vis;
const DataSet = (vis as unknown as { DataSet: new (items: unknown[]) => unknown }).DataSet;
let timeline: vis.Timeline | undefined;

/** The first `n` events of one device, simulated over enough days. */
async function prepare(n: number) {
  const t0 = performance.now();
  let days = Math.ceil((n / 425) * 1.25) + 1;
  for (;;) {
    events = [];
    for (const e of generateDeviceEvents(DEVICE, { seed: SEED, days })) {
      events.push(e);
      if (events.length === n) break;
    }
    if (events.length === n) break;
    days *= 2;
  }
  const devices = new Set(events.map((e) => e.deviceId));
  model = undefined;
  return {
    events: events.length,
    devices: devices.size,
    deviceId: [...devices][0],
    days,
    spanDays: ((events[events.length - 1]!.ts as number) - (events[0]!.ts as number)) / 86_400_000,
    generateMs: performance.now() - t0,
  };
}

async function freshTimeline(): Promise<SessionTimeline> {
  const previous = ours;
  ours = undefined;
  return mountFresh<SessionTimeline>('session-timeline', previous);
}

/**
 * Time from setting `.events` (or `.model`, derived beforehand) to the first painted frame.
 * `json`: `.events` as a page gets them from `JSON.parse` (each event with strings, `attrs`
 * and `resource` objects of its own, none hashed or compared yet), parsed anew before each run.
 */
async function oursFirstPaint(mode: 'events' | 'json' | 'model', runs: number) {
  const times: number[] = [];
  let deriveMs = NaN;
  if (mode === 'model') {
    const t = performance.now();
    model = deriveSessions(events);
    deriveMs = performance.now() - t;
  }
  const text = mode === 'json' ? JSON.stringify(events) : '';
  for (let r = 0; r < runs; r++) {
    const input = mode === 'json' ? (JSON.parse(text) as RawEvent[]) : events;
    const el = await freshTimeline();
    const t0 = performance.now();
    // Derived in the page, as before the worker path existed: this measures the main thread's
    // whole job (with a worker, the first frame would show "Deriving sessions…").
    el.workerThreshold = Infinity;
    if (mode === 'model') el.model = model;
    else el.events = input;
    await twoFrames();
    times.push(performance.now() - t0);
    if (!el.visibleRange || !el.shadowRoot?.querySelector('canvas')) throw new Error('session-timeline drew nothing');
    ours = el;
  }
  return { median: median(times), times, deriveMs, sessions: model?.sessions.length };
}

/**
 * The zoom / pan script on the last timeline drawn: its stats are the first gesture's (a
 * page's first zoom, while the browser and the JIT warm up). With `gestures` > 1 the zoom is
 * reset and the script run again on the same timeline; `later` has the last gesture's stats.
 */
async function oursZoom(steps: number, gestures = 1) {
  const el = ours!;
  const plot = el.shadowRoot!.querySelector('.plot')!;
  const [a, b] = el.visibleRange!;
  let narrowest = Infinity;
  const gesture = () => {
    const script = zoomPanScript(new Input(plot), WIDTH - 120, steps);
    return measureFrames(steps, (i) => {
      script(i);
      const [t0, t1] = el.visibleRange!;
      narrowest = Math.min(narrowest, t1 - t0);
    });
  };
  const stats = await gesture();
  let later;
  for (let g = 1; g < gestures; g++) {
    el.resetZoom();
    await settle();
    later = await gesture();
  }
  el.parentElement?.remove();
  ours = undefined;
  return { ...stats, zoomedIn: (b - a) / narrowest, later };
}

/** vis-timeline: items in groups by category; ranges for events with a duration, points otherwise. */
async function visFirstPaint() {
  ours?.parentElement?.remove();
  ours = undefined;
  model = undefined;
  await settle();
  const container = host();
  const t0 = performance.now();
  const cats = new Set<string>();
  const items = events.map((e, i) => {
    const group = categoryOf(e.type);
    cats.add(group);
    const start = e.ts as number;
    const d = e.duration ?? 0;
    return d > 0
      ? { id: i, group, start, end: start + d, type: 'range', content: e.name ?? e.type }
      : { id: i, group, start, type: 'point', content: e.name ?? e.type };
  });
  const groups = new DataSet([...cats].map((c) => ({ id: c, content: c })));
  timeline = new Timeline(container, new DataSet(items) as never, groups as never, {});
  await twoFrames();
  const ms = performance.now() - t0;
  return { ms, drawnItems: container.querySelectorAll('.vis-item').length };
}

async function visZoom(steps: number, budgetMs: number) {
  const center = document.querySelector('.vis-panel.vis-center')!;
  const w0 = timeline!.getWindow();
  const width = center.getBoundingClientRect().width;
  let narrowest = Infinity;
  const script = zoomPanScript(new Input(center), width, steps);
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

/**
 * Setting `.events` with derivation in the page (`workerThreshold = Infinity`) or in a worker
 * (`0`): the time until the data is drawn, and the longest main-thread task meanwhile (a
 * PerformanceObserver on `longtask`; tasks under 50 ms are not reported, so 0 means none).
 */
async function oursToData(where: 'page' | 'worker') {
  const el = await freshTimeline();
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  // Frames keep coming while the worker derives: count the ones the page got.
  let frames = 0;
  let counting = true;
  const tick = () => {
    frames++;
    if (counting) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const t0 = performance.now();
  el.workerThreshold = where === 'page' ? Infinity : 0;
  el.events = events;
  while (!el.visibleRange || !el.shadowRoot?.querySelector('.plot canvas')) await new Promise((r) => setTimeout(r, 5));
  await twoFrames();
  const ms = performance.now() - t0;
  counting = false;
  await new Promise((r) => setTimeout(r, 100)); // the observer reports after the task ends
  observer.disconnect();
  ours = el;
  return { ms, longestTask: Math.max(0, ...tasks), longTasks: tasks.length, blockedMs: tasks.reduce((a, b) => a + b, 0), frames };
}

Object.assign(globalThis, { bench: { prepare, oursFirstPaint, oursZoom, oursToData, visFirstPaint, visZoom } });
document.title = 'ready';
