/**
 * Seeded, deterministic generator of realistic raw app events, for demos, stories, tests
 * and benchmarks.
 *
 * It simulates a population of phones running a shopping app: each device has a stable
 * profile (platform, model, OS, country and time zone, persona, experiments), launches the
 * app on a day rhythm, browses screens (`view`, `tap`, `network`, `log`, `breadcrumb`,
 * `span`, `hang`...), goes to the background and comes back, logs in and out, updates to
 * newer app versions, and sometimes crashes, hangs (ANR), runs out of memory, is terminated,
 * or just vanishes and reports the crash at its next launch (a late report).
 *
 * Same options, same output, byte for byte, in every engine: randomness comes from a
 * 32-bit PRNG driven only by integer maths, and the few transcendental functions it needs
 * (`ln`, `exp`) are computed with basic IEEE-754 arithmetic rather than `Math.log` /
 * `Math.exp`, whose last bits may differ between engines. Nothing reads the clock.
 *
 * Devices are simulated independently and lazily (device `i` depends only on the seed, the
 * start and the number of days), and merged in `ts` order window by window, so a stream of
 * 10 million events holds only one app visit per device and one window (~16k events).
 *
 * The data tells a few stories for demos: `3.10.0` (released at 20% of the period) brings
 * an Android crash at checkout, `IllegalStateException: cart is empty`, fixed by `3.10.1`
 * (at 60%); `POST /api/checkout` fails more often for `experiment.checkout_redesign:
 * treatment` on the newest versions; some users have two phones (same `userId`).
 *
 * @packageDocumentation
 */

import type { AppState, Attributes, RawEvent } from './types.js';

// ---------------------------------------------------------------------------------------
// Public API: options
// ---------------------------------------------------------------------------------------

/** Options of {@link generateEvents}. Every field is optional; the same options always
 * produce the same events. */
export interface SampleOptions {
  /** Seed of the PRNG, a finite number (default 1). */
  readonly seed?: number;
  /**
   * Number of devices (default 24, or scaled from `events`). Each device is simulated on
   * its own, so device `i` is the same whatever the number of devices.
   */
  readonly devices?: number;
  /** Length of the simulated period in days, may be fractional (default 7, or scaled from `events`). */
  readonly days?: number;
  /** Start of the period, epoch ms (default `Date.UTC(2026, 10, 16)`, a Monday, 00:00 UTC). */
  readonly start?: number;
  /**
   * Approximate number of (good) events wanted. When given, `devices` and `days` that are
   * not set are scaled to produce a little more (up to 250,000 events by simulating the
   * devices to count their events, above by the measured mean), and the time-ordered
   * stream is cut after this many events: the result has at most `events` events, nearly
   * always exactly that many. Small sets span one day, large ones a week.
   */
  readonly events?: number;
  /** Shuffle the output with a seeded Fisher-Yates instead of sorting it by `ts` (default false). */
  readonly shuffle?: boolean;
  /**
   * Fraction of bad items in the output, in `[0, 1)` (default 0): `null`, numbers, strings,
   * arrays, objects whose `ts` is missing / `'yesterday'` / `NaN` / `Infinity`, objects
   * without `type`, and duplicates (a copy of the previous event, same `id`). They come on
   * top of the `events` good events and do not change them.
   */
  readonly garbage?: number;
  /**
   * Give some events an ISO-8601 string `ts` instead of epoch ms: `true` for about 1 event
   * in 20, or the fraction wanted in `[0, 1]` (default none).
   */
  readonly isoTimestamps?: boolean | number;
}

/** {@link SampleOptions} without bad items: the output is all {@link RawEvent}s. */
export type CleanSampleOptions = SampleOptions & { readonly garbage?: 0 };

/** Options of {@link generateEventStream}: a stream is in `ts` order, never shuffled. */
export type SampleStreamOptions = Omit<SampleOptions, 'shuffle'>;

/** {@link SampleStreamOptions} without bad items. */
export type CleanSampleStreamOptions = SampleStreamOptions & { readonly garbage?: 0 };

/** The options after defaults and scaling, as {@link resolveSampleOptions} returns them. */
export interface ResolvedSampleOptions {
  /** The seed as given (default 1). */
  readonly seed: number;
  /** Number of devices simulated. */
  readonly devices: number;
  /** Length of the period in days. */
  readonly days: number;
  /** Epoch ms, inclusive. */
  readonly start: number;
  /** Epoch ms, exclusive: `start + days * 86_400_000`. */
  readonly end: number;
  /** The cap on good events, or `undefined` for no cap. */
  readonly events: number | undefined;
  /** Shuffle instead of sorting by `ts`. */
  readonly shuffle: boolean;
  /** Fraction of bad items in the output. */
  readonly garbage: number;
  /** Fraction of events with an ISO-8601 `ts`. */
  readonly isoTimestamps: number;
}

// ---------------------------------------------------------------------------------------
// Deterministic maths and PRNG
// ---------------------------------------------------------------------------------------

const SECOND = 1_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const LN2 = 0.6931471805599453;

/** Natural logarithm from basic arithmetic only (identical bits in every engine). `x > 0`. */
function ln(x: number): number {
  let e = 0;
  while (x >= 2) {
    x *= 0.5;
    e++;
  }
  while (x < 1) {
    x *= 2;
    e--;
  }
  if (x > 1.4142135623730951) {
    x *= 0.5;
    e++;
  }
  // ln x = 2 atanh(z), |z| < 0.172: nine terms are plenty.
  const z = (x - 1) / (x + 1);
  const z2 = z * z;
  let term = z;
  let sum = 0;
  for (let k = 1; k <= 17; k += 2) {
    sum += term / k;
    term *= z2;
  }
  return 2 * sum + e * LN2;
}

/** `e^x` from basic arithmetic only (identical bits in every engine). For moderate `x`. */
function exp(x: number): number {
  const k = Math.round(x / LN2);
  const r = x - k * LN2;
  let term = 1;
  let sum = 1;
  for (let i = 1; i <= 13; i++) {
    term = (term * r) / i;
    sum += term;
  }
  if (k > 0) for (let i = 0; i < k; i++) sum *= 2;
  else for (let i = 0; i < -k; i++) sum *= 0.5;
  return sum;
}

/** murmur3's finaliser: a bijection on 32-bit integers that mixes all bits. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 32-bit hash of any finite number (integers below 2^53 map one to one per 32-bit half). */
function hashSeed(seed: number): number {
  const s = Math.floor(seed);
  const hi = Math.floor(s / 4294967296);
  return fmix32((s >>> 0) ^ fmix32((hi ^ 0x9e3779b9) >>> 0));
}

/** Eight lowercase hex digits. */
function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

/** mulberry32: tiny, fast, good enough for simulation, and pure 32-bit integer maths. */
class Rng {
  private s: number;

  constructor(seed32: number) {
    this.s = seed32 | 0;
  }

  /** A uniform float in `[0, 1)`. */
  next(): number {
    const a = (this.s = (this.s + 0x6d2b79f5) | 0);
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  /** An integer in `[min, max]`. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in `[min, max)`. */
  range(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Exponentially distributed, with this mean. */
  expo(mean: number): number {
    return -mean * ln(1 - this.next());
  }

  /** Roughly standard normal (Irwin-Hall of six uniforms, tails cut at ±4.2). */
  normal(): number {
    let s = 0;
    for (let i = 0; i < 6; i++) s += this.next();
    return (s - 3) * 1.4142135623730951;
  }

  /** Log-normal around `median`, clamped to `[min, max]`, rounded to an integer. */
  logNormal(median: number, sigma: number, min: number, max: number): number {
    const v = Math.round(median * exp(sigma * this.normal()));
    return v < min ? min : v > max ? max : v;
  }
}

/**
 * A seeded PRNG: returns a function giving uniform floats in `[0, 1)`, the same sequence
 * for the same seed in every JavaScript engine (mulberry32 over a 32-bit hash of the seed).
 *
 * @param seed - any finite number; equal seeds give equal sequences.
 * @throws RangeError when `seed` is not a finite number.
 */
export function createRandom(seed: number): () => number {
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new RangeError(`createRandom: seed must be a finite number, got ${String(seed)}`);
  }
  const rng = new Rng(hashSeed(seed));
  return () => rng.next();
}

/** A weighted choice, built once. */
class Weighted<T> {
  private readonly items: T[] = [];
  private readonly cumulative: number[] = [];
  private total = 0;

