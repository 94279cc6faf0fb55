import { expect } from 'chai';
import { deriveSessions } from '../core/index.js';
import { cohortEvents, MON, TUE } from '../../test/fixtures/cohort.js';
import { HOUR, MINUTE, formatElapsed } from './format.js';
import { countPerDay, formatShare, median, summarizeCohort } from './cohort-summary.js';
import { buildRowTable } from './rows.js';
import { elapsedTicks, linearTimeScale } from './time-scale.js';

const model = deriveSessions(cohortEvents);

describe('cohort summary', () => {
  it('counts devices, users, stitched sessions, sessions and end-reason shares', () => {
    const s = summarizeCohort(buildRowTable(model), 'UTC');
    expect([s.rows, s.devices, s.users, s.stitched, s.sessions]).to.deep.equal([4, 4, 3, 6, 15]);
    const share = Object.fromEntries(s.endShares.map((e) => [e.reason, e.count]));
    expect(share).to.deep.equal({ background: 5, foreground: 2, open: 2, inactivity: 1, crash: 1, anr: 1, oom: 1, abnormal: 1, user_terminated: 1 });
    expect(s.endShares[0]!.reason).to.equal('background');
    expect(s.endShares.find((e) => e.reason === 'crash')!.share).to.be.closeTo(1 / 15, 1e-12);
  });

  it('gives median session and stitched-session durations', () => {
    const s = summarizeCohort(buildRowTable(model), 'UTC');
    expect(s.medianSessionMs).to.equal(5 * MINUTE);
    // Stitched: 20, 5, 60, 40, 50, 2 min.
    expect(s.medianStitchedMs).to.equal(30 * MINUTE);
    expect(median([])).to.be.NaN;
    expect(median([3, 1, 2])).to.equal(2);
  });

  it('counts sessions per local day of the time zone, empty days included', () => {
    expect(summarizeCohort(buildRowTable(model), 'UTC').perDay).to.deep.equal([
      { start: MON, count: 13 },
      { start: TUE, count: 2 },
    ]);
    // In Tokyo (UTC+9), Monday 15:00 UTC is already Tuesday.
    const tokyo = countPerDay([MON + 9 * HOUR, MON + 15 * HOUR, MON + 3 * 24 * HOUR], 'Asia/Tokyo');
    expect(tokyo.map((d) => d.count)).to.deep.equal([1, 1, 0, 1]);
    expect(tokyo[0]!.start).to.equal(MON - 9 * HOUR);
  });

  it('changes with the filter', () => {
    const two = summarizeCohort(buildRowTable(model, { filter: (s) => s.deviceId === '7f3a' || s.deviceId === '22de' }), 'UTC');
    expect([two.devices, two.stitched, two.sessions]).to.deep.equal([2, 3, 9]);
    const none = summarizeCohort(buildRowTable(model, { filter: () => false }), 'UTC');
    expect([none.devices, none.sessions, none.perDay.length]).to.deep.equal([0, 0, 0]);
    expect(none.medianSessionMs).to.be.NaN;
  });

  it('writes shares and elapsed times in words', () => {
    expect([formatShare(1 / 15), formatShare(0.004), formatShare(0.0004), formatShare(0), formatShare(0.5)]).to.deep.equal(['6.7%', '0.4%', '<0.1%', '0%', '50%']);
    expect([0, 5_000, 30 * MINUTE, HOUR, 90 * MINUTE, 24 * HOUR, 84 * HOUR].map(formatElapsed)).to.deep.equal(['0', '+5 s', '+30 min', '+1 h', '+1 h 30 min', '+1 d', '+3 d 12 h']);
  });

  it('labels a relative axis in elapsed time from "0"', () => {
    const scale = linearTimeScale(0, 2 * 24 * HOUR, 960);
    const ticks = elapsedTicks(scale, 960);
    expect(ticks[0]).to.deep.equal({ t: 0, x: 0, label: '0' });
    expect(ticks.map((t) => t.label)).to.include('+1 d');
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.x).to.be.greaterThan(ticks[i - 1]!.x);
  });
});
