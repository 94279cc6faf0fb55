// The React wrappers of src/react.ts (`session-kit/react`), rendered by React 19 with
// react-dom in real browsers: props land on the elements as properties (not stringified
// attributes), and the `on…` props receive the elements' typed events. Written with
// `createElement` so no JSX transform is needed (test/react-esm.mjs serves React as ES modules).
import { expect } from 'chai';
import { createElement, createRef, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { deriveSessions } from '../src/core/index.js';
import { SessionFilter, SessionTimeline, StitchedSessions } from '../src/react.js';
import { SessionTimeline as SessionTimelineElement } from '../src/elements/session-timeline/session-timeline.js';
import { StitchedSessions as StitchedSessionsElement } from '../src/elements/stitched-sessions/stitched-sessions.js';
import { SessionFilterElement } from '../src/elements/session-filter/session-filter.js';
import type { DeviceSelectEvent, SessionSelectEvent, ViewChangeEvent } from '../src/events.js';
import { timelineEvents } from './fixtures/timeline.js';
import { failOnConsoleErrors } from './harness/console-guard.js';

const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

describe('session-kit/react wrappers, rendered by React', function () {
  this.timeout(30_000);

  let host: HTMLElement;
  let root: Root;

  /** Renders `element` synchronously, then waits for the custom elements inside to update and draw. */
  async function show(element: ReactElement): Promise<void> {
    flushSync(() => root.render(element));
    for (const el of host.querySelectorAll<HTMLElement & { updateComplete?: Promise<boolean> }>('session-timeline, stitched-sessions, session-filter')) {
      await el.updateComplete;
    }
    await frame();
    await frame();
  }

  beforeEach(() => {
    host = document.createElement('div');
    host.style.width = '1000px';
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    flushSync(() => root.unmount());
    host.remove();
  });

  failOnConsoleErrors();

  const model = deriveSessions(timelineEvents);

  it('<SessionTimeline> renders the element with model, deviceId and timeZone set as properties', async () => {
    const ref = createRef<SessionTimelineElement>();
    await show(createElement(SessionTimeline, { ref, model, deviceId: '7f3a', timeZone: 'UTC', theme: 'light' }));

    const el = host.querySelector('session-timeline')!;
    expect(el, 'the element React rendered').to.be.instanceOf(SessionTimelineElement);
    expect(ref.current, 'the ref is the element').to.equal(el);
    expect(el.model, 'the model object itself, not a string').to.equal(model);
    expect(el.hasAttribute('model'), 'no model attribute').to.equal(false);
    expect([el.deviceId, el.timeZone, el.theme]).to.deep.equal(['7f3a', 'UTC', 'light']);
    // What a user sees: the timeline of device 7f3a, its sessions as labelled buttons.
    const sessions = [...el.shadowRoot!.querySelectorAll('[part="session"]')].map((b) => b.getAttribute('aria-label'));
    expect(sessions).to.have.length(4);
    expect(sessions[2]).to.equal('Session 3, foreground, Mon 5 Jan 12:10–12:12, 2 min, ended: crash');
    expect(squash(el.shadowRoot!.querySelector('[part="header"]')?.textContent)).to.contain('7f3a');
  });

  it('<SessionTimeline onSessionSelect> receives the typed SessionSelectEvent when a session is clicked', async () => {
    const got: SessionSelectEvent[] = [];
    await show(createElement(SessionTimeline, { model, deviceId: '7f3a', timeZone: 'UTC', onSessionSelect: (e) => got.push(e) }));

    const el = host.querySelector('session-timeline')!;
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="session"]')[2]!.click();
    await el.updateComplete;

    expect(got).to.have.length(1);
    const e = got[0]!;
    expect(e.type).to.equal('session-select');
    expect([e.detail.session.number, e.detail.session.endReason, e.detail.stitched?.number]).to.deep.equal([3, 'crash', 1]);
    expect(e.target).to.equal(el);
  });

  it('a new on… prop replaces the old listener, and props update the element in place', async () => {
    const first: SessionSelectEvent[] = [];
    const second: SessionSelectEvent[] = [];
    await show(createElement(SessionTimeline, { model, deviceId: '7f3a', timeZone: 'UTC', onSessionSelect: (e) => first.push(e) }));
    const el = host.querySelector('session-timeline')!;
    await show(createElement(SessionTimeline, { model, deviceId: '7f3a', timeZone: 'America/New_York', onSessionSelect: (e) => second.push(e) }));

    expect(host.querySelector('session-timeline'), 'the same element, updated').to.equal(el);
    expect(el.timeZone).to.equal('America/New_York');
    el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="session"]')[0]!.click();
    await el.updateComplete;
    expect([first.length, second.length]).to.deep.equal([0, 1]);
    // New York is 5 h behind UTC in January: the session that began at 12:03 UTC began at 07:03.
    expect(second[0]!.detail.session.number).to.equal(1);
    expect(el.shadowRoot!.querySelectorAll('[part="session"]')[0]!.getAttribute('aria-label')).to.contain('07:03');
  });

  it('<StitchedSessions> takes raw events as a property and its onDeviceSelect and onViewChange receive the typed events', async () => {
    const got: DeviceSelectEvent[] = [];
    const views: ViewChangeEvent[] = [];
    await show(createElement(StitchedSessions, { events: timelineEvents, timeZone: 'UTC', groupBy: 'device', onDeviceSelect: (e) => got.push(e), onViewChange: (e) => views.push(e) }));

    const el = host.querySelector('stitched-sessions')!;
    expect(el).to.be.instanceOf(StitchedSessionsElement);
    expect(el.events).to.equal(timelineEvents);
    expect(el.groupBy).to.equal('device');
    const label = el.shadowRoot!.querySelector<HTMLElement>('[part="row-label"]')!;
    expect(squash(label.textContent)).to.contain('7f3a');

    label.click();
    await el.updateComplete;
    expect(got.map((e) => [e.type, e.detail.deviceId, e.detail.userId, e.detail.deviceIds])).to.deep.equal([['device-select', '7f3a', 'alice', ['7f3a']]]);

    [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.segmented button')].find((b) => b.textContent === 'relative')!.click();
    await el.updateComplete;
    expect(views.map((e) => [e.type, e.detail.align, e.detail.sort])).to.deep.equal([['view-change', 'relative', 'last-seen']]);
  });

  it('<SessionFilter onFilterChange> receives the native change event, with the query on the element', async () => {
    const changes: string[] = [];
    const inputs: string[] = [];
    await show(
      createElement(SessionFilter, {
        model,
        theme: 'light',
        onFilterInput: (e) => inputs.push(e.currentTarget.query),
        onFilterChange: (e) => changes.push(e.currentTarget.query),
      }),
    );
    const el = host.querySelector('session-filter')!;
    expect(el).to.be.instanceOf(SessionFilterElement);
    expect(el.model).to.equal(model);

    // Type a user id in the text box, then commit it (as leaving the box does).
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('input.text')!;
    expect(box, 'the id search box').to.exist;
    box.value = 'alice';
    box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    box.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await el.updateComplete;
    await frame();

    expect(changes.at(-1), 'the committed query').to.equal('q=alice');
    expect(inputs.length, 'input events while typing').to.be.greaterThan(0);
  });
});
