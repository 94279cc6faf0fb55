/**
 * How `<session-timeline>` draws its lanes: each lane's events in view binned by pixel column
 * (level of detail), then drawn as marks (points stamped into a {@link PixelLayer}, spans as
 * batched rectangles) with their counts.
 *
 * @packageDocumentation
 */
import { httpStatus, severityOf, type LaneId, type LaneIndex, type PlacedLane } from '../../render/lanes.js';
import type { Bins } from '../../render/lod.js';
import { drawEndGlyph, type MarkedEnd } from '../shared/canvas.js';
import type { MakeMark, PixelLayer, SpriteKind } from '../shared/pixel-layer.js';
import { LANE_HEIGHT } from './session-timeline.styles.js';

/** The theme tokens the canvases read (`--_<token>` on the host). */
export const COLOR_TOKENS = [
  'background', 'text', 'muted', 'border', 'gap', 'match',
  'color-lifecycle', 'color-view', 'color-tap', 'color-network', 'color-network-failed', 'color-log', 'color-log-warning',
  'color-log-error', 'color-breadcrumb', 'color-span', 'color-crash', 'color-hang', 'color-custom',
  'accent', 'session-foreground', 'session-background', 'end-crash', 'end-warning', 'end-neutral',
] as const;
export type Colors = Record<(typeof COLOR_TOKENS)[number], string>;

export const LANE_COLOR: Readonly<Record<LaneId, (typeof COLOR_TOKENS)[number]>> = {
  lifecycle: 'color-lifecycle',
  views: 'color-view',
  taps: 'color-tap',
  network: 'color-network',
  logs: 'color-log',
  breadcrumbs: 'color-breadcrumb',
  spans: 'color-span',
  crashes: 'color-crash',
  custom: 'color-custom',
};

/** The text of a binned mark's count: `n`, or `12k` past 999 (texts up to 999 made once). */
function countText(n: number): string {
  if (n > 999) return `${Math.round(n / 1000)}k`;
  return (COUNT_TEXTS[n] ??= String(n));
}
const COUNT_TEXTS: string[] = [];

function pathCircle(p: Path2D, x: number, y: number, r: number): void {
  p.moveTo(x + r, y);
  p.arc(x, y, r, 0, Math.PI * 2);
}

function pathDiamond(p: Path2D, x: number, y: number, r: number): void {
  p.moveTo(x, y - r);
  p.lineTo(x + r, y);
  p.lineTo(x, y + r);
  p.lineTo(x - r, y);
  p.closePath();
}

function pathTriangle(p: Path2D, x: number, y: number, r: number, up: boolean): void {
  const d = up ? -1 : 1;
  p.moveTo(x, y + d * r);
  p.lineTo(x + r, y - d * r * 0.8);
  p.lineTo(x - r, y - d * r * 0.8);
  p.closePath();
}

/**
 * Draws a lane's marks: point marks, notches and rectangles (spans, hangs) go into `stamps`
 * (put on the canvas later, at once); what draws on the canvas itself (span labels, crash
 * glyphs) goes to `later`, run after the put; counts go to `texts`.
 */
export function drawLane(ctx: CanvasRenderingContext2D, lane: PlacedLane, index: LaneIndex, bins: Bins, c: Colors, width: number, stamps: PixelLayer, texts: LaneText[], later: (() => void)[]): void {
  // Two functions, each compiled on its own: one would be a large graph for the optimiser,
  // compiled on a second core in the middle of a page's first zoom.
  if (lane.spec.kind === 'span') drawSpans(ctx, lane, index, bins, c, width, stamps, later);
  else drawPoints(ctx, lane, index, bins, c, stamps, texts, later);
}

