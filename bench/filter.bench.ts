/**
 * Filter benchmark: `createFilterIndex` against crossfilter2 on the same sessions, in the
 * same process.
 *
 *   npm run bench -- filter            10k, 100k and 1M sessions
 *   npm run bench -- filter --quick    10k and 100k
 *
 * Sessions are synthesised directly (session-like rows: `dimensions`, `state`, `endReason`,
 * `deviceId`, `stitchedId`, `duration`, `events: []`), ten per device, three per stitched
 * session: deriving 1M sessions from raw events would take minutes and measure the
 * sessionizer, not the filter. Both engines index the same 10 dimensions: 7 resource keys,
 * `state`, `endReason` and `duration` (crossfilter groups `duration` by the index's
 * histogram bins, so both count the same facets).
 *
 * Build times are the median of 7 builds (3 at 1M), each after a full GC.
 * One update = one value toggled on the `app.version` filter (versions are removed one by
 * one, then put back), then every facet read: ours `index.facets()` + `index.total`,
 * crossfilter `dimension.filterFunction(...)`, then every `group.all()` + a `groupAll` count.
 * Ours also counts distinct devices per value, which crossfilter does not. Both engines
 * are warmed up first (three builds and 24 updates on 5k other sessions), so the timings are
 * of optimised code, not of the JIT compiling it.
 * Each size runs in its own child process so that its peak memory is its own.
 */
import crossfilter from 'crossfilter2';
import { bisectRight } from 'd3-array';
import { createFilterIndex, type FilterIndex, type FilterableSession } from '../src/core/filter/index.js';
import { eachSize, fmt, runAsChild } from './sizes.js';
import type { EndReason, Primitive } from '../src/core/types.js';

const DIMENSIONS = ['app.version', 'os.name', 'os.version', 'device.model', 'country', 'persona', 'experiment.checkout_flow', 'state', 'endReason', 'duration'] as const;
const VERSIONS = ['3.4.0', '3.3.2', '3.3.1', '3.3.0', '3.2.1', '3.2.0', '3.1.0', '3.0.2', '3.0.0', '2.9.1', '2.9.0', '2.8.0'];
const OS = ['Android', 'iOS'];
const OS_VERSIONS = [['11', '12', '13', '14', '15'], ['15.8', '16.7', '17.5', '18.1', '18.2']];
const COUNTRIES = ['US', 'DE', 'GB', 'FR', 'IN', 'BR', 'JP', 'CA', 'ES', 'IT', 'MX', 'NL', 'SE', 'PL', 'AU', 'KR', 'TR', 'ID', 'NG', 'ZA', 'AR', 'CH', 'AT', 'BE', 'DK', 'NO', 'FI', 'IE', 'PT', 'CZ'];
const PERSONAS = ['casual', 'power', 'new_user', 'shopper', 'churning'];
const VARIANTS = ['control', 'treatment', 'holdout'];
const END_REASONS: EndReason[] = ['background', 'background', 'background', 'background', 'foreground', 'manual', 'crash', 'anr', 'oom', 'user_terminated', 'abnormal', 'inactivity', 'max_duration', 'open'];

interface BenchSession extends FilterableSession {
  readonly events: never[];
  readonly dimensions: Readonly<Record<string, Primitive>>;
}

/** mulberry32: a small seeded PRNG, so every run indexes the same sessions. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Skewed pick: early entries are more frequent (like app versions and countries are). */
const skewed = <T>(rng: () => number, list: readonly T[]) => list[Math.floor(list.length * rng() ** 2)] as T;
const pick = <T>(rng: () => number, list: readonly T[]) => list[Math.floor(list.length * rng())] as T;

