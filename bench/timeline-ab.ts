/**
 * Side by side: `<session-timeline>`'s first paint and zoom frames of another revision (A)
 * and of this checkout (B), run alternately in the same conditions. On a busy machine the
 * bench's figures move by a fifth from one run to the next, more than most changes: a
 * change is measured against its revision, not against figures from another hour.
 *
 *   node --import tsx bench/timeline-ab.ts <revision> [--loads=8] [--size=100000]
 *
 * The revision is checked out in a temporary git worktree (sharing this checkout's
 * node_modules) and its own bench page is built, so it must have `bench/pages/timeline.ts`
 * with `prepare`, `oursFirstPaint` and `oursZoom` (every revision since session 3). Each load
 * is a fresh browser and page, as in `bench/timeline.bench.ts`: the first paints from
 * `.events` (five runs, the bench's median is the middle one), then three from `.model` and
 * the bench's 60-step zoom on the last. Loads alternate A B, B A, ... Prints the B / A
 * ratios, each load's figures, and each zoom step's median over the loads.
 */
import { call, closeHard, fmt, launchChromium, openPage, serveBenchPages, type BenchSite } from './browser.js';
import { median } from './pages/measure.js';
import { checkout } from './revision.js';

interface Load {
  /** First paints from `.events`, in order (ms). */
  paints: number[];
  zoomMedian: number;
  zoomP95: number;
  /** Each zoom step's cost, in order (ms). */
  zoomSteps: number[];
}

const argv = process.argv.slice(2);
const opt = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const revision = argv.find((a) => !a.startsWith('--'));
if (!revision) {
  console.error('usage: node --import tsx bench/timeline-ab.ts <revision> [--loads=8] [--size=100000]');
  process.exit(2);
}
const loads = Number(opt('loads') ?? 8);
const size = Number(opt('size') ?? 100_000);
const { commit, tree, remove } = checkout(revision);
const sites: Record<'A' | 'B', BenchSite | undefined> = { A: undefined, B: undefined };
const results: Record<'A' | 'B', Load[]> = { A: [], B: [] };
try {
  sites.A = await serveBenchPages(['timeline'], tree);
  sites.B = await serveBenchPages(['timeline']);
  for (let l = 0; l < loads; l++) {
    for (const side of l % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
      process.stderr.write(`load ${l + 1} of ${loads}: ${side}…\n`);
      results[side].push(await measure(sites[side]!));
    }
  }
} finally {
  await sites.A?.close();
  await sites.B?.close();
  remove();
}

const paintMedian = (r: Load) => median(r.paints);
console.log(`<session-timeline>, ${fmt(size)} events, A = ${commit} against B = this checkout, ${loads} page loads each, alternately\n`);
console.log('| | A | B | B / A |');
console.log('|---|---:|---:|---:|');
const row = (what: string, f: (r: Load) => number, digits = 0) => {
  const a = median(results.A.map(f));
  const b = median(results.B.map(f));
  console.log(`| ${what} | ${fmt(a, digits)} | ${fmt(b, digits)} | ${fmt(b / a, 2)} |`);
};
row('first paint ms from `.events` (median of five runs, median over the loads)', paintMedian);
for (let i = 0; i < 5; i++) row(`first paint ms, run ${i + 1} of a page (median over the loads)`, (r) => r.paints[i]!);
row('zoom frame median ms (median over the loads)', (r) => r.zoomMedian, 1);
row('zoom frame p95 ms (median over the loads)', (r) => r.zoomP95, 1);
console.log('\nEach load (first paint median of five, zoom median / p95):\n');
for (const side of ['A', 'B'] as const) {
  console.log(`- ${side}: ${results[side].map((r) => `${fmt(paintMedian(r))} (${fmt(r.zoomMedian, 1)} / ${fmt(r.zoomP95, 1)})`).join(', ')}`);
}
// Which frames a change moved: the p95 is one step (the fourth slowest of 60), and the slow
// steps are the gesture's first frames, the deep zoom and the zoom back out.
console.log('\nEach zoom step, median over the loads (ms; steps 1 to 20 zoom in, then pan, then zoom out):\n');
for (const side of ['A', 'B'] as const) {
  const steps = results[side][0]?.zoomSteps.map((_, i) => median(results[side].map((r) => r.zoomSteps[i]!))) ?? [];
  console.log(`- ${side}: ${steps.map((ms) => fmt(ms)).join(' ')}`);
}

async function measure(site: BenchSite): Promise<Load> {
  const browser = await launchChromium();
  const page = await openPage(browser, site.url('timeline'));
  try {
    await call(page, 'prepare', [size]);
    const events = await call<{ times: number[] }>(page, 'oursFirstPaint', ['events', 5]);
    await call(page, 'oursFirstPaint', ['model', 3]);
    const zoom = await call<{ workMedian: number; workP95: number; work: number[] }>(page, 'oursZoom', [60]);
    return { paints: events.times, zoomMedian: zoom.workMedian, zoomP95: zoom.workP95, zoomSteps: zoom.work };
  } finally {
    await closeHard(page);
    await browser.close();
  }
}
