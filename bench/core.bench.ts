/**
 * Core benchmark: `deriveSessions` on shuffled generated events, against just sorting the
 * same events by `ts` in the same process (the floor any derivation must pay).
 *
 *   npm run bench -- core            10k, 100k, 1M and 10M events
 *   npm run bench -- core --quick    10k and 100k
 *
 * Each size runs in its own child process so that its peak memory is its own.
 */
import { deriveSessions } from '../src/core/index.js';
import { generateEvents } from '../src/core/sample-data.js';
import type { RawEvent } from '../src/core/types.js';
import { eachSize, fmt, runAsChild } from './sizes.js';

const MB = 1024 * 1024;

interface Row {
  events: number;
  devices: number;
  sessions: number;
  sortMs: number;
  deriveMs: number;
  eventsPerSec: number;
  ratio: number;
  modelHeapMb: number;
  peakRssMb: number;
  runs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** The baseline: a copy of the events sorted by ts, timed, then let go. */
function timeSort(events: RawEvent[]): number {
  gc();
  const t = performance.now();
  const sorted = events.slice().sort((a, b) => (a.ts as number) - (b.ts as number));
  const ms = performance.now() - t;
  if (sorted.length !== events.length) throw new Error('sort lost events');
  return ms;
}

function measure(size: number): Row {
  const events = generateEvents({ seed: 7, events: size, shuffle: true }) as RawEvent[];
  const runs = size <= 100_000 ? 7 : size <= 1_000_000 ? 3 : 1;
  const sortTimes: number[] = [];
  const deriveTimes: number[] = [];
  let sessions = 0;
  let devices = 0;
  let modelHeap = 0;
  for (let r = 0; r < runs; r++) {
    sortTimes.push(timeSort(events));
    gc();
    const before = process.memoryUsage().heapUsed;
    const t = performance.now();
    const model = deriveSessions(events);
    deriveTimes.push(performance.now() - t);
    gc();
    // First run only: later ones start with the previous model possibly still reachable.
    if (r === 0) modelHeap = process.memoryUsage().heapUsed - before;
    sessions = model.sessions.length;
    devices = new Set(model.sessions.map((s) => s.deviceId)).size;
    if (model.stats.accepted !== events.length) throw new Error('events were dropped');
  }
  const sortMs = median(sortTimes);
  const deriveMs = median(deriveTimes);
  return {
    events: events.length,
    devices,
    sessions,
    sortMs,
    deriveMs,
    eventsPerSec: events.length / (deriveMs / 1000),
    ratio: deriveMs / sortMs,
    modelHeapMb: modelHeap / MB,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    runs,
  };
}

if (!runAsChild(measure)) {
  const sizes = process.argv.includes('--quick') ? [10_000, 100_000] : [10_000, 100_000, 1_000_000, 10_000_000];
  console.log('deriveSessions on shuffled generated events vs. sorting the same events by ts (same process, medians)\n');
  console.log('| events | devices | sessions | sort ms | derive ms | events/s | derive / sort | model heap MB | peak RSS MB | runs |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  eachSize<Row>(import.meta.url, sizes, (row) => {
    console.log(
      `| ${fmt(row.events)} | ${fmt(row.devices)} | ${fmt(row.sessions)} | ${fmt(row.sortMs, 1)} | ${fmt(row.deriveMs, 1)} | ${fmt(row.eventsPerSec)} | ${fmt(row.ratio, 2)} | ${fmt(row.modelHeapMb)} | ${fmt(row.peakRssMb)} | ${row.runs} |`,
    );
  });
  console.log(`\nNode ${process.version}, ${process.arch}; peak RSS includes the generated input events.`);
}