  constructor(pairs: readonly (readonly [T, number])[]) {
    for (const [item, weight] of pairs) {
      this.total += weight;
      this.items.push(item);
      this.cumulative.push(this.total);
    }
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    const c = this.cumulative;
    let i = 0;
    while (i < c.length - 1 && x >= (c[i] as number)) i++;
    return this.items[i] as T;
  }
}

const w = <T>(...pairs: (readonly [T, number])[]): Weighted<T> => new Weighted(pairs);

// ---------------------------------------------------------------------------------------
// The world: devices, versions, screens, endpoints, failures
// ---------------------------------------------------------------------------------------

type Platform = 'Android' | 'iOS';

interface Model {
  readonly name: string;
  readonly os: readonly string[];
}

const ANDROID_MODELS = w<Model>(
  [{ name: 'Pixel 8', os: ['14', '15'] }, 10],
  [{ name: 'Pixel 7a', os: ['14', '15'] }, 8],
  [{ name: 'Galaxy S24', os: ['14'] }, 12],
  [{ name: 'Galaxy S23', os: ['13', '14'] }, 10],
  [{ name: 'Galaxy A54', os: ['13', '14'] }, 14],
  [{ name: 'Redmi Note 12', os: ['12', '13'] }, 12],
  [{ name: 'OnePlus 11', os: ['13', '14'] }, 5],
  [{ name: 'moto g54', os: ['13', '14'] }, 7],
);

const IOS_MODELS = w<Model>(
  [{ name: 'iPhone 15 Pro', os: ['17.6.1', '18.1', '18.2'] }, 12],
  [{ name: 'iPhone 15', os: ['17.6.1', '18.1', '18.2'] }, 12],
  [{ name: 'iPhone 14', os: ['17.5.1', '17.6.1', '18.1'] }, 14],
  [{ name: 'iPhone 13', os: ['16.7.10', '17.6.1', '18.1'] }, 14],
  [{ name: 'iPhone SE (3rd generation)', os: ['16.7.10', '17.6.1'] }, 6],
  [{ name: 'iPhone 12', os: ['16.7.10', '17.6.1'] }, 8],
);

interface Country {
  readonly code: string;
  /** UTC offsets in hours the devices of this country may be in. */
  readonly tz: readonly number[];
  readonly iosShare: number;
}

const COUNTRIES = w<Country>(
  [{ code: 'US', tz: [-5, -6, -8], iosShare: 0.55 }, 28],
  [{ code: 'GB', tz: [0], iosShare: 0.5 }, 8],
  [{ code: 'DE', tz: [1], iosShare: 0.35 }, 8],
  [{ code: 'FR', tz: [1], iosShare: 0.35 }, 5],
  [{ code: 'ES', tz: [1], iosShare: 0.25 }, 4],
  [{ code: 'IN', tz: [5.5], iosShare: 0.05 }, 12],
  [{ code: 'BR', tz: [-3], iosShare: 0.15 }, 8],
  [{ code: 'MX', tz: [-6], iosShare: 0.2 }, 4],
  [{ code: 'JP', tz: [9], iosShare: 0.65 }, 5],
  [{ code: 'AU', tz: [10], iosShare: 0.5 }, 3],
  [{ code: 'CA', tz: [-5, -8], iosShare: 0.5 }, 4],
  [{ code: 'NG', tz: [1], iosShare: 0.1 }, 3],
  [{ code: 'ID', tz: [7], iosShare: 0.1 }, 4],
);

interface Persona {
  readonly name: string;
  /** Visits per day at peak hours; the day rhythm and quick returns change the real count. */
  readonly visitsPerDay: number;
}

const PERSONAS = w<Persona>(
  [{ name: 'power_user', visitsPerDay: 8 }, 15],
  [{ name: 'regular', visitsPerDay: 4 }, 45],
  [{ name: 'casual', visitsPerDay: 1.6 }, 30],
  [{ name: 'new_user', visitsPerDay: 4 }, 10],
);

/**
 * App releases. Days are relative to the start of the period; the last two are released
 * inside it (at a fraction of its length), so every data set shows adoption. `3.10.0` brings
 * an Android crash at checkout (`IllegalStateException: cart is empty`) that `3.10.1` fixes.
 */
const RELEASES: readonly { readonly version: string; readonly day: (days: number) => number }[] = [
  { version: '3.8.2', day: () => -45 },
  { version: '3.9.0', day: () => -14 },
  { version: '3.9.1', day: () => -3 },
  { version: '3.10.0', day: (days) => 0.2 * days },
  { version: '3.10.1', day: (days) => 0.6 * days },
];
const CART_BUG_VERSION = 3;

const EXPERIMENTS: readonly { readonly key: string; readonly variants: readonly string[]; readonly enrolled: number }[] = [
  { key: 'experiment.checkout_redesign', variants: ['control', 'treatment'], enrolled: 1 },
  { key: 'experiment.search_ranking', variants: ['control', 'semantic', 'hybrid'], enrolled: 1 },
  { key: 'experiment.onboarding_v2', variants: ['control', 'treatment'], enrolled: 0.5 },
];

/** Activity by local hour (0 to 23), peak 1: quiet nights, a lunch bump, busy evenings. */
const HOUR_WEIGHT: readonly number[] = [
  0.1, 0.05, 0.03, 0.02, 0.02, 0.04, 0.12, 0.3, 0.5, 0.55, 0.55, 0.6, 0.8, 0.75, 0.6, 0.6, 0.65,
  0.75, 0.9, 1, 1, 0.9, 0.6, 0.28,
];
const MEAN_HOUR_WEIGHT = HOUR_WEIGHT.reduce((a, b) => a + b, 0) / 24;

const API = 'https://api.shop.example';
const QUERIES = ['sneakers', 'rain jacket', 'usb-c cable', 'coffee grinder', 'yoga mat', 'headphones', 'desk lamp', 'gift card'];

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * An API route. URLs come from a finite catalogue (popular products first), so the URL
 * strings and the `attrs` objects of network events are built once and shared: 10 million
 * events cost little more than their own objects.
 */
interface Endpoint {
  /** The event name: method and route template, e.g. `GET /api/products/{id}`. */
  readonly name: string;
  readonly method: Method;
  readonly median: number;
  readonly ok: number;
  readonly clientErrors: readonly number[];
  /** How many different URLs it has. */
  readonly paths: number;
  readonly path: (i: number) => string;
  readonly urls: (string | undefined)[];
  /** Shared `attrs` by `status * 4096 + path index`. */
  readonly attrs: Map<number, Attributes>;
}

function endpoint(
  method: Method,
  route: string,
  median: number,
  ok: number,
  clientErrors: readonly number[],
  paths = 1,
  path: (i: number) => string = () => route,
): Endpoint {
  return { name: `${method} ${route}`, method, median, ok, clientErrors, paths, path, urls: [], attrs: new Map() };
}

const PRODUCTS = 400;
const productId = (i: number): number => 1000 + ((i * 7919) % 59_000);
const orderId = (i: number): string => `o-${100_000 + ((i * 104_729) % 900_000)}`;

const EP = {
  config: endpoint('GET', '/api/config', 110, 200, [], 1, () => '/api/config?platform=mobile'),
  feed: endpoint('GET', '/api/home/feed', 220, 200, [401]),
  recommendations: endpoint('GET', '/api/recommendations', 300, 200, []),
  search: endpoint('GET', '/api/search', 260, 200, [400, 429], QUERIES.length, (i) =>
    `/api/search?q=${encodeURIComponent(QUERIES[i] as string)}`,
  ),
  product: endpoint('GET', '/api/products/{id}', 180, 200, [404], PRODUCTS, (i) => `/api/products/${productId(i)}`),
  reviews: endpoint('GET', '/api/products/{id}/reviews', 240, 200, [404], PRODUCTS, (i) =>
    `/api/products/${productId(i)}/reviews?page=1`,
  ),
  cart: endpoint('GET', '/api/cart', 150, 200, [401]),
  cartAdd: endpoint('POST', '/api/cart/items', 210, 201, [409, 422]),
  cartUpdate: endpoint('PUT', '/api/cart/items/{id}', 190, 200, [409], PRODUCTS, (i) => `/api/cart/items/${productId(i)}`),
  cartRemove: endpoint('DELETE', '/api/cart/items/{id}', 160, 204, [404], PRODUCTS, (i) => `/api/cart/items/${productId(i)}`),
  payment: endpoint('GET', '/api/payment/methods', 200, 200, [401]),
  coupon: endpoint('POST', '/api/cart/coupon', 170, 200, [404, 422]),
  checkout: endpoint('POST', '/api/checkout', 650, 201, [402, 409, 422]),
  order: endpoint('GET', '/api/orders/{id}', 170, 200, [404], 300, (i) => `/api/orders/${orderId(i)}`),
  orders: endpoint('GET', '/api/orders', 230, 200, [401]),
  me: endpoint('GET', '/api/me', 140, 200, [401]),
  settings: endpoint('GET', '/api/settings', 120, 200, []),
  settingsPut: endpoint('PUT', '/api/settings', 180, 200, [400]),
  notifications: endpoint('GET', '/api/notifications', 190, 200, []),
  login: endpoint('POST', '/api/auth/login', 420, 200, [401, 429]),
  logout: endpoint('POST', '/api/auth/logout', 150, 204, []),
  sync: endpoint('GET', '/api/sync', 350, 200, [401]),
  batch: endpoint('POST', '/api/events/batch', 280, 202, [413]),
} as const;

type Screen =
  | 'Home'
  | 'Search'
  | 'Product'
  | 'Cart'
  | 'Checkout'
  | 'OrderConfirmation'
  | 'Orders'
  | 'Profile'
  | 'Settings'
  | 'Notifications'
  | 'Login'
  | 'Onboarding';

interface Tap {
  readonly name: string;
  readonly call?: Endpoint;
}

interface ScreenSpec {
  /** Median time on screen, ms. */
  readonly dwell: number;
  /** Requests made when the screen appears. */
  readonly load: readonly Endpoint[];
  readonly taps: Weighted<Tap>;
  readonly spans: readonly string[];
  /** Where the user goes next; `null` leaves the app. */
  readonly next: Weighted<Screen | null>;
  /** Attributes of a `hang` on this screen (shared, immutable). */
  readonly hangAttrs: Attributes;
}

const tap = (name: string, call?: Endpoint): Tap => (call ? { name, call } : { name });

function screen(name: Screen, spec: Omit<ScreenSpec, 'hangAttrs'>): ScreenSpec {
  return { ...spec, hangAttrs: Object.freeze({ 'view.name': name, thread: 'main' }) };
}

const SCREENS: Readonly<Record<Screen, ScreenSpec>> = {
  Home: screen('Home', {
    dwell: 9 * SECOND,
    load: [EP.feed, EP.recommendations],
    taps: w(
      [tap('card:product'), 30],
      [tap('button:search'), 20],
      [tap('banner:promo'), 10],
      [tap('tab:cart'), 8],
      [tap('tab:profile'), 6],
      [tap('pull:refresh', EP.feed), 8],
    ),
    spans: ['home.feed.render', 'image.decode'],
    next: w<Screen | null>(
      ['Search', 28],
      ['Product', 30],
      ['Cart', 8],
      ['Profile', 6],
      ['Notifications', 5],
      ['Orders', 4],
      ['Settings', 2],
      [null, 14],
    ),
  }),
  Search: screen('Search', {
    dwell: 14 * SECOND,
    load: [],
    taps: w(
      [tap('input:search', EP.search), 30],
      [tap('chip:filter', EP.search), 15],
      [tap('card:product'), 25],
      [tap('button:clear'), 5],
    ),
    spans: ['search.results.render'],
    next: w<Screen | null>(['Product', 55], ['Search', 12], ['Home', 15], [null, 15]),
  }),
  Product: screen('Product', {
    dwell: 22 * SECOND,
    load: [EP.product, EP.reviews],
    taps: w(
      [tap('button:add_to_cart', EP.cartAdd), 25],
      [tap('button:favorite'), 10],
      [tap('image:gallery'), 25],
      [tap('button:share'), 5],
      [tap('tab:reviews', EP.reviews), 10],
      [tap('button:size'), 10],
    ),
    spans: ['image.decode', 'product.render'],
    next: w<Screen | null>(['Product', 20], ['Cart', 25], ['Search', 15], ['Home', 18], [null, 20]),
  }),
  Cart: screen('Cart', {
    dwell: 15 * SECOND,
    load: [EP.cart],
    taps: w(
      [tap('button:checkout'), 25],
      [tap('button:remove_item', EP.cartRemove), 10],
      [tap('stepper:quantity', EP.cartUpdate), 15],
      [tap('button:apply_coupon', EP.coupon), 6],
    ),
    spans: ['cart.recalculate'],
    next: w<Screen | null>(['Checkout', 45], ['Product', 12], ['Home', 25], [null, 15]),
  }),
  Checkout: screen('Checkout', {
    dwell: 35 * SECOND,
    load: [EP.payment],
    taps: w(
      [tap('radio:payment_method'), 15],
      [tap('button:place_order', EP.checkout), 20],
      [tap('input:address'), 15],
      [tap('button:apply_coupon', EP.coupon), 5],
    ),
    spans: ['checkout.payment_flow', 'db.query'],
    next: w<Screen | null>(['OrderConfirmation', 60], ['Cart', 22], [null, 15]),
  }),
  OrderConfirmation: screen('OrderConfirmation', {
    dwell: 8 * SECOND,
    load: [EP.order],
    taps: w([tap('button:continue_shopping'), 10], [tap('button:view_order'), 6]),
    spans: ['confetti.animation'],
    next: w<Screen | null>(['Home', 50], ['Orders', 20], [null, 30]),
  }),
  Orders: screen('Orders', {
    dwell: 12 * SECOND,
    load: [EP.orders],
    taps: w([tap('row:order', EP.order), 20], [tap('button:track'), 8]),
    spans: ['db.query'],
    next: w<Screen | null>(['Product', 30], ['Home', 40], [null, 30]),
  }),
  Profile: screen('Profile', {
    dwell: 8 * SECOND,
    load: [EP.me],
    taps: w([tap('row:orders'), 10], [tap('row:settings'), 10], [tap('button:edit_profile'), 6]),
    spans: ['db.query'],
    next: w<Screen | null>(['Settings', 30], ['Orders', 30], ['Home', 25], [null, 15]),
  }),
  Settings: screen('Settings', {
    dwell: 10 * SECOND,
    load: [EP.settings],
    taps: w(
      [tap('toggle:notifications', EP.settingsPut), 10],
      [tap('toggle:dark_mode', EP.settingsPut), 10],
      [tap('row:language'), 5],
    ),
    spans: ['db.query'],
    next: w<Screen | null>(['Profile', 30], ['Home', 40], [null, 30]),
  }),
  Notifications: screen('Notifications', {
    dwell: 7 * SECOND,
    load: [EP.notifications],
    taps: w([tap('row:notification'), 15], [tap('button:mark_all_read'), 5]),
    spans: ['db.query'],
    next: w<Screen | null>(['Product', 50], ['Home', 30], [null, 20]),
  }),
  Login: screen('Login', {
    dwell: 18 * SECOND,
    load: [],
    taps: w([tap('input:email'), 10], [tap('input:password'), 10], [tap('button:forgot_password'), 1]),
    spans: ['keychain.read'],
    next: w<Screen | null>(['Home', 80], [null, 20]),
  }),
  Onboarding: screen('Onboarding', {
    dwell: 6 * SECOND,
    load: [],
    taps: w([tap('button:continue'), 20], [tap('button:skip'), 3]),
    spans: ['lottie.render'],
    next: w<Screen | null>(['Onboarding', 60], ['Home', 40]),
  }),
};

const LOGS = {
  info: [
    'feed loaded from cache',
    'cart synced',
    'image cache trimmed',
    'analytics batch queued',
    'remote config refreshed',
    'price list updated',
  ],
  warning: [
    'slow frame rendering',
    'retrying request',
    'low disk space',
    'location permission denied',
    'unknown field in product payload',
  ],
  error: [
    'failed to parse product payload',
    'payment token expired',
    'image decode failed',
    'websocket disconnected unexpectedly',
  ],
} as const;
type Severity = keyof typeof LOGS;
const SEVERITIES = w<Severity>(['info', 70], ['warning', 20], ['error', 10]);
const LOG_ATTRS: Readonly<Record<Severity, Attributes>> = {
  info: Object.freeze({ 'log.severity': 'info' }),
  warning: Object.freeze({ 'log.severity': 'warning' }),
  error: Object.freeze({ 'log.severity': 'error' }),
};

const BREADCRUMBS = [
  'pull to refresh',
  'filter applied: price < 50',
  'sort changed: newest',
  'coupon field focused',
  'push permission prompt shown',
  'image carousel swiped',
  'keyboard shown',
  'deep link resolved',
];

const SPAN_OK = Object.freeze({ 'span.status': 'ok' });
const SPAN_ERROR = Object.freeze({ 'span.status': 'error' });

const LAUNCH_ATTRS = {
  icon: Object.freeze({ 'launch.reason': 'icon' }),
  push: Object.freeze({ 'launch.reason': 'push' }),
  deeplink: Object.freeze({ 'launch.reason': 'deeplink' }),
  background_fetch: Object.freeze({ 'launch.reason': 'background_fetch' }),
  silent_push: Object.freeze({ 'launch.reason': 'silent_push' }),
  work_manager: Object.freeze({ 'launch.reason': 'work_manager' }),
};
const TERMINATE_ATTRS = {
  user: Object.freeze({ 'terminate.reason': 'user_closed' }),
  swiped: Object.freeze({ 'terminate.reason': 'swiped_away' }),
};
const LOGOUT_ATTRS = Object.freeze({ 'session.end.reason': 'logout' });

interface Failure {
  readonly type: string;
  readonly message: string;
  readonly threads: readonly string[];
}

const crash = (type: string, message: string, ...threads: string[]): Failure => ({
  type,
  message,
  threads: threads.length ? threads : ['main'],
});

const CART_BUG = crash('java.lang.IllegalStateException', 'cart is empty', 'main');
const CRASHES: Readonly<Record<Platform, Weighted<Failure>>> = {
  Android: w(
    [crash('java.lang.NullPointerException', 'Product.getTitle() on a null object reference', 'main'), 30],
    [crash('java.lang.IndexOutOfBoundsException', 'Index: 3, Size: 3', 'main', 'DefaultDispatcher-worker-2'), 20],
    [crash('java.lang.IllegalArgumentException', 'navigation destination checkout is unknown', 'main'), 12],
    [crash('android.view.WindowManager$BadTokenException', 'Unable to add window -- token null is not valid', 'main'), 8],
    [crash('java.net.SocketTimeoutException', 'timeout on OkHttp Dispatcher (uncaught)', 'OkHttp Dispatcher'), 6],
  ),
  iOS: w(
    [crash('EXC_BAD_ACCESS', 'KERN_INVALID_ADDRESS at 0x0000000000000010', 'com.apple.main-thread', 'Thread 7'), 30],
    [
      crash('NSInvalidArgumentException', '-[__NSDictionaryM setObject:forKey:]: object cannot be nil', 'com.apple.main-thread'),
      20,
    ],
    [crash('NSRangeException', 'index 4 beyond bounds [0 .. 3]', 'com.apple.main-thread'), 15],
    [crash('Swift runtime failure', 'Unexpectedly found nil while unwrapping an Optional value', 'com.apple.main-thread'), 20],
  ),
};
/** Crashes of processes that died without a word, reported at the next launch. */
const NATIVE_CRASHES: Readonly<Record<Platform, Weighted<Failure>>> = {
  Android: w(
    [crash('SIGSEGV', 'segmentation violation in libimagepipeline.so', 'RenderThread', 'main'), 3],
    [crash('SIGABRT', 'abort in libc.so (scudo: corrupted chunk header)', 'main'), 1],
  ),
  iOS: w(
    [crash('SIGABRT', 'abort() called', 'com.apple.main-thread'), 2],
    [crash('EXC_CRASH', 'SIGKILL: watchdog timeout during scene update', 'com.apple.main-thread'), 1],
  ),
};
const ANR_NAMES: Readonly<Record<Platform, string>> = {
  Android: 'Input dispatching timed out (no focused window)',
  iOS: 'App hang: main thread unresponsive (watchdog)',
};
const OOM_NAMES: Readonly<Record<Platform, string>> = {
  Android: 'OutOfMemoryError: Failed to allocate a 25165836 byte allocation',
  iOS: 'Jetsam: memory limit exceeded',
};

/** Short class name plus message: `IllegalStateException: cart is empty`. */
function failureName(f: Failure): string {
  const dot = f.type.lastIndexOf('.');
  return `${dot >= 0 ? f.type.slice(dot + 1) : f.type}: ${f.message}`;
}

function failureAttrs(f: Failure, rng: Rng, late: boolean): Attributes {
  return {
    'exception.type': f.type,
    'exception.message': f.message,
    thread: rng.pick(f.threads),
    'stack.frames': rng.int(8, 64),
    ...(late ? { 'report.delayed': true } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// One device
// ---------------------------------------------------------------------------------------

type Outcome = 'background' | 'terminate' | 'terminate_bg' | 'crash' | 'cart_crash' | 'anr' | 'oom' | 'vanish';
type ProcState = 'dead' | 'foreground' | 'background';

interface LateReport {
  readonly type: 'crash' | 'anr' | 'oom';
  readonly name: string;
  readonly attrs: Attributes;
  readonly processId: string;
  readonly sessionId: string;
}

/** The global, per-seed part of the world every device shares. */
interface World {
  readonly seed32: number;
  readonly start: number;
  readonly end: number;
  readonly days: number;
  /** Release day of each version, relative to `start`. */
  readonly releaseDays: readonly number[];
}

function makeWorld(o: Pick<ResolvedSampleOptions, 'seed' | 'start' | 'days'>): World {
  return {
    seed32: hashSeed(o.seed),
    start: o.start,
    end: o.start + Math.round(o.days * DAY),
    days: o.days,
    releaseDays: RELEASES.map((r) => r.day(o.days)),
  };
}

/** A user id, unique per (seed, index). */
function userIdFor(world: World, index: number): string {
  return `u_${fmix32((world.seed32 ^ 0x5bd1e995) + index).toString(36)}`;
}

/**
 * One event as a single object literal per shape: no hidden-class transitions and no
 * out-of-object property stores, which matters at 10 million events. Absent fields are
 * left out, not set to `undefined`. Only the combinations the simulation uses exist:
 * `state` comes with launches (and `attrs`, no `name`), `duration` only with a `name`.
 */
function makeEvent(
  id: string,
  ts: number,
  type: string,
  deviceId: string,
  userId: string | undefined,
  processId: string,
  sessionId: string,
  state: AppState | undefined,
  name: string | undefined,
  duration: number | undefined,
  attrs: Attributes | undefined,
  resource: Attributes,
): RawEvent {
  if (userId === undefined) {
    if (state !== undefined) {
      return attrs === undefined
        ? { id, ts, type, deviceId, processId, sessionId, state, resource }
        : { id, ts, type, deviceId, processId, sessionId, state, attrs, resource };
    }
    if (name === undefined) {
      return attrs === undefined
        ? { id, ts, type, deviceId, processId, sessionId, resource }
        : { id, ts, type, deviceId, processId, sessionId, attrs, resource };
    }
    if (duration === undefined) {
      return attrs === undefined
        ? { id, ts, type, deviceId, processId, sessionId, name, resource }
        : { id, ts, type, deviceId, processId, sessionId, name, attrs, resource };
    }
    return attrs === undefined
      ? { id, ts, type, deviceId, processId, sessionId, name, duration, resource }
      : { id, ts, type, deviceId, processId, sessionId, name, duration, attrs, resource };
  }
  if (state !== undefined) {
    return attrs === undefined
      ? { id, ts, type, deviceId, userId, processId, sessionId, state, resource }
      : { id, ts, type, deviceId, userId, processId, sessionId, state, attrs, resource };
  }
  if (name === undefined) {
    return attrs === undefined
      ? { id, ts, type, deviceId, userId, processId, sessionId, resource }
      : { id, ts, type, deviceId, userId, processId, sessionId, attrs, resource };
  }
  if (duration === undefined) {
    return attrs === undefined
      ? { id, ts, type, deviceId, userId, processId, sessionId, name, resource }
      : { id, ts, type, deviceId, userId, processId, sessionId, name, attrs, resource };
  }
  return attrs === undefined
    ? { id, ts, type, deviceId, userId, processId, sessionId, name, duration, resource }
    : { id, ts, type, deviceId, userId, processId, sessionId, name, duration, attrs, resource };
}

/**
 * Simulates one device over the period, one happening (a visit of the user, or a
 * background launch) at a time, into a small buffer of events in `ts` order.
 */
class DeviceSim {
  readonly deviceId: string;
  private readonly idPrefix: string;
  private readonly rng: Rng;
  private readonly world: World;
  private readonly end: number;

  // Profile
  private readonly platform: Platform;
  private readonly model: Model;
  private readonly osVersion: string;
  private readonly country: string;
  private readonly tzOffset: number;
  private readonly persona: string;
  private readonly visitsPerDay: number;
  private readonly bgPerDay: number;
  private readonly killMean: number;
  private readonly updateLag: number;
  private readonly experiments: readonly (readonly [string, string])[];
  private readonly checkoutTreatment: boolean;
  private readonly loginMode: 'start' | 'later' | 'never';
  private readonly loginVisit: number;
  private readonly ownUserId: string;
  private readonly installAt: number;
  private readonly churnAt: number;
  private readonly procSalt: number;
  private readonly sessSalt: number;

  // State
  private readonly buf: RawEvent[] = [];
  private pos = 0;
  private done = false;
  private last: number;
  private counter = 0;
  private procCount = 0;
  private sessCount = 0;
  private visits = 0;
  private processId = '';
  private sessionId = '';
  private userId: string | undefined;
  private versionIndex = -1;
  private resource: Attributes = {};
  private readonly resources: Attributes[] = [];
  private state: ProcState = 'dead';
  private aliveUntil = 0;
  private bgStart = 0;
  private terminateAt = Infinity;
  private wantsTail = false;
  private lastScreen: Screen = 'Home';
  private pendingLate: LateReport | undefined;
  private nextAt: number;
  private nextIsVisit = true;

  constructor(world: World, index: number) {
    this.world = world;
    this.end = world.end;
    this.deviceId = hex8(fmix32((world.seed32 + index) >>> 0));
    this.idPrefix = `${this.deviceId}-`;
    const rng = (this.rng = new Rng(fmix32((fmix32(world.seed32 ^ 0xa5a5a5a5) + Math.imul(index, 0x9e3779b1)) >>> 0)));

    const country = COUNTRIES.pick(rng);
    this.country = country.code;
    this.tzOffset = rng.pick(country.tz) * HOUR;
    this.platform = rng.chance(country.iosShare) ? 'iOS' : 'Android';
    this.model = (this.platform === 'iOS' ? IOS_MODELS : ANDROID_MODELS).pick(rng);
    this.osVersion = rng.pick(this.model.os);
    const persona = PERSONAS.pick(rng);
    this.persona = persona.name;
    this.visitsPerDay = persona.visitsPerDay * rng.range(0.6, 1.5);
    this.bgPerDay = this.platform === 'Android' ? rng.range(0.5, 3) : rng.range(0.3, 1.5);
    // How long the OS keeps a backgrounded process: Android reclaims sooner.
    this.killMean = this.platform === 'Android' ? rng.range(30, 150) * MINUTE : rng.range(60, 240) * MINUTE;
    // Days between a release and this device installing it; a few never update.
    this.updateLag = rng.chance(0.07) ? Infinity : rng.expo(0.6 + 0.15 * world.days);
    const experiments: (readonly [string, string])[] = [];
    for (const e of EXPERIMENTS) if (rng.chance(e.enrolled)) experiments.push([e.key, rng.pick(e.variants)]);
    this.experiments = experiments;
    this.checkoutTreatment = experiments.some(([k, v]) => k === 'experiment.checkout_redesign' && v === 'treatment');

    const span = world.end - world.start;
    const isNew = persona.name === 'new_user';
    this.installAt = isNew ? world.start + rng.range(0, 0.85) * span : world.start;
    this.churnAt = rng.chance(0.06) ? world.start + rng.range(0.3, 1) * span : Infinity;
    const r = rng.next();
    this.loginMode = isNew ? (r < 0.6 ? 'later' : 'never') : r < 0.25 ? 'start' : r < 0.75 ? 'later' : 'never';
    this.loginVisit = isNew ? 1 : rng.int(1, 8);
    // A few people use two phones: same user id as the previous device.
    this.ownUserId = index > 0 && index % 23 === 11 ? userIdFor(world, index - 1) : userIdFor(world, index);
    this.userId = this.loginMode === 'start' ? this.ownUserId : undefined;
    this.procSalt = rng.u32();
    this.sessSalt = rng.u32();

    this.last = world.start;
    this.nextAt = this.firstVisit(this.installAt);
  }

  /** The next event of this device, in `ts` order, or `undefined` at the end. */
  next(): RawEvent | undefined {
    while (this.pos >= this.buf.length) {
      if (this.done) return undefined;
      this.buf.length = 0;
      this.pos = 0;
      this.step();
    }
    return this.buf[this.pos++];
  }

  // -- scheduling ----------------------------------------------------------------------

  /** Activity weight (0..1] at `t`, by the local hour of the device. */
  private weight(t: number): number {
    const local = (((t + this.tzOffset) % DAY) + DAY) % DAY;
    const h = local / HOUR;
    const i = Math.floor(h);
    const f = h - i;
    return (HOUR_WEIGHT[i] as number) * (1 - f) + (HOUR_WEIGHT[(i + 1) % 24] as number) * f;
  }

  /** The first visit: within the first day after `from` (and inside the period), on the day rhythm. */
  private firstVisit(from: number): number {
    const len = Math.min(DAY, this.end - from);
    let t = from;
    for (let i = 0; i < 200; i++) {
      t = from + this.rng.next() * len;
      if (this.rng.chance(this.weight(t))) break;
    }
    return t;
  }

  private nextVisit(from: number): number {
    const r = this.rng.next();
    if (r < 0.28) return from + this.rng.range(15 * SECOND, 28 * MINUTE);
    if (r < 0.33) return from + this.rng.range(28 * MINUTE, 50 * MINUTE);
    // Thinning of a Poisson process whose rate follows the day rhythm.
    const meanGap = (DAY * MEAN_HOUR_WEIGHT) / this.visitsPerDay;
    let t = from + 5 * MINUTE;
    for (let i = 0; i < 10_000; i++) {
      t += this.rng.expo(meanGap);
      if (t >= this.end || this.rng.chance(this.weight(t))) break;
    }
    return t;
  }

  private scheduleNext(from: number): void {
    const visitAt = this.nextVisit(from);
    const bgAt = from + this.rng.expo(DAY / this.bgPerDay);
    if (bgAt < visitAt && bgAt >= this.aliveUntil && this.rng.chance(0.3 + 0.7 * this.weight(bgAt))) {
      this.nextAt = bgAt;
      this.nextIsVisit = false;
    } else {
      this.nextAt = visitAt;
      this.nextIsVisit = true;
    }
  }

  private step(): void {
    const at = this.nextAt;
    // A device that stops using the app (churn) still had its first visit.
    if (at >= this.end || (this.counter > 0 && at >= this.churnAt)) {
      this.done = true;
      return;
    }
    this.wantsTail = false;
    if (this.nextIsVisit) this.visit(at);
    else this.backgroundLaunch(at);
    this.scheduleNext(this.last);
    if (this.wantsTail) this.backgroundTail();
  }

  // -- emitting ------------------------------------------------------------------------

  /** Appends an event at `ts` (never before the previous one); ignores anything at or after the end. */
  private emit(ts: number, type: string, name?: string, duration?: number, attrs?: Attributes, state?: AppState): void {
    if (this.done) return;
    let t = Math.round(ts);
    if (t < this.last) t = this.last;
    if (t >= this.end) {
      this.done = true;
      return;
    }
    this.last = t;
    // Base-36 counter: ids up to 12 characters are flat strings in V8 (no rope), and
    // `7f3a91c0-zzz` still covers 46,655 events of one device.
    const id = this.idPrefix + (++this.counter).toString(36);
    const { deviceId, userId, processId, sessionId, resource } = this;
    this.buf.push(makeEvent(id, t, type, deviceId, userId, processId, sessionId, state, name, duration, attrs, resource));
  }

  /** A crash / ANR / OOM of a process that died earlier, reported by the new one. */
  private emitLate(ts: number, report: LateReport): void {
    const saved = [this.processId, this.sessionId] as const;
    this.processId = report.processId;
    this.sessionId = report.sessionId;
    this.emit(ts, report.type, report.name, undefined, report.attrs);
    [this.processId, this.sessionId] = saved;
  }

  private network(ep: Endpoint, ts: number): void {
    const rng = this.rng;
    let p5xx = 0.012;
    let p4xx = ep.clientErrors.length ? 0.03 : 0;
    if (ep === EP.checkout && this.checkoutTreatment && this.versionIndex >= CART_BUG_VERSION) p5xx = 0.08;
    if (ep === EP.login) p4xx = 0.08;
    // Popular URLs first: index ~ paths * u^2.
    const v = rng.next();
    const pathIndex = Math.floor(ep.paths * v * v);
    const url = (ep.urls[pathIndex] ??= API + ep.path(pathIndex));
    const u = rng.next();
    if (u < 0.004) {
      // No response at all.
      const type = rng.pick(
        this.platform === 'Android'
          ? ['SocketTimeoutException', 'UnknownHostException']
          : ['NSURLErrorTimedOut', 'NSURLErrorNotConnectedToInternet'],
      );
      const duration = type.includes('Time') ? rng.int(10_000, 30_000) : rng.int(5, 200);
      this.emit(ts, 'network', ep.name, duration, { 'http.method': ep.method, 'http.url': url, 'error.type': type });
      return;
    }
    let status = ep.ok;
    if (u < 0.004 + p5xx) status = rng.pick([500, 500, 502, 503, 503, 504]);
    else if (u < 0.004 + p5xx + p4xx) status = rng.pick(ep.clientErrors);
    else if (ep.method === 'GET' && rng.chance(0.08)) status = 304;
    const duration =
      status === 504 ? rng.int(15_000, 30_000) : rng.logNormal(ep.median * (status >= 500 ? 2 : 1), 0.6, 15, 20_000);
    const key = status * 4096 + pathIndex;
    let attrs = ep.attrs.get(key);
    if (attrs === undefined) {
      attrs = Object.freeze({ 'http.method': ep.method, 'http.status_code': status, 'http.url': url });
      ep.attrs.set(key, attrs);
    }
    this.emit(ts, 'network', ep.name, duration, attrs);
  }

  // -- processes and sessions ----------------------------------------------------------

  private newSession(): void {
    this.sessionId = this.deviceId + hex8(fmix32((this.sessSalt + ++this.sessCount) >>> 0));
  }

  private newProcess(at: number): void {
    this.processId = this.deviceId + hex8(fmix32((this.procSalt ^ 0x3c6ef372) + ++this.procCount));
    const day = (at - this.world.start) / DAY;
    let v = 0;
    for (let i = 0; i < RELEASES.length; i++) if ((this.world.releaseDays[i] as number) + this.updateLag <= day) v = i;
    if (this.updateLag === Infinity) v = 0;
    if (v < this.versionIndex) v = this.versionIndex;
    if (v !== this.versionIndex) {
      this.versionIndex = v;
      this.resource = this.resources[v] ??= this.makeResource(v);
    }
    this.newSession();
  }

  private makeResource(v: number): Attributes {
    const r: Record<string, string> = {
      'app.version': (RELEASES[v] as (typeof RELEASES)[number]).version,
      'os.name': this.platform,
      'os.version': this.osVersion,
      'device.model': this.model.name,
      country: this.country,
      persona: this.persona,
    };
    for (const [k, val] of this.experiments) r[k] = val;
    return Object.freeze(r);
  }

  /** A cold start: new process; maybe a background launch by a push that the user taps. */
  private coldStart(at: number, viaPush: boolean): void {
    const rng = this.rng;
    this.newProcess(at);
    const pushTapped = viaPush && rng.chance(0.5);
    if (pushTapped) {
      // Launched in the background by the push, foregrounded (below) when the user taps it.
      this.emit(at, 'app.launch', undefined, undefined, LAUNCH_ATTRS.push, 'background');
    } else {
      const attrs = viaPush ? LAUNCH_ATTRS.push : rng.chance(0.05) ? LAUNCH_ATTRS.deeplink : LAUNCH_ATTRS.icon;
      this.emit(at, 'app.launch', undefined, undefined, attrs, 'foreground');
    }
    const t0 = at;
    const startup = rng.logNormal(this.platform === 'Android' ? 900 : 600, 0.5, 150, 8000);
    this.emit(t0, 'span', 'app.startup', startup, SPAN_OK);
    if (pushTapped) this.emit(at + rng.int(120, 1900), 'app.foreground');
    this.reportLate(this.last);
    this.network(EP.config, t0 + rng.int(40, 200));
    this.last = Math.max(this.last, Math.round(t0 + startup));
  }

  private reportLate(t: number): void {
    const late = this.pendingLate;
    if (late) {
      this.pendingLate = undefined;
      this.emitLate(t + this.rng.int(30, 1200), late);
    }
  }

  /** The OS starts the app in the background (push, background fetch); nobody looks at it. */
  private backgroundLaunch(at: number): void {
    const rng = this.rng;
    this.newProcess(at);
    const reason =
      this.platform === 'iOS'
        ? rng.pick(['background_fetch', 'silent_push'] as const)
        : rng.pick(['push', 'background_fetch', 'work_manager'] as const);
    this.emit(at, 'app.launch', undefined, undefined, LAUNCH_ATTRS[reason], 'background');
    this.reportLate(at);
    this.network(rng.chance(0.7) ? EP.sync : EP.notifications, at + rng.int(150, 1500));
    if (rng.chance(0.3)) {
      this.emit(this.last + rng.int(100, 3000), 'log', 'background refresh completed', undefined, LOG_ATTRS.info);
    }
    if (rng.chance(0.1)) this.emit(this.last + rng.int(10_000, 25_000), 'heartbeat');
    this.state = 'background';
    this.bgStart = at;
    this.terminateAt = Infinity;
    this.aliveUntil = at + (this.platform === 'iOS' ? rng.range(30 * SECOND, 10 * MINUTE) : rng.range(1, 25) * MINUTE);
  }

  /** What a backgrounded process does before it is used again, killed, or terminated. */
  private backgroundTail(): void {
    const rng = this.rng;
    const limit = Math.min(this.nextAt, this.aliveUntil);
    let t = this.bgStart;
    if (rng.chance(0.35)) {
      t += rng.int(500, 20_000);
      if (t < limit) this.network(rng.chance(0.6) ? EP.batch : EP.sync, t);
    }
    if (rng.chance(0.12)) {
      t += rng.int(200, 5000);
      if (t < limit) {
        this.emit(t, 'log', rng.pick(['background refresh completed', 'upload queue flushed']), undefined, LOG_ATTRS.info);
      }
    }
    if (rng.chance(0.15)) {
      t += rng.int(60_000, 240_000);
      if (t < limit) this.emit(t, 'heartbeat');
    }
    if (this.terminateAt < this.nextAt) {
      this.emit(this.terminateAt, 'app.terminate', undefined, undefined, TERMINATE_ATTRS.swiped);
      this.state = 'dead';
      this.aliveUntil = 0;
    }
  }

  // -- a visit ---------------------------------------------------------------------------

  private outcome(): Outcome {
    const android = this.platform === 'Android';
    let crashP = 0.013;
    if (this.checkoutTreatment) crashP += 0.003;
    const cartBug = android && this.versionIndex === CART_BUG_VERSION ? 0.03 : 0;
    const table: readonly (readonly [Outcome, number])[] = [
      ['cart_crash', cartBug],
      ['crash', crashP],
      ['anr', android ? 0.007 : 0.002],
      ['oom', android ? 0.002 : 0],
      ['vanish', android ? 0.008 : 0.012],
      ['terminate', 0.015],
      ['terminate_bg', 0.03],
    ];
    let u = this.rng.next();
    for (const [o, p] of table) {
      if (u < p) return o;
      u -= p;
    }
    return 'background';
  }

  private visit(at: number): void {
    const rng = this.rng;
    this.visits++;
    let first: Screen = 'Home';
    if (this.state === 'background' && at < this.aliveUntil) {
      // Warm start: the process was still there.
      this.newSession();
      this.emit(at, 'app.foreground');
      first = this.lastScreen === 'Login' || this.lastScreen === 'Onboarding' ? 'Home' : this.lastScreen;
    } else {
      const viaPush = rng.chance(0.14);
      this.coldStart(at, viaPush);
      if (viaPush) first = rng.chance(0.6) ? 'Product' : 'Notifications';
    }
    this.state = 'foreground';
    // Since the version may just have changed, the outcome is drawn after the launch.
    const outcome = this.outcome();
    const terminal =
      outcome === 'crash' || outcome === 'cart_crash' || outcome === 'anr' || outcome === 'oom' || outcome === 'vanish';
    const terminalAt = terminal ? rng.int(0, 5) : -1;
    const onboarding = this.visits === 1 && this.persona === 'new_user';
    if (onboarding) first = 'Onboarding';
    const login = this.userId === undefined && this.loginMode !== 'never' && this.visits >= this.loginVisit && rng.chance(0.7);
    const loginAt = login ? rng.int(1, 2) : -1;
    const logout = !terminal && this.userId !== undefined && rng.chance(0.035);
    const logoutAt = logout ? rng.int(1, 4) : -1;

    let screenName: Screen = first;
    let t = this.last;
    for (let i = 0; ; i++) {
      if (i === loginAt) screenName = 'Login';
      else if (i === logoutAt) screenName = 'Settings';
      else if (i === terminalAt && outcome === 'cart_crash') screenName = 'Cart';
      const spec: ScreenSpec = SCREENS[screenName];
      let next: Screen | null = i >= 39 ? null : spec.next.pick(rng);
      if (onboarding && screenName === 'Onboarding' && i >= 3) next = 'Home';
      const terminalHere = terminal && (i === terminalAt || next === null);
      let dwell = rng.logNormal(spec.dwell, 0.9, 1500, 10 * MINUTE);
      if (rng.chance(0.004)) dwell = rng.int(15 * MINUTE, 75 * MINUTE); // read, phone on the table
      if (terminalHere) dwell = Math.max(1500, Math.round(dwell * rng.range(0.2, 0.9)));
      const stop = t + dwell;
      this.emit(t, 'view', screenName, dwell);
      this.screenContent(spec, t, stop);

      if (i === loginAt && this.userId === undefined) this.logIn(t, stop);
      if (i === logoutAt) {
        this.logOut(stop);
        next = 'Login';
      }
      if (terminalHere) {
        this.die(outcome, spec, Math.max(stop, this.last));
        return;
      }
      if (screenName === 'OrderConfirmation' && rng.chance(0.9)) {
        const cents = rng.int(899, 24_999);
        const at = t + rng.int(100, 900);
        const order = { 'order.value': cents / 100, 'order.items': rng.int(1, 5), currency: 'USD' };
        this.emit(at, 'purchase', 'order placed', undefined, order);
      }
      t = Math.max(stop, this.last) + rng.int(50, 400);
      if (next === null) break;
      screenName = next;
    }
    this.lastScreen = screenName;

    if (outcome === 'terminate') {
      this.emit(t, 'app.terminate', undefined, undefined, TERMINATE_ATTRS.user);
      this.state = 'dead';
      this.aliveUntil = 0;
      return;
    }
    this.emit(t, 'app.background');
    this.newSession();
    this.state = 'background';
    this.bgStart = this.last;
    const kill = this.bgStart + rng.expo(this.killMean);
    // Swiped away from the app switcher: always for `terminate_bg`, now and then otherwise.
    this.terminateAt =
      outcome === 'terminate_bg'
        ? this.bgStart + rng.int(2000, 90_000)
        : rng.chance(0.02)
          ? this.bgStart + rng.int(5 * SECOND, 20 * MINUTE)
          : Infinity;
    if (this.terminateAt > kill) this.terminateAt = Infinity;
    this.aliveUntil = Math.min(kill, this.terminateAt);
    this.wantsTail = true;
  }

  /** Requests, taps, logs... on one screen shown from `t` to `stop`. */
  private screenContent(spec: ScreenSpec, t: number, stop: number): void {
    const rng = this.rng;
    for (const ep of spec.load) this.network(ep, t + rng.int(5, 60));
    let cursor = t + rng.int(300, 1500);
    for (let n = 0; n < 8; n++) {
      cursor += rng.expo(7000);
      if (cursor >= stop) break;
      const k = rng.next();
      if (k < 0.72) {
        const tp = spec.taps.pick(rng);
        this.emit(cursor, 'tap', tp.name);
        if (tp.call) this.network(tp.call, cursor + rng.int(15, 120));
      } else if (k < 0.82) {
        const sev = SEVERITIES.pick(rng);
        this.emit(cursor, 'log', rng.pick(LOGS[sev]), undefined, LOG_ATTRS[sev]);
      } else if (k < 0.92) {
        this.emit(cursor, 'breadcrumb', rng.pick(BREADCRUMBS));
      } else if (k < 0.98) {
        const span = rng.pick(spec.spans);
        const duration = rng.logNormal(120, 0.8, 5, 5000);
        this.emit(cursor, 'span', span, duration, rng.chance(0.05) ? SPAN_ERROR : SPAN_OK);
      } else {
        this.emit(cursor, 'hang', 'main thread hang', rng.logNormal(600, 0.6, 250, 4500), spec.hangAttrs);
      }
    }
    // The SDK says it is alive now and then on a long screen.
    for (let hb = t + 5 * MINUTE; hb < stop; hb += 5 * MINUTE) if (hb > this.last) this.emit(hb, 'heartbeat');
  }

  private logIn(t: number, stop: number): void {
    const rng = this.rng;
    let at = Math.max(this.last, t + Math.min(rng.int(4000, 15_000), stop - t - 1000));
    this.emit(at, 'tap', 'button:login');
    if (rng.chance(0.08)) {
      // Wrong password first.
      this.emit(at + rng.int(20, 80), 'network', EP.login.name, rng.logNormal(380, 0.4, 80, 5000), {
        'http.method': 'POST',
        'http.status_code': 401,
        'http.url': API + '/api/auth/login',
      });
      at = this.last + rng.int(3000, 9000);
      this.emit(at, 'tap', 'button:login');
    }
    this.emit(at + rng.int(20, 80), 'network', EP.login.name, rng.logNormal(420, 0.4, 80, 5000), {
      'http.method': 'POST',
      'http.status_code': 200,
      'http.url': API + '/api/auth/login',
    });
    this.userId = this.ownUserId;
    this.emit(this.last + rng.int(300, 900), 'user.login', 'login', undefined, LOG_ATTRS.info);
  }

  /** Log-out from Settings: the app ends the session on purpose and starts a new one. */
  private logOut(stop: number): void {
    const rng = this.rng;
    this.emit(stop - rng.int(200, 1200), 'tap', 'button:logout');
    this.network(EP.logout, this.last + rng.int(10, 60));
    this.emit(this.last + rng.int(50, 400), 'session.end', 'logout', undefined, LOGOUT_ATTRS);
    this.userId = undefined;
    this.newSession();
  }

  /** The process ends badly at `t`: crash, ANR, OOM, or without a word. */
  private die(outcome: Outcome, spec: ScreenSpec, t: number): void {
    const rng = this.rng;
    const android = this.platform === 'Android';
    switch (outcome) {
      case 'cart_crash':
        this.emit(t - rng.int(40, 400), 'tap', 'button:checkout');
        this.emit(t, 'crash', failureName(CART_BUG), undefined, failureAttrs(CART_BUG, rng, false));
        break;
      case 'crash': {
        const f = CRASHES[this.platform].pick(rng);
        if (rng.chance(0.4)) this.emit(t - rng.int(50, 2000), 'breadcrumb', rng.pick(BREADCRUMBS));
        this.emit(t, 'crash', failureName(f), undefined, failureAttrs(f, rng, false));
        break;
      }
      case 'anr': {
        const hangStart = Math.max(this.last, t - 5000);
        this.emit(hangStart, 'hang', 'main thread hang', rng.int(5000, 12_000), spec.hangAttrs);
        this.emit(hangStart + 5000, 'anr', ANR_NAMES[this.platform], undefined, {
          thread: android ? 'main' : 'com.apple.main-thread',
          'anr.duration': 5000,
          'stack.frames': rng.int(20, 80),
        });
        break;
      }
      case 'oom':
        this.emit(t - rng.int(1000, 20_000), 'log', 'low memory warning', undefined, LOG_ATTRS.warning);
        this.emit(t, 'oom', OOM_NAMES[this.platform], undefined, { 'memory.used_mb': rng.int(380, 900), thread: 'main' });
        break;
      case 'vanish': {
        // Nothing is sent: the next launch may tell what happened. Android: a native crash
        // (60%) or an ANR from the exit info (20%); iOS: a crash (35%) or a jetsam OOM (45%).
        const u = rng.next();
        let report: Omit<LateReport, 'processId' | 'sessionId'> | undefined;
        if (android ? u < 0.6 : u < 0.35) {
          const f = NATIVE_CRASHES[this.platform].pick(rng);
          report = { type: 'crash', name: failureName(f), attrs: failureAttrs(f, rng, true) };
        } else if (u < 0.8) {
          report = android
            ? { type: 'anr', name: ANR_NAMES.Android, attrs: { thread: 'main', 'anr.duration': 5000, 'report.delayed': true } }
            : { type: 'oom', name: OOM_NAMES.iOS, attrs: { 'memory.used_mb': rng.int(1200, 2900), 'report.delayed': true } };
        }
        if (report) this.pendingLate = { ...report, processId: this.processId, sessionId: this.sessionId };
        break;
      }
      default:
        break;
    }
    this.state = 'dead';
    this.aliveUntil = 0;
  }
}

// ---------------------------------------------------------------------------------------
// Options, merge, garbage
// ---------------------------------------------------------------------------------------

/** Default start: Monday 16 November 2026, 00:00 UTC. */
const DEFAULT_START = Date.UTC(2026, 10, 16);
const DEFAULT_DEVICES = 24;
const DEFAULT_DAYS = 7;
/**
 * Up to this many events, {@link resolveSampleOptions} counts the devices' events to pick
 * the number of devices (cheap: a fraction of a second); above, the law of large numbers
 * makes {@link withHeadroom} accurate enough.
 */
const COUNTED_SCALING_LIMIT = 250_000;

/** The fewest devices (at least 2 when possible) whose events add up to `n`, by simulating them. */
function devicesToReach(world: World, n: number): number {
  let total = 0;
  for (let i = 0; i < 1_000_000; i++) {
    const sim = new DeviceSim(world, i);
    while (sim.next() !== undefined) total++;
    if (total >= n && i >= 1) return i + 1;
  }
  return 1_000_000;
}

/**
 * Mean number of events per device and day over a period of `days` days, measured over
 * thousands of devices (the first day is quieter: 145; a week: 188).
 */
function eventsPerDeviceDay(days: number): number {
  return 195 - 50 / Math.max(days, 1);
}

/**
 * Devices to simulate when `base` devices make the wanted count on average, over `days`:
 * enough that the total falls short only about one time in ten. A device's count varies a
 * lot (standard deviation about 0.9 of the mean over one day, 0.6 over a week), so with k
 * devices the total is short when k - z * cv * sqrt(k) < base, z = 1.3: solve for sqrt(k).
 */
function withHeadroom(base: number, days: number): number {
  const z = 1.3 * (0.55 + 0.35 / Math.max(days, 1));
  const x = (z + Math.sqrt(z * z + 4 * base)) / 2;
  return x * x;
}

function checkNumber(name: string, v: unknown, ok: (n: number) => boolean, what: string): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v)) {
    throw new RangeError(`generateEvents: ${name} must be ${what}, got ${String(v)}`);
  }
  return v;
}

/**
 * Applies defaults and scaling to options, the way {@link generateEvents} does: with
 * `events` set, the unset `devices` / `days` are chosen to produce a little more than
 * `events` (the output is then cut at `events`).
 *
 * @throws RangeError on an out-of-range option.
 */
export function resolveSampleOptions(options: SampleOptions = {}): ResolvedSampleOptions {
  const seed = checkNumber('seed', options.seed, () => true, 'a finite number') ?? 1;
  const start = checkNumber('start', options.start, () => true, 'a finite epoch-ms number') ?? DEFAULT_START;
  let devices = checkNumber('devices', options.devices, (n) => Number.isInteger(n) && n >= 1, 'an integer >= 1');
  let days = checkNumber('days', options.days, (n) => n > 0, 'a number > 0');
  const events = checkNumber('events', options.events, (n) => Number.isInteger(n) && n >= 0, 'an integer >= 0');
  const garbage = checkNumber('garbage', options.garbage, (n) => n >= 0 && n < 1, 'a fraction in [0, 1)') ?? 0;
  const iso = options.isoTimestamps;
  const isoTimestamps =
    iso === true
      ? 0.05
      : iso === false || iso === undefined
        ? 0
        : (checkNumber('isoTimestamps', iso, (n) => n >= 0 && n <= 1, 'a boolean or a fraction in [0, 1]') ?? 0);

  if (events !== undefined) {
    const n = Math.max(events, 1);
    if (devices === undefined) {
      // Small sets cover one day, large ones a week (20 devices a day at most before that).
      days ??= Math.min(DEFAULT_DAYS, Math.max(1, Math.ceil(n / eventsPerDeviceDay(DEFAULT_DAYS) / 20)));
      devices =
        n <= COUNTED_SCALING_LIMIT
          ? devicesToReach(makeWorld({ seed, start, days }), n)
          : Math.max(2, Math.ceil(withHeadroom(n / eventsPerDeviceDay(days) / days, days)));
    } else if (days === undefined) {
      // days * eventsPerDeviceDay(days) = 195 days - 50 for days >= 1.
      const perDevice = (n / devices) * (1 + 1.35 / Math.sqrt(devices));
      days = Math.max(1, (perDevice + 50) / 195);
    }
  }
  devices ??= DEFAULT_DEVICES;
  days ??= DEFAULT_DAYS;
  return {
    seed,
    devices,
    days,
    start,
    end: start + Math.round(days * DAY),
    events,
    shuffle: options.shuffle === true,
    garbage,
    isoTimestamps,
  };
}

/** Aim for about this many events per merge window. */
const WINDOW_EVENTS = 16_384;

/**
 * Merges the devices' streams in `ts` order, ties by device index then by each device's
 * own order. It works window by window: the events of every device in `[t, t + window)`
 * are gathered device by device, and their keys `(ts - t) * devices + device` (exact
 * integers in a double) are sorted natively in a `Float64Array`: no comparator calls, and
 * none of a heap's pointer chasing into events spread over gigabytes.
 */
class Merger {
  private readonly sims: DeviceSim[];
  /** The next event of each device not gathered yet. */
  private readonly heads: (RawEvent | undefined)[];
  private readonly devices: number;
  private readonly window: number;
  private alive = 0;
  private from: number;
  /** The current window: events device by device, keys sorted, read position. */
  private readonly gathered: RawEvent[] = [];
  private readonly cursor: Int32Array;
  private keys = new Float64Array(1024);
  private count = 0;
  private read = 0;

