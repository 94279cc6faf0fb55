import { expect } from 'chai';
import { failOnConsoleErrors } from '../../../test/harness/console-guard.js';
import { mountElement } from '../../../test/harness/shadow-harness.js';
import { until } from '../../../test/harness/until.js';
import { timelineEvents } from '../../../test/fixtures/timeline.js';
import '../session-timeline/session-timeline.js';
import '../stitched-sessions/stitched-sessions.js';
import '../session-filter/session-filter.js';

const JSON_URL = '/test/fixtures/events.json';
const NDJSON_URL = '/test/fixtures/events.ndjson';
const MISSING_URL = '/test/fixtures/missing.json';

type View = HTMLElementTagNameMap['session-timeline' | 'stitched-sessions' | 'session-filter'];
const TAGS = ['session-timeline', 'stitched-sessions', 'session-filter'] as const;

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();
/** Everything the view shows in words (its shadow root's text). */
const shown = (el: View): string => squash(el.shadowRoot!.textContent);
const stateTitle = (el: View): string => squash(el.shadowRoot!.querySelector('.state-title')?.textContent);

describe('src on every view', () => {
  const mounted: Element[] = [];
  afterEach(() => {
    for (const e of mounted.splice(0)) e.remove();
  });
  failOnConsoleErrors();

  function mount<T extends (typeof TAGS)[number]>(tag: T, setup: (el: HTMLElementTagNameMap[T]) => void): HTMLElementTagNameMap[T] {
    const el = mountElement<HTMLElementTagNameMap[T]>(tag, setup, '900px');
    mounted.push(el);
    return el;
  }

  for (const tag of TAGS) {
    it(`<${tag} src> says it is loading, then shows the events of a JSON file`, async () => {
      const el = mount(tag, (e) => (e.src = JSON_URL));
      await el.updateComplete;
      expect(stateTitle(el)).to.equal('Loading events…');
      await until(() => stateTitle(el) !== 'Loading events…', 'the load');
      await el.updateComplete;
      // The fixture holds devices json-a and json-b (users ana and ben).
      if (tag === 'session-filter') expect(squash(el.shadowRoot!.querySelector('[part="total"]')?.textContent)).to.match(/ of \d+ sessions · 2 devices$/);
      else expect(shown(el)).to.contain('json-a');
    });

    it(`<${tag} src> says in words, with the URL and the status, that a file could not be loaded`, async () => {
      const el = mount(tag, (e) => (e.src = MISSING_URL));
      await until(() => stateTitle(el) === 'The events could not be loaded.', 'the error');
      const state = el.shadowRoot!.querySelector('[part="state"]')!;
      expect(state.getAttribute('role')).to.equal('alert');
      expect(squash(state.querySelector('.state-detail')?.textContent)).to.equal(`Could not load events from ${MISSING_URL}: 404 Not Found`);
    });

    it(`<${tag}> prefers its own events to src, and a new src replaces the previous one`, async () => {
      const el = mount(tag, (e) => {
        e.src = JSON_URL;
        e.events = timelineEvents;
      });
      await el.updateComplete;
      expect(stateTitle(el)).to.equal('');
      if (tag !== 'session-filter') expect(shown(el)).to.contain('7f3a');
      el.events = undefined;
      el.src = NDJSON_URL;
      await until(() => stateTitle(el) === '' && (tag === 'session-filter' || shown(el).includes('nd-c')), 'the NDJSON file');
      if (tag !== 'session-filter') expect(shown(el)).to.not.contain('json-a');
    });
  }

  it('counts the NDJSON lines that are not JSON where the views list dropped items', async () => {
    const timeline = mount('session-timeline', (e) => (e.src = NDJSON_URL));
    const rows = mount('stitched-sessions', (e) => (e.src = NDJSON_URL));
    await until(() => shown(timeline).includes('nd-c') && shown(rows).includes('nd-c'), 'both views');
    const diagnostics = timeline.shadowRoot!.querySelector('.diagnostics-button')!;
    expect(diagnostics.getAttribute('title')).to.match(/^1 line could not be read and was left out: line 3: /);
    expect(squash(rows.shadowRoot!.querySelector('.dropped')?.textContent)).to.match(/^⚠ 1 line could not be read and was left out: line 3: /);
  });
});
