// What the element stories share: the seeded data sets, a directive that sets a story's args
// as the element's properties, the custom theme and the linked dashboard. Not a stories file
// (Storybook loads only *.stories.ts).
import { html, nothing, type TemplateResult } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';
import { deriveSessions } from '../src/core/index.js';
import type { SessionModel } from '../src/core/types.js';
import { generateEvents } from '../src/core/sample-data.js';
import '../src/elements/session-filter/session-filter.js';
import '../src/elements/session-timeline/session-timeline.js';
import '../src/elements/stitched-sessions/stitched-sessions.js';

/** 300 phones over a week (seed 7): the data of the main stories. */
export const cohortModel: SessionModel = deriveSessions(generateEvents({ seed: 7, devices: 300, days: 7 }));

/** Devices of `model`, the one with the most events first. */
export function busiestDevices(model: SessionModel): string[] {
  const counts = new Map<string, number>();
  for (const s of model.sessions) counts.set(s.deviceId, (counts.get(s.deviceId) ?? 0) + s.events.length);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

const once = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

/** Large data, made on first use (not when the stories file loads): one device over a year, about 31,000 events. */
export const largeDeviceModel = once(() => deriveSessions(generateEvents({ seed: 7, devices: 1, days: 365 })));

/** Large data, made on first use: 2,000 devices over six hours, about 150,000 events. */
export const largeCohortModel = once(() => deriveSessions(generateEvents({ seed: 7, devices: 2000, days: 0.25 })));

/** Raw events of a few devices with 2 % bad items: dropped, and summarised by the elements. */
export const eventsWithGarbage = once(() => generateEvents({ seed: 7, devices: 4, days: 1, garbage: 0.02 }));

/** Events that are all unusable: nothing to show, and every item listed as dropped. */
export const unusableEvents: unknown[] = [null, 42, 'launch', { ts: 'yesterday', type: 'app.launch' }, { ts: 1767571200000 }];

/** NDJSON with two unreadable lines, as `<session-data src>` would fetch it (a data: URL, no server). */
export function ndjsonUrl(events: readonly unknown[], badLines = 0): string {
  const lines = events.map((e) => JSON.stringify(e));
  for (let i = 0; i < badLines; i++) lines.splice(1 + i * 2, 0, `{"ts": 17675712${i}, "type": `);
  return `data:application/x-ndjson,${encodeURIComponent(lines.join('\n'))}`;
}

/**
 * Sets a story's args on the element it is bound to, the way Storybook's web-components
 * renderer does for a story without `render`: each arg as the property of that name
 * (`deviceId`, `hiddenLanes`…); a dashed name (an attribute row of the manifest's table, e.g.
 * `device-id`) as an attribute. Undefined args are left alone, and the `on…` args Storybook
 * makes from the manifest's events are skipped: `parameters.actions.handles` logs events.
 */
class ArgsDirective extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('args() is an element directive: <tag ${args(a)}>');
  }
  render(_args: object): typeof nothing {
    return nothing;
  }
  override update(part: ElementPart, [args]: [object]): typeof nothing {
    const el = part.element as Element & Record<string, unknown>;
    for (const [key, value] of Object.entries(args) as [string, unknown][]) {
      if (value === undefined || (/^on[A-Z]/.test(key) && typeof value === 'function')) continue;
      if (key.includes('-')) {
        if (value === false || value === null || value === '') el.removeAttribute(key);
        else el.setAttribute(key, value === true ? '' : String(value));
      } else if (el[key] !== value && settable(el, key)) {
        el[key] = value;
      }
    }
    return nothing;
  }
}
export const args = directive(ArgsDirective);

/** False for a getter without a setter (`summary`, `visibleRange`…: read-only rows of the table). */
function settable(el: object, key: string): boolean {
  for (let o: object | null = el; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, key);
    if (d) return d.writable === true || d.set !== undefined;
  }
  return true;
}

/** Time zones offered by the `timeZone` control: UTC, the browser's (empty), and a few with odd offsets. */
export const TIME_ZONES = ['', 'UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Adelaide'];

/**
 * A brand theme through the public custom properties only (`--<tag>-*`), set on a wrapper and
 * inherited: violet on lavender, every pair above 4.5:1 contrast.
 */
export const customTheme = (tag: 'session-timeline' | 'stitched-sessions' | 'session-filter'): string =>
  [
    `--${tag}-font: Georgia, 'Times New Roman', serif`,
    `--${tag}-background: #faf5ff`,
    `--${tag}-surface: #f3e8ff`,
    `--${tag}-text: #2e1065`,
    `--${tag}-muted: #5b21b6`,
    `--${tag}-border: #c4b5fd`,
    `--${tag}-accent: #6d28d9`,
    ...(tag === 'session-filter' ? [`--${tag}-bar: #a78bfa`] : [`--${tag}-session-foreground: #7c3aed`, `--${tag}-session-background: #c4b5fd`]),
    ...(tag === 'session-timeline' ? [`--${tag}-color-crash: #be123c`, `--${tag}-color-network: #0e7490`] : []),
  ].join(';');

/**
 * The three views on one model, linked without glue code but one listener: the
 * filter narrows the rows and the timeline (`for`), a row opens its device in the timeline.
 * `prefix` keeps the ids apart when several dashboards share a docs page.
 */
export function linkedDashboard(prefix: string, model: SessionModel = cohortModel, timeZone = 'UTC'): TemplateResult {
  const rows = `${prefix}-rows`;
  const timeline = `${prefix}-timeline`;
  const open = (e: HTMLElementEventMap['device-select']): void => {
    const view = (e.currentTarget as HTMLElement).querySelector<HTMLElementTagNameMap['session-timeline']>(`#${timeline}`);
    if (view) view.deviceId = e.detail.deviceId;
  };
  return html`<div style="display:grid;grid-template-columns:minmax(16rem,22rem) 1fr;gap:1rem;align-items:start" @device-select=${open}>
      <session-filter for="${rows} ${timeline}" .model=${model} theme="light"></session-filter>
      <div style="display:grid;gap:1rem;min-width:0">
        <stitched-sessions id=${rows} .model=${model} time-zone=${timeZone} theme="light"></stitched-sessions>
        <session-timeline id=${timeline} .model=${model} device-id=${busiestDevices(model)[0] ?? ''} time-zone=${timeZone} theme="light"></session-timeline>
      </div>
  </div>`;
}