  constructor(world: World, devices: number, expected: number) {
    this.devices = devices;
    this.sims = new Array<DeviceSim>(devices);
    this.heads = new Array<RawEvent | undefined>(devices);
    this.cursor = new Int32Array(devices);
    let first = Infinity;
    for (let i = 0; i < devices; i++) {
      const sim = new DeviceSim(world, i);
      this.sims[i] = sim;
      const ev = sim.next();
      this.heads[i] = ev;
      if (ev) {
        this.alive++;
        if ((ev.ts as number) < first) first = ev.ts as number;
      }
    }
    this.from = first;
    const span = world.end - world.start;
    const windows = Math.max(1, Math.ceil(expected / WINDOW_EVENTS));
    // Keys must stay exact: (ts - from) * devices < 2^52.
    this.window = Math.max(1, Math.min(Math.ceil(span / windows), 6 * HOUR, Math.floor(2 ** 52 / devices)));
  }

  next(): RawEvent | undefined {
    while (this.read >= this.count) {
      if (this.alive === 0) return undefined;
      this.fill();
    }
    const key = this.keys[this.read++] as number;
    const n = this.devices;
    const dev = key - Math.floor(key / n) * n;
    return this.gathered[this.cursor[dev]++];
  }

  /** Gathers and sorts the next non-empty window. */
  private fill(): void {
    const { sims, heads, devices: n } = this;
    const from = this.from;
    const to = from + this.window;
    const gathered = this.gathered;
    gathered.length = 0;
    let count = 0;
    let keys = this.keys;
    let nextFrom = Infinity;
    for (let d = 0; d < n; d++) {
      let ev = heads[d];
      if (ev === undefined) continue;
      let ts = ev.ts as number;
      if (ts >= to) {
        if (ts < nextFrom) nextFrom = ts;
        continue;
      }
      this.cursor[d] = gathered.length;
      const sim = sims[d] as DeviceSim;
      do {
        gathered.push(ev);
        if (count === keys.length) {
          const grown = new Float64Array(keys.length * 2);
          grown.set(keys);
          keys = this.keys = grown;
        }
        keys[count++] = (ts - from) * n + d;
        ev = sim.next();
        if (ev === undefined) break;
        ts = ev.ts as number;
      } while (ts < to);
      heads[d] = ev;
      if (ev === undefined) this.alive--;
      else if (ts < nextFrom) nextFrom = ts;
    }
    keys.subarray(0, count).sort();
    this.count = count;
    this.read = 0;
    // Skip empty stretches (nights of small data sets) straight to the next event.
    this.from = nextFrom > to ? nextFrom : to;
  }
}

type GarbageKind =
  | 'null'
  | 'number'
  | 'string'
  | 'array'
  | 'no-ts'
  | 'ts-yesterday'
  | 'ts-nan'
  | 'ts-infinity'
  | 'no-type'
  | 'duplicate';
const GARBAGE = w<GarbageKind>(
  ['null', 1],
  ['number', 1],
  ['string', 1],
  ['array', 1],
  ['no-ts', 1],
  ['ts-yesterday', 1],
  ['ts-nan', 1],
  ['ts-infinity', 1],
  ['no-type', 1],
  ['duplicate', 2],
);

function makeGarbage(rng: Rng, last: RawEvent): unknown {
  const kind = GARBAGE.pick(rng);
  const base = { type: last.type, deviceId: last.deviceId, name: 'garbage' };
  switch (kind) {
    case 'null':
      return null;
    case 'number':
      return rng.chance(0.5) && typeof last.ts === 'number' ? last.ts : rng.int(-5, 500);
    case 'string':
      return rng.pick(['app.launch', '{"ts": 1763251200000, "type": "view"}', '', 'undefined']);
    case 'array':
      return rng.chance(0.5) ? [] : [{ ...last }];
    case 'no-ts':
      return base;
    case 'ts-yesterday':
      return { ...base, ts: 'yesterday' };
    case 'ts-nan':
      return { ...base, ts: Number.NaN };
    case 'ts-infinity':
      return { ...base, ts: rng.chance(0.8) ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY };
    case 'no-type':
      return { ts: last.ts, deviceId: last.deviceId, name: 'garbage' };
    case 'duplicate':
      return { ...last };
  }
}

/** Marks the end of a {@link Source}. */
const END: unique symbol = Symbol('end');

/** Pulls the final items: merged events, capped, with ISO timestamps and garbage mixed in. */
class Source {
  private readonly merger: Merger;
  private readonly cap: number;
  private readonly garbage: number;
  private readonly iso: number;
  private readonly garbageRng: Rng;
  private readonly isoRng: Rng;
  private good = 0;
  private last: RawEvent | undefined;

