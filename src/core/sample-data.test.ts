import { expect } from 'chai';
import type { RawEvent } from './types.js';
import { createRandom, generateDeviceEvents, generateEventStream, generateEvents, resolveSampleOptions } from './sample-data.js';

const TERMINAL = new Set(['crash', 'anr', 'oom', 'app.terminate']);

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function byDevice(events: readonly RawEvent[]): Map<string, RawEvent[]> {
  const map = new Map<string, RawEvent[]>();
  for (const ev of events) {
    const list = map.get(ev.deviceId as string) ?? [];
    list.push(ev);
    map.set(ev.deviceId as string, list);
  }
  return map;
}

/** Crash / ANR / OOM / terminate reports about a process that died silently before the current launch. */
function lateReports(events: readonly RawEvent[]): RawEvent[] {
  const late: RawEvent[] = [];
  for (const list of byDevice(events).values()) {
    const launched = new Set<string>();
    const ended = new Set<string>();
    let current: string | undefined;
    for (const ev of list) {
      const pid = ev.processId as string;
      if (ev.type === 'app.launch') {
        launched.add(pid);
        current = pid;
      } else if (TERMINAL.has(ev.type)) {
        if (pid !== current && launched.has(pid) && !ended.has(pid)) late.push(ev);
        ended.add(pid);
      }
    }
  }
  return late;
}

/** The first item that fails `ok`, described, or `undefined`: one assertion for thousands of items. */
function firstFailure<T>(items: readonly T[], ok: (item: T, i: number) => boolean): string | undefined {
  const i = items.findIndex((item, index) => !ok(item, index));
  return i < 0 ? undefined : `item ${i}: ${JSON.stringify(items[i])}`;
}

/** Same JSON, compared as one string (chai's deep equal is slow on tens of thousands of objects). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True for an item the core would accept as a new event. */
function isGood(item: unknown, seen: Set<string>): item is RawEvent {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
  const ev = item as Record<string, unknown>;
  if (typeof ev.ts !== 'number' || !Number.isFinite(ev.ts) || typeof ev.type !== 'string') return false;
  if (typeof ev.id === 'string') {
    if (seen.has(ev.id)) return false;
    seen.add(ev.id);
  }
  return true;
}

