import { expect } from 'chai';
import type { SessionModel } from '../../core/types.js';
import { StitchedHarness } from '../../../test/harness/stitched-sessions-harness.js';
import { TimelineHarness } from '../../../test/harness/session-timeline-harness.js';
import { timelineEvents } from '../../../test/fixtures/timeline.js';
import '../session-filter/session-filter.js';
import { SessionData, parseEvents } from './session-data.js';

const JSON_URL = '/test/fixtures/events.json';
const NDJSON_URL = '/test/fixtures/events.ndjson';

/** The model a view draws (its private `derived`): the one thing a user cannot see, identity. */
const drawn = (el: HTMLElement): SessionModel | undefined => (el as unknown as { derived: SessionModel | undefined }).derived;

interface Mounted {
  data: SessionData;
  stitched: StitchedHarness;
  timeline: TimelineHarness;
}

/** `<session-data>` with a `<stitched-sessions>` and a `<session-timeline>` inside. */
function mount(setup: (data: SessionData) => void): Mounted {
  const data = document.createElement('session-data');
  const stitched = document.createElement('stitched-sessions');
  const timeline = document.createElement('session-timeline');
  stitched.style.width = timeline.style.width = '900px';
  data.append(stitched, timeline);
  setup(data);
  document.body.append(data);
  return { data, stitched: new StitchedHarness(stitched), timeline: new TimelineHarness(timeline) };
}

/** Waits for the load in flight (if any), then for the element and the views inside. */
async function settle(m: Mounted): Promise<void> {
  await m.data.updateComplete;
  await m.data.loader.taskComplete.catch(() => undefined);
  await m.data.updateComplete;
  await m.stitched.settle();
  await m.timeline.settle();
}

const status = (data: SessionData): string => (data.shadowRoot!.querySelector('[part="status"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('<session-data>', () => {
  let m: Mounted | undefined;
  afterEach(() => {
    m?.data.remove();
    m = undefined;
  });

  it('is registered once, as session-data', () => {
    expect(customElements.get('session-data')).to.equal(SessionData);
    expect(document.createElement('session-data')).to.be.instanceOf(SessionData);
  });

  it('loads a JSON array from src and shows it in every view inside, from one model', async () => {
    m = mount((d) => (d.src = JSON_URL));
    await m.data.updateComplete;
    expect(status(m.data)).to.equal('Loading events…');
    await settle(m);
    expect(status(m.data)).to.equal('');
    expect(m.stitched.rowIds()).to.have.members(['json-a', 'json-b']);
    // The timeline shows the first device: json-a's two sessions.
    expect(m.timeline.sessionLabels()).to.have.length(2);
    expect(m.timeline.sessionLabels().join(' ')).to.match(/background/i);
    const model = m.data.model!;
    expect(model.sessions.map((s) => s.deviceId)).to.deep.equal(['json-a', 'json-a', 'json-b']);
    expect(drawn(m.stitched.el)).to.equal(model);
    expect(drawn(m.timeline.el)).to.equal(model);
  });

  it('gives its model to a session-filter inside too', async () => {
    m = mount((d) => (d.src = JSON_URL));
    const filter = document.createElement('session-filter');
    m.data.append(filter);
    await settle(m);
    await filter.updateComplete;
    expect(drawn(filter)).to.equal(m.data.model);
    expect(filter.shadowRoot!.querySelector('[part="total"]')!.textContent).to.match(/3\s+sessions/);
  });

  it('loads NDJSON, leaves out a line that is not JSON and says which', async () => {
    m = mount((d) => (d.src = NDJSON_URL));
    await settle(m);
    expect(m.stitched.rowIds()).to.deep.equal(['nd-c']);
    expect(m.data.model!.stats.input).to.equal(3);
    expect(m.data.loadErrors).to.have.length(1);
    expect(m.data.loadErrors[0]).to.match(/^line 3: /);
    expect(status(m.data)).to.match(/^1 line could not be read and was left out: line 3: /);
    expect(m.data.shadowRoot!.querySelector('[part="status"]')!.getAttribute('role')).to.equal('status');
  });

  it('says it could not load a missing file, with the URL and the HTTP status', async () => {
    m = mount((d) => (d.src = '/test/fixtures/missing.json'));
    await settle(m);
    expect(status(m.data)).to.equal('Could not load events from /test/fixtures/missing.json: 404 Not Found');
    expect(m.data.shadowRoot!.querySelector('[part="status"]')!.getAttribute('role')).to.equal('alert');
    expect(m.data.model).to.equal(undefined);
    expect(m.stitched.rowIds()).to.deep.equal([]);
  });

  it('says when a file is neither JSON nor NDJSON', async () => {
    m = mount((d) => (d.src = '/test/fixtures/not-events.txt'));
    await settle(m);
    expect(status(m.data)).to.equal('Could not load events from /test/fixtures/not-events.txt: not JSON or NDJSON');
  });

  it('aborts the first load when src changes, and shows only the second', async () => {
    const signals: AbortSignal[] = [];
    const realFetch = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.signal) signals.push(init.signal);
      return realFetch(input, init);
    };
    try {
      m = mount((d) => (d.src = JSON_URL));
      await m.data.updateComplete;
      m.data.src = NDJSON_URL;
      await settle(m);
    } finally {
      window.fetch = realFetch;
    }
    expect(signals).to.have.length(2);
    expect(signals[0]!.aborted).to.equal(true);
    expect(signals[1]!.aborted).to.equal(false);
    expect(m.stitched.rowIds()).to.deep.equal(['nd-c']);
    expect(drawn(m.timeline.el)).to.equal(m.data.model);
  });

  it('derives events set directly, and re-derives with a new inactivity timeout', async () => {
    m = mount((d) => (d.events = timelineEvents));
    await settle(m);
    expect(status(m.data)).to.equal('');
    expect(m.stitched.rowIds()).to.deep.equal(['7f3a']);
    const first = m.data.model!;
    expect(drawn(m.timeline.el)).to.equal(first);
    m.data.inactivityTimeout = 60_000;
    await settle(m);
    expect(m.data.model).to.not.equal(first);
    expect(drawn(m.stitched.el)).to.equal(m.data.model);
  });

  it('lets a view with events of its own keep them', async () => {
    m = mount((d) => (d.src = JSON_URL));
    m.timeline.el.events = timelineEvents;
    await settle(m);
    expect(m.stitched.rowIds()).to.have.members(['json-a', 'json-b']);
    expect(drawn(m.timeline.el)!.sessions[0]!.deviceId).to.equal('7f3a');
  });
});

describe('parseEvents', () => {
  it('reads a JSON array, one JSON value, and NDJSON with blank and bad lines', () => {
    expect(parseEvents('[{"a":1},{"a":2}]')).to.deep.equal({ events: [{ a: 1 }, { a: 2 }], errors: [] });
    expect(parseEvents('{"a":1}')).to.deep.equal({ events: [{ a: 1 }], errors: [] });
    const r = parseEvents('{"a":1}\n\n{oops\r\n{"a":2}\n');
    expect(r.events).to.deep.equal([{ a: 1 }, { a: 2 }]);
    expect(r.errors).to.have.length(1);
    expect(r.errors[0]).to.match(/^line 3: /);
    expect(() => parseEvents('nope')).to.throw('not JSON or NDJSON');
  });
});
