/**
 * Browser benchmark of <stitched-sessions> (issue 4, speed): first paint, row-scroll and
 * zoom / pan frame times for 100 to 10,000 devices with about 30 sessions each, against
 * vis-timeline (one group per device, the same sessions as range items) in the same page
 * load of the same headless Chromium.
 *
 *   npm run bench -- stitched            100, 1,000 and 10,000 devices
 *   npm run bench -- stitched --quick    100 and 1,000 devices
 *
 * Extra flags (run the file directly): `--sizes=100,1000`, `--no-vis`, `--vis-timeout=90`,
 * `--no-events` (skip first paint from `.events`, which is mostly the core's derivation).
 *
 * Data: `generateEvents({ seed: 7, devices: N, days: 3 })` (about 10 sessions per device a
 * day), generated and derived in the page before anything is timed.
 * - first paint (.events): setting `.events` on a fresh, connected element (in a task of its
 *   own, as a fetch callback sets data) to after two requestAnimationFrame callbacks,
 *   deriving included; (.model): with the derived model.
 *   Above 50,000 sessions the header's summary (shares, medians, sparkline) is computed after
 *   that frame: "summary in" is the time to the frame that shows it (after `updateComplete`).
 * - zoom frames: the 60-step Ctrl+wheel / drag / Ctrl+wheel script of bench/pages/measure.ts.
 * - scroll frames: 60 frames scrolling the rows by 112 px (4 rows) each.
 *   A frame's cost: the input handling plus the main-thread work of the frame that draws it.
 * - vis-timeline 8, default options: first paint includes building its items from the derived
 *   model (so it compares with ours from `.model`); it grows to fit all groups, so its scroll
 *   frames scroll the page. Cut off after --vis-timeout seconds (default 90), and not run at
 *   larger sizes once it has timed out.
 */
import { call, closeHard, fmt, launchChromium, openPage, serveBenchPages, TimedOut } from './browser.js';

interface Prepared {
  events: number;
  devices: number;
  sessions: number;
  stitched: number;
  generateMs: number;
  deriveMs: number;
}
interface FirstPaint {
  median: number;
  times: number[];
  /** Median time to the frame that shows the whole header (summary included). */
  completeMedian: number;
}
interface Frames {
  steps: number;
  workMedian: number;
  workP95: number;
  intervalMedian: number;
  intervalP95: number;
  cut: boolean;
  zoomedIn?: number;
  scrolledPx?: number;
}
interface Row {
  size: number;
  prepared?: Prepared;
  ours?: { events: FirstPaint | undefined; model: FirstPaint; zoom: Frames; scroll: Frames };
  vis?: { ms?: number; items?: number; zoom?: Frames; scroll?: Frames; note?: string };
  error?: string;
}

const argv = process.argv.slice(2);
const opt = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = argv.includes('--quick');
const sizes = opt('sizes')?.split(',').map(Number) ?? (quick ? [100, 1_000] : [100, 1_000, 10_000]);
const withVis = !argv.includes('--no-vis');
const withEvents = !argv.includes('--no-events');
const visTimeoutS = Number(opt('vis-timeout') ?? 90);
const STEPS = 60;
const runsFor = (n: number, mode: 'events' | 'model') => (n <= 1_000 ? 5 : mode === 'events' ? 1 : 3);

