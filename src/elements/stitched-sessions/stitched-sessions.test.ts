import { expect } from 'chai';
// axe-core is a UMD bundle (no ES default export): loading it sets `window.axe`.
import 'axe-core';
import { deriveSessions } from '../../core/index.js';
import { generateEvents } from '../../core/sample-data.js';
import type { Session } from '../../core/types.js';
import { ViewChangeEvent, type DeviceSelectEvent, type SessionSelectEvent, type StitchedSelectEvent } from '../../events.js';
import { HOSTILE_DEVICE, TUE, at, cohortEvents } from '../../../test/fixtures/cohort.js';
import { StitchedHarness } from '../../../test/harness/stitched-sessions-harness.js';
import { failOnConsoleErrors } from '../../../test/harness/console-guard.js';
import { StitchedSessions } from './stitched-sessions.js';

const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;

const FG = [0, 0, 255] as const;
const CRASH = [0, 160, 0] as const;
const WARNING = [200, 0, 200] as const;
const LAST_SEEN = ['91c0', HOSTILE_DEVICE, '7f3a', '22de'];

describe('<stitched-sessions>', () => {
  let h: StitchedHarness | undefined;
  afterEach(() => {
    h?.remove();
    h = undefined;
  });
  failOnConsoleErrors();

  const mountCohort = (extra: (el: StitchedSessions) => void = () => {}) =>
    StitchedHarness.mount((el) => {
      el.events = cohortEvents;
      el.timeZone = 'UTC';
      el.style.setProperty('--stitched-sessions-session-foreground', `rgb(${FG.join(', ')})`);
      el.style.setProperty('--stitched-sessions-end-crash', `rgb(${CRASH.join(', ')})`);
      el.style.setProperty('--stitched-sessions-end-warning', `rgb(${WARNING.join(', ')})`);
      extra(el);
    });

  it('is registered once, as stitched-sessions', () => {
    expect(customElements.get('stitched-sessions')).to.equal(StitchedSessions);
  });

  it('shows one row per device, last seen first, with its user and crash count', async () => {
    h = await mountCohort();
    expect(h.rowIds()).to.deep.equal(LAST_SEEN);
    expect(h.texts('[part="row-label"]')).to.deep.equal([`91c0 bob ✕1`, `${HOSTILE_DEVICE} mallory`, '7f3a alice ✕2', '22de —']);
    expect(h.$<HTMLSelectElement>('.sort select')!.value).to.equal('last-seen');
  });

  it('summarises the cohort: counts, end-reason shares, medians, sessions per day', async () => {
    h = await mountCohort();
    expect(h.text('[part="summary"]')).to.equal(
      '4 devices · 6 stitched sessions · 15 sessions · ✕ crash 6.7% · ‖ ANR 6.7% · ◆ OOM 6.7% · ? abnormal 6.7% · median session 5 min · median stitched 30 min',
    );
    expect(h.$('[part="sparkline"] svg')!.getAttribute('aria-label')).to.equal('Sessions per day, Mon 5 Jan to Tue 6 Jan: 13, 2');
    const bars = h.$$<SVGRectElement>('[part="sparkline"] rect');
    expect(bars).to.have.length(2);
    expect(bars[0]!.getBoundingClientRect().height).to.be.greaterThan(bars[1]!.getBoundingClientRect().height * 5);
    expect(h.texts('.reasons li')).to.include('✕ crash 6.7% (1)');
  });

  it('sorts by each key, from the menu and the attribute', async () => {
    h = await mountCohort();
    const select = h.$<HTMLSelectElement>('.sort select')!;
    const orders: Record<string, string[]> = {};
    for (const key of ['first-seen', 'sessions', 'foreground-time', 'crashes', 'last-seen']) {
      select.value = key;
      select.dispatchEvent(new Event('change'));
      await h.settle();
      orders[key] = h.rowIds();
    }
    expect(orders).to.deep.equal({
      'first-seen': ['91c0', '7f3a', '22de', HOSTILE_DEVICE],
      sessions: ['7f3a', '91c0', '22de', HOSTILE_DEVICE],
      'foreground-time': ['91c0', '22de', '7f3a', HOSTILE_DEVICE],
      crashes: ['7f3a', '91c0', HOSTILE_DEVICE, '22de'],
      'last-seen': LAST_SEEN,
    });
    h.el.setAttribute('sort', 'crashes');
    await h.settle();
    expect(h.rowIds()).to.deep.equal(['7f3a', '91c0', HOSTILE_DEVICE, '22de']);
    expect(select.value).to.equal('crashes');
  });

  it('aligns every row on its first session in relative mode, with elapsed time on the axis', async () => {
    h = await mountCohort();
    // Calendar: bob started first (08:00), alice at 09:00, further right.
    const bob = h.firstX('91c0', FG);
    expect(bob).to.be.greaterThan(0);
    expect(h.firstX('7f3a', FG)).to.be.greaterThan(bob + 10);
    expect(h.axisLabels()).to.include('Tue 6 Jan');

    h.$$<HTMLButtonElement>('.segmented button').find((b) => b.textContent === 'relative')!.click();
    await h.settle();
    expect(h.el.getAttribute('align')).to.equal('relative');
    for (const key of LAST_SEEN) expect(h.firstX(key, FG), key).to.be.closeTo(0, 1);
    expect(h.el.timeToX(at('09:00'), '7f3a')).to.equal(0);
    const labels = h.axisLabels();
    expect(labels[0]).to.equal('0');
    expect(labels.slice(1).every((l) => l.startsWith('+'))).to.equal(true);
    expect(h.text('.axis-label')).to.equal('since first session');
  });

  it('marks crashes, ANRs, OOMs and abnormal ends on the session where they happened', async () => {
    h = await mountCohort();
    const around = (key: string, t: number, rgb: readonly [number, number, number]) => {
      const x = h!.el.timeToX(t, key)!;
      return h!.pixelsIn(key, rgb, x - 2, x + 14);
    };
    expect(around('7f3a', at('09:20'), CRASH), 'crash').to.be.greaterThan(10);
    expect(around('7f3a', at('13:05'), CRASH), 'ANR').to.be.greaterThan(10);
    expect(around('91c0', at('10:20', TUE), CRASH), 'OOM').to.be.greaterThan(10);
    expect(around('22de', at('11:05'), WARNING), 'abnormal').to.be.greaterThan(3);
    expect(h.pixelsIn('22de', CRASH)).to.equal(0);
    expect(h.pixelsIn(HOSTILE_DEVICE, CRASH) + h.pixelsIn(HOSTILE_DEVICE, WARNING)).to.equal(0);
  });

  it('draws foreground sessions solid, background ones lighter, and leaves gaps between stitched sessions empty', async () => {
    h = await mountCohort();
    // Between alice's two stitched sessions nothing is drawn, not even the joining line.
    const gap0 = h.el.timeToX(at('09:50'), '7f3a')!;
    const gap1 = h.el.timeToX(at('12:40'), '7f3a')!;
    expect(h.paintedIn('7f3a', gap0, gap1, 0) + h.paintedIn('7f3a', gap0, gap1, -4)).to.equal(0);
    // Zoom on her first stitched session: fg 09:00–09:10, bg 09:10–09:14.
    h.el.zoom.showRange(h.el.timeToX(at('08:58'), '7f3a')!, h.el.timeToX(at('09:25'), '7f3a')!);
    await h.settle();
    const x = (hm: string) => h!.el.timeToX(at(hm), '7f3a')!;
    expect(h.pixelsIn('7f3a', FG, x('09:02'), x('09:08'))).to.be.greaterThan(500);
    expect(h.pixelsIn('7f3a', FG, x('09:11'), x('09:13'))).to.equal(0);
    expect(h.paintedIn('7f3a', x('09:11'), x('09:13'), -2)).to.be.greaterThan(20);
  });

  it('keeps only the rows in view in the DOM: 10,000 devices', async () => {
    const T = Date.UTC(2026, 0, 5);
    const events: object[] = [];
    for (let i = 0; i < 10_000; i++) {
      const deviceId = `dev-${String(i).padStart(5, '0')}`;
      events.push({ ts: T + i * 60_000, type: 'app.launch', deviceId }, { ts: T + i * 60_000 + 300_000, type: 'app.background', deviceId });
    }
    const model = deriveSessions(events);
    h = await StitchedHarness.mount((el) => {
      el.model = model;
      el.style.setProperty('--stitched-sessions-session-foreground', `rgb(${FG.join(', ')})`);
    });
    expect(h.el.rowCount).to.equal(10_000);
    expect(h.text('[part="summary"]')).to.match(/^10,000 devices · 10,000 stitched sessions · 20,000 sessions/);
    expect(h.$$('[part="row-label"]').length).to.be.below(60);
    expect(h.rowIds()[0]).to.equal('dev-09999');
    h.scroller.scrollTop = 5000 * 28;
    h.scroller.dispatchEvent(new Event('scroll'));
    await h.settle();
    const ids = h.rowIds();
    expect(ids.length).to.be.below(60);
    expect(ids).to.include(h.el.rowKeys[5005]);
    expect(ids).to.not.include('dev-09999');
    expect(h.pixelsIn(h.el.rowKeys[5005]!, FG)).to.be.greaterThan(0);
  });

  it('draws a large cohort\'s rows first, then fills in its summary', async () => {
    const T = Date.UTC(2026, 0, 5);
    const events: object[] = [];
    for (let i = 0; i < 30_000; i++) {
      const deviceId = `dev-${String(i).padStart(5, '0')}`;
      events.push({ ts: T + i * 1_000, type: 'app.launch', deviceId }, { ts: T + i * 1_000 + 300_000, type: 'app.background', deviceId });
    }
    const model = deriveSessions(events);
    h = await StitchedHarness.mount(() => {});
    h.el.model = model;
    // The frame after the model was set: rows drawn, the summary being counted.
    await new Promise((r) => requestAnimationFrame(r));
    expect(h.$$('[part="row-label"]').length).to.be.within(10, 60);
    expect(h.text('[part="summary"]')).to.equal('30,000 devices · 30,000 stitched sessions · 60,000 sessions · counting end reasons and durations…');
    expect(h.$('[part="summary"]')!.getAttribute('aria-busy')).to.equal('true');
    await h.settle();
    expect(h.text('[part="summary"]')).to.equal('30,000 devices · 30,000 stitched sessions · 60,000 sessions · ✕ crash 0% · ‖ ANR 0% · ◆ OOM 0% · ? abnormal 0% · median session 2 min 30 s · median stitched 5 min');
    expect(h.$('[part="summary"]')!.getAttribute('aria-busy')).to.equal('false');
    expect(h.$('[part="sparkline"] svg')!.getAttribute('aria-label')).to.match(/^Sessions per day, /);
  });

  it('draws the same pixels after small scroll steps as after one jump', async () => {
    const model = deriveSessions(generateEvents({ seed: 3, devices: 60, days: 1 }));
    const pixels = async (steps: number[]): Promise<number[]> => {
      const one = await StitchedHarness.mount((el) => (el.model = model));
      try {
        for (const top of steps) {
          one.scroller.scrollTop = top;
          one.scroller.dispatchEvent(new Event('scroll'));
          await one.settle();
        }
        expect(one.scroller.scrollTop).to.equal(steps[steps.length - 1]);
        const canvas = one.$<HTMLCanvasElement>('canvas.bars')!;
        return Array.from(canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data);
      } finally {
        one.remove();
      }
    };
    // Down four rows at a time, then up by one and a half rows, against one jump to the end.
    const stepped = await pixels([112, 224, 336, 448, 560, 518]);
    const jumped = await pixels([518]);
    expect(stepped.length).to.equal(jumped.length);
    let differ = 0;
    for (let i = 0; i < stepped.length; i++) if (Math.abs(stepped[i]! - jumped[i]!) > 1) differ++;
    expect(differ).to.equal(0);
  });

  it('fires session-select, stitched-select and device-select with their details', async () => {
    h = await mountCohort();
    const got: (SessionSelectEvent | StitchedSelectEvent | DeviceSelectEvent)[] = [];
    for (const name of ['session-select', 'stitched-select', 'device-select'] as const) document.body.addEventListener(name, (e) => got.push(e));
    try {
      // Bob's Tuesday: fg 10:00–10:20 (OOM), fg 10:25–10:40, one stitched session.
      h.el.zoom.showRange(h.el.timeToX(at('09:50', TUE), '91c0')!, h.el.timeToX(at('10:50', TUE), '91c0')!);
      await h.settle();
      await h.clickAt(at('10:10', TUE), '91c0');
      await h.clickAt(at('10:22', TUE), '91c0');
      await h.clickAt(at('09:53', TUE), '91c0');
      h.$$('[part="row-label"]')[2]!.click();
      await h.settle();
    } finally {
      for (const name of ['session-select', 'stitched-select', 'device-select'] as const) document.body.removeEventListener(name, (e) => got.push(e));
    }
    expect(got.map((e) => e.type)).to.deep.equal(['session-select', 'stitched-select', 'device-select', 'device-select']);
    const [session, stitched, device, label] = got as [SessionSelectEvent, StitchedSelectEvent, DeviceSelectEvent, DeviceSelectEvent];
    expect(session.bubbles && session.composed).to.equal(true);
    expect([session.detail.session.deviceId, session.detail.session.endReason, session.detail.stitched?.number]).to.deep.equal(['91c0', 'oom', 2]);
    expect([stitched.detail.stitched.deviceId, stitched.detail.stitched.number, stitched.detail.sessions.map((s) => s.endReason)]).to.deep.equal(['91c0', 2, ['oom', 'user_terminated']]);
    expect([device.detail.deviceId, device.detail.userId, device.detail.deviceIds, device.detail.sessions.length]).to.deep.equal(['91c0', 'bob', ['91c0'], 4]);
    expect([label.detail.deviceId, label.detail.userId]).to.deep.equal(['7f3a', 'alice']);
    expect(h.$('[part="row-label"].selected .id')!.textContent).to.equal('7f3a');
  });

  it('fires view-change once per change of its alignment or sort control, and reflects both as attributes', async () => {
    h = await mountCohort();
    const got: ViewChangeEvent[] = [];
    const keep = (e: ViewChangeEvent) => got.push(e);
    document.body.addEventListener('view-change', keep);
    const attrs = () => [h!.el.getAttribute('align'), h!.el.getAttribute('sort')];
    const seen: (string | null)[][] = [];
    try {
      const button = (word: string) => h!.$$<HTMLButtonElement>('.segmented button').find((b) => b.textContent === word)!;
      button('relative').click();
      await h.settle();
      seen.push(attrs());
      // Pressing the pressed button changes nothing: no event.
      button('relative').click();
      await h.settle();
      const select = h.$<HTMLSelectElement>('.sort select')!;
      select.value = 'crashes';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await h.settle();
      seen.push(attrs());
      button('calendar').click();
      await h.settle();
      seen.push(attrs());
      // Set by a property or an attribute: no event.
      h.el.sort = 'sessions';
      h.el.setAttribute('align', 'relative');
      await h.settle();
      seen.push(attrs());
    } finally {
      document.body.removeEventListener('view-change', keep);
    }
    expect(got.map((e) => e.detail)).to.deep.equal([
      { align: 'relative', sort: 'last-seen', groupBy: 'device' },
      { align: 'relative', sort: 'crashes', groupBy: 'device' },
      { align: 'calendar', sort: 'crashes', groupBy: 'device' },
    ]);
    expect(got.every((e) => e instanceof ViewChangeEvent && e.type === 'view-change' && e.bubbles && e.composed)).to.equal(true);
    expect(seen).to.deep.equal([
      ['relative', 'last-seen'],
      ['relative', 'crashes'],
      ['calendar', 'crashes'],
      ['relative', 'sessions'],
    ]);
  });

  it('outlines and scrolls to a row, stitched session or session set as `selected`, and sets it on click', async () => {
    const model = deriveSessions(generateEvents({ seed: 3, devices: 60, days: 1 }));
    h = await StitchedHarness.mount((el) => (el.model = model));
    const keys = h.el.rowKeys;
    const inView = (i: number) => i * 28 >= h!.scroller.scrollTop && (i + 1) * 28 <= h!.scroller.scrollTop + h!.scroller.clientHeight;
    const ring = () => h!.$<HTMLElement>('.ring.selected');
    // A device id: its row is scrolled into view and outlined whole.
    expect(inView(45)).to.equal(false);
    h.el.selected = keys[45];
    await h.settle();
    expect(inView(45)).to.equal(true);
    expect(h.text('[part="row-label"].selected .id')).to.equal(keys[45]);
    expect(h.el.getAttribute('selected')).to.equal(keys[45]);
    expect(ring()!.classList.contains('row')).to.equal(true);
    // A stitched session's id (the attribute works too): back up to row 5, outlined from its start to its end.
    const stitched = model.stitched.filter((g) => g.deviceId === keys[5]).at(-1)!;
    h.el.setAttribute('selected', stitched.id);
    await h.settle();
    expect(inView(5)).to.equal(true);
    expect(h.text('[part="row-label"].selected .id')).to.equal(keys[5]);
    const box = ring()!;
    expect(box.classList.contains('row')).to.equal(false);
    expect(box.offsetLeft).to.be.closeTo(h.el.timeToX(stitched.start, keys[5])! - 3, 1.5);
    expect(box.offsetTop).to.equal(5 * 28 + 3);
    // A session's id out of view in time: the axis pans to it.
    h.el.zoom.showRange(0, 40);
    await h.settle();
    const session = stitched.sessions.at(-1)!;
    const before = h.el.visibleRange!;
    expect(session.start > before[1]).to.equal(true);
    h.el.selected = session.id;
    await h.settle();
    const [t0, t1] = h.el.visibleRange!;
    expect(t1 - t0).to.be.closeTo(before[1] - before[0], 1);
    expect(session.start >= t0 && session.end <= t1).to.equal(true);
    expect(ring()!.classList.contains('row')).to.equal(false);
    // An id that is not shown outlines nothing.
    h.el.selected = 'no such device';
    await h.settle();
    expect(ring()).to.equal(null);
    expect(h.$('[part="row-label"].selected')).to.equal(null);
    // A click selects what it hits and sets the property (to the row key here); Escape clears it.
    h.el.zoom.reset();
    await h.settle();
    h.$$('[part="row-label"]').find((l) => l.querySelector('.id')!.textContent === keys[7])!.click();
    await h.settle();
    expect([h.el.selected, h.el.getAttribute('selected')]).to.deep.equal([keys[7], keys[7]]);
    h.plot.focus();
    await h.press('Escape');
    expect([h.el.selected, h.el.hasAttribute('selected')]).to.deep.equal([undefined, false]);
    expect(ring()).to.equal(null);
  });

  it('moves between rows and sessions with the arrow keys, and selects with Enter', async () => {
    h = await mountCohort();
    const got: Event[] = [];
    const keep = (e: Event) => got.push(e);
    h.el.addEventListener('session-select', keep);
    h.el.addEventListener('stitched-select', keep);
    h.el.addEventListener('device-select', keep);
    const live = () => h!.text('[aria-live="polite"].visually-hidden');
    h.plot.focus();
    await h.press('ArrowDown');
    expect(live()).to.equal('device 91c0 · user bob: 4 sessions in 2 stitched sessions, last seen Tue 6 Jan 10:40, 1 OOM');
    await h.press('ArrowDown');
    await h.press('ArrowDown');
    expect(live()).to.match(/^device 7f3a · user alice: 6 sessions in 2 stitched sessions, .*1 crash, 1 ANR$/);
    await h.press('ArrowRight');
    expect(live()).to.equal('device 7f3a · user alice, session 1 of 6: foreground, Mon 5 Jan 09:00–09:10, 10 min, ended: background');
    expect(h.text('[part="tooltip"]')).to.contain('Session 1 · foreground');
    await h.press('ArrowRight');
    await h.press('ArrowRight');
    await h.press('Enter');
    await h.press('Enter', { shiftKey: true });
    // Down keeps the time: 22de's session nearest 09:14 is its first.
    await h.press('ArrowDown');
    expect(live()).to.match(/^device 22de, session 1 of 3: foreground, Mon 5 Jan 11:00–11:05/);
    await h.press('ArrowLeft');
    await h.press('Enter');
    expect(got.map((e) => e.type)).to.deep.equal(['session-select', 'stitched-select', 'device-select']);
    expect((got[0] as SessionSelectEvent).detail.session.endReason).to.equal('crash');
    expect((got[1] as StitchedSelectEvent).detail.stitched.number).to.equal(1);
    expect((got[2] as DeviceSelectEvent).detail.deviceId).to.equal('22de');
    // Zoom and pan keys work like the timeline's (Shift + arrows pan here).
    const [a0, a1] = h.el.visibleRange!;
    await h.press('+');
    const [b0, b1] = h.el.visibleRange!;
    expect(b1 - b0).to.be.lessThan(a1 - a0);
    await h.press('ArrowRight', { shiftKey: true });
    expect(h.el.visibleRange![0]).to.be.greaterThan(b0);
    await h.press('0');
    expect(h.el.visibleRange![0]).to.be.closeTo(a0, 1);
  });

  it('applies a filter: hidden rows and sessions, and a summary of what is left', async () => {
    h = await mountCohort((el) => (el.filter = (s: Session) => s.deviceId !== '91c0'));
    expect(h.rowIds()).to.deep.equal([HOSTILE_DEVICE, '7f3a', '22de']);
    expect(h.text('[part="summary"]')).to.match(/^3 devices · 4 stitched sessions · 11 sessions · ✕ crash 9.1% · ‖ ANR 9.1% · ◆ OOM 0% /);
    // A matcher object changed in place (a FilterIndex) is picked up by its version.
    const matcher = { version: 1, matches: (_s: Session) => true };
    h.el.filter = matcher;
    await h.settle();
    expect(h.rowIds()).to.have.length(4);
    matcher.matches = (s) => s.userId === 'alice' && s.endReason === 'crash';
    matcher.version = 2;
    h.el.requestUpdate();
    await h.settle();
    expect(h.rowIds()).to.deep.equal(['7f3a']);
    expect(h.text('[part="summary"]')).to.match(/^1 device · 1 stitched session · 1 session · ✕ crash 100%/);
  });

  it('groups rows by user', async () => {
    h = await mountCohort((el) => el.setAttribute('group-by', 'user'));
    expect(h.rowIds()).to.deep.equal(['bob', 'mallory', 'alice', '22de']);
    expect(h.texts('[part="row-label"] .user')).to.deep.equal(['1 device', '1 device', '1 device', 'no user']);
    expect(h.text('[part="summary"]')).to.match(/^4 rows · 4 devices · 6 stitched sessions/);
  });

  it('shows a tooltip with the device, user, dimensions, counts, durations and end reasons', async () => {
    h = await mountCohort();
    await h.hoverAt(at('11:30'), '7f3a');
    expect(h.texts('[part="tooltip"] p')).to.deep.equal([
      'device 7f3a · user alice',
      'Pixel 8, Android 15, app 2.3.0, DE',
      '6 sessions in 2 stitched sessions',
      'foreground 20 min · background 5 min',
      'ends: ✕ crash 1 · ‖ ANR 1 · ▼ background 2 · ▲ foreground 2',
      'first seen Mon 5 Jan 09:00 · last seen Mon 5 Jan 13:05',
    ]);
    await h.hoverAt(at('09:05'), '7f3a');
    expect(h.texts('[part="tooltip"] p').slice(2)).to.deep.equal(['Session 1 · foreground · cold start', 'Mon 5 Jan 09:00–09:10 · 10 min', 'ended: ▼ background', 'stitched #1 · 3 sessions · 20 min']);
  });

  it('writes times in the time zone it is given', async () => {
    h = await mountCohort();
    await h.hoverAt(at('09:05'), '7f3a');
    expect(h.texts('[part="tooltip"] p')[3]).to.equal('Mon 5 Jan 09:00–09:10 · 10 min');
    h.el.timeZone = 'Asia/Tokyo';
    await h.settle();
    await h.hoverAt(at('09:05'), '7f3a');
    expect(h.texts('[part="tooltip"] p')[3]).to.equal('Mon 5 Jan 18:00–18:10 · 10 min');
    expect(h.text('.axis-label')).to.equal('Asia/Tokyo');
    // Tokyo's Tuesday begins at 15:00 UTC on Monday: 2 + 13 sessions become 11 + 4.
    expect(h.$('[part="sparkline"] svg')!.getAttribute('aria-label')).to.equal('Sessions per day, Mon 5 Jan to Tue 6 Jan: 11, 4');
  });

  it('has light and dark themes, from custom properties', async () => {
    h = await mountCohort((el) => (el.theme = 'light'));
    expect(getComputedStyle(h.el).backgroundColor).to.equal('rgb(255, 255, 255)');
    h.el.theme = 'dark';
    await h.settle();
    expect(getComputedStyle(h.el).backgroundColor).to.equal('rgb(22, 24, 29)');
    h.el.style.setProperty('--stitched-sessions-background', 'rgb(1, 2, 3)');
    expect(getComputedStyle(h.el).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('says it is loading', async () => {
    h = await StitchedHarness.mount((el) => (el.loading = true));
    expect(h.text('[part="state"]')).to.equal('◌ Loading sessions…');
    expect(h.$('[part="state"]')!.getAttribute('role')).to.equal('status');
  });

  it('says when there is nothing to show, and when the filter matches nothing', async () => {
    h = await StitchedHarness.mount((el) => (el.events = []));
    expect(h.text('.state-title')).to.equal('No sessions to show');
    h.el.events = cohortEvents;
    h.el.filter = () => false;
    await h.settle();
    expect(h.text('.state-title')).to.equal('No sessions match the filter');
    expect(h.text('.state-detail')).to.equal('The data holds 15 sessions of 4 devices.');
  });

  it('shows the core\'s error for input that is not an array, and dropped items in words', async () => {
    h = await StitchedHarness.mount((el) => (el.events = { not: 'an array' }));
    expect(h.$('[part="state"]')!.getAttribute('role')).to.equal('alert');
    expect(h.text('.state-title')).to.equal('These events could not be shown.');
    let message = '';
    try {
      deriveSessions({ not: 'an array' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(h.text('.state-detail')).to.equal(message);
    h.el.events = [...cohortEvents, { ts: 'yesterday', type: 'tap', deviceId: '7f3a' }];
    await h.settle();
    expect(h.text('.dropped')).to.equal('⚠ 1 of 22 events was dropped: 1 invalid timestamp');
    h.el.timeZone = 'Mars/Olympus';
    await h.settle();
    expect(h.text('.state-detail')).to.contain('Unknown time zone "Mars/Olympus"');
  });

  it('renders user strings as text: a device id like markup creates no element', async () => {
    h = await mountCohort();
    expect(h.rowIds()).to.include(HOSTILE_DEVICE);
    await h.hoverAt(at('15:01'), HOSTILE_DEVICE);
    expect(h.text('[part="tooltip"] .tip-title')).to.equal(`device ${HOSTILE_DEVICE} · user mallory`);
    expect(h.root.querySelectorAll('img').length).to.equal(0);
    expect(document.querySelectorAll('img').length).to.equal(0);
  });

  it('passes axe-core with no violations', async () => {
    h = await StitchedHarness.mount((el) => {
      el.events = cohortEvents;
      el.timeZone = 'UTC';
    });
    h.plot.focus();
    await h.press('ArrowDown');
    await h.press('ArrowRight');
    const result = await axe.run(h.el, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
  });
});
