// The demo's file reader (demo/load-file.ts) and its URL state (demo/url-state.ts).
import { expect } from 'chai';
import { EventsFileError, parseEventsText, readEventsFile, summarizeLineErrors } from '../demo/load-file.js';
import { readFilterQuery, readViewState, writeFilterQuery, writeViewState } from '../demo/url-state.js';

const launch = { ts: 1767571200000, type: 'app.launch', deviceId: '7f3a' };
const view = { ts: 1767571201500, type: 'view', deviceId: '7f3a', name: 'Home' };

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('demo: reading an events file', () => {
  it('reads a JSON array as it is, with no line errors', () => {
    const parsed = parseEventsText(JSON.stringify([launch, view], null, 2));
    expect(parsed.format).to.equal('json');
    expect(parsed.events).to.deep.equal([launch, view]);
    expect(parsed.lineErrors).to.deep.equal([]);
    expect(parsed.lineOf).to.equal(undefined);
  });

  it('reads an object holding an "events" array', () => {
    const parsed = parseEventsText(JSON.stringify({ events: [launch] }));
    expect(parsed.format).to.equal('json');
    expect(parsed.events).to.deep.equal([launch]);
  });

  it('reads NDJSON one event per line, skipping blank lines and CRLF endings', () => {
    const parsed = parseEventsText(`${JSON.stringify(launch)}\r\n\r\n${JSON.stringify(view)}\r\n`);
    expect(parsed.format).to.equal('ndjson');
    expect(parsed.events).to.deep.equal([launch, view]);
    expect(parsed.lineOf).to.deep.equal([1, 3]);
    expect(parsed.lineErrors).to.deep.equal([]);
  });

  it('reports a bad NDJSON line by number and keeps the other lines', () => {
    const text = [JSON.stringify(launch), '{"ts": 1, "type": "tap"  oops', JSON.stringify(view), 'not json'].join('\n');
    const parsed = parseEventsText(text);
    expect(parsed.events).to.deep.equal([launch, view]);
    expect(parsed.lineOf).to.deep.equal([1, 3]);
    expect(parsed.lineErrors.map((e) => e.line)).to.deep.equal([2, 4]);
    expect(parsed.lineErrors[0]!.message).to.be.a('string').and.not.equal('');
    expect(summarizeLineErrors(parsed.lineErrors)).to.equal('2 lines could not be read as JSON');
    expect(summarizeLineErrors([])).to.equal(undefined);
  });

  it('treats a single JSON object as a one-event file', () => {
    const parsed = parseEventsText(`\n${JSON.stringify(launch, null, 2)}\n`);
    expect(parsed.events).to.deep.equal([launch]);
    expect(parsed.lineOf).to.deep.equal([2]);
  });

  it('ignores a byte-order mark', () => {
    expect(parseEventsText(`\ufeff${JSON.stringify([launch])}`).events).to.deep.equal([launch]);
  });

  it('says in words that a file which is not JSON at all cannot be read', () => {
    const e = thrown(() => parseEventsText('hello, this is a text file\nnot events', 'notes.txt'));
    expect(e).to.be.instanceOf(EventsFileError);
    expect(e.message).to.match(/^notes\.txt is not JSON or NDJSON: line 1: /);
  });

  it('says a broken JSON array is not valid JSON rather than reading it line by line', () => {
    const e = thrown(() => parseEventsText('[{"ts": 1, "type": "tap"},\n{"ts": 2', 'events.json'));
    expect(e).to.be.instanceOf(EventsFileError);
    expect(e.message).to.match(/^events\.json is not valid JSON: /);
  });

  it('says an empty file is empty', () => {
    expect(thrown(() => parseEventsText('  \n\n', 'empty.json')).message).to.equal('empty.json is empty.');
  });

  it('keeps items that are not events for the core to report (they are not line errors)', () => {
    const parsed = parseEventsText('42\n"text"\nnull\n' + JSON.stringify(view));
    expect(parsed.events).to.deep.equal([42, 'text', null, view]);
    expect(parsed.lineErrors).to.deep.equal([]);
  });

  it('keeps strings from the file as data, never as markup', () => {
    const evil = { ...view, name: '<img src=x onerror=alert(1)>' };
    expect(parseEventsText(JSON.stringify([evil])).events).to.deep.equal([evil]);
  });

  it('reads a File from a picker or a drop', async () => {
    const file = new File([`${JSON.stringify(launch)}\n${JSON.stringify(view)}\n`], 'events.ndjson', { type: 'application/x-ndjson' });
    const parsed = await readEventsFile(file);
    expect(parsed.format).to.equal('ndjson');
    expect(parsed.events).to.have.length(2);
    let error: unknown;
    try {
      await readEventsFile(new File(['a,b,c\n1,2,3\n'], 'table.csv'));
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).to.match(/^table\.csv is not JSON or NDJSON/);
  });
});

describe('demo: view state in the URL', () => {
  it('reads the device, alignment and sort, with defaults for missing or unknown values', () => {
    expect(readViewState('?device=7f3a&align=relative&sort=crashes')).to.deep.equal({ device: '7f3a', align: 'relative', sort: 'crashes' });
    expect(readViewState('')).to.deep.equal({ device: undefined, align: 'calendar', sort: 'last-seen' });
    expect(readViewState('?align=sideways&sort=random&device=')).to.deep.equal({ device: undefined, align: 'calendar', sort: 'last-seen' });
  });

  it('writes its keys, leaves defaults out and keeps the keys of others (the filter)', () => {
    expect(writeViewState('?f.app=2.3.0', { device: '7f3a', align: 'relative', sort: 'last-seen' })).to.equal('?f.app=2.3.0&device=7f3a&align=relative');
    expect(writeViewState('?device=7f3a&align=relative', { align: 'calendar' })).to.equal('?device=7f3a');
    expect(writeViewState('?device=7f3a', { device: undefined })).to.equal('');
  });

  it("keeps the filter's query string as written, and replaces only it", () => {
    const search = "?!country=DE&device=7f3a&duration=0..240000&app.version='1.0'";
    expect(readFilterQuery(search)).to.equal("!country=DE&duration=0..240000&app.version='1.0'");
    expect(writeViewState(search, { align: 'relative' })).to.equal(`${search}&align=relative`);
    expect(writeFilterQuery(search, 'hasCrash=true&scope=device')).to.equal('?hasCrash=true&scope=device&device=7f3a');
    expect(writeFilterQuery('?device=7f3a&sort=crashes', '')).to.equal('?device=7f3a&sort=crashes');
    expect(readViewState(search)).to.deep.equal({ device: '7f3a', align: 'calendar', sort: 'last-seen' });
  });
});
