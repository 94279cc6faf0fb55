import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import type { ArgTypesEnhancer } from 'storybook/internal/types';
import { withActions } from 'storybook/actions/decorator';
import manifest from 'virtual:custom-elements-manifest';

// Each element's Docs page and controls come from custom-elements.json: its attributes,
// properties, events, slots, CSS parts and custom properties (with their descriptions).
setCustomElementsManifest(manifest);

interface Declaration {
  tagName?: string;
  members?: { name: string; kind?: string; readonly?: boolean }[];
}

/** `tag.member` for every read-only property (`summary`, `visibleRange`, `model` of session-data…). */
const readOnly = new Set(
  (manifest as { modules: { declarations?: Declaration[] }[] }).modules.flatMap((m) =>
    (m.declarations ?? []).flatMap((d) => (d.tagName ? (d.members ?? []).filter((x) => x.readonly).map((x) => `${d.tagName}.${x.name}`) : [])),
  ),
);

/** Rows that are documentation only: events, CSS parts and custom properties, slots. */
const DOCS_ONLY = new Set(['events', 'css shadow parts', 'css custom properties', 'slots']);

/**
 * A read-only property keeps its row in the table but gets no control (setting it would
 * throw), and neither do the rows that are not properties at all.
 */
const controlsForWritableProperties: ArgTypesEnhancer = (context) => {
  const tag = typeof context.component === 'string' ? context.component : '';
  return Object.fromEntries(
    Object.entries(context.argTypes).map(([name, argType]) => {
      const category = argType.table?.category ?? '';
      const docsOnly = readOnly.has(`${tag}.${name}`) || DOCS_ONLY.has(category);
      return [name, docsOnly ? { ...argType, control: false as const } : argType];
    }),
  );
};

const preview: Preview = {
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    // Every event the elements fire (src/events.ts, and session-filter's native input / change)
    // is logged in the Actions panel: they bubble and are composed, so one listener on the
    // story root hears them.
    actions: {
      handles: ['session-select', 'event-select', 'range-select', 'device-select', 'stitched-select', 'view-change', 'input', 'change'],
    },
    // Every story is checked with axe-core in the a11y panel; violations show as failures.
    a11y: { test: 'error' },
  },
  argTypesEnhancers: [controlsForWritableProperties],
  decorators: [withActions],
  tags: ['autodocs'],
};

export default preview;
