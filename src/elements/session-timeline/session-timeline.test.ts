import { expect } from 'chai';
// axe-core is a UMD bundle (no ES default export): loading it sets `window.axe`.
import 'axe-core';
import { deriveSessions } from '../../core/index.js';
import type { Session } from '../../core/types.js';
import type { EventSelectEvent, RangeSelectEvent, SessionSelectEvent } from '../../events.js';
import { HOSTILE_NAME, eventsWithGarbage, timelineEvents, utc } from '../../../test/fixtures/timeline.js';
import { TimelineHarness } from '../../../test/harness/session-timeline-harness.js';
import { failOnConsoleErrors } from '../../../test/harness/console-guard.js';
import { SessionTimeline } from './session-timeline.js';

const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;

describe('<session-timeline>', () => {
  let h: TimelineHarness | undefined;
  afterEach(() => {
    h?.remove();
    h = undefined;
  });
  failOnConsoleErrors();

  const mountFixture = (extra: (el: SessionTimeline) => void = () => {}) =>
    TimelineHarness.mount((el) => {
      el.events = timelineEvents;
      el.timeZone = 'UTC';
      extra(el);
    });

  it('is registered once, as session-timeline', () => {
    expect(customElements.get('session-timeline')).to.equal(SessionTimeline);
  });

  it('shows who, the sessions with their end badges, the lanes and the compressed gap', async () => {
    h = await mountFixture();
    expect(h.text('.who')).to.equal('device 7f3a · user alice · Pixel 8, Android 15, app 2.3.0, DE');
    expect(h.sessionLabels()).to.deep.equal([
      'Session 1, foreground, Mon 5 Jan 12:03–12:06, 3 min, ended: background',
      'Session 2, background, Mon 5 Jan 12:06–12:10, 4 min, ended: foreground',
      'Session 3, foreground, Mon 5 Jan 12:10–12:12, 2 min, ended: crash',
      'Session 4, foreground, Mon 5 Jan 14:26–14:30, 4 min, ended: ANR',
    ]);
    // A shape and a word: the crash and the ANR read without colour.
    expect(h.badges()).to.include('✕crash');
    expect(h.badges()).to.include('‖ANR');
    // Background sessions are marked as such (and hatched: see below).
    expect(h.$('[part="session"].background')?.getAttribute('aria-label')).to.match(/^Session 2, background,/);
    expect(h.stitchedLabels()).to.deep.equal([
      '#1 12:03–12:12 · 9 min · 3 sessions · ended: inactivity',
      '#2 14:26–14:30 · 4 min · 1 session · ended: open',
    ]);
    expect(h.laneLabels()).to.deep.equal(['lifecycle', 'views', 'taps', 'network', 'logs', 'breadcrumbs', 'spans', 'crashes & hangs', 'custom']);
    expect(h.axisLabels()).to.include('⋯ 2 h 14 min ⋯');
    expect(h.axisLabels()).to.include('12:06');
    expect(h.plot.getAttribute('role')).to.equal('application');
    expect(h.plot.getAttribute('aria-label')).to.equal('Timeline of device 7f3a: 2 stitched sessions, 4 sessions, 16 events, 1 crash, 1 ANR');
  });

  it('hatches background sessions in the strip: a pattern, not only another colour', async () => {
    h = await mountFixture((el) => el.style.setProperty('--session-timeline-session-background', 'rgb(0, 200, 0)'));
    const x0 = h.xOf(utc('12:06:00'));
    const x1 = h.xOf(utc('12:10:00'));
    const area = (x1 - x0) * 20 * devicePixelRatio ** 2;
    const green = h.stripPixelsOf([0, 200, 0], x0 + 2, x1 - 2);
    expect(green).to.be.within(area * 0.15, area * 0.85);
    // The foreground session next to it is solid.
    expect(h.stripPixelsOf([0, 200, 0], h.xOf(utc('12:03:30')), h.xOf(utc('12:05:30')))).to.equal(0);
  });

  it('selects the session under the pointer when the strip is clicked, and keeps a labelled button for it', async () => {
    h = await mountFixture();
    const got: SessionSelectEvent[] = [];
    h.el.addEventListener('session-select', (e) => got.push(e));
    await h.clickStripAt(utc('12:11:00'));
    expect(got.map((e) => e.detail.session.number)).to.deep.equal([3]);
    const pressed = h.$$('[part="session"][aria-pressed="true"]');
    expect(pressed.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Session 3, foreground, Mon 5 Jan 12:10–12:12, 2 min, ended: crash']);
    expect(pressed[0]!.localName).to.equal('button');
    // Between sessions (in the gap) nothing is selected.
    await h.clickStripAt(utc('13:20:00'));
    expect(got).to.have.length(1);
  });

  it('moves between sessions with the arrow keys, focusing their buttons, even zoomed in', async () => {
    h = await mountFixture();
    const first = h.$<HTMLButtonElement>('[part="session"][tabindex="0"]')!;
    expect(first.getAttribute('aria-label')).to.match(/^Session 1,/);
    first.focus();
    await h.settle();
    expect(h.focusedSession()).to.equal(first);
    await h.press('ArrowRight', {}, first);
    expect(h.focusedSession()?.getAttribute('aria-label')).to.match(/^Session 2,/);
    // Zoomed in on session 1, End goes to the last session: the view pans to it, its button takes the focus.
    h.plot.focus();
    await h.press('Home');
    h.$<HTMLButtonElement>('[part="session"][tabindex="0"]')!.focus();
    await h.press('End', {}, h.focusedSession()!);
    expect(h.focusedSession()?.getAttribute('aria-label')).to.match(/^Session 4,/);
    expect(h.$$('[part="session"][tabindex="0"]')).to.have.length(1);
    const x = h.xOf(utc('14:28:00'));
    expect(x).to.be.within(0, h.plot.clientWidth);
    await h.press('Enter', {}, h.focusedSession()!);
  });

  it('zooms with a two-finger touch pinch, around the fingers', async () => {
    h = await mountFixture();
    const r = h.plot.getBoundingClientRect();
    const touch = (type: string, id: number, x: number) =>
      h!.plot.dispatchEvent(new PointerEvent(type, { clientX: r.left + x, clientY: r.top + 20, pointerId: id, pointerType: 'touch', isPrimary: id !== 2, button: type === 'pointermove' ? -1 : 0, bubbles: true, composed: true }));
    touch('pointerdown', 1, 300);
    touch('pointerdown', 2, 500);
    touch('pointermove', 2, 700); // twice as far apart: twice the zoom
    touch('pointerup', 2, 700);
    touch('pointerup', 1, 300);
    await h.settle();
    // Twice the zoom; what was under the fingers (300 and 500) is under them (300 and 700).
    const t = h.el.zoom.transform;
    expect(t.k).to.be.closeTo(2, 1e-9);
    expect(t.applyX(300)).to.be.closeTo(300, 1e-6);
    expect(t.applyX(500)).to.be.closeTo(700, 1e-6);
    // A single finger still pans.
    const [b0] = h.el.visibleRange!;
    touch('pointerdown', 3, 400);
    touch('pointermove', 3, 500);
    touch('pointerup', 3, 500);
    await h.settle();
    expect(h.el.zoom.transform.k).to.be.closeTo(2, 1e-9);
    expect(h.el.zoom.transform.x - t.x).to.be.closeTo(100, 1e-6);
    expect(h.el.visibleRange![0]).to.be.lessThan(b0);
  });

  it('labels the axis at the full extent of a busy device', async () => {
    const day = 86_400_000;
    const events: { ts: number; type: string; deviceId: string; name?: string }[] = [];
    for (let d = 0; d < 120; d++) {
      for (const hour of [8, 13, 19]) {
        const t = utc('00:00:00') + d * day + hour * 3_600_000;
        events.push({ ts: t, type: 'app.launch', deviceId: 'busy' }, { ts: t + 60_000, type: 'tap', deviceId: 'busy', name: 'x' }, { ts: t + 120_000, type: 'app.background', deviceId: 'busy' });
      }
    }
    h = await TimelineHarness.mount((el) => {
      el.events = events;
      el.timeZone = 'UTC';
    });
    const dates = h.axisLabels().filter((l) => /^\w{3} \d{1,2} \w{3}$/.test(l));
    expect(dates.length).to.be.at.least(4);
  });

  it('writes the length of a gap in the strip only where no end badge runs into the gap', async () => {
    // Sessions of a few minutes each, ended by going to the background, with gaps of 20 min to
    // a few hours: each badge ("▼ background") is written after its bar, into the next gap.
    const events: { ts: number; type: string; deviceId: string }[] = [];
    let t = utc('08:00:00');
    for (let i = 0; i < 40; i++) {
      events.push({ ts: t, type: 'app.launch', deviceId: 'd' }, { ts: t + 240_000, type: 'app.background', deviceId: 'd' });
      t += 240_000 + (i % 3 === 0 ? 20 : i % 3 === 1 ? 80 : 150) * 60_000;
    }
    h = await TimelineHarness.mount((el) => {
      el.events = events;
      el.timeZone = 'UTC';
      el.inactivityTimeout = 600_000;
    }, 1300);
    const check = (): number => {
      const boxes = h!.stripTextBoxes().filter((b) => b.y < 30);
      const gaps = boxes.filter((b) => b.text.startsWith('⋯'));
      const badges = boxes.filter((b) => !b.text.startsWith('⋯'));
      for (const g of gaps) {
        for (const b of badges) expect(g.x1 <= b.x0 || b.x1 <= g.x0, `"${g.text}" over "${b.text}"`).to.equal(true);
      }
      return gaps.length;
    };
    let written = check();
    // Zoomed in on a few sessions, the gaps are wide enough for both.
    for (const [x0, x1] of [[0, 300], [200, 400], [500, 560]] as const) {
      h.el.zoom.showRange(x0, x1);
      await h.settle();
      written += check();
    }
    expect(written).to.be.above(0);
    expect(h.badges().length).to.be.above(0);
  });

  it('draws the marks on a canvas sized for the device pixel ratio', async () => {
    h = await mountFixture();
    const canvas = h.$<HTMLCanvasElement>('.plot canvas')!;
    expect(canvas.width).to.equal(Math.round(h.plot.clientWidth * devicePixelRatio));
    expect(canvas.height).to.equal(Math.round(9 * 26 * devicePixelRatio));
  });

  it('hides lanes named in hidden-lanes, and from the lanes menu', async () => {
    h = await TimelineHarness.mount((el) => {
      el.events = timelineEvents;
      el.setAttribute('hidden-lanes', 'spans custom');
    });
    expect(h.laneLabels()).to.not.include('spans');
    expect(h.laneLabels()).to.not.include('custom');
    const box = h.$$<HTMLInputElement>('.lanes-menu input').find((i) => i.parentElement?.textContent?.trim() === 'logs')!;
    box.checked = false;
    box.dispatchEvent(new Event('change'));
    await h.settle();
    expect(h.laneLabels()).to.deep.equal(['lifecycle', 'views', 'taps', 'network', 'breadcrumbs', 'crashes & hangs']);
    expect(h.el.hiddenLanes).to.deep.equal(['logs', 'spans', 'custom']);
  });

  it('zooms and pans with the keyboard, and Home / End show the first and last session', async () => {
    h = await mountFixture();
    const [a0, a1] = h.el.visibleRange!;
    h.plot.focus();
    await h.press('+');
    const [b0, b1] = h.el.visibleRange!;
    expect(b0).to.be.greaterThan(a0);
    expect(b1).to.be.lessThan(a1);
    await h.press('ArrowRight');
    const [c0] = h.el.visibleRange!;
    expect(c0).to.be.greaterThan(b0);
    await h.press('-');
    await h.press('-');
    expect(h.el.visibleRange![1] - h.el.visibleRange![0]).to.be.closeTo(a1 - a0, 1);
    // End: the last session fills the view; Home: the first one does.
    const width = h.plot.clientWidth;
    await h.press('End');
    expect(h.xOf(utc('14:26:00'))).to.be.within(0, 100); // the view cannot pan past the end
    expect(h.xOf(utc('14:30:00'))).to.be.within(width - 60, width);
    expect(h.xOf(utc('12:12:00'))).to.be.below(0);
    await h.press('Home');
    expect(h.xOf(utc('12:03:00'))).to.be.within(0, 60);
    expect(h.xOf(utc('12:06:00'))).to.be.within(width - 60, width);
    expect(h.xOf(utc('12:12:00'))).to.be.above(width);
  });

  it('steps through events with Shift + arrows and shows the focused event in a tooltip', async () => {
    h = await mountFixture();
    h.plot.focus();
    await h.press('Home');
    await h.press('ArrowDown'); // lifecycle
    await h.press('ArrowDown'); // views: the one nearest the focused launch, Home
    expect(h.text('[part="tooltip"]')).to.contain('Mon 5 Jan 12:03:01.000');
    await h.press('ArrowRight', { shiftKey: true });
    const tip = h.text('[part="tooltip"]');
    expect(tip).to.contain('Cart');
    expect(tip).to.contain('Mon 5 Jan 12:04:00.000');
    expect(tip).to.contain('view · 2 min');
    expect(h.text('[aria-live="polite"].visually-hidden')).to.equal('12:04:00.000, view, Cart, 2 min');
  });

  it('fires event-select with the event and its session when a mark is clicked or Enter is pressed', async () => {
    h = await mountFixture();
    const got: EventSelectEvent[] = [];
    document.body.addEventListener('event-select', (e) => got.push(e), { once: true });
    await h.press('Home');
    await h.clickAt(utc('12:12:00'), 'crashes & hangs');
    expect(got).to.have.length(1);
    expect(got[0]!.detail.event.name).to.equal('IllegalStateException: cart is empty');
    expect(got[0]!.detail.session?.endReason).to.equal('crash');
    expect(got[0]!.composed && got[0]!.bubbles).to.equal(true);
    expect(h.$('.row-event.selected .name')?.textContent).to.equal('IllegalStateException: cart is empty');
  });

  it('fires session-select with the session and its stitched session', async () => {
    h = await mountFixture();
    const got: SessionSelectEvent[] = [];
    h.el.addEventListener('session-select', (e) => got.push(e));
    h.$$('[part="session"]')[2]!.click();
    await h.settle();
    expect(got.map((e) => [e.detail.session.number, e.detail.session.endReason, e.detail.stitched?.number])).to.deep.equal([[3, 'crash', 1]]);
    expect(h.$$('[part="session"]')[2]!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('fires range-select for a Shift + drag', async () => {
    h = await mountFixture();
    const got: RangeSelectEvent[] = [];
    h.el.addEventListener('range-select', (e) => got.push(e));
    const r = h.plot.getBoundingClientRect();
    const at = (type: string, x: number) =>
      h!.plot.dispatchEvent(new PointerEvent(type, { clientX: r.left + x, clientY: r.top + 10, pointerId: 7, isPrimary: true, button: 0, shiftKey: true, bubbles: true }));
    at('pointerdown', 100);
    at('pointermove', 150);
    at('pointermove', 300);
    at('pointerup', 300);
    await h.settle();
    expect(got).to.have.length(1);
    const { start, end, deviceId } = got[0]!.detail;
    expect(deviceId).to.equal('7f3a');
    expect(start).to.be.closeTo(h.el.visibleRange![0] + 0, (h.el.visibleRange![1] - h.el.visibleRange![0]));
    expect(end - start).to.be.greaterThan(0);
    expect(Math.round(h.xOf(start))).to.equal(100);
    expect(Math.round(h.xOf(end))).to.equal(300);
  });

  it('searches names and attributes, counts matches, and steps through them', async () => {
    h = await mountFixture();
    await h.search('cart');
    // button:cart, GET /api/cart, Cart, IllegalStateException: cart is empty
    expect(h.text('.search output')).to.equal('–/4');
    await h.press('Enter', {}, h.$('input[type="search"]')!);
    expect(h.text('.search output')).to.equal('1/4');
    h.$$<HTMLButtonElement>('.search button')[1]!.click();
    await h.settle();
    expect(h.text('.search output')).to.equal('2/4');
    expect(h.texts('.details mark')).to.include.members(['cart', 'Cart']);
    expect(h.$('svg.overlay .ring.match')).to.not.equal(null);
    await h.search('no such thing');
    expect(h.text('.search output')).to.equal('no match');
  });

  it('writes times in the time zone it is given', async () => {
    h = await mountFixture();
    expect(h.rows()[1]).to.contain('12:03:00.000');
    h.el.timeZone = 'Asia/Tokyo';
    await h.settle();
    expect(h.rows()[1]).to.contain('21:03:00.000');
    expect(h.text('.axis-row .row-label')).to.equal('Asia/Tokyo');
    expect(h.axisLabels()).to.include('21:06');
  });

  it('expands an event to its attributes', async () => {
    h = await mountFixture();
    const button = h.$$<HTMLButtonElement>('.expand').find((b) => b.getAttribute('aria-label') === 'Attributes of POST /api/checkout')!;
    button.click();
    await h.settle();
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(h.rows()).to.include.members(['http.status_code: 500', 'http.method: POST']);
  });

  it('keeps only the visible rows of a long list in the DOM', async () => {
    const events = [{ ts: utc('08:00:00'), type: 'app.launch', deviceId: 'big' }, ...Array.from({ length: 100_000 }, (_, i) => ({ ts: utc('08:00:00') + 1 + i * 10, type: 'tap', deviceId: 'big', name: `tap ${i}` }))];
    h = await TimelineHarness.mount((el) => (el.events = events));
    expect(h.$$('.details [role="listitem"]').length).to.be.below(60);
    const list = h.$('.details')!;
    list.scrollTop = 50_000 * 28;
    list.dispatchEvent(new Event('scroll'));
    await h.settle();
    expect(h.rows().some((r) => r.includes('tap 49999'))).to.equal(true);
    expect(h.$$('.details [role="listitem"]').length).to.be.below(60);
  });

  it('scrolls the list to what the zoom shows once the zoom settles', async () => {
    const events: { ts: number; type: string; deviceId: string; name: string }[] = [];
    for (let d = 0; d < 30; d++) {
      const t = utc('08:00:00') + d * 86_400_000;
      events.push({ ts: t, type: 'app.launch', deviceId: 'd', name: `day ${d}` });
      for (let i = 1; i <= 20; i++) events.push({ ts: t + i * 1_000, type: 'tap', deviceId: 'd', name: `day ${d} tap ${i}` });
      events.push({ ts: t + 60_000, type: 'app.background', deviceId: 'd', name: `day ${d} end` });
    }
    h = await TimelineHarness.mount((el) => {
      el.events = events;
      el.timeZone = 'UTC';
    });
    expect(h.rows()[0]).to.match(/^Session 1\b/);
    // Zoom to the last fifth of the plot: late days only.
    const w = h.$('.plot canvas')!.getBoundingClientRect().width;
    h.el.zoom.showRange(w * 0.8, w);
    await h.settle();
    const [from] = h.el.visibleRange!;
    const firstEvent = h.rows().find((r) => /day \d+/.test(r))!;
    const day = Number(/day (\d+)/.exec(firstEvent)![1]);
    expect(utc('08:00:00') + (day + 1) * 86_400_000, firstEvent).to.be.at.least(from);
    expect(day).to.be.above(15);
  });

  it('starts the list of new data at its first session, even after scrolling far down', async () => {
    const events = [{ ts: utc('08:00:00'), type: 'app.launch', deviceId: 'big' }, ...Array.from({ length: 10_000 }, (_, i) => ({ ts: utc('08:00:00') + 1 + i * 10, type: 'tap', deviceId: 'big', name: `tap ${i}` }))];
    h = await TimelineHarness.mount((el) => (el.events = events));
    const list = h.$('.details')!;
    list.scrollTop = 9_000 * 28;
    list.dispatchEvent(new Event('scroll'));
    await h.settle();
    h.el.events = timelineEvents; // a short list: the old offset no longer exists
    await h.settle();
    expect(h.$('.details')!.scrollTop).to.equal(0);
    expect(h.rows()[0]).to.match(/^Session 1/);
  });

  it('takes its colours from custom properties, on the canvas too', async () => {
    h = await mountFixture((el) => el.style.setProperty('--session-timeline-color-crash', 'rgb(0, 160, 0)'));
    expect(h.pixelsOf([0, 160, 0])).to.be.greaterThan(10);
    // The crash colour of the lanes is not the end badges' colour; theirs is its own property.
    expect(h.stripPixelsOf([0, 160, 0])).to.equal(0);
    expect(h.stripPixelsOf([0, 0, 200])).to.equal(0);
    h.el.style.setProperty('--session-timeline-end-crash', 'rgb(0, 0, 200)');
    await h.settle();
    expect(h.stripPixelsOf([0, 0, 200])).to.be.greaterThan(10);
  });

  it('has light and dark themes', async () => {
    h = await mountFixture((el) => (el.theme = 'light'));
    expect(getComputedStyle(h.el).backgroundColor).to.equal('rgb(255, 255, 255)');
    h.el.theme = 'dark';
    await h.settle();
    expect(h.el.getAttribute('theme')).to.equal('dark');
    expect(getComputedStyle(h.el).backgroundColor).to.equal('rgb(22, 24, 29)');
  });

  it('says it is loading', async () => {
    h = await TimelineHarness.mount((el) => (el.loading = true));
    expect(h.text('[part="state"]')).to.equal('◌ Loading sessions…');
    expect(h.$('[part="state"]')!.getAttribute('role')).to.equal('status');
  });

  it('says when a device has no events', async () => {
    h = await TimelineHarness.mount((el) => {
      el.events = timelineEvents;
      el.deviceId = 'nope';
    });
    expect(h.text('.state-title')).to.equal('No events for device nope');
    expect(h.text('.state-detail')).to.equal('The data holds 1 device.');
    h.el.events = [];
    await h.settle();
    expect(h.text('.state-title')).to.equal('No events for device nope');
  });

  it('shows the TypeError of input that is not an array', async () => {
    h = await TimelineHarness.mount((el) => (el.events = { not: 'an array' }));
    expect(h.$('[part="state"]')!.getAttribute('role')).to.equal('alert');
    expect(h.text('.state-title')).to.equal('These events could not be shown.');
    let message = '';
    try {
      deriveSessions({ not: 'an array' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.not.equal('');
    expect(h.text('.state-detail')).to.equal(message);
  });

  it('names an unknown time zone as an error', async () => {
    h = await mountFixture((el) => (el.timeZone = 'Mars/Olympus'));
    expect(h.text('.state-detail')).to.contain('Unknown time zone "Mars/Olympus"');
  });

  it('summarises dropped items and shows an indicator', async () => {
    h = await TimelineHarness.mount((el) => (el.events = eventsWithGarbage));
    const button = h.$<HTMLButtonElement>('.diagnostics-button')!;
    expect(button.textContent!.trim()).to.equal('⚠ 3 dropped');
    button.click();
    await h.settle();
    expect(h.text('.diagnostics p')).to.equal('3 of 19 events were dropped: 2 invalid timestamps, 1 duplicate id');
    expect(h.texts('.diagnostics li')).to.have.length(3);
  });

  it('renders user strings as text: an event named like markup creates no element', async () => {
    h = await mountFixture();
    expect(h.rows().some((r) => r.includes(HOSTILE_NAME))).to.equal(true);
    await h.search('onerror');
    await h.press('Enter', {}, h.$('input[type="search"]')!);
    h.plot.focus();
    await h.settle();
    expect(h.text('[part="tooltip"]')).to.contain(HOSTILE_NAME);
    expect(h.root.querySelectorAll('img').length).to.equal(0);
    expect(document.querySelectorAll('img').length).to.equal(0);
  });

  it('dims the sessions its filter rejects, in the strip and on the lanes', async () => {
    h = await mountFixture((el) => el.style.setProperty('--session-timeline-color-crash', 'rgb(0, 160, 0)'));
    const crashPixels = h.pixelsOf([0, 160, 0]);
    expect(crashPixels).to.be.greaterThan(10);
    // A matcher changed in place, as a FilterIndex is: picked up when its version changes.
    const filter = { version: 1, rejected: 'crash', matches(s: Session) { return s.endReason !== this.rejected; } };
    h.el.filter = filter;
    await h.settle();
    const labels = h.sessionLabels();
    expect(labels.filter((l) => l.endsWith(', filtered out'))).to.deep.equal(['Session 3, foreground, Mon 5 Jan 12:10–12:12, 2 min, ended: crash, filtered out']);
    expect(h.$$('[part="session"].filtered-out')).to.have.length(1);
    // The crash in the rejected session is veiled on the lanes; the ANR (same colour) is not.
    const withoutCrash = h.pixelsOf([0, 160, 0]);
    expect(withoutCrash).to.be.greaterThan(10).and.lessThan(crashPixels);
    filter.rejected = 'anr';
    filter.version = 2;
    h.el.requestUpdate();
    await h.settle();
    expect(h.sessionLabels().filter((l) => l.endsWith(', filtered out'))).to.deep.equal(['Session 4, foreground, Mon 5 Jan 14:26–14:30, 4 min, ended: ANR, filtered out']);
    // Each veils its own session's marks only: together they are every mark of the colour.
    expect(withoutCrash + h.pixelsOf([0, 160, 0])).to.equal(crashPixels);
    h.el.filter = null;
    await h.settle();
    expect(h.$$('.filtered-out')).to.have.length(0);
    expect(h.pixelsOf([0, 160, 0])).to.equal(crashPixels);
  });

  it('passes axe-core with no violations', async () => {
    h = await mountFixture();
    await h.search('cart');
    const result = await axe.run(h.el, { resultTypes: ['violations'] });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
  });
});
