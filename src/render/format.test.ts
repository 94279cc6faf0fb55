import { expect } from 'chai';
import { DAY, HOUR, MINUTE, SECOND, checkTimeZone, formatCount, formatDuration, formatTick, formatTime, plural, timeTicks, zoneOffset } from './format.js';

const T = Date.UTC(2026, 0, 5, 12, 3, 7, 221);

describe('format', () => {
  it('writes durations in at most two units, the way people say them', () => {
    expect(formatDuration(350)).to.equal('350 ms');
    expect(formatDuration(1_200)).to.equal('1.2 s');
    expect(formatDuration(42 * SECOND)).to.equal('42 s');
    expect(formatDuration(4 * MINUTE + 12 * SECOND)).to.equal('4 min 12 s');
    expect(formatDuration(38 * MINUTE)).to.equal('38 min');
    expect(formatDuration(2 * HOUR + 14 * MINUTE)).to.equal('2 h 14 min');
    expect(formatDuration(2 * HOUR)).to.equal('2 h');
    expect(formatDuration(3 * DAY + 4 * HOUR)).to.equal('3 d 4 h');
    expect(formatDuration(59 * MINUTE + 59 * SECOND)).to.equal('1 h');
  });

  it('writes counts with thousands separators and plurals', () => {
    expect(formatCount(1204)).to.equal('1,204');
    expect(plural(1, 'crash', 'crashes')).to.equal('1 crash');
    expect(plural(12, 'session')).to.equal('12 sessions');
  });

  it('formats times in UTC and in Asia/Tokyo', () => {
    expect(formatTime(T, 'UTC', 'ms')).to.equal('12:03:07.221');
    expect(formatTime(T, 'Asia/Tokyo', 'ms')).to.equal('21:03:07.221');
    expect(formatTime(T, 'Asia/Kolkata', 'min')).to.equal('17:33');
    expect(zoneOffset(T, 'Asia/Tokyo')).to.equal(9 * HOUR);
    expect(zoneOffset(T, 'UTC')).to.equal(0);
  });

  it('names an unknown time zone', () => {
    expect(checkTimeZone('Mars/Olympus')).to.contain('Unknown time zone "Mars/Olympus"');
    expect(checkTimeZone('Asia/Tokyo')).to.equal(undefined);
    expect(checkTimeZone(undefined)).to.equal(undefined);
  });

  it('puts ticks at round local times of the zone, half-hour offsets included', () => {
    const start = Date.UTC(2026, 0, 5, 12, 7);
    const end = Date.UTC(2026, 0, 5, 14, 7);
    const utc = timeTicks(start, end, 5, 'UTC');
    expect(utc.step).to.equal(30 * MINUTE);
    expect(utc.ticks.map((t) => formatTick(t, utc.step, 'UTC'))).to.deep.equal(['12:30', '13:00', '13:30', '14:00']);
    const kolkata = timeTicks(start, end, 5, 'Asia/Kolkata');
    expect(kolkata.ticks.map((t) => formatTick(t, kolkata.step, 'Asia/Kolkata'))).to.deep.equal(['18:00', '18:30', '19:00', '19:30']);
  });

  it('labels a local midnight with its date', () => {
    const { ticks, step } = timeTicks(Date.UTC(2026, 0, 5, 20), Date.UTC(2026, 0, 6, 4), 5, 'UTC');
    expect(ticks.map((t) => formatTick(t, step, 'UTC'))).to.include('Tue 6 Jan');
  });
});
