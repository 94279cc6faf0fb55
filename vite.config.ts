import { defineConfig, type Plugin } from 'vite';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

/**
 * Library entry points: output name (relative to dist/, without `.js`) -> source file.
 * A new public entry is one line here plus the matching `exports` entry in package.json,
 * e.g. `'elements/session-timeline': 'src/elements/session-timeline/session-timeline.ts'`.
 */
const entries: Record<string, string> = {
  index: 'src/index.ts',
  core: 'src/core/index.ts',
  filter: 'src/core/filter/index.ts',
  react: 'src/react.ts',
  'elements/session-timeline': 'src/elements/session-timeline/session-timeline.ts',
  'elements/stitched-sessions': 'src/elements/stitched-sessions/stitched-sessions.ts',
  'elements/session-filter': 'src/elements/session-filter/session-filter.ts',
  'elements/session-data': 'src/elements/session-data/session-data.ts',
};

// Dependencies stay bare imports in dist so the consumer's bundler dedupes them
// (two copies of Lit would register elements against two different runtimes).
// React (an optional peer dependency, for `session-kit/react` only) stays external too.
const external = /^(?:lit|@lit\/[^/]+|d3|d3-[^/]+|react|react-dom)(?:\/.*)?$/;

/**
 * The library build minifies the markup inside Lit's `html\`\`` and `css\`\`` templates (the
 * Lit team's plugin: html-minifier-next for HTML, lightningcss for CSS): the JS minifier of a
 * consumer's bundler leaves template strings as they are, indentation and all. Whitespace is
 * collapsed conservatively (a run of spaces becomes one, never none), so text such as
 * `${n} of ${total}` reads the same. Only in the library build: the demo, Storybook and the
 * tests use the sources as written.
 */
function minifyTemplates(): Plugin {
  return {
    ...(minifyHTML({
      include: ['src/**/*.ts'],
      failOnError: true,
      options: { minifyOptions: { conservativeCollapse: true, removeEmptyAttributes: false } },
    }) as unknown as Plugin),
    apply: (config, { command }) => command === 'build' && config.build?.lib !== undefined,
  };
}

// `npm start` / `npm run dev` serve index.html (the demo page, /demo/main.ts) from the
// project root; `build` below is library mode only and does not touch the demo.
export default defineConfig({
  plugins: [minifyTemplates()],
  // URLs that built JS refers to (the derive worker's file in dist/assets) are relative to
  // the chunk that uses them, not to a site root: the package is installed anywhere.
  experimental: { renderBuiltUrl: (_file, { hostType }) => (hostType === 'js' ? { relative: true } : undefined) },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Consumers minify their own bundles; readable output is easier to debug.
    minify: false,
    target: 'es2022',
    lib: {
      entry: entries,
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      external: (id) => external.test(id),
      // Code shared by several entries (index re-exports core) goes to one chunk, with its
      // export names kept readable.
      output: { chunkFileNames: 'chunks/[name]-[hash].js', minifyInternalExports: false },
    },
  },
});
