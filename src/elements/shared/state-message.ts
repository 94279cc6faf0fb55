/**
 * The states an element can be in besides showing data (loading, empty, error), in words,
 * and the summary of dropped input items.
 *
 * @packageDocumentation
 */
import { css, html, type TemplateResult } from 'lit';
import type { Diagnostic, DiagnosticCode, SessionStats } from '../../core/types.js';
import { formatCount } from '../../render/format.js';

export type StateKind = 'loading' | 'empty' | 'error';

/** A state message: a heading and an optional detail line, announced appropriately. */
export function stateMessage(kind: StateKind, title: string, detail?: string): TemplateResult {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class="state state-${kind}" part="state" role=${role} aria-live=${kind === 'error' ? 'assertive' : 'polite'}>
    <span class="state-icon" aria-hidden="true">${kind === 'loading' ? '◌' : kind === 'error' ? '⚠' : '∅'}</span>
    <div>
      <p class="state-title">${title}</p>
      ${detail ? html`<p class="state-detail">${detail}</p>` : null}
    </div>
  </div>`;
}

/** Styles of {@link stateMessage}; read private tokens `--_muted`, `--_end-crash`, `--_surface`. */
export const stateStyles = css`
  .state {
    display: flex;
    gap: 0.75rem;
    align-items: flex-start;
    padding: 1.25rem 1rem;
    border-radius: 6px;
    background: var(--_surface);
    color: var(--_text);
  }
  .state p {
    margin: 0;
  }
  .state-icon {
    font-size: 1.4rem;
    line-height: 1;
    color: var(--_muted);
  }
  .state-loading .state-icon {
    animation: spin 1.2s linear infinite;
  }
  .state-error .state-icon {
    color: var(--_end-crash);
  }
  .state-title {
    font-weight: 600;
  }
  .state-detail {
    color: var(--_muted);
    margin-top: 0.25rem !important;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .state-loading .state-icon {
      animation: none;
    }
  }
`;

/** An error in words: its message, or the thrown value as text. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const CODE_WORDS: Readonly<Record<DiagnosticCode, readonly [string, string]>> = {
  'not-an-object': ['item that is not an object', 'items that are not objects'],
  'invalid-timestamp': ['invalid timestamp', 'invalid timestamps'],
  'missing-type': ['missing type', 'missing types'],
  'duplicate-id': ['duplicate id', 'duplicate ids'],
};

/**
 * `"3 of 1,204 events were dropped: 2 invalid timestamps, 1 duplicate id"`, or `undefined`
 * when nothing was dropped.
 */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[], stats: Pick<SessionStats, 'input' | 'dropped'>): string | undefined {
  if (stats.dropped === 0) return undefined;
  const counts = new Map<DiagnosticCode, number>();
  for (const d of diagnostics) counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  const parts = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => `${formatCount(n)} ${CODE_WORDS[code]?.[n === 1 ? 0 : 1] ?? code}`);
  const verb = stats.dropped === 1 ? 'was' : 'were';
  return `${formatCount(stats.dropped)} of ${formatCount(stats.input)} events ${verb} dropped: ${parts.join(', ')}`;
}
