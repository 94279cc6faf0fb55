// Storybook reads the element API (attributes, properties, events, slots, CSS parts and custom
// properties) from custom-elements.json, the file `npm run manifest` writes from the elements'
// JSDoc. This Vite plugin serves it as `virtual:custom-elements-manifest`, so no one has to run
// the analyzer first: it runs it when the file is missing or older than an element source
// (dev and build alike), and in dev again whenever an element source or src/events.ts changes.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifestFile = join(root, 'custom-elements.json');
const configFile = join(root, 'custom-elements-manifest.config.mjs');
const cli = join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js');
const ID = 'virtual:custom-elements-manifest';
const RESOLVED = `\0${ID}`;

/** Files the manifest is made from: the element modules, src/events.ts, and the analyzer config. */
const isSource = (file: string): boolean => {
  const rel = relative(root, file).split(sep).join('/');
  return (rel.startsWith('src/elements/') && rel.endsWith('.ts') && !rel.endsWith('.test.ts')) || rel === 'src/events.ts' || rel === 'custom-elements-manifest.config.mjs';
};

function sources(dir = join(root, 'src/elements')): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (isSource(path)) out.push(path);
  }
  return out;
}

const isStale = (): boolean => {
  if (!existsSync(manifestFile)) return true;
  const made = statSync(manifestFile).mtimeMs;
  return [...sources(), join(root, 'src/events.ts'), configFile].some((f) => existsSync(f) && statSync(f).mtimeMs > made);
};

const analyze = (): Promise<void> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [cli, 'analyze', '--config', configFile], { cwd: root }, (error, _stdout, stderr) =>
      error ? reject(new Error(`custom-elements-manifest analyze failed: ${stderr || error.message}`)) : resolve(),
    );
  });

interface Member {
  name: string;
  kind?: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  default?: string;
}
interface Declaration {
  customElement?: boolean;
  members?: Member[];
  [list: string]: unknown;
}
interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

/** A default that is code (`new ZoomController(this, {…})`), not a value a reader can use. */
const isCode = (text: string): boolean => text.length > 40 || /=>|\n|\bnew\b|\bthis\b/.test(text);

/**
 * The manifest as Storybook should show it: the public API only. The analyzer lists private
 * and protected members and static fields too (Lit's `styles`, the events' `eventName`), and
 * Storybook would make a row, and a control, of each; it also gives a controller field's
 * initialiser as its "default".
 */
function publicApi(manifest: Manifest): Manifest {
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.members) continue;
      d.members = d.members.filter((m) => !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#'));
      for (const m of d.members) if (m.default !== undefined && isCode(m.default)) delete m.default;
      // Storybook shows descriptions as Markdown: a JSDoc `{@link SessionSelectEvent}` as code.
      for (const list of ['members', 'attributes', 'events', 'slots', 'cssParts', 'cssProperties']) {
        for (const item of (d[list] as { description?: string }[] | undefined) ?? []) {
          if (item.description) item.description = item.description.replace(/\{@link\s+([^}\s]+)\s*\}/g, '`$1`');
        }
      }
    }
  }
  return manifest;
}

export function customElementsManifest(): Plugin {
  let pending: Promise<void> | undefined;
  const refresh = (force: boolean): Promise<void> => (pending ??= (force || isStale() ? analyze() : Promise.resolve()).finally(() => (pending = undefined)));
  return {
    name: 'session-kit-custom-elements-manifest',
    async buildStart() {
      await refresh(false);
    },
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      await pending;
      this.addWatchFile(manifestFile);
      return `export default ${JSON.stringify(publicApi(JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest))};`;
    },
    configureServer(server: ViteDevServer) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      server.watcher.on('change', (file) => {
        if (!isSource(file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          refresh(true).then(
            () => {
              const mod = server.moduleGraph.getModuleById(RESOLVED);
              if (mod) server.moduleGraph.invalidateModule(mod);
              server.ws.send({ type: 'full-reload' });
            },
            (e: unknown) => server.config.logger.error(String(e)),
          );
        }, 300);
      });
    },
  };
}
