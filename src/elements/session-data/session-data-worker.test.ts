import { expect } from 'chai';
import { deriveSessions } from '../../core/index.js';
import { WorkerUnavailableError, deriveInWorker, deriveSessionsOffThread } from '../../core/derive-in-worker.js';
import { generateEvents } from '../../core/sample-data.js';
import type { SessionModel } from '../../core/types.js';
import { failOnConsoleErrors } from '../../../test/harness/console-guard.js';
import { until } from '../../../test/harness/until.js';
import { FilterHarness } from '../../../test/harness/session-filter-harness.js';
import { mountElement } from '../../../test/harness/shadow-harness.js';
import '../stitched-sessions/stitched-sessions.js';
import './session-data.js';
import type { SessionData } from './session-data.js';

/** The model a view draws (its private `derived`). */
const drawn = (el: HTMLElement): SessionModel | undefined => (el as unknown as { derived: SessionModel | undefined }).derived;
const status = (data: SessionData): string => (data.shadowRoot!.querySelector('[part="status"]')?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Replaces `Worker` for one test: one that cannot be built (CSP, file://) or that fails to load. */
function stubWorker(kind: 'throws' | 'fails-to-load'): () => void {
  const real = window.Worker;
  class Blocked {
    onmessage: unknown = null;
    onmessageerror: unknown = null;
    onerror: ((e: Event) => void) | null = null;
    constructor() {
      if (kind === 'throws') throw new DOMException('Worker blocked', 'SecurityError');
      setTimeout(() => this.onerror?.(new ErrorEvent('error', { message: 'blocked by CSP', cancelable: true })), 5);
    }
    postMessage(): void {}
    terminate(): void {}
  }
  (window as { Worker: unknown }).Worker = Blocked;
  return () => ((window as { Worker: unknown }).Worker = real);
}

// Garbage and ISO timestamps: the diagnostics and the parsed times must come back too.
const events = generateEvents({ events: 30_000, seed: 21, garbage: 0.01, isoTimestamps: true, shuffle: true });
const small = generateEvents({ events: 3_000, seed: 4 });

describe('deriving in a worker', () => {
  let restore: (() => void) | undefined;
  const mounted: Element[] = [];
  afterEach(() => {
    restore?.();
    restore = undefined;
    for (const e of mounted.splice(0)) e.remove();
  });
  failOnConsoleErrors();

  /** Adds `<tag>`, set up by `setup` before it connects; removed after the test. */
  function mount<K extends 'session-data' | 'stitched-sessions'>(tag: K, setup: (el: HTMLElementTagNameMap[K]) => void): HTMLElementTagNameMap[K] {
    const el = mountElement<HTMLElementTagNameMap[K]>(tag, setup, '900px');
    mounted.push(el);
    return el;
  }

  it('gives the model deriveSessions gives in the page, diagnostics and shared sessions included', async () => {
    const options = { inactivityTimeoutMs: 900_000 };
    const model = await deriveInWorker(events, options);
    const expected = deriveSessions(events, options);
    expect(model).to.deep.equal(expected);
    expect(model.diagnostics.length).to.be.greaterThan(0);
    const sessions = new Set(model.sessions);
    expect(model.stitched.every((g) => g.sessions.every((s) => sessions.has(s)))).to.equal(true);
  });

  it('rejects a bad option as deriveSessions throws it, and stops when aborted', async () => {
    let error: unknown;
    await deriveInWorker(small, { inactivityTimeoutMs: -1 }).catch((e) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    expect((error as Error).message).to.match(/inactivityTimeoutMs must be a positive number/);
    const controller = new AbortController();
    const run = deriveInWorker(events, {}, { signal: controller.signal });
    controller.abort();
    let aborted: unknown;
    await run.catch((e) => (aborted = e));
    expect((aborted as DOMException).name).to.equal('AbortError');
  });

  it('falls back to the page, without an error, when no worker can be built or loaded', async () => {
    restore = stubWorker('throws');
    let error: unknown;
    await deriveInWorker(small).catch((e) => (error = e));
    expect(error).to.be.instanceOf(WorkerUnavailableError);
    expect(await deriveSessionsOffThread(small)).to.deep.equal(deriveSessions(small));
    restore();
    restore = stubWorker('fails-to-load');
    expect(await deriveSessionsOffThread(small)).to.deep.equal(deriveSessions(small));
  });

  it('<session-data> says it is deriving, then shows the data', async () => {
    const rows = document.createElement('stitched-sessions');
    const data = mount('session-data', (d) => {
      d.append(rows);
      d.workerThreshold = 0;
      d.events = small;
    });
    await data.updateComplete;
    expect(status(data)).to.equal('Deriving sessions from 3,000 events…');
    expect(data.model).to.equal(undefined);
    await until(() => data.model !== undefined, 'the model');
    await data.updateComplete;
    await rows.updateComplete;
    expect(status(data)).to.equal('');
    expect(data.model).to.deep.equal(deriveSessions(small));
    expect(drawn(rows)).to.equal(data.model);
    expect(rows.rowCount).to.equal(new Set(data.model!.sessions.map((s) => s.deviceId)).size);
  });

  it('<session-data> derives fewer than 500,000 events in the page by default (sooner than a worker would)', async () => {
    const many = Array.from({ length: 60_000 }, (_, i) => ({ ts: Date.UTC(2026, 0, 1) + i * 1_000, type: i % 2 ? 'tap' : 'view', deviceId: `d${i % 3}` }));
    const data = mount('session-data', (d) => {
      d.events = many;
    });
    await data.updateComplete;
    expect(status(data)).to.equal('');
    expect(data.model?.stats.input).to.equal(60_000);
    // A page that prefers a worker for these says so.
    data.workerThreshold = 50_000;
    data.events = [...many];
    await data.updateComplete;
    expect(status(data)).to.equal('Deriving sessions from 60,000 events…');
    await until(() => data.model?.stats.input === 60_000 && status(data) === '', 'the model from the worker');
  });

  it('<session-data> drops the result of events replaced while a worker derived them', async () => {
    const data = mount('session-data', (d) => {
      d.workerThreshold = 0;
      d.events = events;
    });
    await data.updateComplete;
    expect(status(data)).to.match(/^Deriving sessions from 30,\d{3} events…$/);
    data.events = small;
    await data.updateComplete;
    await until(() => data.model !== undefined, 'the second model');
    const second = data.model;
    // Long enough for the first worker to have answered, had it not been stopped.
    await new Promise((r) => setTimeout(r, 1_500));
    await data.updateComplete;
    expect(data.model).to.equal(second);
    expect(data.model!.stats.input).to.equal(small.length);
  });

  it('<session-data> below its threshold derives in the page, at once', async () => {
    const data = mount('session-data', (d) => (d.events = small));
    await data.updateComplete;
    expect(data.model).to.deep.equal(deriveSessions(small));
    expect(status(data)).to.equal('');
  });

  it('<session-data> still shows the data when no worker can start', async () => {
    restore = stubWorker('fails-to-load');
    const data = mount('session-data', (d) => {
      d.setAttribute('worker-threshold', '0');
      d.events = small;
    });
    await until(() => data.model !== undefined, 'the model');
    expect(data.model).to.deep.equal(deriveSessions(small));
  });

  it('<session-filter events> says it is deriving, then filters; new events drop the old run', async () => {
    const h = await FilterHarness.mount((el) => {
      el.workerThreshold = 0;
      el.events = events;
    });
    mounted.push(h.el);
    expect(h.text('.state-title')).to.equal('Deriving sessions…');
    h.el.events = small;
    await h.settle();
    await until(() => h.el.filterIndex !== undefined, 'the index');
    await h.settle();
    const model = deriveSessions(small);
    expect(h.total).to.equal(`${model.sessions.length.toLocaleString('en-US')} of ${model.sessions.length.toLocaleString('en-US')} sessions · ${new Set(model.sessions.map((s) => s.deviceId)).size} devices`);
    await new Promise((r) => setTimeout(r, 1_500));
    await h.settle();
    expect(h.el.filterIndex!.sessions.length).to.equal(model.sessions.length);
  });

  it('<stitched-sessions events> says it is deriving, then draws what deriveSessions gives', async () => {
    const el = mount('stitched-sessions', (e) => {
      e.workerThreshold = 0;
      e.events = small;
    });
    await el.updateComplete;
    const title = () => el.shadowRoot!.querySelector('.state-title')?.textContent?.trim();
    expect(title()).to.equal('Deriving sessions…');
    await until(() => drawn(el) !== undefined, 'the model');
    await el.updateComplete;
    expect(drawn(el)).to.deep.equal(deriveSessions(small));
    expect(title()).to.equal(undefined);
    const devices = new Set(small.map((e) => (e as { deviceId: string }).deviceId)).size;
    expect(el.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.match(new RegExp(`^\\s*${devices} devices`));
  });
});
