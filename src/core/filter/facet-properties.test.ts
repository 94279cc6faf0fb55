/**
 * The index against a naive recount: sessions derived from generated raw events, random
 * filters applied through random sequences of incremental changes, and after every change
 * each total, facet, histogram bin and the mask compared with a plain scan, at every scope.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { T0, MINUTE } from '../../../test/fixtures/events.js';
import type { Primitive, Session } from '../types.js';
import { deriveSessions } from '../index.js';
import { compareValues, createFilterIndex, formatFilterQuery, parseFilterQuery, type DimensionFilter, type FilterIndex, type FilterScope, type FilterTotals, type NumberRange } from './index.js';

// FC_RUNS=20000 npx mocha src/core/filter/facet-properties.test.ts hunts for rarer counterexamples.
const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.FC_RUNS) || 200;

// --- raw events --------------------------------------------------------------------------

const TYPES = ['app.launch', 'app.launch', 'app.foreground', 'app.background', 'session.end', 'crash', 'anr', 'oom', 'log', 'log', 'network', 'network', 'view', 'tap'] as const;

const resourceArb = fc.record(
  {
    'app.version': fc.constantFrom('1.0', '2.0', '2.1'),
    country: fc.constantFrom('DE', 'FR', 'US'),
    build: fc.constantFrom(1, 2, '2'),
    'experiment.x': fc.constantFrom('control', 'treatment'),
    flag: fc.boolean(),
    persona: fc.constant(null),
  },
  { requiredKeys: [] },
);

const attrsArb = fc.oneof(
  fc.record({ 'log.severity': fc.constantFrom('info', 'warning', 'error', 'fatal', 'ERROR') }),
  fc.record({ 'http.status_code': fc.constantFrom(200, 304, 404, 500) }, { requiredKeys: [] }),
  fc.record({ error: fc.constantFrom('timeout', false as const), 'error.type': fc.constantFrom('SocketTimeoutException', '') }, { requiredKeys: [] }),
);

const eventArb = fc.record(
  {
    ts: fc.integer({ min: 0, max: 6 * 60 }).map((m) => T0 + m * MINUTE),
    type: fc.constantFrom(...TYPES),
    deviceId: fc.constantFrom('a', 'b', 'c', 'Dx'),
    userId: fc.constantFrom('u1', 'U2', 'bob'),
    state: fc.constantFrom('foreground', 'background'),
    attrs: attrsArb,
    resource: resourceArb,
  },
  { requiredKeys: ['ts', 'type'] },
);

// --- filter changes, as numbers the test maps onto the index's dimensions -------------------

interface DimOp {
  readonly kind: 'dim';
  readonly dim: number;
  readonly clear: boolean;
  readonly picks: readonly number[];
  readonly extra: readonly Primitive[];
  readonly ranges: readonly { readonly min: number | undefined; readonly max: number | undefined }[];
  readonly exclude: boolean;
}
type Op = DimOp | { readonly kind: 'text'; readonly text: string } | { readonly kind: 'scope'; readonly scope: FilterScope } | { readonly kind: 'all'; readonly dims: readonly DimOp[]; readonly text: string; readonly scope: FilterScope };

const dimOpArb: fc.Arbitrary<DimOp> = fc.record({
  kind: fc.constant('dim' as const),
  dim: fc.nat(),
  clear: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
  picks: fc.array(fc.nat(), { maxLength: 3 }),
  extra: fc.array(fc.constantFrom<Primitive>('zz', 0, 2, '2', true, null), { maxLength: 1 }),
  ranges: fc.array(fc.record({ min: fc.option(fc.nat(), { nil: undefined }), max: fc.option(fc.nat(), { nil: undefined }) }), { maxLength: 2 }),
  exclude: fc.boolean(),
});
const textArb = fc.constantFrom('', 'a', 'U', 'u1', 'x', 'dX', 'bob');
const scopeArb = fc.constantFrom<FilterScope>('session', 'stitched', 'device');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: dimOpArb },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), text: textArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('scope' as const), scope: scopeArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('all' as const), dims: fc.array(dimOpArb, { maxLength: 3 }), text: textArb, scope: scopeArb }) },
);

// --- the naive model -----------------------------------------------------------------------

function isSet(v: Primitive | undefined): boolean {
  return v !== undefined && v !== null && v !== false && v !== '';
}

/**
 * A resource value: the session's own, else the nearest earlier session of the same device
 * that has one (sessions come ordered by device, then start).
 */