describe('sample data', () => {
  // One shared default data set (24 devices, 7 days, about 28,000 events) for the content checks.
  const events = generateEvents();
  const status = (ev: RawEvent): number | undefined => ev.attrs?.['http.status_code'] as number | undefined;

  describe('createRandom', () => {
    it('gives the same sequence of floats in [0, 1) for the same seed', () => {
      const a = createRandom(42);
      const b = createRandom(42);
      const xs = Array.from({ length: 1000 }, () => a());
      expect(Array.from({ length: 1000 }, () => b())).to.deep.equal(xs);
      expect(xs.every((x) => x >= 0 && x < 1)).to.equal(true);
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      expect(mean).to.be.closeTo(0.5, 0.05);
    });

    it('gives a different sequence for a different seed, and refuses a non-finite seed', () => {
      const a = createRandom(1);
      const b = createRandom(2);
      expect([a(), a(), a()]).to.not.deep.equal([b(), b(), b()]);
      expect(() => createRandom(Number.NaN)).to.throw(RangeError);
    });
  });

  describe('determinism', () => {
    it('returns deeply equal events for the same options', () => {
      expect(generateEvents({ seed: 5, events: 2000 })).to.deep.equal(generateEvents({ seed: 5, events: 2000 }));
      const week = { seed: 5, devices: 6, days: 3 };
      expect(sameJson(generateEvents(week), generateEvents(week))).to.equal(true);
    });

    it('returns different events for a different seed', () => {
      const a = generateEvents({ seed: 5, events: 500 });
      const b = generateEvents({ seed: 6, events: 500 });
      expect(a.map((e) => e.deviceId)).to.not.deep.equal(b.map((e) => e.deviceId));
    });

    it('produces the same bytes in every engine (pinned fingerprint)', () => {
      // If this fails in one runner only, the generator depends on engine-specific maths.
      // If it fails everywhere after a deliberate change to the generator, update the value.
      const items = generateEvents({ seed: 42, events: 400, garbage: 0.05, isoTimestamps: true, shuffle: true });
      expect(fnv1a(JSON.stringify(items))).to.equal('b5cb5282');
    });
  });

  describe('size', () => {
    for (const n of [10, 1000, 100_000]) {
      it(`gives about ${n} events for events: ${n}`, () => {
        const got = generateEvents({ seed: 11, events: n }).length;
        expect(got).to.be.within(Math.floor(n * 0.7), Math.ceil(n * 1.3));
      });
    }

    it('gives nothing for events: 0, and one device`s worth for devices: 1, days: 1', () => {
      expect(generateEvents({ events: 0 })).to.deep.equal([]);
      const one = generateEvents({ devices: 1, days: 1 });
      expect(one.length).to.be.greaterThan(0);
      expect(new Set(one.map((e) => e.deviceId)).size).to.equal(1);
    });

    it('scales devices and days with events, and refuses bad options', () => {
      const small = resolveSampleOptions({ events: 1000 });
      const large = resolveSampleOptions({ events: 10_000_000 });
      expect(small.days).to.equal(1);
      expect(large.days).to.equal(7);
      expect(large.devices).to.be.greaterThan(5000);
      expect(resolveSampleOptions({ events: 5000, days: 2 }).days).to.equal(2);
      expect(resolveSampleOptions({ events: 5000, devices: 3 }).devices).to.equal(3);
      expect(() => generateEvents({ devices: 0 })).to.throw(RangeError);
      expect(() => generateEvents({ days: -1 })).to.throw(RangeError);
      expect(() => generateEvents({ events: 1.5 })).to.throw(RangeError);
      expect(() => generateEvents({ garbage: 1 })).to.throw(RangeError);
      expect(() => generateEvents({ seed: Number.POSITIVE_INFINITY })).to.throw(RangeError);
    });
  });

  describe('shape', () => {
    it('gives every event an integer epoch-ms ts inside the period, a type, and a unique id', () => {
      const o = resolveSampleOptions();
      const ok = (ev: RawEvent): boolean =>
        typeof ev.ts === 'number' &&
        Number.isInteger(ev.ts) &&
        ev.ts >= o.start &&
        ev.ts < o.end &&
        typeof ev.type === 'string' &&
        ev.type !== '';
      expect(firstFailure(events, ok)).to.equal(undefined);
      expect(new Set(events.map((e) => e.id)).size).to.equal(events.length);
    });

    it('sorts by ts unless shuffled, and shuffles deterministically into a permutation', () => {
      expect(firstFailure(events, (ev, i) => i === 0 || ev.ts >= events[i - 1]!.ts)).to.equal(undefined);
      const sorted = generateEvents({ seed: 8, events: 5000 });
      const shuffled = generateEvents({ seed: 8, events: 5000, shuffle: true });
      expect(sameJson(shuffled, generateEvents({ seed: 8, events: 5000, shuffle: true }))).to.equal(true);
      expect(shuffled.some((ev, i) => i > 0 && ev.ts < shuffled[i - 1]!.ts)).to.equal(true);
      const byId = (list: RawEvent[]): RawEvent[] => [...list].sort((a, b) => (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));
      expect(sameJson(byId(shuffled), byId(sorted))).to.equal(true);
    });

    it('gives each device a stable hex id, processId and sessionId on every event, and a resource that fits', () => {
      const devices = byDevice(events);
      expect(devices.size).to.be.at.least(20);
      const keys = ['app.version', 'os.name', 'os.version', 'device.model', 'country', 'persona'];
      for (const [deviceId, list] of devices) {
        expect(deviceId).to.match(/^[0-9a-f]{8}$/);
        const first = list[0]!.resource!;
        const experiments = Object.keys(first).filter((k) => k.startsWith('experiment.'));
        expect(experiments.length).to.be.within(2, 3);
        const ok = (ev: RawEvent): boolean => {
          const r = ev.resource;
          return (
            typeof ev.processId === 'string' &&
            typeof ev.sessionId === 'string' &&
            r !== undefined &&
            keys.every((k) => typeof r[k] === 'string') &&
            r['device.model'] === first['device.model'] &&
            r.country === first.country &&
            String(r['device.model']).startsWith('iPhone') === (r['os.name'] === 'iOS')
          );
        };
        expect(firstFailure(list, ok)).to.equal(undefined);
      }
    });

    it('streams the same events, and gives one device the same events on its own', () => {
      expect([...generateEventStream({ seed: 3, events: 3000 })]).to.deep.equal(generateEvents({ seed: 3, events: 3000 }));
      const all = generateEvents({ seed: 3, devices: 4, days: 2 });
      const own = [...generateDeviceEvents(2, { seed: 3, devices: 4, days: 2 })];
      expect(own.length).to.be.greaterThan(0);
      expect(all.filter((e) => e.deviceId === own[0]!.deviceId)).to.deep.equal(own);
    });
  });

  describe('content', () => {
    const types = new Set(events.map((e) => e.type));

    it('has the activity of a shopping app', () => {
      for (const t of ['view', 'tap', 'network', 'log', 'breadcrumb', 'span', 'hang', 'heartbeat', 'purchase']) {
        expect(types, t).to.include(t);
      }
      const screens = new Set(events.filter((e) => e.type === 'view').map((e) => e.name));
      for (const v of ['Home', 'Search', 'Product', 'Cart', 'Checkout', 'Settings', 'Profile']) expect(screens, v).to.include(v);
      expect(events.some((e) => e.type === 'tap' && e.name === 'button:add_to_cart')).to.equal(true);
      const views = events.filter((e) => e.type === 'view');
      expect(views.every((e) => typeof e.duration === 'number' && e.duration > 0)).to.equal(true);
      const severities = new Set(events.filter((e) => e.type === 'log').map((e) => e.attrs?.['log.severity']));
      expect([...severities].sort()).to.deep.equal(['error', 'info', 'warning']);
    });

    it('has network calls with 2xx, 4xx and 5xx statuses', () => {
      const net = events.filter((e) => e.type === 'network');
      const ok = (e: RawEvent): boolean =>
        typeof e.name === 'string' &&
        e.name.includes(' /api/') &&
        typeof e.duration === 'number' &&
        typeof e.attrs?.['http.method'] === 'string' &&
        typeof e.attrs['http.url'] === 'string';
      expect(firstFailure(net, ok)).to.equal(undefined);
      const codes = net.map(status).filter((s): s is number => s !== undefined);
      expect(codes.filter((s) => s < 400).length / net.length).to.be.greaterThan(0.9);
      expect(codes.some((s) => s >= 400 && s < 500)).to.equal(true);
      expect(codes.some((s) => s >= 500)).to.equal(true);
    });

    it('has cold launches (foreground and background), warm starts and backgrounds', () => {
      const launches = events.filter((e) => e.type === 'app.launch');
      expect(launches.some((e) => e.state === 'foreground')).to.equal(true);
      expect(launches.some((e) => e.state === 'background')).to.equal(true);
      expect(new Set(launches.map((e) => e.processId)).size).to.equal(launches.length);
      expect(types).to.include('app.background');
      const launchTs = new Map(launches.map((e) => [e.processId, e.ts as number]));
      const foregrounds = events.filter((e) => e.type === 'app.foreground');
      // A background launch (push) foregrounded within 2 s, and warm starts of older processes.
      expect(foregrounds.some((e) => (e.ts as number) - launchTs.get(e.processId)! <= 2000)).to.equal(true);
      expect(foregrounds.some((e) => (e.ts as number) - launchTs.get(e.processId)! > 60_000)).to.equal(true);
    });

    it('ends some processes with crashes, ANRs, OOMs and terminations, at realistic rates', () => {
      const crash = events.find((e) => e.type === 'crash')!;
      expect(crash.attrs).to.include.keys('exception.type', 'thread', 'stack.frames');
      for (const t of ['anr', 'oom', 'app.terminate']) expect(types, t).to.include(t);
      const starts = events.filter((e) => e.type === 'app.launch' || e.type === 'app.foreground').length;
      const crashes = events.filter((e) => e.type === 'crash').length;
      expect(crashes / starts).to.be.within(0.01, 0.05);
      expect(events.filter((e) => e.type === 'anr').length / starts).to.be.within(0.001, 0.02);
    });

    it('reports the crash of a process that vanished at the next launch (a late report)', () => {
      const late = lateReports(events);
      expect(late.length).to.be.greaterThan(0);
      for (const report of late) {
        // No event of the dead process between its last one and the report but the new launch's.
        const list = byDevice(events).get(report.deviceId as string)!;
        const i = list.indexOf(report);
        const launch = list.slice(0, i).reverse().find((e) => e.type === 'app.launch')!;
        expect(launch.processId).to.not.equal(report.processId);
        expect(list.slice(list.indexOf(launch), i).every((e) => e.processId !== report.processId)).to.equal(true);
      }
    });

    it('ends sessions at log-out with session.end after a tap on logout, and starts a new sessionId', () => {
      const devices = byDevice(events);
      const ends = events.filter((e) => e.type === 'session.end');
      expect(ends.length).to.be.greaterThan(0);
      for (const end of ends) {
        const list = devices.get(end.deviceId as string)!;
        const i = list.indexOf(end);
        const before = list.slice(0, i).reverse().find((e) => e.type === 'tap')!;
        expect(before.name).to.equal('button:logout');
        expect((end.ts as number) - (before.ts as number)).to.be.below(5000);
        const after = list[i + 1];
        if (after) {
          expect(after.sessionId).to.not.equal(end.sessionId);
          expect(after.processId).to.equal(end.processId);
        }
      }
    });

    it('has users logging in mid-way, and devices that never log in', () => {
      let midway = 0;
      let never = 0;
      for (const list of byDevice(events).values()) {
        const firstWithUser = list.findIndex((e) => e.userId !== undefined);
        if (firstWithUser < 0) never++;
        else if (firstWithUser > 0 && list[firstWithUser]!.type === 'user.login') midway++;
      }
      expect(midway).to.be.greaterThan(0);
      expect(never).to.be.greaterThan(0);
    });

    it('rolls out newer app versions over the days', () => {
      const versionAt = (from: number, to: number): Set<string> => {
        const inside = events.filter((e) => (e.ts as number) >= from && (e.ts as number) < to);
        return new Set(inside.map((e) => String(e.resource!['app.version'])));
      };
      const o = resolveSampleOptions();
      const first = versionAt(o.start, o.start + 86_400_000);
      const last = versionAt(o.end - 86_400_000, o.end);
      expect(new Set([...first, ...last]).size).to.be.at.least(3);
      expect(first.has('3.10.1')).to.equal(false);
      expect(last.has('3.10.1')).to.equal(true);
    });

    it('follows a day rhythm in local time', () => {
      // Germany, France, Spain, Nigeria: UTC+1 (November: no summer time).
      const utcPlusOne = ['DE', 'FR', 'ES', 'NG'];
      const launches = events.filter(
        (e) => e.type === 'app.launch' && e.state === 'foreground' && utcPlusOne.includes(String(e.resource!.country)),
      );
      const hour = (e: RawEvent): number => Math.floor((((e.ts as number) + 3_600_000) % 86_400_000) / 3_600_000);
      const night = launches.filter((e) => hour(e) >= 1 && hour(e) < 6).length;
      const evening = launches.filter((e) => hour(e) >= 18 && hour(e) < 23).length;
      expect(launches.length).to.be.greaterThan(20);
      expect(evening).to.be.greaterThan(3 * night);
    });
  });

  describe('options', () => {
    it('mixes in every kind of bad item at the garbage fraction, leaving the good events unchanged', () => {
      const clean = generateEvents({ seed: 9, events: 4000 });
      const messy = generateEvents({ seed: 9, events: 4000, garbage: 0.1 });
      const seen = new Set<string>();
      const good = messy.filter((item) => isGood(item, seen));
      expect(good).to.deep.equal(clean);
      expect((messy.length - good.length) / messy.length).to.be.closeTo(0.1, 0.02);

      const goodItems = new Set<unknown>(good);
      const bad = messy.filter((item) => !goodItems.has(item));
      const has = (test: (x: unknown) => boolean): boolean => bad.some(test);
      const obj = (x: unknown): Record<string, unknown> | undefined =>
        typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
      expect(has((x) => x === null), 'null').to.equal(true);
      expect(has((x) => typeof x === 'number'), 'number').to.equal(true);
      expect(has((x) => typeof x === 'string'), 'string').to.equal(true);
      expect(has((x) => Array.isArray(x)), 'array').to.equal(true);
      expect(has((x) => obj(x) !== undefined && !('ts' in obj(x)!)), 'missing ts').to.equal(true);
      expect(has((x) => obj(x)?.ts === 'yesterday'), "ts 'yesterday'").to.equal(true);
      expect(has((x) => Number.isNaN(obj(x)?.ts)), 'ts NaN').to.equal(true);
      expect(has((x) => obj(x)?.ts === Number.POSITIVE_INFINITY), 'ts Infinity').to.equal(true);
      expect(has((x) => typeof obj(x)?.ts === 'number' && !('type' in obj(x)!)), 'missing type').to.equal(true);
      const ids = new Set(clean.map((e) => e.id));
      const duplicate = (x: unknown): boolean =>
        typeof obj(x)?.id === 'string' && ids.has(obj(x)!.id as string) && 'type' in obj(x)!;
      expect(has(duplicate), 'duplicate').to.equal(true);
      // Still sorted: every valid ts is in order.
      const tss = messy.map((x) => obj(x)?.ts).filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
      expect(tss.every((t, i) => i === 0 || t >= tss[i - 1]!)).to.equal(true);
    });

    it('writes some timestamps as ISO-8601 strings with isoTimestamps', () => {
      const clean = generateEvents({ seed: 4, events: 3000 });
      const iso = generateEvents({ seed: 4, events: 3000, isoTimestamps: true });
      const strings = iso.filter((e) => typeof e.ts === 'string');
      expect(strings.length / iso.length).to.be.within(0.02, 0.1);
      const sameInstant = (e: RawEvent, i: number): boolean =>
        (typeof e.ts === 'string' ? Date.parse(e.ts) : e.ts) === clean[i]!.ts;
      expect(firstFailure(iso, sameInstant)).to.equal(undefined);
      const all = generateEvents({ seed: 4, events: 50, isoTimestamps: 1 });
      expect(all.every((e) => typeof e.ts === 'string' && e.ts.endsWith('Z'))).to.equal(true);
    });

    it('starts at the given start', () => {
      const start = Date.UTC(2025, 0, 1);
      const evs = generateEvents({ start, devices: 3, days: 2 });
      expect(evs[0]!.ts as number).to.be.at.least(start);
      expect(evs.at(-1)!.ts as number).to.be.below(start + 2 * 86_400_000);
    });
  });
});
