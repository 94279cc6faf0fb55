import { expect } from 'chai';
import { deriveSessions } from '../../core/index.js';
import { resolveModel } from './model-input.js';

const events = [{ ts: 0, type: 'app.launch', deviceId: 'd' }];

describe('resolveModel: how every view turns its inputs into a model', () => {
  it('prefers its own model, then its own events, then the shared one', () => {
    const own = deriveSessions(events);
    const shared = deriveSessions([{ ts: 0, type: 'tap', deviceId: 'shared' }]);
    expect(resolveModel({ model: own, events: undefined, contextModel: shared }).model).to.equal(own);
    expect(resolveModel({ model: undefined, events, contextModel: shared }).model?.sessions[0]?.deviceId).to.equal('d');
    expect(resolveModel({ model: undefined, events: undefined, contextModel: shared }).model).to.equal(shared);
    expect(resolveModel({ model: undefined, events: null })).to.deep.equal({ model: undefined });
  });

  it('passes the core options on', () => {
    const r = resolveModel({ model: undefined, events: [...events, { ts: 60_000, type: 'app.background', deviceId: 'd' }, { ts: 200_000, type: 'log', deviceId: 'd' }], inactivityTimeout: 60_000 });
    expect(r.model?.sessions.map((s) => s.endReason)).to.deep.equal(['background', 'inactivity', 'open']);
  });

  it('says in words why there is no model', () => {
    expect(resolveModel({ model: undefined, events: 'nope' }).error).to.match(/expects an array of event objects/);
    expect(resolveModel({ model: { sessions: [] } as never, events: undefined }).error).to.equal('The model is not a SessionModel: it has no sessions and stitched arrays.');
  });
});
