/**
 * Point marks composited in script: sprites of each mark made once per style, shape and
 * radius, stamped into one pixel buffer the size of a canvas and put on it at once, plus
 * rectangles batched by colour. A frame of thousands of marks then costs the canvas one
 * image copy instead of thousands of anti-aliased paths.
 *
 * @packageDocumentation
 */

/** Adds a mark's outline, centred at (0, 0) with radius `r`, to a path. */
export type MakeMark = (p: Path2D, r: number) => void;

/**
 * Marks stamped from pre-rendered sprites into a pixel buffer, composited in script, then
 * put on the canvas at once (`putImageData`): the canvas then copies one image instead of thousands of
 * anti-aliased paths or small images on every frame (that rasterisation, not the script,
 * was most of a zoom frame). Sprites are made once per style, shape and radius (quantised
 * to half a pixel) and placed at whole device pixels.
 */
class SpriteCache {
  private readonly kinds = new Map<string, SpriteKind>();
  private dpr = 1;

  /** Forgets every sprite (colours or device pixel ratio changed). */
  reset(dpr: number): void {
    this.kinds.clear();
    this.dpr = dpr;
  }

  get ratio(): number {
    return this.dpr;
  }

  /** A kind of mark: `shape` in `style` (`f|colour` fills, `s|colour|width` strokes). */
  kind(style: string, shape: string, make: MakeMark): SpriteKind {
    const key = `${style}|${shape}`;
    let kind = this.kinds.get(key);
    if (!kind) {
      // Colours are part of the key: themes come and go, keep the cache small.
      if (this.kinds.size >= 256) this.kinds.clear();
      this.kinds.set(key, (kind = { style, make, sprites: [] }));
    }
    return kind;
  }

  /** The sprite of a kind at radius `r` (rounded to a multiple of 0.5). */
  get(kind: SpriteKind, r: number): Sprite | null {
    const q = Math.round(r * 2);
    const cached = kind.sprites[q];
    if (cached !== undefined) return cached;
    const sprite = this.make(kind.style, kind.make, q / 2);
    kind.sprites[q] = sprite;
    return sprite;
  }

  private scratchContext: CanvasRenderingContext2D | null | undefined;

  /** The scratch canvas's context, at least `size` px square. */
  private scratch(size: number): CanvasRenderingContext2D | null {
    let c = this.scratchContext;
    if (c === undefined) {
      const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 64 });
      c = this.scratchContext = canvas.getContext('2d', { willReadFrequently: true });
    }
    if (c && c.canvas.width < size) c.canvas.width = c.canvas.height = Math.max(size, 2 * c.canvas.width);
    return c;
  }

  private make(style: string, make: MakeMark, r: number): Sprite | null {
    const dpr = this.dpr;
    const half = Math.ceil((r + 2.5) * dpr);
    const size = 2 * half;
    // Drawn on one scratch canvas, reused: a canvas and a context per sprite cost more than the drawing.
    const c = this.scratch(size);
    if (!c) return null;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, size, size);
    c.setTransform(dpr, 0, 0, dpr, half, half);
    const path = new Path2D();
    make(path, r);
    const [mode, color, lw] = style.split('|') as [string, string, string | undefined];
    if (mode === 'f') {
      c.fillStyle = color;
      c.fill(path);
    } else {
      c.lineWidth = lw ? Number(lw) : 1;
      c.strokeStyle = color;
      c.stroke(path);
    }
    const data = c.getImageData(0, 0, size, size).data;
    const words = new Uint32Array(data.buffer, data.byteOffset, size * size);
    // One colour throughout (a shape in one style): its opaque pixels are runs of one word.
    const runs: number[] = [];
    let solid = 0;
    const partial: number[] = [];
    for (let row = 0; row < size; row++) {
      for (let col = 0; col < size; col++) {
        const p = row * size + col;
        const a = data[p * 4 + 3]!;
        if (a === 255) {
          solid = words[p]!;
          const n = runs.length;
          if (n && runs[n - 3] === row && runs[n - 2]! + runs[n - 1]! === col) runs[n - 1]!++;
          else runs.push(row, col, 1);
        } else if (a) partial.push(p);
      }
    }
    return { size, words, solid, runs: Int32Array.from(runs), partial: Int32Array.from(partial), partialWords: Uint32Array.from(partial, (p) => words[p]!), placedFor: -1, partialAt: new Int32Array(0) };
  }
}

