/**
 * Browser benchmark of <session-timeline> (issue 3, speed): first paint and zoom / pan frame
 * times for one device with 1k to 1M events, against vis-timeline on the same events, in
 * the same page load of the same headless Chromium.
 *
 *   npm run bench -- timeline            1k, 10k, 100k and 1M events
 *   npm run bench -- timeline --quick    1k and 10k
 *
 * Extra flags (run the file directly: `node --import tsx bench/timeline.bench.ts ...`):
 * `--sizes=1000,100000`, `--no-vis`, `--vis-timeout=90` (seconds).
 *
 * The page (bench/pages/timeline.ts) generates the events in the browser with the seeded
 * sample generator: the first N events of one busy device (device 54 of seed 7, about 425
 * events a day, so 1M events span about 6.5 simulated years of that one device).
 *
 * - first paint (.events): from setting `.events` on a fresh, connected element, in a task of
 *   its own (as a fetch callback sets data), to after two requestAnimationFrame callbacks;
 *   includes deriving the sessions (the core). Before session 9 the data was set inside a
 *   frame callback, which counted one frame more (see BENCHMARKS.md).
 * - first paint (.events from JSON): the same events after `JSON.stringify` / `JSON.parse`
 *   (parsed again before each run, outside the timing), as a page gets them from an API:
 *   every event has strings, `attrs` and `resource` objects of its own, where the generator
 *   shares them.
 * - first paint (.model): the same with `.model` set to a model derived beforehand.
 * - zoom frames: 60 scripted steps, one per frame: 20 Ctrl+wheel zoom-in steps, a 20-step
 *   pointer drag (pan), 20 Ctrl+wheel zoom-out steps. Per step: its input handling plus the
 *   main-thread work of the frame that draws it (rAF start to after paint); median / p95.
 *   The table's figures are the page's first gesture (the browser's canvas buffers and the
 *   JIT warm up during it); the details give a second gesture on the same timeline too.
 * - vis-timeline 8 (standalone build, default options): items in groups by category,
 *   `range` items for events with a duration, `point` items (its lightest) otherwise; first
 *   paint includes building the items and DataSets. It is cut off after --vis-timeout
 *   seconds (default 90) and not run at larger sizes once it has timed out.
 */
import { call, closeHard, fmt, launchChromium, openPage, serveBenchPages, TimedOut } from './browser.js';

interface Prepared {
  events: number;
  devices: number;
  deviceId: string;
  days: number;
  spanDays: number;
  generateMs: number;
}
interface FirstPaint {
  median: number;
  times: number[];
  deriveMs: number;
  sessions?: number;
}
interface Frames {
  steps: number;
  workMedian: number;
  workP95: number;
  workMax: number;
  intervalMedian: number;
  intervalP95: number;
  cut: boolean;
  zoomedIn: number;
  /** Each step's cost, in order (ms). */
  work: number[];
  /** A second gesture on the same timeline, when asked for. */
  later?: Frames;
}
interface VisPaint {
  ms: number;
  drawnItems: number;
}

interface Row {
  size: number;
  prepared?: Prepared;
  ours?: { events: FirstPaint; json: FirstPaint; model: FirstPaint; zoom: Frames };
  vis?: { paint?: VisPaint; zoom?: Frames; note?: string };
  error?: string;
}

const argv = process.argv.slice(2);
const opt = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = argv.includes('--quick');
const sizes = opt('sizes')?.split(',').map(Number) ?? (quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000]);
const withVis = !argv.includes('--no-vis');
const visTimeoutS = Number(opt('vis-timeout') ?? 90);
const STEPS = 60;
const runsFor = (n: number) => (n <= 10_000 ? 7 : n <= 100_000 ? 5 : 3);

const site = await serveBenchPages(['timeline']);
const browser = await launchChromium();
const rows: Row[] = [];
let visGaveUpAt: number | undefined;
try {
  for (const size of sizes) {
    const row: Row = { size };
    rows.push(row);
    process.stderr.write(`timeline: ${fmt(size)} events…\n`);
    let page = await openPage(browser, site.url('timeline'));
    try {
      row.prepared = await call<Prepared>(page, 'prepare', [size]);
      if (row.prepared.events !== size || row.prepared.devices !== 1) throw new Error(`expected ${size} events of 1 device, got ${JSON.stringify(row.prepared)}`);
      const runs = runsFor(size);
      const events = await call<FirstPaint>(page, 'oursFirstPaint', ['events', runs]);
      const json = await call<FirstPaint>(page, 'oursFirstPaint', ['json', runs]);
      const model = await call<FirstPaint>(page, 'oursFirstPaint', ['model', runs]);
      const zoom = await call<Frames>(page, 'oursZoom', [STEPS, 2]);
      row.ours = { events, json, model, zoom };
      if (!withVis) row.vis = { note: 'not run (--no-vis)' };
      else if (visGaveUpAt !== undefined) row.vis = { note: `not run (timed out at ${fmt(visGaveUpAt)})` };
      else {
        row.vis = {};
        try {
          row.vis.paint = await call<VisPaint>(page, 'visFirstPaint', [], visTimeoutS * 1000);
          row.vis.zoom = await call<Frames>(page, 'visZoom', [STEPS, 20_000], 120_000);
        } catch (e) {
          if (!(e instanceof TimedOut)) throw e;
          row.vis.note = row.vis.paint ? `zoom timed out` : `timed out > ${visTimeoutS} s`;
          visGaveUpAt = size;
          page = await openPage(browser, site.url('timeline')); // the old one was closed
        }
      }
    } catch (e) {
      row.error = e instanceof Error ? e.message : String(e);
      process.exitCode = 1;
    } finally {
      await closeHard(page);
    }
  }
} finally {
  await browser.close().catch(() => undefined);
  await site.close();
}