function carriedValue(s: Session, key: string): Primitive {
  const list = sessionsOfDevice.get(s.deviceId) ?? [s];
  for (let i = list.indexOf(s); i >= 0; i--) {
    const d = list[i]!.dimensions;
    if (Object.hasOwn(d, key)) return d[key] as Primitive;
  }
  return null;
}
const sessionsOfDevice = new Map<string, Session[]>();
/** Derives a model and files its sessions by device, for {@link carriedValue}. */
function derive(events: unknown): ReturnType<typeof deriveSessions> {
  const model = deriveSessions(events);
  sessionsOfDevice.clear();
  for (const s of model.sessions) {
    const list = sessionsOfDevice.get(s.deviceId);
    if (list) list.push(s);
    else sessionsOfDevice.set(s.deviceId, [s]);
  }
  return model;
}

/** The value of a dimension, read straight from the session. */
function naiveValue(s: Session, name: string): Primitive {
  const has = (type: string) => s.events.some((e) => e.type === type) || s.endReason === type;
  switch (name) {
    case 'state':
    case 'endReason':
    case 'coldStart':
    case 'deviceId':
    case 'duration':
      return s[name];
    case 'userId':
      return s.userId ?? null;
    case 'eventCount':
      return s.events.length;
    case 'hasCrash':
      return has('crash');
    case 'hasAnr':
      return has('anr');
    case 'hasOom':
      return has('oom');
    case 'hasErrorLog':
      return s.events.some((e) => e.type === 'log' && ['error', 'fatal'].includes(String(e.attrs?.['log.severity']).toLowerCase()));
    case 'hasNetworkError':
      return s.events.some((e) => {
        const a = e.attrs ?? {};
        const code = a['http.status_code'];
        return e.type === 'network' && ((typeof code === 'number' && code >= 400) || isSet(a.error) || isSet(a['error.type']));
      });
    default:
      return carriedValue(s, name);
  }
}

function naivePasses(f: DimensionFilter, v: Primitive): boolean {
  const hit =
    (f.values ?? []).some((x) => x === v || (Number.isNaN(x) && Number.isNaN(v))) ||
    (f.ranges ?? []).some((r) => typeof v === 'number' && (r.min === undefined || v >= r.min) && (r.max === undefined || v < r.max));
  return hit !== (f.exclude === true);
}

interface NaiveState {
  readonly filters: Map<string, DimensionFilter>;
  text: string;
  scope: FilterScope;
}

const groupOf = (s: Session) => `${s.deviceId}\u0000${s.stitchedId}`;

/** The sessions matching at the scope, given which sessions pass every filter. */
function expand(sessions: readonly Session[], passing: readonly boolean[], scope: FilterScope): boolean[] {
  if (scope === 'session') return [...passing];
  const key = scope === 'device' ? (s: Session) => s.deviceId : groupOf;
  const keys = new Set(sessions.filter((_, i) => passing[i]).map(key));
  return sessions.map((s) => keys.has(key(s)));
}

function totalsOf(sessions: readonly Session[], matching: readonly boolean[]): FilterTotals {
  const hit = sessions.filter((_, i) => matching[i]);
  return { sessions: hit.length, stitched: new Set(hit.map(groupOf)).size, devices: new Set(hit.map((s) => s.deviceId)).size };
}

function textOk(s: Session, text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === '' || s.deviceId.toLowerCase().includes(t) || (s.userId ?? '\u0000').toLowerCase().includes(t);
}

/** Checks every answer of the index against a plain scan. */
function check(index: FilterIndex, sessions: readonly Session[], state: NaiveState): void {
  const names = index.dimensions.map((d) => d.name);
  const values = sessions.map((s) => names.map((n) => naiveValue(s, n)));
  const fails = sessions.map((_, i) => names.map((n, j) => (state.filters.has(n) ? !naivePasses(state.filters.get(n) as DimensionFilter, (values[i] as Primitive[])[j] as Primitive) : false)));
  const textPass = sessions.map((s) => textOk(s, state.text));
  const passExcept = (i: number, j: number) => textPass[i] && (fails[i] as boolean[]).every((f, k) => k === j || !f);

  const passing = sessions.map((_, i) => passExcept(i, -1));
  const matching = expand(sessions, passing, state.scope);
  expect(index.total, 'total').to.deep.equal(totalsOf(sessions, matching));
  expect([...index.mask].map((b) => b === 1), 'mask').to.deep.equal(matching);
  expect(index.matching()).to.deep.equal(sessions.filter((_, i) => matching[i]));
  sessions.forEach((s, i) => expect(index.matches(s)).to.equal(matching[i]));

  // A facet: what would match if the dimension's filter were exactly this value (or bin).
  const facet = (j: number, pick: (v: Primitive) => boolean) => {
    const hit = sessions.map((_, i) => pick((values[i] as Primitive[])[j] as Primitive) && passExcept(i, j));
    const t = totalsOf(sessions, expand(sessions, hit, state.scope));
    return { sessions: t.sessions, devices: t.devices };
  };
  names.forEach((name, j) => {
    const info = index.dimension(name);
    if (info?.kind === 'numeric') {
      for (const b of index.histogram(name)) {
        expect({ sessions: b.sessions, devices: b.devices }, `${name} [${b.x0}, ${b.x1})`).to.deep.equal(facet(j, (v) => typeof v === 'number' && v >= b.x0 && v < b.x1));
      }
      const all = values.map((row) => row[j] as number);
      const t = index.histogram(name).map((b) => b.x0);
      expect(all.every((v) => v >= (t[0] as number)), `${name}: every value in a bin`).to.equal(true);
    } else {
      const counts = index.counts(name, { order: 'value' });
      const distinct = [...new Set(values.map((row) => row[j] as Primitive))].sort(compareValues);
      expect(counts.map((c) => c.value), `${name} values`).to.deep.equal(distinct);
      for (const c of counts) expect({ sessions: c.sessions, devices: c.devices }, `${name} = ${String(c.value)}`).to.deep.equal(facet(j, (v) => v === c.value));
    }
  });
}

