/**
 * Whether `<session-timeline>` draws the same pixels as another revision (A) in this
 * checkout (B): for a change to the drawing code that should change nothing on screen (a
 * refactor, a faster path), checked on the bench's events at several zooms.
 *
 *   node --import tsx bench/timeline-pixels.ts <revision> [--size=20000]
 *
 * Each side's bench page (built as in `timeline-ab.ts`) draws the events from `.model`, then
 * each view below is set on the element's zoom controller; once the zoom has settled, the
 * three canvases (strip, lanes, axis) are read with `toDataURL` and hashed. Prints a table
 * of the hashes per view and exits with 1 when a canvas differs.
 */
import { createHash } from 'node:crypto';
import { call, closeHard, launchChromium, openPage, serveBenchPages, type BenchSite } from './browser.js';
import { checkout } from './revision.js';

/** Zoom transforms `{ k, x }`: full extent, 3x, deep in, deeper, and a pan to the end. */
const VIEWS = [
  [1, 0],
  [3, -500],
  [40, -9_000],
  [300, -120_000],
  [8, -8_400],
] as const;

const argv = process.argv.slice(2);
const revision = argv.find((a) => !a.startsWith('--'));
if (!revision) {
  console.error('usage: node --import tsx bench/timeline-pixels.ts <revision> [--size=20000]');
  process.exit(2);
}
const size = Number(argv.find((a) => a.startsWith('--size='))?.split('=')[1] ?? 20_000);
const { commit, tree, remove } = checkout(revision);
const hashes: Record<'A' | 'B', string[][]> = { A: [], B: [] };
try {
  for (const [side, from] of [['A', tree], ['B', undefined]] as const) {
    const site = await serveBenchPages(['timeline'], from);
    try {
      hashes[side] = await canvases(site);
    } finally {
      await site.close();
    }
  }
} finally {
  remove();
}

console.log(`<session-timeline> canvases, ${size.toLocaleString('en')} events, A = ${commit} against B = this checkout\n`);
console.log('| view (k, x) | strip | lanes | axis |');
console.log('|---|---|---|---|');
let differ = 0;
VIEWS.forEach(([k, x], v) => {
  const cells = hashes.A[v]!.map((a, c) => {
    const b = hashes.B[v]![c];
    if (a === b) return `same (${a})`;
    differ++;
    return `**differs** (${a} / ${b})`;
  });
  console.log(`| ${k}, ${x} | ${cells.join(' | ')} |`);
});
console.log(differ ? `\n${differ} canvas(es) differ.` : '\nEvery canvas is the same.');
process.exit(differ ? 1 : 0);

/** The hashes of the three canvases at each view, in a fresh browser. */
async function canvases(site: BenchSite): Promise<string[][]> {
  const browser = await launchChromium();
  const page = await openPage(browser, site.url('timeline'));
  try {
    await call(page, 'prepare', [size]);
    await call(page, 'oursFirstPaint', ['model', 1]);
    const out: string[][] = [];
    for (const [k, x] of VIEWS) {
      const urls = await page.evaluate(
        async (k, x) => {
          const el = document.querySelector('session-timeline') as HTMLElement & { zoom: { set(t: { k: number; x: number }): void; idle: Promise<void> } };
          el.zoom.set({ k, x });
          await el.zoom.idle;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return ['.strip canvas', '.plot canvas', 'canvas.axis'].map((s) => el.shadowRoot!.querySelector<HTMLCanvasElement>(s)?.toDataURL() ?? '');
        },
        k,
        x,
      );
      out.push(urls.map((u) => createHash('sha1').update(u).digest('hex').slice(0, 10)));
    }
    return out;
  } finally {
    await closeHard(page);
    await browser.close();
  }
}