function synthesise(n: number): BenchSession[] {
  const rng = random(42);
  const rows: BenchSession[] = new Array(n);
  let device = '';
  let profile = { os: 0, osVersion: '', model: '', country: '', persona: '', variant: '', version: 0 };
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) {
      device = `device-${(i / 10).toString(36).padStart(6, '0')}`;
      const os = rng() < 0.55 ? 0 : 1;
      profile = {
        os,
        osVersion: pick(rng, OS_VERSIONS[os] as string[]),
        model: `${OS[os] === 'iOS' ? 'iPhone' : 'Pixel'} ${1 + Math.floor(rng() ** 1.5 * 20)}`,
        country: skewed(rng, COUNTRIES),
        persona: pick(rng, PERSONAS),
        variant: pick(rng, VARIANTS),
        version: Math.floor(rng() ** 2 * VERSIONS.length),
      };
    }
    if (rng() < 0.05 && profile.version > 0) profile.version--; // an update mid-way
    const endReason = pick(rng, END_REASONS);
    rows[i] = {
      deviceId: device,
      userId: rng() < 0.7 ? `user-${device}` : undefined,
      stitchedId: `${device}:stitched:${Math.floor((i % 10) / 3)}`,
      state: rng() < 0.8 ? 'foreground' : 'background',
      endReason,
      coldStart: rng() < 0.4,
      duration: Math.round(Math.exp(rng() * 12) * 50),
      events: [],
      dimensions: {
        'app.version': VERSIONS[profile.version] as string,
        'os.name': OS[profile.os] as string,
        'os.version': profile.osVersion,
        'device.model': profile.model,
        country: profile.country,
        persona: profile.persona,
        'experiment.checkout_flow': profile.variant,
      },
    };
  }
  return rows;
}

interface Row {
  sessions: number;
  devices: number;
  oursBuildMs: number;
  cfBuildMs: number;
  oursUpdateMs: number;
  cfUpdateMs: number;
  oursP90Ms: number;
  cfP90Ms: number;
  updates: number;
  builds: number;
  checked: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] as number;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** The value crossfilter reads for a dimension: the derived ones come from the session. */
function accessor(name: (typeof DIMENSIONS)[number]): (s: BenchSession) => string | number {
  switch (name) {
    case 'state':
      return (s) => s.state;
    case 'endReason':
      return (s) => s.endReason;
    case 'duration':
      return (s) => s.duration;
    default:
      return (s) => s.dimensions[name] as string;
  }
}

/** Builds our index and times `updates` one-value changes, each followed by reading every facet. */
function runOurs(sessions: BenchSession[], updates: number, builds: number) {
  const buildTimes: number[] = [];
  let index: FilterIndex<BenchSession> | undefined;
  for (let b = 0; b < builds; b++) {
    index = undefined;
    gc();
    const t0 = performance.now();
    index = createFilterIndex({ sessions }, { dimensions: DIMENSIONS });
    buildTimes.push(performance.now() - t0);
  }
  if (index === undefined) throw new Error('no build');
  const buildMs = median(buildTimes);
  let t: number;
  // A background filter on another dimension, the same for both engines.
  index.setDimension('persona', { values: ['churning'], exclude: true });
  const included = new Set(VERSIONS);
  const times: number[] = [];
  let sink = 0;
  for (let k = 0; k < updates; k++) {
    toggle(included, k);
    const values = [...included];
    t = performance.now();
    index.setDimension('app.version', { values });
    const facets = index.facets();
    sink += index.total.sessions + facets.length;
    times.push(performance.now() - t);
  }
  return { index, buildMs, times, sink };
}

/** The same with crossfilter2: one dimension and one `group().reduceCount()` per field. */
function runCrossfilter(sessions: BenchSession[], updates: number, builds: number, thresholds: readonly number[]) {
  const build = () => {
    const cf = crossfilter(sessions);
    const dims = DIMENSIONS.map((name) => cf.dimension(accessor(name)));
    const groups = dims.map((d, j) =>
      DIMENSIONS[j] === 'duration' ? d.group((v) => thresholds[bisectRight(thresholds, v as number) - 1] ?? -1).reduceCount() : d.group().reduceCount(),
    );
    return { dims, groups, all: cf.groupAll().reduceCount() };
  };
  const buildTimes: number[] = [];
  let built: ReturnType<typeof build> | undefined;
  for (let b = 0; b < builds; b++) {
    built = undefined;
    gc();
    const t0 = performance.now();
    built = build();
    buildTimes.push(performance.now() - t0);
  }
  if (built === undefined) throw new Error('no build');
  const { dims, groups, all } = built;
  const buildMs = median(buildTimes);
  let t: number;
  (dims[DIMENSIONS.indexOf('persona')] as (typeof dims)[number]).filterFunction((v) => v !== 'churning');
  const version = dims[DIMENSIONS.indexOf('app.version')] as (typeof dims)[number];
  const included = new Set(VERSIONS);
  const times: number[] = [];
  let sink = 0;
  for (let k = 0; k < updates; k++) {
    toggle(included, k);
    const set = new Set(included);
    t = performance.now();
    version.filterFunction((v) => set.has(v as string));
    for (const g of groups) sink += g.all().length;
    sink += all.value() as number;
    times.push(performance.now() - t);
  }
  return { groups, all, buildMs, times, sink };
}

