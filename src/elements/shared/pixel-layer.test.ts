import { expect } from 'chai';
import { PixelLayer, Rects, SPRITES, type MakeMark } from './pixel-layer.js';

const circle: MakeMark = (p, r) => {
  p.moveTo(r, 0);
  p.arc(0, 0, r, 0, Math.PI * 2);
};
const diamond: MakeMark = (p, r) => {
  p.moveTo(0, -r);
  p.lineTo(r, 0);
  p.lineTo(0, r);
  p.lineTo(-r, 0);
  p.closePath();
};

/** The canvas's pixels after `draw`, as RGBA bytes. */
function pixels(width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void): Uint8ClampedArray {
  const canvas = Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  draw(ctx);
  return ctx.getImageData(0, 0, width, height).data;
}

/** The largest difference of any channel of any pixel, weighting colour by alpha (colour under alpha 0 is meaningless). */
function maxDifference(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 4) {
    const alpha = Math.min(a[i + 3]!, b[i + 3]!) / 255;
    for (let c = 0; c < 3; c++) max = Math.max(max, Math.abs(a[i + c]! - b[i + c]!) * alpha);
    max = Math.max(max, Math.abs(a[i + 3]! - b[i + 3]!));
  }
  return max;
}

describe('PixelLayer', () => {
  const W = 64;
  const H = 24;
  beforeEach(() => SPRITES.reset(1));

  it('composites overlapping marks, rectangles and a translucent background as the canvas draws them (source over)', () => {
    const layer = new PixelLayer(SPRITES);
    layer.begin(W, H);
    // A translucent band under everything, as the compressed gaps are.
    layer.background([{ x0: 10.5, x1: 40.25 }], '#336699');
    const fill = layer.kind('f|#c0392b', 'circle', circle);
    const other = layer.kind('f|rgb(20, 160, 90)', 'diamond', diamond);
    const marks: [typeof fill, number, number][] = [
      [fill, 12, 12],
      [fill, 14, 12], // over the first: edges over edges of the same colour
      [other, 17, 11], // another colour over both
      [fill, 36, 12], // over the band's partly covered column
      [fill, 60, 12], // partly outside the right edge
    ];
    for (const [kind, x, y] of marks) layer.add(kind, 5, x, y);
    const rects = new Rects(1);
    rects.add('#8e44ad', 0.65, 20, 2, 10, 6);
    rects.add('#8e44ad', 0.65, 30, 2, 5, 6); // abuts the previous one: merged
    rects.add('#f39c12', 0.9, 25, 4, 30, 4);
    rects.stamp(layer);
    const ours = pixels(W, H, (ctx) => layer.put(ctx));

    const reference = pixels(W, H, (ctx) => {
      // The band: a rectangle with fractional edges (the canvas covers those columns partly).
      ctx.fillStyle = '#336699';
      ctx.fillRect(10.5, 0, 29.75, H);
      // Each mark as the sprite cache renders it (a tile, shape centred on a pixel corner),
      // so that only the compositing is compared, not two rasterisations of a circle.
      for (const [kind, x, y] of marks) {
        const half = Math.ceil(5 + 2.5);
        const tile = Object.assign(document.createElement('canvas'), { width: 2 * half, height: 2 * half });
        const t = tile.getContext('2d')!;
        t.setTransform(1, 0, 0, 1, half, half);
        const p = new Path2D();
        kind.make(p, 5);
        t.fillStyle = kind.style.split('|')[1]!;
        t.fill(p);
        ctx.drawImage(tile, x - half, y - half);
      }
      ctx.globalAlpha = 0.65;
      ctx.fillStyle = '#8e44ad';
      ctx.fillRect(20, 2, 15, 6);
      ctx.globalAlpha = 0.9;
      ctx.fillStyle = '#f39c12';
      ctx.fillRect(25, 4, 30, 4);
    });
    // Compositing in script may round differently from the canvas by a unit or two per
    // channel, no more.
    expect(maxDifference(ours, reference)).to.be.at.most(3);
    // And something was drawn: inside the first mark (and out of the diamond), its colour, opaque.
    const centre = (12 * W + 10) * 4;
    expect([...ours.slice(centre, centre + 4)]).to.deep.equal([0xc0, 0x39, 0x2b, 255]);
  });

  it('draws dashed lines over the background, blending the covered part of a pixel', () => {
    const layer = new PixelLayer(SPRITES);
    layer.begin(W, H);
    layer.background([{ x0: 0, x1: 32 }], '#ffffff');
    layer.dashedLine(8.5, '#000000', 2, 3); // exactly one pixel column: opaque black dashes
    layer.dashedLine(20, '#000000', 2, 3); // straddles two columns: half each
    const ours = pixels(W, H, (ctx) => layer.put(ctx));
    const at = (x: number, y: number): number[] => [...ours.slice((y * W + x) * 4, (y * W + x) * 4 + 4)];
    expect(at(8, 0)).to.deep.equal([0, 0, 0, 255]);
    expect(at(8, 1)).to.deep.equal([0, 0, 0, 255]);
    expect(at(8, 2)).to.deep.equal([255, 255, 255, 255]); // a gap of the dash
    expect(at(8, 5)).to.deep.equal([0, 0, 0, 255]); // the next dash
    for (const x of [19, 20]) {
      const [r, g, b, a] = at(x, 0);
      expect(a).to.equal(255);
      expect(r).to.be.within(126, 129);
      expect(g).to.equal(r);
      expect(b).to.equal(r);
    }
    expect(at(40, 0)[3]).to.equal(0); // past the band: nothing
  });
});