/** A span lane: rectangles (batched into `stamps`), notches above failed calls, labels where they fit. */
function drawSpans(ctx: CanvasRenderingContext2D, lane: PlacedLane, index: LaneIndex, bins: Bins, c: Colors, width: number, stamps: PixelLayer, later: (() => void)[]): void {
  const mid = lane.y + LANE_HEIGHT / 2;
  const id = lane.spec.id;
  const base = c[LANE_COLOR[id]];
  const events = index.events;
  const top = lane.y + 6;
  const height = LANE_HEIGHT - 12;
  const failedColor = id === 'network' ? c['color-network-failed'] : c['color-crash'];
  const rects = stamps.rects();
  const labels: { text: string; x: number; room: number }[] = [];
  const notches: number[] = [];
  const { first, count, flagged, x0: binX0, x1: binX1, length } = bins;
  for (let b = 0; b < length; b++) {
    const x0 = Math.max(-2, binX0[b]!);
    const x1 = Math.min(width + 2, Math.max(binX1[b]!, binX0[b]! + 2));
    const failed = flagged[b]! > 0;
    const color = failed ? failedColor : base;
    // Leave a hairline between consecutive spans so neighbours stay distinct.
    rects.add(color, count[b]! > 1 ? 0.65 : 0.9, x0, top, Math.max(1.5, x1 - x0 - (x1 - x0 > 4 ? 1 : 0)), height);
    if (failed) notches.push(binX0[b]!);
    const room = Math.min(x1, b + 1 < length ? binX0[b + 1]! : width) - Math.max(0, x0);
    if (count[b] === 1 && room > 36) {
      const e = events[first[b]!]!;
      const status = httpStatus(e);
      labels.push({ text: id === 'network' && status !== undefined && status >= 400 ? `${status} ${e.name ?? ''}` : (e.name ?? e.type), x: Math.max(0, x0), room });
    }
  }
  // Into the pixel buffer with the point marks: thousands of rectangles when zoomed out,
  // which the canvas would rasterise one by one at the end of the frame.
  rects.stamp(stamps);
  // Shape, not only colour: a notch above a failed call.
  if (notches.length) {
    const notch = stamps.kind(`f|${failedColor}`, 'notch', notchAt);
    for (const x of notches) stamps.add(notch, 3.5, x, lane.y + 3.5);
  }
  if (labels.length) {
    later.push(() => {
      ctx.fillStyle = c.background;
      for (const l of labels) {
        ctx.save();
        ctx.beginPath();
        ctx.rect(l.x + 3, lane.y, l.room - 6, LANE_HEIGHT);
        ctx.clip();
        ctx.fillText(l.text, l.x + 4, mid);
        ctx.restore();
      }
    });
  }
}

