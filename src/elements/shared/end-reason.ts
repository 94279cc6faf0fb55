/**
 * How end reasons read: a shape and a word for each, so meaning never rests on colour.
 *
 * @packageDocumentation
 */
import type { EndReason, StitchedEndReason } from '../../core/types.js';

/** Which colour token a badge uses (`--_end-<tone>`). */
export type BadgeTone = 'crash' | 'warning' | 'neutral';

export interface EndBadge {
  /** A shape that reads without colour. */
  readonly glyph: string;
  /** The word shown next to it. */
  readonly word: string;
  readonly tone: BadgeTone;
}

/**
 * Glyphs are from blocks that common text fonts cover (DejaVu, Liberation, Segoe UI, SF):
 * the wireframe's ⏸ and ⏹ (U+23F8, U+23F9) are missing from Linux's default fonts and drew
 * as empty boxes there, so ANR is ‖ (two bars, a pause) and a manual end □.
 */
export const END_BADGES: Readonly<Record<EndReason, EndBadge>> = {
  crash: { glyph: '✕', word: 'crash', tone: 'crash' },
  anr: { glyph: '‖', word: 'ANR', tone: 'crash' },
  oom: { glyph: '◆', word: 'OOM', tone: 'crash' },
  abnormal: { glyph: '?', word: 'abnormal', tone: 'warning' },
  background: { glyph: '▼', word: 'background', tone: 'neutral' },
  foreground: { glyph: '▲', word: 'foreground', tone: 'neutral' },
  manual: { glyph: '□', word: 'manual', tone: 'neutral' },
  user_terminated: { glyph: '■', word: 'closed', tone: 'neutral' },
  inactivity: { glyph: '◷', word: 'inactivity', tone: 'neutral' },
  max_duration: { glyph: '⇥', word: 'max duration', tone: 'neutral' },
  open: { glyph: '…', word: 'open', tone: 'neutral' },
};

/** `"✕ crash"`. */
export function endBadgeText(reason: EndReason): string {
  const b = END_BADGES[reason];
  return `${b.glyph} ${b.word}`;
}

/** How a stitched session's end reads: `"inactivity"`, `"open"`... */
export const STITCHED_END_WORDS: Readonly<Record<StitchedEndReason, string>> = {
  inactivity: 'inactivity',
  foregrounded: 'foregrounded',
  manual: 'manual',
  max_duration: 'max duration',
  open: 'open',
};
