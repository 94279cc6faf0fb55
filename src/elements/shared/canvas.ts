/**
 * Canvas helpers shared by every element: a backing store sized for the device pixel ratio,
 * and the marks that must read the same everywhere (shapes of crashes, ANRs, OOMs and
 * abnormal ends, so meaning never rests on colour alone).
 *
 * @packageDocumentation
 */
import type { EndReason } from '../../core/types.js';

/**
 * Sizes `canvas`'s backing store to `width` x `height` CSS px times `devicePixelRatio`,
 * clears it and returns a context that draws in CSS px (or `null` without 2-D support).
 */
export function prepareCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = globalThis.devicePixelRatio || 1;
  const bw = Math.max(1, Math.round(width * dpr));
  const bh = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== bw || canvas.height !== bh) {
    canvas.width = bw;
    canvas.height = bh;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

export function circle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.fill();
}

export function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, fill = true): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  if (fill) ctx.fill();
  else ctx.stroke();
}

export function triangle(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, up: boolean, fill = true): void {
  ctx.beginPath();
  const d = up ? -1 : 1;
  ctx.moveTo(x, y + d * r);
  ctx.lineTo(x + r, y - d * r * 0.8);
  ctx.lineTo(x - r, y - d * r * 0.8);
  ctx.closePath();
  if (fill) ctx.fill();
  else {
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.lineWidth = 1;
  }
}

/** End reasons that have a mark of their own on a canvas. */
export type MarkedEnd = Extract<EndReason, 'crash' | 'anr' | 'oom' | 'abnormal'>;

/**
 * The mark of a crash (✕), an ANR (‖), an OOM (◆) or an abnormal end (?) centred at
 * `(x, y)`, in the current fill / stroke colour. `size` 1 is the timeline's crash lane
 * (about 14 px tall); smaller rows pass less.
 */
export function drawEndGlyph(ctx: CanvasRenderingContext2D, reason: MarkedEnd, x: number, y: number, size = 1): void {
  switch (reason) {
    case 'anr':
      ctx.fillRect(x - 5 * size, y - 7 * size, 3.5 * size, 14 * size);
      ctx.fillRect(x + 1.5 * size, y - 7 * size, 3.5 * size, 14 * size);
      break;
    case 'oom':
      diamond(ctx, x, y, 8 * size);
      break;
    case 'abnormal': {
      ctx.save();
      ctx.font = `bold ${Math.round(16 * size)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText('?', x, y + 0.5);
      ctx.restore();
      break;
    }
    default: {
      const r = 6 * size;
      ctx.save();
      ctx.lineWidth = 3.5 * size;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
      ctx.stroke();
      ctx.restore();
    }
  }
}