/** A shape in a style, with its sprites by radius (index: radius x 2). */
export interface SpriteKind {
  readonly style: string;
  readonly make: MakeMark;
  readonly sprites: (Sprite | null | undefined)[];
}

/**
 * Rectangles by colour and opacity, at whole device pixels, filled into a {@link PixelLayer}
 * (a frame zoomed out has thousands: the canvas would rasterise them one by one).
 */
export class Rects {
  private readonly groups = new Map<string, { readonly color: string; readonly alpha: number; readonly rects: number[] }>();
  /** The group of the last call (calls come in runs of one colour). */
  private last: { readonly color: string; readonly alpha: number; readonly rects: number[] } | undefined;
  constructor(private dpr: number) {}

  /** Empties it for rectangles at pixel ratio `dpr`. */
  reset(dpr: number): this {
    this.groups.clear();
    this.last = undefined;
    this.dpr = dpr;
    return this;
  }

  add(color: string, alpha: number, x: number, y: number, w: number, h: number): void {
    let group = this.last;
    if (!group || group.color !== color || group.alpha !== alpha) {
      const key = `${alpha}|${color}`;
      group = this.groups.get(key);
      if (!group) this.groups.set(key, (group = { color, alpha, rects: [] }));
      this.last = group;
    }
    const g = group.rects;
    const d = this.dpr;
    const x0 = roundPx(x * d) / d;
    const x1 = Math.max(x0 + 1 / d, roundPx((x + w) * d) / d);
    // Abutting (or overlapping) the previous one of its group: one rectangle, the same pixels.
    const n = g.length;
    if (n && g[n - 3] === y && g[n - 1] === h && x0 <= g[n - 4]! + g[n - 2]! && x0 >= g[n - 4]!) {
      g[n - 2] = Math.max(g[n - 2]!, x1 - g[n - 4]!);
      return;
    }
    g.push(x0, y, x1 - x0, h);
  }

  /** Fills the rectangles into `layer` (composited with what it holds, group by group in the order of their first rectangle). */
  stamp(layer: PixelLayer): void {
    for (const { color, alpha, rects: g } of this.groups.values()) {
      for (let i = 0; i < g.length; i += 4) layer.fillRect(g[i]!, g[i + 1]!, g[i + 2]!, g[i + 3]!, color, alpha);
    }
    this.groups.clear();
    this.last = undefined;
  }
}

let PARSER: CanvasRenderingContext2D | null | undefined;