/** Maps a generated change onto the index's dimensions. */
function dimFilter(op: DimOp, index: FilterIndex, sessions: readonly Session[]): [string, DimensionFilter | undefined] {
  const dims = index.dimensions;
  const name = (dims[op.dim % dims.length] as (typeof dims)[number]).name;
  if (op.clear) return [name, undefined];
  const distinct = [...new Set(sessions.map((s) => naiveValue(s, name)))].sort(compareValues);
  const numbers = distinct.filter((v): v is number => typeof v === 'number');
  const bound = (b: number | undefined) => (b === undefined ? undefined : numbers.length ? (numbers[b % numbers.length] as number) + (b % 3 === 0 ? 0.5 : 0) : b % 4);
  const ranges: NumberRange[] = op.ranges.map((r) => {
    const out: { min?: number; max?: number } = {};
    const min = bound(r.min);
    const max = bound(r.max);
    if (min !== undefined) out.min = min;
    if (max !== undefined) out.max = max;
    return out;
  });
  const picked = distinct.length ? op.picks.map((p) => distinct[p % distinct.length] as Primitive) : [];
  const f: { values?: Primitive[]; ranges?: NumberRange[]; exclude?: boolean } = { values: [...picked, ...op.extra] };
  if (ranges.length) f.ranges = ranges;
  if (op.exclude) f.exclude = true;
  return [name, f];
}

function apply(op: Op, index: FilterIndex, sessions: readonly Session[], state: NaiveState): void {
  switch (op.kind) {
    case 'dim': {
      const [name, f] = dimFilter(op, index, sessions);
      index.setDimension(name, f);
      if (f === undefined) state.filters.delete(name);
      else state.filters.set(name, f);
      break;
    }
    case 'text':
      index.setText(op.text);
      state.text = op.text;
      break;
    case 'scope':
      index.setScope(op.scope);
      state.scope = op.scope;
      break;
    case 'all': {
      state.filters.clear();
      for (const d of op.dims) {
        const [name, f] = dimFilter(d, index, sessions);
        if (f === undefined) state.filters.delete(name);
        else state.filters.set(name, f);
      }
      index.setFilter({ dimensions: Object.fromEntries(state.filters), text: op.text, scope: op.scope });
      state.text = op.text;
      state.scope = op.scope;
      break;
    }
  }
}

describe('filter index properties', () => {
  it('faceted counts, totals and the mask equal a naive recount after any sequence of changes, at every scope', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.array(opArb, { minLength: 1, maxLength: 6 }), (events, ops) => {
        const model = derive(events);
        const index = createFilterIndex(model);
        const state: NaiveState = { filters: new Map(), text: '', scope: 'session' };
        check(index, model.sessions, state);
        if (index.dimensions.length === 0) return;
        for (const op of ops) {
          apply(op, index, model.sessions, state);
          check(index, model.sessions, state);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('an index given the final filter at once agrees with one that got there step by step', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), fc.array(opArb, { minLength: 1, maxLength: 6 }), (events, ops) => {
        const model = derive(events);
        const stepwise = createFilterIndex(model);
        if (stepwise.dimensions.length === 0) return;
        const state: NaiveState = { filters: new Map(), text: '', scope: 'session' };
        for (const op of ops) apply(op, stepwise, model.sessions, state);
        const once = createFilterIndex(model);
        // Through a link, as a shared view would arrive.
        const { value, errors } = parseFilterQuery(formatFilterQuery(stepwise.value));
        expect(errors).to.deep.equal([]);
        expect(value).to.deep.equal(stepwise.value);
        once.setFilter(value);
        expect(once.total).to.deep.equal(stepwise.total);
        expect(once.facets()).to.deep.equal(stepwise.facets());
        expect([...once.mask]).to.deep.equal([...stepwise.mask]);
      }),
      { numRuns: RUNS },
    );
  });
});