/** A lane of point marks (stamped from sprites), hangs as bars, crash glyphs on top, and the counts of binned marks. */
function drawPoints(ctx: CanvasRenderingContext2D, lane: PlacedLane, index: LaneIndex, bins: Bins, c: Colors, stamps: PixelLayer, texts: LaneText[], later: (() => void)[]): void {
  const mid = lane.y + LANE_HEIGHT / 2;
  const id = lane.spec.id;
  const base = c[LANE_COLOR[id]];
  const events = index.events;
  const hangs = stamps.rects();
  const glyphs: { reason: MarkedEnd; x: number }[] = [];

  // The lane's kinds of mark (their sprites are made on first use).
  const kind: LaneKinds = {
    circle: stamps.kind(`f|${base}`, 'circle', circleAt),
    square: stamps.kind(`f|${base}`, 'square', squareAt),
    launch: stamps.kind(`f|${base}`, 'up', upAt),
    foreground: stamps.kind(`s|${base}|1.5`, 'up', upAt),
    background: stamps.kind(`s|${base}|1.5`, 'down', downAt),
    crumb: stamps.kind(`s|${base}|1.5`, 'diamond', diamondAt),
    error: stamps.kind(`f|${c['color-log-error']}`, 'diamond', diamondAt),
    warning: stamps.kind(`f|${c['color-log-warning']}`, 'up', upAt),
  };
  const { first, count, flagged, x0: binX0, x1: binX1, length } = bins;
  const countY = lane.y + 7;
  for (let b = 0; b < length; b++) {
    const e = events[first[b]!]!;
    const x = binX0[b]!;
    const n = count[b]!;
    const r = Math.min(6, 3 + Math.log2(n) * 0.8);
    // The mark's kind and radius, then one stamp: a call site per kind would have the
    // optimiser copy the stamping loops into this function once for each (compiling it took
    // about 100 ms of a second core during a page's first zoom).
    let mark: SpriteKind | undefined = kind.circle;
    let radius = r;
    switch (id) {
      case 'lifecycle':
        // Launches a size up; other events than launches, foregrounds, backgrounds and ends a small dot.
        mark = lifecycleMark(kind, e.type);
        radius = mark === kind.launch ? r + 2 : mark === kind.circle ? 2 : r + 1;
        break;
      case 'logs': {
        const sev = flagged[b]! > 0 ? 'error' : severityOf(e);
        if (sev === 'error') {
          mark = kind.error;
          radius = r + 1.5;
        } else if (sev === 'warning') {
          mark = kind.warning;
          radius = r + 1;
        } else radius = r - 0.5;
        break;
      }
      case 'breadcrumbs':
        mark = kind.crumb;
        break;
      case 'crashes':
        mark = undefined;
        // Hangs as bars in the buffer; crashes, ANRs and OOMs with the shared glyphs, on top.
        if (e.type === 'hang') {
          hangs.add(c['color-hang'], 1, x, mid + 3, Math.max(2, binX1[b]! - x), 5);
          hangs.add(c['color-hang'], 1, x - 1, mid - 6, 3, 9);
        } else glyphs.push({ reason: e.type === 'anr' ? 'anr' : e.type === 'oom' ? 'oom' : 'crash', x });
        break;
      case 'custom':
        mark = kind.square;
        break;
    }
    if (mark) stamps.add(mark, radius, x, mid);
    // The count of a binned mark, where there is room for it (drawn after the marks of every lane).
    if (n > 1) {
      const text = countText(n);
      if (b + 1 === length || binX0[b + 1]! - x > text.length * 6 + 10) texts.push({ text, x: x + r + 2, y: countY });
    }
  }
  hangs.stamp(stamps);
  if (glyphs.length) {
    later.push(() => {
      ctx.fillStyle = ctx.strokeStyle = c['color-crash'];
      for (const g of glyphs) drawEndGlyph(ctx, g.reason, g.x, mid);
    });
  }
}

/** A count drawn next to a binned mark. */
export interface LaneText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

type LaneKinds = Readonly<Record<'circle' | 'square' | 'launch' | 'foreground' | 'background' | 'crumb' | 'error' | 'warning', SpriteKind>>;

/** The mark of a lifecycle event: launches filled, foreground and background outlined, ends square. */
function lifecycleMark(kind: LaneKinds, type: string): SpriteKind {
  switch (type) {
    case 'app.launch':
      return kind.launch;
    case 'app.foreground':
      return kind.foreground;
    case 'app.background':
      return kind.background;
    case 'app.terminate':
    case 'session.end':
      return kind.square;
    default:
      return kind.circle;
  }
}

const circleAt: MakeMark = (p, r) => pathCircle(p, 0, 0, r);
const diamondAt: MakeMark = (p, r) => pathDiamond(p, 0, 0, r);
const upAt: MakeMark = (p, r) => pathTriangle(p, 0, 0, r, true);
const downAt: MakeMark = (p, r) => pathTriangle(p, 0, 0, r, false);
const squareAt: MakeMark = (p, r) => p.rect(-r + 1, -r + 1, 2 * r - 2, 2 * r - 2);
/** The notch above a failed call: 7 px wide, 5 px tall, pointing down. */
const notchAt: MakeMark = (p) => {
  p.moveTo(-3.5, -2.5);
  p.lineTo(3.5, -2.5);
  p.lineTo(0, 2.5);
  p.closePath();
};