const version = await browserVersion();
const frames = (f: Frames | undefined) => (f ? `${fmt(f.workMedian, 1)} / ${fmt(f.workP95, 1)}${f.cut ? ` (${f.steps} steps)` : ''}` : 'n/a');
console.log(`<session-timeline> vs vis-timeline, one device, headless Chromium ${version}, 1200 px wide (medians; zoom: ${STEPS} steps)\n`);
console.log('| events | ours first paint ms (.events) | ours first paint ms (.model) | ours zoom frame median / p95 ms | vis-timeline first paint ms | vis-timeline zoom frame median / p95 ms | speed-up (vis / ours first paint) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  if (r.error || !r.ours) {
    console.log(`| ${fmt(r.size)} | failed: ${r.error ?? 'unknown'} | | | | | |`);
    continue;
  }
  const o = r.ours;
  const v = r.vis;
  const visPaint = v?.paint ? fmt(v.paint.ms) : (v?.note ?? 'n/a');
  const visZoom = v?.zoom ? frames(v.zoom) : v?.paint ? (v.note ?? 'n/a') : '–';
  const speedup = v?.paint ? `${fmt(v.paint.ms / o.events.median, 0)}×` : v?.note?.startsWith('timed out') ? `> ${fmt((visTimeoutS * 1000) / o.events.median, 0)}×` : '–';
  console.log(`| ${fmt(r.size)} | ${fmt(o.events.median, 1)} | ${fmt(o.model.median, 1)} | ${frames(o.zoom)} | ${visPaint} | ${visZoom} | ${speedup} |`);
}
console.log('\nDetails\n');
console.log('| events | sessions | simulated days | derive ms (core, in page) | first paint ms (.events from JSON) | first paint runs | ours zoom frame median / p95 ms, second gesture | ours rAF interval median / p95 ms | ours zoom reached | vis items in DOM | vis rAF interval median / p95 ms | vis zoom reached |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  if (!r.ours || !r.prepared) continue;
  const o = r.ours;
  const v = r.vis;
  console.log(
    `| ${fmt(r.size)} | ${fmt(o.model.sessions)} | ${fmt(r.prepared.spanDays, 1)} | ${fmt(o.model.deriveMs, 1)} | ${fmt(o.json.median, 1)} | ${o.events.times.length} | ${o.zoom.later ? frames(o.zoom.later) : '–'} | ${fmt(o.zoom.intervalMedian, 1)} / ${fmt(o.zoom.intervalP95, 1)} | ${fmt(o.zoom.zoomedIn, 1)}× | ${v?.paint ? fmt(v.paint.drawnItems) : '–'} | ${v?.zoom ? `${fmt(v.zoom.intervalMedian, 1)} / ${fmt(v.zoom.intervalP95, 1)}` : '–'} | ${v?.zoom ? `${fmt(v.zoom.zoomedIn, 1)}×` : '–'} |`,
  );
}
// Where the median first paint comes from: a page's first runs are slow (the JIT compiles the code meanwhile).
console.log('\nOur first paints from `.events`, run by run in one page (ms; the median above is the middle one)\n');
console.log('| events | runs in order |');
console.log('|---:|---|');
for (const r of rows) if (r.ours) console.log(`| ${fmt(r.size)} | ${r.ours.events.times.map((t) => fmt(t, 0)).join(', ')} |`);
// Where the p95 comes from: with 60 steps it is the fourth slowest.
console.log(`\nOur slowest zoom steps (step: ms; steps 1 to ${STEPS / 3} zoom in, then pan, then zoom out; with ${STEPS} steps the p95 is the ${ordinal(STEPS - Math.ceil(0.95 * STEPS) + 1)} slowest)\n`);
console.log('| events | slowest steps |');
console.log('|---:|---|');
for (const r of rows) {
  if (!r.ours) continue;
  const slowest = r.ours.zoom.work
    .map((ms, i) => [i + 1, ms] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6);
  console.log(`| ${fmt(r.size)} | ${slowest.map(([step, ms]) => `${step}: ${fmt(ms, 1)}`).join(', ')} |`);
}
console.log(
  '\nZoom frame = input handling + main-thread work of the frame that draws it (rAF start to after paint); the rAF interval also counts the wait for the next vsync. ' +
    "Events: the first N events of one device of the seeded sample generator (device 54, seed 7), generated in the page; from JSON: the same events through JSON.stringify / JSON.parse before each run (as a page gets them from an API: strings, attrs and resource objects of each event's own), timed after the .events runs. vis-timeline: default options, groups by category, range items for events with a duration, point items otherwise.",
);

function ordinal(n: number): string {
  return `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
}

async function browserVersion(): Promise<string> {
  const b = await launchChromium();
  try {
    return (await b.version()).replace(/^HeadlessChrome\//, '');
  } finally {
    await b.close();
  }
}