const site = await serveBenchPages(['stitched']);
const browser = await launchChromium();
const version = (await browser.version()).replace(/^HeadlessChrome\//, '');
const rows: Row[] = [];
let visGaveUpAt: number | undefined;
try {
  for (const size of sizes) {
    const row: Row = { size };
    rows.push(row);
    process.stderr.write(`stitched: ${fmt(size)} devices…\n`);
    const page = await openPage(browser, site.url('stitched'));
    try {
      row.prepared = await call<Prepared>(page, 'prepare', [size]);
      const events = withEvents ? await call<FirstPaint>(page, 'oursFirstPaint', ['events', runsFor(size, 'events')]) : undefined;
      const model = await call<FirstPaint>(page, 'oursFirstPaint', ['model', runsFor(size, 'model')]);
      const zoom = await call<Frames>(page, 'oursZoom', [STEPS]);
      const scroll = await call<Frames>(page, 'oursScroll', [STEPS]);
      row.ours = { events, model, zoom, scroll };
      if (!withVis) row.vis = { note: 'not run (--no-vis)' };
      else if (visGaveUpAt !== undefined) row.vis = { note: `not run (timed out at ${fmt(visGaveUpAt)})` };
      else {
        row.vis = {};
        try {
          const p = await call<{ ms: number; drawnItems: number }>(page, 'visFirstPaint', [], visTimeoutS * 1000);
          row.vis.ms = p.ms;
          row.vis.items = p.drawnItems;
          row.vis.zoom = await call<Frames>(page, 'visZoom', [STEPS, 20_000], 120_000);
          row.vis.scroll = await call<Frames>(page, 'visScroll', [STEPS, 20_000], 120_000);
        } catch (e) {
          if (!(e instanceof TimedOut)) throw e;
          row.vis.note = row.vis.ms !== undefined ? 'frames timed out' : `timed out > ${visTimeoutS} s`;
          visGaveUpAt = size;
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

const frames = (f: Frames | undefined) => (f ? `${fmt(f.workMedian, 1)} / ${fmt(f.workP95, 1)}${f.cut ? ` (${f.steps} steps)` : ''}` : '–');
console.log(`<stitched-sessions> vs vis-timeline, headless Chromium ${version}, 1200 px wide (medians; ${STEPS}-step scripts; frame = input + main-thread work, median / p95 ms)\n`);
console.log('| devices | sessions | ours first paint ms (.events) | ours first paint ms (.model) | ours scroll frame ms | ours zoom frame ms | vis-timeline first paint ms | vis scroll frame ms | vis zoom frame ms | speed-up (vis / ours .model) |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  if (r.error || !r.ours || !r.prepared) {
    console.log(`| ${fmt(r.size)} | failed: ${r.error ?? 'unknown'} | | | | | | | | |`);
    continue;
  }
  const o = r.ours;
  const v = r.vis;
  const visPaint = v?.ms !== undefined ? fmt(v.ms) : (v?.note ?? '–');
  const speedup = v?.ms !== undefined ? `${fmt(v.ms / o.model.median)}×` : v?.note?.startsWith('timed out') ? `> ${fmt((visTimeoutS * 1000) / o.model.median)}×` : '–';
  console.log(
    `| ${fmt(r.size)} | ${fmt(r.prepared.sessions)} | ${o.events ? fmt(o.events.median, 1) : 'not run'} | ${fmt(o.model.median, 1)} | ${frames(o.scroll)} | ${frames(o.zoom)} | ${visPaint} | ${frames(v?.scroll)} | ${frames(v?.zoom)} | ${speedup} |`,
  );
}
console.log('\nDetails\n');
console.log('| devices | events | stitched sessions | derive ms (core, in page) | ours summary in ms (.model) | ours scroll rAF interval median / p95 | ours zoom rAF interval median / p95 | ours scrolled px | ours zoom reached | vis items in DOM | vis scrolled px | vis zoom reached |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  if (!r.ours || !r.prepared) continue;
  const o = r.ours;
  console.log(
    `| ${fmt(r.size)} | ${fmt(r.prepared.events)} | ${fmt(r.prepared.stitched)} | ${fmt(r.prepared.deriveMs)} | ${fmt(o.model.completeMedian, 1)} | ${fmt(o.scroll.intervalMedian, 1)} / ${fmt(o.scroll.intervalP95, 1)} | ${fmt(o.zoom.intervalMedian, 1)} / ${fmt(o.zoom.intervalP95, 1)} | ${fmt(o.scroll.scrolledPx)} | ${fmt(o.zoom.zoomedIn, 1)}× | ${r.vis?.items !== undefined ? fmt(r.vis.items) : '–'} | ${r.vis?.scroll ? fmt(r.vis.scroll.scrolledPx) : '–'} | ${r.vis?.zoom?.zoomedIn ? `${fmt(r.vis.zoom.zoomedIn, 1)}×` : '–'} |`,
  );
}
