import { expect } from 'chai';
import fc from 'fast-check';
import type { Primitive } from '../types.js';
import { formatFilterQuery, parseFilterQuery, type DimensionFilter, type DimensionInfo, type FilterValue, type NumberRange } from './index.js';

// FC_RUNS=20000 npx mocha src/core/filter/query.test.ts hunts for rarer counterexamples.
const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FC_RUNS) || 300;

function info(name: string, types: DimensionInfo['types'], kind: DimensionInfo['kind'] = 'categorical'): DimensionInfo {
  return { name, label: name, kind, group: 'resource', groupLabel: 'App & device', cardinality: 3, types };
}

const DIMENSIONS: DimensionInfo[] = [
  info('app.version', ['string']),
  info('country', ['null', 'string']),
  info('build', ['number']),
  info('hasCrash', ['boolean'], 'boolean'),
  info('duration', ['number'], 'numeric'),
];

describe('filter query string: format', () => {
  it('writes the example of the issue, readable', () => {
    const value: FilterValue = {
      dimensions: {
        'app.version': { values: ['2.3.0', '2.2.1'] },
        country: { values: ['DE'], exclude: true },
        duration: { ranges: [{ min: 0, max: 240_000 }] },
      },
      text: 'alice',
      scope: 'device',
    };
    expect(formatFilterQuery(value)).to.equal('app.version=2.3.0,2.2.1&!country=DE&duration=0..240000&q=alice&scope=device');
  });

  it('is empty for no filter, and leaves out the session scope and an empty text', () => {
    expect(formatFilterQuery({})).to.equal('');
    expect(formatFilterQuery({ text: '', scope: 'session' })).to.equal('');
  });

  it('escapes commas, ampersands, equals signs, plus signs, percent signs and spaces in values', () => {
    const q = formatFilterQuery({ dimensions: { 'device.model': { values: ['iPhone 15 Pro', 'a,b', 'x&y=z', '1+1', '100%'] } } });
    expect(q).to.equal('device.model=iPhone+15+Pro,a%2Cb,x%26y%3Dz,1%2B1,100%25');
    expect(parseFilterQuery(q).value).to.deep.equal({ dimensions: { 'device.model': { values: ['iPhone 15 Pro', 'a,b', 'x&y=z', '1+1', '100%'] } } });
  });

  it('quotes strings that would read as numbers, booleans, null, ranges or nothing', () => {
    const q = formatFilterQuery({ dimensions: { v: { values: ['42', 'true', 'null', '1..2', '', 42, true, null, "'x'"] } } });
    expect(q).to.equal("v='42','true','null','1..2','',42,true,null,''x''");
    expect(parseFilterQuery(q).value).to.deep.equal({ dimensions: { v: { values: ['42', 'true', 'null', '1..2', '', 42, true, null, "'x'"] } } });
  });

  it('writes open ranges and negative or tiny numbers', () => {
    const q = formatFilterQuery({ dimensions: { duration: { ranges: [{ min: 60_000 }, { max: -1.5 }, {}], values: [1e-7, -0] } } });
    expect(q).to.equal('duration=1e-7,-0,60000..,..-1.5,..');
    expect(parseFilterQuery(q).value).to.deep.equal({ dimensions: { duration: { values: [1e-7, -0], ranges: [{ min: 60_000 }, { max: -1.5 }, {}] } } });
  });

  it('quotes dimension names that are reserved or start with "!"', () => {
    const value: FilterValue = { dimensions: { q: { values: ['x'] }, scope: { values: ['y'], exclude: true }, '!bang': { values: [1] } } };
    const q = formatFilterQuery(value);
    expect(q).to.equal("'q'=x&!'scope'=y&'!bang'=1");
    expect(parseFilterQuery(q).value).to.deep.equal(value);
  });
});

describe('filter query string: parse', () => {
  it('reads negation, ranges, text and scope', () => {
    const { value, errors } = parseFilterQuery('?app.version=2.3.0,2.2.1&!country=DE&duration=0..240000&q=alice&scope=device');
    expect(errors).to.deep.equal([]);
    expect(value).to.deep.equal({
      dimensions: {
        'app.version': { values: ['2.3.0', '2.2.1'] },
        country: { values: ['DE'], exclude: true },
        duration: { ranges: [{ min: 0, max: 240_000 }] },
      },
      text: 'alice',
      scope: 'device',
    });
  });

  it('keeps types: numbers, booleans and null are not strings', () => {
    expect(parseFilterQuery('a=42,-1.5e3,true,false,null,x').value.dimensions?.a?.values).to.deep.equal([42, -1500, true, false, null, 'x']);
  });

  it('reports an unknown dimension and keeps the rest', () => {
    const { value, errors } = parseFilterQuery('colour=red&country=DE', { dimensions: DIMENSIONS });
    expect(errors).to.deep.equal(['"colour=red": unknown dimension "colour"']);
    expect(value).to.deep.equal({ dimensions: { country: { values: ['DE'] } } });
  });

  it('reads a bare number as a string for a dimension that has only strings', () => {
    const { value } = parseFilterQuery('app.version=1.0,2&build=3&hasCrash=true&country=1..2', { dimensions: DIMENSIONS });
    expect(value.dimensions).to.deep.equal({
      'app.version': { values: ['1.0', '2'] },
      build: { values: [3] },
      hasCrash: { values: [true] },
      country: { values: ['1..2'] },
    });
  });

  it('reports bad parts without throwing', () => {
    const { value, errors } = parseFilterQuery('a=%E0%A4%A&b&=x&scope=planet&!q=x&c=1,,2&%ZZ=1&d=ok');
    expect(value).to.deep.equal({ dimensions: { d: { values: ['ok'] } } });
    expect(errors).to.have.length(7);
    expect(errors[0]).to.match(/malformed percent-encoding/);
    expect(errors[1]).to.match(/expected name=values/);
    expect(errors[2]).to.match(/empty dimension name/);
    expect(errors[3]).to.match(/unknown scope "planet"/);
    expect(errors[4]).to.match(/cannot be negated/);
    expect(errors[5]).to.match(/empty item/);
    expect(errors[6]).to.match(/malformed percent-encoding in the name/);
  });

  it('merges a dimension given twice, and refuses one both included and excluded', () => {
    const { value, errors } = parseFilterQuery('a=1&a=2..3&!a=4&q=x&q=y');
    expect(value).to.deep.equal({ dimensions: { a: { values: [1], ranges: [{ min: 2, max: 3 }] } }, text: 'y' });
    expect(errors).to.have.length(2);
    expect(errors[0]).to.match(/both included and excluded/);
    expect(errors[1]).to.match(/"q" is given more than once/);
  });

  it('reads "name=" as a filter that lets nothing through', () => {
    expect(parseFilterQuery('a=&!b=').value).to.deep.equal({ dimensions: { a: { values: [] }, b: { values: [], exclude: true } } });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const { errors } = parseFilterQuery(s, { dimensions: DIMENSIONS });
        expect(errors).to.be.an('array');
      }),
      { numRuns: RUNS },
    );
  });
});