/** Update k: versions are taken out one by one, then put back one by one. */
function toggle(included: Set<string>, k: number): void {
  const v = VERSIONS[k % VERSIONS.length] as string;
  if (Math.floor(k / VERSIONS.length) % 2 === 0) included.delete(v);
  else included.add(v);
}

function measure(n: number): Row {
  // Warm both engines up on other data first (see the top of the file).
  const warm = synthesise(5_000);
  const warmOurs = runOurs(warm, 24, 3);
  runCrossfilter(warm, 24, 3, warmOurs.index.histogram('duration').map((b) => b.x0));

  const sessions = synthesise(n);
  const updates = n >= 1_000_000 ? 24 : 48;
  const builds = n >= 1_000_000 ? 3 : 7;
  const ours = runOurs(sessions, updates, builds);
  const index = ours.index;
  const cf = runCrossfilter(sessions, updates, builds, index.histogram('duration').map((b) => b.x0));

  // Both ended on the same filter: their counts must agree.
  let checked = index.total.sessions === cf.all.value();
  DIMENSIONS.forEach((name, j) => {
    if (name === 'duration') return;
    const counts = new Map(index.counts(name).map((c) => [c.value, c.sessions]));
    for (const g of (cf.groups[j] as (typeof cf.groups)[number]).all()) if ((counts.get(g.key as string) ?? 0) !== g.value) checked = false;
  });
  if (ours.sink + cf.sink < 0) console.error('unreachable');

  return {
    sessions: n,
    devices: index.all.devices,
    oursBuildMs: ours.buildMs,
    cfBuildMs: cf.buildMs,
    oursUpdateMs: median(ours.times),
    cfUpdateMs: median(cf.times),
    oursP90Ms: p90(ours.times),
    cfP90Ms: p90(cf.times),
    updates,
    builds,
    checked,
  };
}

if (!runAsChild(measure)) {
  const sizes = process.argv.includes('--quick') ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  console.log('createFilterIndex vs. crossfilter2, 10 dimensions; update = toggle one app version, then read every facet (medians)\n');
  console.log('| sessions | build ms (ours) | build ms (crossfilter2) | update ms median (ours) | update ms (crossfilter2) | ratio ours/crossfilter |');
  console.log('|---:|---:|---:|---:|---:|---:|');
  const notes: string[] = [];
  eachSize<Row>(import.meta.url, sizes, (row) => {
    console.log(
      `| ${fmt(row.sessions)} | ${fmt(row.oursBuildMs, 1)} | ${fmt(row.cfBuildMs, 1)} | ${fmt(row.oursUpdateMs, 2)} | ${fmt(row.cfUpdateMs, 2)} | ${fmt(row.oursUpdateMs / row.cfUpdateMs, 2)} |`,
    );
    notes.push(`${fmt(row.sessions)} sessions (${fmt(row.devices)} devices): ${row.builds} builds, ${row.updates} updates, p90 ${fmt(row.oursP90Ms, 2)} ms ours / ${fmt(row.cfP90Ms, 2)} ms crossfilter2; counts agree: ${row.checked ? 'yes' : 'NO'}`);
    if (!row.checked) process.exitCode = 1;
  });
  console.log(`\n${notes.join('\n')}`);
  console.log(`Node ${process.version}, ${process.arch}. Ours also counts distinct devices per value.`);
}
