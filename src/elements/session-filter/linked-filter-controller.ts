/**
 * Links a filter element to the views it filters, by id (`for="rows timeline"`), without
 * glue code: after every change of the filter it assigns a fresh matcher to each linked
 * element's `filter` property, so Lit sees a new value and redraws. A view added to the page
 * later (or given its id later) gets the current filter as it appears: while the host is
 * connected and names ids, a `MutationObserver` watches its root for them.
 *
 * @packageDocumentation
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Session } from '../../core/index.js';
import type { FilterIndex } from '../../core/filter/index.js';
import type { SessionFilter } from '../../render/rows.js';

/** An element with a `filter` property (`<stitched-sessions>`, `<session-timeline>`…). */
interface Filterable extends Element {
  filter: SessionFilter | null | undefined;
}

const keyOf = (s: Session): string => `${s.deviceId}\u0000${s.id}\u0000${s.start}`;
const keyMaps = new WeakMap<FilterIndex, Map<string, number>>();

/**
 * A matcher for the index's current filter, with the index's `version`. A session object
 * from another derivation of the same events (a view given `.events` of its own) is found by
 * its device, id and start, so linked views need not share one model object.
 */
export function linkedMatcher(index: FilterIndex): { matches(s: Session): boolean; readonly version: number } {
  return {
    version: index.version,
    matches(s: Session): boolean {
      if (index.matches(s)) return true;
      let keys = keyMaps.get(index);
      if (keys === undefined) {
        keys = new Map(index.sessions.map((x, i) => [keyOf(x), i]));
        keyMaps.set(index, keys);
      }
      const i = keys.get(keyOf(s));
      return i !== undefined && index.matchesAt(i);
    },
  };
}

/** True when the filter keeps everything: no dimension filter and no text. */
function isEmpty(index: FilterIndex): boolean {
  const v = index.value;
  return !v.text && Object.keys(v.dimensions ?? {}).length === 0;
}

export class LinkedFilterController implements ReactiveController {
  private linked = new Set<Filterable>();
  private applied: { index: FilterIndex; version: number; ids: string } | undefined;
  private observer: MutationObserver | undefined;
  private observed: Node | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly ids: () => string | undefined,
    private readonly index: () => FilterIndex | undefined,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.applied = undefined;
    this.observe();
  }

  hostDisconnected(): void {
    this.unlink(this.linked);
    this.observer?.disconnect();
    this.observed = undefined;
  }

  /** After each update: applies the filter when it, or the `for` list, changed. */
  hostUpdated(): void {
    this.apply();
    this.observe();
  }

  /** Watches the host's root for the named ids coming and going (only while there are ids). */
  private observe(): void {
    const root = this.host.isConnected && (this.ids() ?? '').trim() !== '' ? this.host.getRootNode() : undefined;
    if (root === this.observed) return;
    this.observer?.disconnect();
    this.observed = root;
    if (!root) return;
    this.observer ??= new MutationObserver(() => this.relink());
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
  }

  /** After DOM changes: links the views that appeared, unlinks those that went. */
  private relink(): void {
    const targets = this.targets;
    if (targets.length === this.linked.size && targets.every((el) => this.linked.has(el))) return;
    this.apply(true);
  }

  /** The linked elements found now (ids in the host's root: the document or a shadow root). */
  get targets(): Filterable[] {
    const root = this.host.getRootNode() as Document | ShadowRoot;
    if (typeof root.getElementById !== 'function') return [];
    const ids = (this.ids() ?? '').split(/\s+/).filter(Boolean);
    const found: Filterable[] = [];
    for (const id of ids) {
      const el: Element | null = root.getElementById(id);
      if (el !== null && el !== (this.host as Element) && 'filter' in el) found.push(el as Filterable);
    }
    return found;
  }

  /** Assigns the current filter to the linked elements (a no-op when nothing changed). */
  apply(force = false): void {
    const index = this.index();
    const ids = this.ids() ?? '';
    if (!force && this.applied && this.applied.index === index && this.applied.version === index?.version && this.applied.ids === ids) return;
    this.applied = index ? { index, version: index.version, ids } : undefined;
    const targets = this.targets;
    this.unlink([...this.linked].filter((el) => !targets.includes(el)));
    const filter = index && !isEmpty(index) ? linkedMatcher(index) : null;
    for (const el of targets) {
      el.filter = filter;
      this.linked.add(el);
    }
  }

  private unlink(els: Iterable<Filterable>): void {
    for (const el of [...els]) {
      el.filter = null;
      this.linked.delete(el);
    }
  }
}