  constructor(o: ResolvedSampleOptions) {
    const world = makeWorld(o);
    this.merger = new Merger(world, o.devices, o.devices * o.days * eventsPerDeviceDay(o.days));
    this.cap = o.events ?? Infinity;
    this.garbage = o.garbage;
    this.iso = o.isoTimestamps;
    this.garbageRng = new Rng(fmix32(world.seed32 ^ 0x6a09e667));
    this.isoRng = new Rng(fmix32(world.seed32 ^ 0xbb67ae85));
  }

  /** The next item, or {@link END}. */
  next(): unknown {
    // Garbage after the previous good event: while(u < g) gives a fraction g of bad items.
    if (this.last && this.garbage > 0 && this.garbageRng.next() < this.garbage) {
      return makeGarbage(this.garbageRng, this.last);
    }
    if (this.good >= this.cap) return END;
    let ev = this.merger.next();
    if (!ev) return END;
    this.good++;
    if (this.iso > 0 && this.isoRng.next() < this.iso) ev = { ...ev, ts: new Date(ev.ts as number).toISOString() };
    this.last = ev;
    return ev;
  }
}

/**
 * Generates sample events: many devices over `days` days, sorted by `ts` (unless
 * `shuffle`). Same options, same output. Objects in `resource` and in some `attrs` are
 * shared between events and frozen: treat events as immutable.
 *
 * @example
 * ```ts
 * const events = generateEvents({ seed: 7, events: 5_000 });
 * const messy = generateEvents({ seed: 7, events: 5_000, garbage: 0.02 }); // unknown[]
 * ```
 * @throws RangeError on an out-of-range option.
 */
export function generateEvents(options?: CleanSampleOptions): RawEvent[];
/** With `garbage`, the output mixes bad items in: `unknown[]`. */
export function generateEvents(options: SampleOptions): unknown[];
export function generateEvents(options: SampleOptions = {}): unknown[] {
  const o = resolveSampleOptions(options);
  const out: unknown[] = [];
  const src = new Source(o);
  for (let v = src.next(); v !== END; v = src.next()) out.push(v);
  if (o.shuffle) {
    const rng = new Rng(fmix32(hashSeed(o.seed) ^ 0x3c6ef372));
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const tmp = out[i];
      out[i] = out[j];
      out[j] = tmp;
    }
  }
  return out;
}

