/**
 * The horizontal part of d3-zoom's `ZoomTransform` (ISC, Mike Bostock): scale `k` and
 * translation `x`, applied as `x' = x * k + tx`. It is ported rather than imported because
 * `import { ZoomTransform } from 'd3-zoom'` also brings d3-transition, whose side effects
 * keep d3-selection, -color, -interpolate, -timer and -ease in every consumer's bundle
 * (about 14 KB gzipped) for a class of a few lines. Same names and semantics as d3's, so
 * code and docs written against d3-zoom read the same.
 *
 * @packageDocumentation
 */

/** A continuous scale that can be rescaled (any d3 scale with `copy`, `domain`, `range`, `invert`). */
interface Rescalable<S> {
  copy(): S;
  range(): number[];
  invert(x: number): number | Date;
  domain(d: (number | Date)[]): S;
}

/** An immutable zoom transform: scale `k`, translation `x` (and `y`, always 0 here). */
export class ZoomTransform {
  constructor(
    readonly k: number,
    readonly x: number,
    readonly y: number,
  ) {}

  /** Screen position of base-scale position `x`. */
  applyX(x: number): number {
    return x * this.k + this.x;
  }

  /** Base-scale position shown at screen position `x`. */
  invertX(x: number): number {
    return (x - this.x) / this.k;
  }

  /** Zooms by `k` around the origin. */
  scale(k: number): ZoomTransform {
    return k === 1 ? this : new ZoomTransform(this.k * k, this.x, this.y);
  }

  /** Moves by `x` base-scale px. */
  translate(x: number, y: number): ZoomTransform {
    return x === 0 && y === 0 ? this : new ZoomTransform(this.k, this.x + this.k * x, this.y + this.k * y);
  }

  /** A copy of `scale` whose domain is what this transform shows of its range. */
  rescaleX<S extends Rescalable<S>>(scale: S): S {
    return scale.copy().domain(scale.range().map((r) => this.invertX(r)).map((r) => scale.invert(r)));
  }

  toString(): string {
    return `translate(${this.x},${this.y}) scale(${this.k})`;
  }
}

/** The identity transform. */
export const zoomIdentity = new ZoomTransform(1, 0, 0);
