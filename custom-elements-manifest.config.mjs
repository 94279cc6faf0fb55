// `npm run manifest` writes custom-elements.json (named by package.json's `customElements`)
// from the JSDoc and Lit decorators of the elements (`--litelement` is `litelement: true`).
// Only the element modules and their event classes are analysed: the core and the render
// helpers have no custom elements.
export default {
  globs: [
    'src/elements/session-timeline/session-timeline.ts',
    'src/elements/stitched-sessions/stitched-sessions.ts',
    'src/elements/session-filter/session-filter.ts',
    'src/elements/session-data/session-data.ts',
    'src/events.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [eventTypes(), expandAlsoProperties()],
};

/**
 * `@fires session-select - {@link SessionSelectEvent} ...` gives a named event without a type,
 * and `this.dispatchEvent(new SessionSelectEvent(...))` an event with a type but no name. The
 * event classes carry their name (`static readonly eventName = 'session-select'`): type the
 * named events with their class and drop the nameless duplicates.
 */
function eventTypes() {
  return {
    name: 'session-kit-event-types',
    packageLinkPhase({ customElementsManifest: manifest }) {
      const classOf = new Map(); // 'session-select' -> { name, module }
      for (const mod of manifest.modules) {
        for (const d of mod.declarations ?? []) {
          const field = d.kind === 'class' && d.members?.find((m) => m.static && m.name === 'eventName');
          if (field?.default) classOf.set(field.default.replace(/^['"]|['"]$/g, ''), { name: d.name, module: mod.path });
        }
      }
      for (const mod of manifest.modules) {
        for (const d of mod.declarations ?? []) {
          if (!d.customElement || !d.events) continue;
          for (const e of d.events) {
            const cls = e.name && classOf.get(e.name);
            if (cls && !e.type) e.type = { text: cls.name, references: [{ name: cls.name, package: 'session-kit', module: cls.module }] };
          }
          d.events = d.events.filter((e) => e.name);
        }
      }
    },
  };
}

/**
 * The elements document families of custom properties on one line:
 * `@cssproperty --session-timeline-color-log-warning - Warning logs (also \`-log-error\`).`
 * Each sibling in "(also ...)" is a public property of its own: list it as one, pointing at
 * the documented one, replacing the last dash-separated word of the documented name.
 */
function expandAlsoProperties() {
  return {
    name: 'session-kit-expand-also-properties',
    packageLinkPhase({ customElementsManifest: manifest }) {
      for (const mod of manifest.modules) {
        for (const d of mod.declarations ?? []) {
          if (!d.customElement || !d.cssProperties) continue;
          const out = [];
          const seen = new Set(d.cssProperties.map((p) => p.name));
          for (const p of d.cssProperties) {
            out.push(p);
            const also = /\s*\(also ([^)]*)\)\.?$/.exec(p.description ?? '');
            if (!also) continue;
            for (const [, suffix] of also[1].matchAll(/`(-[a-z0-9-]+)`/g)) {
              // `--session-timeline-color-log-warning` + `-log-error`: the suffix replaces as many
              // trailing words as it has.
              const words = suffix.slice(1).split('-').length;
              const name = p.name.split('-').slice(0, -words).join('-') + suffix;
              if (seen.has(name)) continue;
              seen.add(name);
              out.push({ name, description: `Listed with \`${p.name}\`: ${p.description}` });
            }
          }
          d.cssProperties = out;
        }
      }
    },
  };
}