// --- round trip --------------------------------------------------------------------------

/** Strings full of the characters the format must escape. */
const textArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(',', '&', '=', '+', '%', '#', '!', "'", '.', ' ', '?', '/', ':', '"', '\\', 'a', '1', '-', 'e', 'é', '🙂'), maxLength: 10 }),
  fc.constantFrom('', 'true', 'false', 'null', '42', '-0', '1e3', 'NaN', 'Infinity', '..', '1..2', "'", "''", 'q', 'scope'),
);

const numberArb = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.double({ noNaN: true }), fc.constantFrom(-0, 0, 1e21, 1e-7, Infinity, -Infinity, Number.NaN));
const primitiveArb: fc.Arbitrary<Primitive> = fc.oneof(textArb, numberArb, fc.boolean(), fc.constant(null));
const boundArb = fc.option(fc.double({ noNaN: true }), { nil: undefined });
const rangeArb: fc.Arbitrary<NumberRange> = fc.record({ min: boundArb, max: boundArb }).map(({ min, max }) => {
  const r: { min?: number; max?: number } = {};
  if (min !== undefined) r.min = min;
  if (max !== undefined) r.max = max;
  return r;
});

/** A filter in the normal form `parseFilterQuery` gives: `values` unless there are only ranges. */
const filterArb: fc.Arbitrary<DimensionFilter> = fc
  .record({ values: fc.array(primitiveArb, { maxLength: 4 }), ranges: fc.array(rangeArb, { maxLength: 2 }), exclude: fc.boolean() })
  .map(({ values, ranges, exclude }) => {
    const f: { values?: Primitive[]; ranges?: NumberRange[]; exclude?: boolean } = {};
    if (values.length || !ranges.length) f.values = values;
    if (ranges.length) f.ranges = ranges;
    if (exclude) f.exclude = true;
    return f;
  });

const valueArb: fc.Arbitrary<FilterValue> = fc
  .record({
    dimensions: fc.uniqueArray(fc.tuple(fc.oneof(textArb, fc.constantFrom('app.version', 'experiment.x', 'q', 'scope', '!x', '__proto__')), filterArb), { selector: ([k]) => k, maxLength: 4 }),
    text: textArb,
    scope: fc.constantFrom('session', 'stitched', 'device') as fc.Arbitrary<'session' | 'stitched' | 'device'>,
  })
  .map(({ dimensions, text, scope }) => {
    const v: { dimensions?: Record<string, DimensionFilter>; text?: string; scope?: 'stitched' | 'device' } = {};
    if (dimensions.length) v.dimensions = Object.fromEntries(dimensions);
    if (text !== '') v.text = text;
    if (scope !== 'session') v.scope = scope;
    return v;
  });

describe('filter query string: round trip', () => {
  it('parse(format(v)) gives v back, types, negation, ranges, text and scope included', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        const q = formatFilterQuery(v);
        const { value, errors } = parseFilterQuery(q);
        expect(errors).to.deep.equal([]);
        expect(value).to.deep.equal(v);
        expect(formatFilterQuery(value)).to.equal(q);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives a browser: URLSearchParams-style "+" for spaces and %27 for quotes', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        const q = formatFilterQuery(v);
        // What new URL(...).search does to a query: it may percent-encode the quotes.
        const url = new URL(`https://example.test/?${q}`);
        const { value, errors } = parseFilterQuery(url.search);
        expect(errors).to.deep.equal([]);
        expect(value).to.deep.equal(v);
      }),
      { numRuns: RUNS },
    );
  });

  it('uses only characters that need no escaping in a URL query', () => {
    fc.assert(
      fc.property(valueArb, (v) => {
        expect(formatFilterQuery(v)).to.match(/^[A-Za-z0-9\-_.!~*'()%+:/@,&=]*$/);
      }),
      { numRuns: RUNS },
    );
  });
});
