/**
 * `npm run bench -- worker`: what deriving in a Web Worker buys a page that sets a large
 * `.events` on `<session-timeline>`. For each size, the same events, the same page: derived
 * in the page (`worker-threshold="Infinity"`) vs in a worker (`worker-threshold="0"`), the
 * time until the data is drawn and the longest main-thread task meanwhile (the page cannot
 * answer input for that long). Headless Chromium; `--sizes=` to choose.
 */
import { call, closeHard, fmt, launchChromium, openPage, serveBenchPages } from './browser.js';

interface ToData {
  ms: number;
  longestTask: number;
  longTasks: number;
  blockedMs: number;
  frames: number;
}

const argv = process.argv.slice(2);
const sizesArg = argv.find((a) => a.startsWith('--sizes='))?.split('=')[1];
const sizes = sizesArg?.split(',').map(Number) ?? (argv.includes('--quick') ? [100_000] : [100_000, 1_000_000]);

const site = await serveBenchPages(['timeline']);
const browser = await launchChromium();
const rows: { size: number; page: ToData; worker: ToData }[] = [];
try {
  for (const size of sizes) {
    process.stderr.write(`worker: ${fmt(size)} events…\n`);
    const page = await openPage(browser, site.url('timeline'));
    try {
      await call(page, 'prepare', [size]);
      // One warm-up each (JIT, the worker script's first load), then the measured runs.
      await call(page, 'oursToData', ['page']);
      await call(page, 'oursToData', ['worker']);
      const inPage = await call<ToData>(page, 'oursToData', ['page']);
      const inWorker = await call<ToData>(page, 'oursToData', ['worker']);
      rows.push({ size, page: inPage, worker: inWorker });
    } finally {
      await closeHard(page);
    }
  }
} finally {
  await browser.close().catch(() => undefined);
  await site.close();
}

console.log('<session-timeline> given .events: derived in the page vs in a Web Worker, headless Chromium (one run each after a warm-up)\n');
console.log('| events | in page: ms to data | in page: longest task ms | in page: frames meanwhile | worker: ms to data | worker: longest task ms | worker: frames meanwhile | longest task, worker / page |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${fmt(r.size)} | ${fmt(r.page.ms)} | ${fmt(r.page.longestTask)} | ${r.page.frames} | ${fmt(r.worker.ms)} | ${fmt(r.worker.longestTask)} | ${r.worker.frames} | ${(r.worker.longestTask / r.page.longestTask).toFixed(2)} |`,
  );
}
console.log('\nLongest task: the longest main-thread task between setting .events and the data drawn (the browser reports tasks of 50 ms and more). Frames meanwhile: animation frames the page produced in that time.');
