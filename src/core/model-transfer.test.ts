import { expect } from 'chai';
import { deriveSessions } from './index.js';
import { packModel, transferablesOf, unpackModel, unpackModelSync } from './model-transfer.js';
import { generateEvents } from './sample-data.js';

describe('model transfer: the packed form a worker sends back', () => {
  it('rebuilds the very model deriveSessions gives, diagnostics and late reports included', () => {
    const events = generateEvents({ events: 5_000, seed: 11, garbage: 0.02, shuffle: true, isoTimestamps: true });
    const options = { inactivityTimeoutMs: 600_000 };
    const model = deriveSessions(events, options);
    // What crosses to the page is a structured clone: copy it the same way.
    const packed = structuredClone(packModel(model));
    const rebuilt = unpackModelSync(packed, events);
    expect(rebuilt).to.deep.equal(model);
    expect(rebuilt.diagnostics.length).to.be.greaterThan(0);
    expect(rebuilt.stats.lateReports).to.equal(model.stats.lateReports);
  });

  it('keeps shared objects shared: stitched sessions hold the sessions of the model, events keep their raw attrs', () => {
    const events = generateEvents({ events: 2_000, seed: 3 });
    const rebuilt = unpackModelSync(structuredClone(packModel(deriveSessions(events))), events);
    const sessions = new Set(rebuilt.sessions);
    expect(rebuilt.stitched.every((g) => g.sessions.every((s) => sessions.has(s)))).to.equal(true);
    const e = rebuilt.sessions[0]!.events[0]!;
    expect(e.resource).to.equal((events[e.index] as { resource?: unknown }).resource);
  });

  it('marks late reports as the core does', () => {
    const t = Date.UTC(2026, 0, 5, 9);
    const events = [
      { ts: t, type: 'app.launch', deviceId: 'd', processId: 'p1' },
      { ts: t + 3_000, type: 'view', deviceId: 'd', processId: 'p1' },
      { ts: t + 60_000, type: 'app.launch', deviceId: 'd', processId: 'p2' },
      { ts: t + 61_000, type: 'crash', deviceId: 'd', processId: 'p1', name: 'Late' },
    ];
    const model = deriveSessions(events);
    expect(model.stats.lateReports).to.equal(1);
    expect(unpackModelSync(packModel(model), events)).to.deep.equal(model);
  });

  it('yields between slices, and transfers its typed arrays', () => {
    const events = generateEvents({ events: 3_000, seed: 5 });
    const packed = packModel(deriveSessions(events));
    expect(transferablesOf(packed)).to.have.length(5);
    const steps = unpackModel(packed, events, 500);
    let yields = 0;
    while (!steps.next().done) yields++;
    expect(yields).to.be.greaterThan(3);
  });

  it('refuses raw events that no longer read as the worker read them', () => {
    const events: unknown[] = [{ ts: 0, type: 'app.launch', deviceId: 'd' }];
    const packed = packModel(deriveSessions(events));
    events[0] = { type: 'app.launch' };
    expect(() => unpackModelSync(packed, events)).to.throw(/item 0 changed/);
  });
});
