import { expect } from 'chai';
// axe-core is a UMD bundle (no ES default export): loading it sets `window.axe`.
import 'axe-core';
import { sendKeys } from '@web/test-runner-commands';
import { deriveSessions } from '../../core/index.js';
import { HOSTILE_DEVICE, cohortEvents } from '../../../test/fixtures/cohort.js';
import { FilterHarness } from '../../../test/harness/session-filter-harness.js';
import { failOnConsoleErrors } from '../../../test/harness/console-guard.js';
import { StitchedHarness } from '../../../test/harness/stitched-sessions-harness.js';
import '../stitched-sessions/stitched-sessions.js';
import '../session-timeline/session-timeline.js';
import { SessionFilterElement } from './session-filter.js';

const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
const model = deriveSessions(cohortEvents);
const US_DEVICES = ['91c0', HOSTILE_DEVICE];

describe('<session-filter>', () => {
  let h: FilterHarness | undefined;
  const extra: Element[] = [];
  afterEach(() => {
    h?.remove();
    h = undefined;
    for (const e of extra.splice(0)) e.remove();
  });
  failOnConsoleErrors();

  const mount = (setup: (el: SessionFilterElement) => void = () => {}) =>
    FilterHarness.mount((el) => {
      el.model = model;
      setup(el);
    });

  /** Records `input` / `change` events with the value at that moment. */
  const record = (el: SessionFilterElement) => {
    const log: string[] = [];
    el.addEventListener('input', (e) => {
      expect(e.target).to.equal(el);
      log.push(`input ${el.query}`);
    });
    el.addEventListener('change', () => log.push(`change ${el.query}`));
    return log;
  };

  it('is registered once, as session-filter, and is form-associated', () => {
    expect(customElements.get('session-filter')).to.equal(SessionFilterElement);
    expect(SessionFilterElement.formAssociated).to.equal(true);
  });

  it('shows the totals and the dimensions grouped, with values sorted by count', async () => {
    h = await mount();
    expect(h.total).to.equal('15 of 15 sessions · 4 devices');
    expect(h.$$('.group-title').map((g) => g.textContent)).to.deep.equal(['App & device', 'Session']);
    expect(h.$$('details[part="dimension"]').map((d) => d.dataset.name)).to.include.members(['app.version', 'country', 'endReason', 'duration', 'hasCrash']);
    // The wireframe's sections are open at first.
    expect(h.section('app.version').open).to.equal(true);
    expect(h.section('country').open).to.equal(false);
    await h.open('device.model');
    expect(h.values('device.model')).to.deep.equal([
      { label: 'Pixel 8', count: '6', checked: false },
      { label: 'iPhone 15', count: '6', checked: false },
      { label: 'Pixel 6', count: '3', checked: false },
    ]);
    // Bars are proportional to the counts.
    const bars = h.section('device.model').querySelectorAll<HTMLElement>('[part="bar"]');
    expect(bars[0]!.style.width).to.equal('100%');
    expect(bars[2]!.style.width).to.equal('50%');
  });

  it('selecting a value updates the counts of the other dimensions, the totals and .value', async () => {
    h = await mount();
    await h.open('device.model');
    await h.toggle('country', 'US');
    expect(h.el.value).to.deep.equal({ dimensions: { country: { values: ['US'] } } });
    expect(h.total).to.equal('6 of 15 sessions · 2 devices');
    expect(h.values('device.model').map((v) => `${v.label} ${v.count}`)).to.deep.equal(['Pixel 8 0', 'iPhone 15 6', 'Pixel 6 0']);
    // Faceted: the country's own counts still show the other value.
    expect(h.values('country').map((v) => `${v.label} ${v.count} ${v.checked}`)).to.deep.equal(['DE 9 false', 'US 6 true']);
    // The closed summary of a filtered dimension says what is chosen.
    expect(h.text('details[data-name="country"] .dim-active')).to.equal('US');
  });

  it('fires input and change once per checkbox toggle, with the new value', async () => {
    h = await mount();
    const log = record(h.el);
    await h.toggle('country', 'US');
    await h.toggle('country', 'DE');
    await h.toggle('country', 'US');
    expect(log).to.deep.equal(['input country=US', 'change country=US', 'input country=US,DE', 'change country=US,DE', 'input country=DE', 'change country=DE']);
  });

  it('negates a dimension with its "not" toggle', async () => {
    h = await mount();
    const log = record(h.el);
    await h.negate('country'); // Nothing chosen yet: no change.
    expect(log).to.deep.equal([]);
    await h.toggle('country', 'DE');
    expect(h.el.value).to.deep.equal({ dimensions: { country: { values: ['DE'], exclude: true } } });
    expect(h.el.query).to.equal('!country=DE');
    expect(h.total).to.equal('6 of 15 sessions · 2 devices');
    await h.negate('country');
    expect(h.el.query).to.equal('country=DE');
    expect(h.total).to.equal('9 of 15 sessions · 2 devices');
    expect(log.filter((l) => l.startsWith('change'))).to.deep.equal(['change !country=DE', 'change country=DE']);
  });

  it('filters a numeric dimension through its labelled range inputs', async () => {
    h = await mount();
    const log = record(h.el);
    const from = h.section('duration').querySelector<HTMLInputElement>('.range input')!;
    expect(from.labels![0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Session duration from (seconds) s');
    from.value = '300';
    from.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await h.settle();
    expect(h.el.value).to.deep.equal({ dimensions: { duration: { ranges: [{ min: 300_000 }] } } });
    const expected = model.sessions.filter((s) => s.duration >= 300_000).length;
    expect(h.total).to.match(new RegExp(`^${expected} of 15 sessions`));
    expect(h.text('details[data-name="duration"] .range-text')).to.equal('5 min and more');
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await h.settle();
    expect(log).to.deep.equal(['input duration=300000..', 'change duration=300000..']);
  });

  it('brushes a histogram with the pointer: input while dragging, change once at the end', async () => {
    h = await mount();
    const log = record(h.el);
    const svg = h.section('duration').querySelector<SVGSVGElement>('svg.bins')!;
    const r = svg.getBoundingClientRect();
    const bins = h.el.filterIndex!.histogram('duration');
    const at = (i: number) => r.left + ((i + 0.5) / bins.length) * r.width;
    const fire = (type: string, i: number) => svg.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: at(i), clientY: r.top + 5, pointerId: 1, button: 0 }));
    fire('pointerdown', 1);
    fire('pointermove', 2);
    fire('pointermove', 3);
    fire('pointerup', 3);
    await h.settle();
    const range = { min: bins[1]!.x0, max: bins[3]!.x1 };
    expect(h.el.value).to.deep.equal({ dimensions: { duration: { ranges: [range] } } });
    const q = `duration=${range.min}..${range.max}`;
    expect(log.filter((l) => l.startsWith('change'))).to.deep.equal([`change ${q}`]);
    expect(log.filter((l) => l.startsWith('input')).length).to.equal(3);
    expect(log[log.length - 2]).to.equal(`input ${q}`);
    expect(h.section('duration').querySelectorAll('.bin.on').length).to.equal(3);
  });

  it('brushes a histogram with the keyboard: two sliders, arrows by a bin, Shift by ten, Home / End, Escape clears', async () => {
    h = await mount();
    const log = record(h.el);
    const bins = h.el.filterIndex!.histogram('duration');
    const n = bins.length;
    expect(n).to.be.greaterThan(3);
    const from = await h.handle('duration', 'from');
    const to = await h.handle('duration', 'to');
    const axis = h.section('duration').querySelectorAll('.hist-axis span');
    expect(h.slider(from)).to.deep.equal({ label: 'Session duration from', text: axis[0]!.textContent, now: bins[0]!.x0, min: bins[0]!.x0, max: bins[n - 1]!.x0 });
    expect(h.slider(to)).to.deep.equal({ label: 'Session duration to', text: axis[1]!.textContent, now: bins[n - 1]!.x1, min: bins[0]!.x1, max: bins[n - 1]!.x1 });
    const press = async (key: string) => {
      const [mod, k] = key.includes('+') ? key.split('+') : [undefined, key];
      if (mod) await sendKeys({ down: mod });
      await sendKeys({ press: k! });
      if (mod) await sendKeys({ up: mod });
      await h!.settle();
    };
    const ranges = () => h!.el.value.dimensions?.['duration']?.ranges;

    from.focus();
    await press('ArrowRight');
    expect(ranges()).to.deep.equal([{ min: bins[1]!.x0 }]);
    expect(log).to.deep.equal([`input duration=${bins[1]!.x0}..`, `change duration=${bins[1]!.x0}..`]);
    expect(h.root.activeElement, 'focus stays on the handle').to.equal(from);
    expect(h.slider(from).now).to.equal(bins[1]!.x0);
    expect(h.slider(to).min).to.equal(bins[1]!.x1);
    await press('Shift+ArrowRight');
    const big = Math.min(n - 1, 11);
    expect(ranges()).to.deep.equal([{ min: bins[big]!.x0 }]);
    await press('Home');
    expect(h.el.value).to.deep.equal({});

    to.focus();
    await press('ArrowLeft');
    expect(ranges()).to.deep.equal([{ max: bins[n - 2]!.x1 }]);
    expect(h.slider(to).now).to.equal(bins[n - 2]!.x1);
    await press('End');
    expect(h.el.value).to.deep.equal({});
    await press('ArrowDown');
    await press('ArrowDown');
    expect(ranges()).to.deep.equal([{ max: bins[n - 3]!.x1 }]);
    expect(h.section('duration').querySelectorAll('.bin.on').length).to.equal(n - 2);
    log.length = 0;
    await press('Escape');
    expect(h.el.value).to.deep.equal({});
    expect(log).to.deep.equal(['input ', 'change ']);
    // Escape with nothing to clear changes nothing.
    await press('Escape');
    expect(log).to.have.length(2);
  });

  it('matches user and device ids from the text box: input while typing, change on Enter', async () => {
    h = await mount();
    const log = record(h.el);
    h.textBox.focus();
    await sendKeys({ type: 'ALI' });
    await h.settle();
    expect(h.el.value).to.deep.equal({ text: 'ALI' });
    expect(h.total).to.equal('6 of 15 sessions · 1 device');
    expect(log).to.deep.equal(['input q=A', 'input q=AL', 'input q=ALI']);
    await sendKeys({ press: 'Enter' });
    await h.settle();
    expect(log.slice(3)).to.deep.equal(['change q=ALI']);
  });

  it('reads the value attribute as a query string, and setting .value updates the checkboxes', async () => {
    h = await mount((el) => el.setAttribute('value', 'country=DE&!device.model=Pixel+6'));
    // Dimensions come in the index's order (resource keys: device before country).
    expect(h.el.query).to.equal('!device.model=Pixel+6&country=DE');
    expect(h.total).to.equal('6 of 15 sessions · 1 device');
    await h.open('device.model');
    expect(h.checkbox('device.model', 'Pixel 6').checked).to.equal(true);
    expect(h.section('device.model').querySelector<HTMLInputElement>('.not input')!.checked).to.equal(true);
    const log = record(h.el);
    h.el.value = { dimensions: { country: { values: ['US'] } }, scope: 'device' };
    await h.settle();
    expect(h.el.query).to.equal('country=US&scope=device');
    expect(h.checkbox('device.model', 'Pixel 6').checked).to.equal(false);
    expect(h.$<HTMLSelectElement>('.scope select')!.value).to.equal('device');
    expect(log, 'no events for a value set from outside').to.deep.equal([]);
  });

  it('reports parts of the query it cannot read in words, and keeps the rest', async () => {
    h = await mount((el) => el.setAttribute('value', 'planet=Mars&country=US&%zz=1'));
    expect(h.el.query).to.equal('country=US');
    const notice = h.text('.notice');
    expect(notice).to.contain('Part of the filter was left out');
    expect(notice).to.contain('planet');
    expect(h.$$('.notice li').length).to.equal(2);
  });

  it('submits its query string with a form, and form.reset() clears it', async () => {
    const form = document.createElement('form');
    document.body.append(form);
    extra.push(form);
    h = await FilterHarness.mount((el) => {
      el.model = model;
      el.name = 'filter';
    }, form);
    expect(h.el.form).to.equal(form);
    await h.toggle('country', 'US');
    await h.negate('device.model');
    await h.toggle('device.model', 'Pixel 8');
    expect(new FormData(form).get('filter')).to.equal('!device.model=Pixel+8&country=US');
    form.reset();
    await h.settle();
    expect(h.el.value).to.deep.equal({});
    expect(new FormData(form).get('filter')).to.equal('');
    expect(h.total).to.equal('15 of 15 sessions · 4 devices');
    expect(h.checkbox('country', 'US').checked).to.equal(false);
  });

  it('is operable with the keyboard: open a section, tick a value, clear all', async () => {
    h = await mount();
    const log = record(h.el);
    h.section('country').querySelector('summary')!.focus();
    await sendKeys({ press: 'Enter' });
    await h.settle();
    expect(h.section('country').open).to.equal(true);
    await sendKeys({ press: 'Tab' }); // "not"
    await sendKeys({ press: 'Tab' }); // DE (Clear is disabled)
    await sendKeys({ press: ' ' });
    await h.settle();
    expect(h.el.query).to.equal('country=DE');
    expect(log).to.deep.equal(['input country=DE', 'change country=DE']);
    h.$<HTMLButtonElement>('.clear-all')!.focus();
    await sendKeys({ press: 'Enter' });
    await h.settle();
    expect(h.el.query).to.equal('');
    // The live region announces the new total.
    await new Promise((r) => setTimeout(r, 500));
    await h.settle();
    expect(h.text('[aria-live="polite"]')).to.equal('15 of 15 sessions match, on 4 devices.');
  });

  it('for= applies the filter to a linked <stitched-sessions> and <session-timeline>', async () => {
    const rows = document.createElement('stitched-sessions');
    rows.id = 'rows';
    rows.style.width = '900px';
    // Its own derivation of the same events: linked by session ids, not object identity.
    rows.events = cohortEvents;
    const timeline = document.createElement('session-timeline');
    timeline.id = 'tl';
    timeline.style.width = '900px';
    timeline.model = model;
    timeline.deviceId = '7f3a';
    document.body.append(rows, timeline);
    extra.push(rows, timeline);
    const sh = new StitchedHarness(rows);
    await sh.settle();
    expect(rows.rowCount).to.equal(4);
    h = await mount((el) => (el.htmlFor = 'rows tl'));
    await h.toggle('country', 'US');
    await sh.settle();
    await timeline.updateComplete;
    expect([...rows.rowKeys].sort()).to.deep.equal([...US_DEVICES].sort());
    const strip = [...timeline.shadowRoot!.querySelectorAll('[part="session"]')];
    expect(strip.length).to.be.greaterThan(0);
    expect(strip.every((b) => b.classList.contains('filtered-out'))).to.equal(true);
    expect(strip[0]!.getAttribute('aria-label')).to.match(/, filtered out$/);
    // Clearing gives the views everything back.
    h.$<HTMLButtonElement>('.clear-all')!.click();
    await h.settle();
    await sh.settle();
    await timeline.updateComplete;
    expect(rows.rowCount).to.equal(4);
    expect(timeline.shadowRoot!.querySelectorAll('.filtered-out').length).to.equal(0);
  });

  it('for= gives the current filter to a view that appears after the last change', async () => {
    h = await mount((el) => (el.htmlFor = 'late-rows'));
    await h.toggle('country', 'US');
    const rows = document.createElement('stitched-sessions');
    rows.style.width = '900px';
    rows.model = model;
    document.body.append(rows);
    extra.push(rows);
    const sh = new StitchedHarness(rows);
    await sh.settle();
    expect(rows.rowCount, 'no id yet: not linked').to.equal(4);
    // Given the id the filter names: linked at once, without another change of the filter.
    rows.id = 'late-rows';
    await sh.settle();
    expect([...rows.rowKeys].sort()).to.deep.equal([...US_DEVICES].sort());
    // Taken out and added again (a framework re-rendering it): still linked.
    rows.remove();
    await sh.settle();
    expect(rows.filter).to.equal(null);
    document.body.append(rows);
    await sh.settle();
    expect([...rows.rowKeys].sort()).to.deep.equal([...US_DEVICES].sort());
  });

  it('says in words when there is no data, no match, or bad input', async () => {
    h = await FilterHarness.mount(() => {});
    expect(h.text('[part="state"]')).to.equal('∅ No sessions to filter');
    h.el.events = [];
    await h.settle();
    expect(h.text('.state-title')).to.equal('No sessions to filter');
    h.el.events = 42;
    await h.settle();
    expect(h.$('[part="state"]')!.getAttribute('role')).to.equal('alert');
    expect(h.text('.state-detail')).to.equal('session-kit expects an array of event objects, got number');
    h.el.loading = true;
    await h.settle();
    expect(h.text('[part="state"]')).to.match(/Loading sessions…$/);
    expect(h.$('[part="state"]')!.getAttribute('role')).to.equal('status');
    h.el.loading = false;
    h.el.events = cohortEvents;
    await h.settle();
    h.textBox.value = 'nobody';
    h.textBox.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await h.settle();
    expect(h.text('.no-match p')).to.equal('No sessions match: clear a filter');
    expect(h.total).to.equal('0 of 15 sessions · 0 devices');
    h.$<HTMLButtonElement>('.no-match button')!.click();
    await h.settle();
    expect(h.$('.no-match')).to.equal(null);
    expect(h.textBox.value).to.equal('');
  });

  it('shows user strings as text', async () => {
    h = await mount();
    await h.open('deviceId');
    expect(h.values('deviceId').map((v) => v.label)).to.include(HOSTILE_DEVICE);
    expect(h.root.querySelector('img')).to.equal(null);
  });

  it('offers a search box in sections with many values', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ts: Date.UTC(2026, 0, 5, 9, i), type: 'app.launch', deviceId: `d${i}`, resource: { country: `C${String(i).padStart(2, '0')}` } }));
    h = await FilterHarness.mount((el) => (el.events = many));
    await h.open('country');
    const search = h.section('country').querySelector<HTMLInputElement>('[part="search"]')!;
    expect(search.getAttribute('aria-label')).to.equal('Search Country values');
    search.value = 'c1';
    search.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await h.settle();
    expect(h.values('country').map((v) => v.label)).to.deep.equal(['C10', 'C11']);
  });

  it('follows theme="dark"', async () => {
    h = await mount((el) => (el.theme = 'dark'));
    expect(getComputedStyle(h.el).getPropertyValue('--_background').trim()).to.equal('#16181d');
    h.el.style.setProperty('--session-filter-bar', 'rgb(1, 2, 3)');
    await h.settle();
    expect(getComputedStyle(h.$('[part="bar"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it('has no axe violations, open and filtered', async () => {
    h = await mount();
    await h.open('country');
    await h.open('deviceId');
    await h.toggle('country', 'US');
    const results = await axe.run(h.el);
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).to.deep.equal([]);
  });
});