/** `[r, g, b]` of any CSS colour a canvas accepts (it normalises `fillStyle` to `#rrggbb` or `rgba(…)`). */
function parseColor(color: string): [number, number, number] {
  const ctx = (PARSER ??= document.createElement('canvas').getContext('2d'));
  if (!ctx) return [128, 128, 128];
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  const v = String(ctx.fillStyle);
  if (v.startsWith('#')) return [parseInt(v.slice(1, 3), 16), parseInt(v.slice(3, 5), 16), parseInt(v.slice(5, 7), 16)];
  const m = v.match(/[\d.]+/g) ?? ['0', '0', '0'];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

/** A sprite's pixels: `size` x `size`, not premultiplied. */
interface Sprite {
  readonly size: number;
  /** The pixels, one 32-bit word each (A B G R from the high byte). */
  readonly words: Uint32Array;
  /** The colour of its opaque pixels, and those pixels as runs: `[row, column, length]` each. */
  readonly solid: number;
  readonly runs: Int32Array;
  /** The indexes in the sprite of its partly transparent pixels (edges), and their words. */
  readonly partial: Int32Array;
  readonly partialWords: Uint32Array;
  /** The buffer width `partialAt` was computed for. */
  placedFor: number;
  /** Where the partial pixels fall in a buffer that wide, relative to the sprite's top-left pixel. */
  partialAt: Int32Array;
}

/** Offsets in a buffer `width` wide of the sprite pixels `at` (a sprite `size` wide). */
function placed(at: Int32Array, size: number, width: number): Int32Array {
  const out = new Int32Array(at.length);
  for (let i = 0; i < at.length; i++) {
    const p = at[i]!;
    const row = (p / size) | 0;
    out[i] = p + row * (width - size);
  }
  return out;
}

/**
 * The lanes' gap bands and point marks for one frame: composited into a buffer the size of
 * the canvas, put on it at once by {@link put} (a copy: nothing left to rasterise).
 */
export class PixelLayer {
  private image: ImageData | undefined;
  private words: Uint32Array | undefined;
  private cov = new Float32Array(0);
  private row = new Uint32Array(0);
  private readonly rgbs = new Map<string, [number, number, number]>();
  private width = 0;
  private height = 0;
  dpr = 1;
  private readonly scratchRects = new Rects(1);
  constructor(readonly cache: SpriteCache) {}

  /**
   * Empty {@link Rects} at this frame's pixel ratio, to {@link Rects.stamp} into this layer.
   * Always the same one (fill it and stamp it before asking again): a helper made anew for
   * every lane of every frame would be garbage, and so would the optimised code that uses it.
   * V8 drops the hidden class of a class once no instance is left (after a collection) and
   * with it the optimised code that checks for that class: the next frame runs slow code.
   */
  rects(): Rects {
    return this.scratchRects.reset(this.dpr);
  }

  /** Starts a frame of `width` x `height` CSS px. */
  begin(width: number, height: number): void {
    this.dpr = this.cache.ratio;
    const w = Math.max(1, Math.round(width * this.dpr));
    const h = Math.max(1, Math.round(height * this.dpr));
    if (!this.image || this.width !== w || this.height !== h) {
      this.image = new ImageData(w, h);
      this.words = new Uint32Array(this.image.data.buffer, this.image.data.byteOffset, w * h);
      this.cov = new Float32Array(w);
      this.row = new Uint32Array(w);
      this.width = w;
      this.height = h;
    }
  }

  /** Makes the whole buffer transparent. */
  clear(): void {
    this.words!.fill(0);
  }

  /** Fills the buffer with bands (`x0`, `x1` in CSS px) by their coverage of each pixel column, over transparency. */
  background(bands: readonly { readonly x0: number; readonly x1: number }[], color: string): void {
    const words = this.words!;
    if (!bands.length) {
      this.clear();
      return;
    }
    const [r, g, b] = this.rgbOf(color);
    const cols = this.width;
    const dpr = this.dpr;
    const cov = this.cov;
    cov.fill(0);
    for (const band of bands) {
      const x0 = Math.max(0, band.x0 * dpr);
      const x1 = Math.min(cols, band.x1 * dpr);
      for (let col = Math.floor(x0); col < x1; col++) cov[col]! += Math.min(col + 1, x1) - Math.max(col, x0);
    }
    // One row of RGBA words (little-endian: A B G R), copied to every row.
    const row = this.row;
    const rgb = (b << 16) | (g << 8) | r;
    for (let col = 0; col < cols; col++) {
      const a = Math.round(Math.min(1, cov[col]!) * 255);
      row[col] = a ? ((a << 24) | rgb) >>> 0 : 0;
    }
    for (let y = 0; y < this.height; y++) words.set(row, y * cols);
  }

  kind(style: string, shape: string, make: MakeMark): SpriteKind {
    return this.cache.kind(style, shape, make);
  }

  /** Stamps a mark of a kind, radius `r`, centred at CSS px `(x, y)`. */
  add(kind: SpriteKind, r: number, x: number, y: number): void {
    const sprite = this.cache.get(kind, r);
    const image = this.image;
    const words = this.words;
    if (!sprite || !image || !words) return;
    const size = sprite.size;
    const left = roundPx(x * this.dpr) - size / 2;
    const top = roundPx(y * this.dpr) - size / 2;
    const W = this.width;
    const c0 = Math.max(0, -left);
    const c1 = Math.min(size, W - left);
    const r0 = Math.max(0, -top);
    const r1 = Math.min(size, this.height - top);
    if (c0 >= c1 || r0 >= r1) return;
    const srcWords = sprite.words;
    if (c0 === 0 && r0 === 0 && c1 === size && r1 === size) {
      // Wholly inside (nearly always): the opaque runs are filled, only the edges blend.
      if (sprite.placedFor !== W) {
        sprite.partialAt = placed(sprite.partial, size, W);
        sprite.placedFor = W;
      }
      const base = top * W + left;
      const { solid, runs, partialWords, partialAt } = sprite;
      for (let r = 0; r < runs.length; r += 3) {
        const q = base + runs[r]! * W + runs[r + 1]!;
        for (let k = q, end = q + runs[r + 2]!; k < end; k++) words[k] = solid;
      }
      for (let i = 0; i < partialAt.length; i++) {
        const q = base + partialAt[i]!;
        const d = words[q]!;
        // Over an opaque pixel of its own colour (marks of a lane overlap when zoomed out): no change.
        const w = partialWords[i]!;
        if (d >>> 24 === 255 && ((d ^ w) & 0xffffff) === 0) continue;
        stampPixel(w, words, q);
      }
      return;
    }
    for (let row = r0; row < r1; row++) {
      let p = row * size + c0;
      let q = (top + row) * W + left + c0;
      for (let col = c0; col < c1; col++, p++, q++) {
        if (srcWords[p]! >>> 24) stampPixel(srcWords[p]!, words, q);
      }
    }
  }

  /** Fills a rectangle (CSS px, edges rounded to device pixels) with `color` at opacity `alpha`, over what is there. */
  fillRect(x: number, y: number, w: number, h: number, color: string, alpha: number): void {
    const words = this.words;
    if (!words) return;
    const dpr = this.dpr;
    const W = this.width;
    const x0 = Math.max(0, roundPx(x * dpr));
    const x1 = Math.min(W, roundPx((x + w) * dpr));
    const y0 = Math.max(0, roundPx(y * dpr));
    const y1 = Math.min(this.height, roundPx((y + h) * dpr));
    if (x0 >= x1 || y0 >= y1) return;
    const [r, g, b] = this.rgbOf(color);
    const word = ((Math.round(Math.min(1, Math.max(0, alpha)) * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0;
    const over = OVER.begin(word, words);
    for (let row = y0; row < y1; row++) {
      for (let q = row * W + x0, end = row * W + x1; q < end; q++) over.at(q);
    }
  }

  /** A vertical dashed line 1 px wide centred at CSS px `x`, the full height: `on` px drawn, `off` px not. */
  dashedLine(x: number, color: string, on: number, off: number): void {
    const words = this.words;
    if (!words) return;
    const [r, g, b] = this.rgbOf(color);
    const dpr = this.dpr;
    const left = (x - 0.5) * dpr;
    const right = (x + 0.5) * dpr;
    const W = this.width;
    const H = this.height;
    const period = (on + off) * dpr;
    const dash = on * dpr;
    const rgb = (b << 16) | (g << 8) | r;
    for (let col = Math.max(0, Math.floor(left)); col < Math.min(W, right); col++) {
      const a = Math.min(col + 1, right) - Math.max(col, left);
      if (a <= 0) continue;
      const over = OVER.begin(((Math.round(a * 255) << 24) | rgb) >>> 0, words);
      for (let y0 = 0; y0 < H; y0 += period) {
        const y1 = Math.min(H, Math.round(y0 + dash));
        for (let y = Math.round(y0); y < y1; y++) over.at(y * W + col);
      }
    }
  }

  private rgbOf(color: string): [number, number, number] {
    let rgb = this.rgbs.get(color);
    if (!rgb) this.rgbs.set(color, (rgb = parseColor(color)));
    return rgb;
  }

  /** Puts the buffer on `ctx`'s canvas (replacing its pixels: call it first). */
  put(ctx: CanvasRenderingContext2D): void {
    if (this.image) ctx.putImageData(this.image, 0, 0);
  }
}

/**
 * A sprite pixel (`s`, a word: A B G R from the high byte) over pixel `q` of the buffer:
 * copied when opaque or over nothing, else blended (source over, not premultiplied).
 */
function stampPixel(s: number, words: Uint32Array, q: number): void {
  const sa = s >>> 24;
  const d = words[q]!;
  const da = d >>> 24;
  if (sa === 255 || da === 0) {
    words[q] = s;
    return;
  }
  if (da === 255) {
    // Over an opaque pixel (a mark's body, most edges zoomed out): it stays opaque, and each
    // channel is the same rounded weighted mean, in integers (checked equal for every input).
    const ia = 255 - sa;
    const r = div255((s & 255) * sa + (d & 255) * ia);
    const g = div255(((s >>> 8) & 255) * sa + ((d >>> 8) & 255) * ia);
    const b = div255(((s >>> 16) & 255) * sa + ((d >>> 16) & 255) * ia);
    words[q] = (0xff000000 | (b << 16) | (g << 8) | r) >>> 0;
    return;
  }
  // Weights of the source and of what is under it, times 255 * 255.
  const sw = sa * 255;
  const dw = da * (255 - sa);
  const ow = sw + dw;
  const inv = 1 / ow;
  const r = ((s & 255) * sw + (d & 255) * dw) * inv + 0.5;
  const g = (((s >>> 8) & 255) * sw + ((d >>> 8) & 255) * dw) * inv + 0.5;
  const b = (((s >>> 16) & 255) * sw + ((d >>> 16) & 255) * dw) * inv + 0.5;
  words[q] = ((div255(ow) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * One colour (a word) laid over pixels of the buffer one by one, each run of equal pixels
 * blended once: under a rectangle or a line lie gap bands, whole columns of one value.
 */
class Over {
  private under = -1;
  private result = 0;
  private word = 0;
  private words: Uint32Array = new Uint32Array(0);

  /** Starts laying `word` over `words` (one instance serves every call: see {@link PixelLayer.rects}). */
  begin(word: number, words: Uint32Array): this {
    this.word = word;
    this.words = words;
    this.under = -1;
    return this;
  }

  at(q: number): void {
    const words = this.words;
    if (words[q] === this.under) {
      words[q] = this.result;
      return;
    }
    this.under = words[q]!;
    stampPixel(this.word, words, q);
    this.result = words[q]!;
  }
}

const OVER = new Over();

/**
 * A position in device px rounded to a whole pixel, halves up, as `Math.round` does, but
 * never -0: `Math.round` gives -0 just left of the canvas, and a -0 where the optimised code
 * had only seen integers (every position is whole at pixel ratio 1) throws that code away in
 * the middle of a zoom ('minus zero', then arrays of integers turned to doubles).
 */
function roundPx(v: number): number {
  return Math.floor(v + 0.5);
}

/** `x / 255` rounded, for `x` in [0, 255 * 255]. */
function div255(x: number): number {
  return ((x + 128) * 257) >>> 16;
}

/**
 * Scratch shared by every timeline on the page (drawing is synchronous, one canvas at a
 * time): the sprites of marks (keyed by colour) and the pixel buffer they are stamped
 * into. A new timeline then allocates no canvases but its own three.
 */
export const SPRITES = new SpriteCache();
export const LAYER = new PixelLayer(SPRITES);