/**
 * The same items as {@link generateEvents} (without `shuffle`), produced lazily in `ts`
 * order: 10 million events can be streamed into a sessionizer without holding them. Holds
 * one app visit per device at a time.
 *
 * @example
 * ```ts
 * for (const ev of generateEventStream({ events: 10_000_000 })) sessionizer.push([ev]);
 * ```
 * @throws RangeError on an out-of-range option (when iteration starts).
 */
export function generateEventStream(options?: CleanSampleStreamOptions): Generator<RawEvent, void, undefined>;
/** With `garbage`, bad items are mixed in. */
export function generateEventStream(options: SampleStreamOptions): Generator<unknown, void, undefined>;
export function* generateEventStream(options: SampleStreamOptions = {}): Generator<unknown, void, undefined> {
  const src = new Source(resolveSampleOptions({ ...options, shuffle: false }));
  for (let v = src.next(); v !== END; v = src.next()) yield v;
}

/**
 * The events of one device, in `ts` order: exactly that device's events in
 * {@link generateEvents} with the same options, unless the `events` cap cut them (this
 * generator ignores `events` except for scaling, and `garbage`, `isoTimestamps` and `shuffle`).
 *
 * @param device - the index of the device, `0 <= device < devices` (any index works).
 * @throws RangeError on an out-of-range option or index.
 */
export function* generateDeviceEvents(device: number, options: SampleOptions = {}): Generator<RawEvent, void, undefined> {
  if (!Number.isInteger(device) || device < 0) {
    throw new RangeError(`generateDeviceEvents: device must be an integer >= 0, got ${String(device)}`);
  }
  const sim = new DeviceSim(makeWorld(resolveSampleOptions(options)), device);
  for (let ev = sim.next(); ev; ev = sim.next()) yield ev;
}
