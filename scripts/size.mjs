#!/usr/bin/env node
// `npm run size` (after `npm run build`): bundles each published entry of dist/ as a consumer's
// bundler would — minified, with Lit and the D3 modules bundled in — gzips it (node:zlib,
// level 9) and prints a table. Exits non-zero when an entry with a budget is over it.
//
// Then it breaks the all-in-one entry down by origin (element code, filter engine, core, Lit,
// D3), to show where bytes can still be won.
//
// It also checks what package.json's `sideEffects` promises: `session-kit/core` pulls in no
// Lit, no D3 and no element code, and `import 'session-kit/session-timeline'` (no named
// import) still registers the element.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const KB = 1024;

/**
 * Entries to measure: name, dist file, budget (gzipped bytes, enforced) or none, modules left
 * external. A budget guards against regressions: it sits a little above today's size, so a
 * change that adds bytes has to raise it in a reviewed line here.
 *
 * `target` is issue 6's goal for the all-in-one entry (45 KB), printed but not enforced: the
 * dependencies alone (Lit 8 KB, the D3 modules behind d3-scale 9 KB, the filter engine 9 KB,
 * the core 5 KB) leave about 15 KB for the three elements, a third of what they weigh with
 * their features (README, "Entry points"). Reaching it means a product decision (fewer
 * features in the all-in-one entry, or scales without D3: the elements already evaluate
 * their scales with their own projections, and d3-scale only builds and inverts them), not
 * a cleanup.
 */
const entries = [
  { name: 'session-kit (all-in-one)', file: 'index.js', budget: 82 * KB, target: 45 * KB },
  { name: 'session-kit/core', file: 'core.js', budget: 8 * KB, pure: true },
  { name: 'session-kit/filter', file: 'filter.js', budget: 11.5 * KB },
  { name: 'session-kit/session-timeline', file: 'elements/session-timeline.js', budget: 54 * KB },
  { name: 'session-kit/stitched-sessions', file: 'elements/stitched-sessions.js', budget: 47 * KB },
  { name: 'session-kit/session-filter', file: 'elements/session-filter.js', budget: 35 * KB },
  { name: 'session-kit/react (without React)', file: 'react.js', budget: 82 * KB, external: ['react', 'react-dom'] },
];

if (!existsSync(join(dist, 'index.js'))) {
  console.error('size: dist/ is missing: run `npm run build` first');
  process.exit(1);
}

/** Bundles `contents` (resolved from the package root) minified; returns the code and the inputs. */
async function bundle(contents, external = []) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'size-entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    external,
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { code: result.outputFiles[0].contents, inputs: Object.keys(result.metafile.inputs), bytesIn: output.inputs };
}

/** What part of a bundle an input file is: Lit, D3, the core, the filter engine, or element code. */
function origin(input) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
  if (pkg) return /^(?:lit|lit-html|lit-element|@lit\/.*)$/.test(pkg) ? 'Lit (lit, lit-html, lit-element, @lit/*)' : /^d3-/.test(pkg) ? 'D3 (d3-scale, d3-array and what they import)' : pkg;
  if (/dist\/(?:chunks\/core-|core\.js)/.test(input)) return 'session-kit core';
  if (/dist\/(?:chunks\/filter-|filter\.js)/.test(input)) return 'session-kit filter engine';
  return 'session-kit elements (element code, render helpers, styles)';
}

const rows = [];
const problems = [];
const notes = [];
let breakdown;
for (const e of entries) {
  const path = join(dist, e.file);
  const { code, inputs, bytesIn } = await bundle(`export * from ${JSON.stringify(path)};`, e.external);
  const gz = gzipSync(code, { level: 9 }).length;
  if (e.target) {
    breakdown ??= { name: e.name, total: code.length, gz, bytesIn };
    if (gz > e.target) notes.push(`${e.name} is ${fmt(gz)} gzipped, over issue 6's target of ${fmt(e.target)} (not enforced: see the comment on \`entries\`)`);
  }
  const over = e.budget !== undefined && gz > e.budget;
  if (over) problems.push(`${e.name} is ${fmt(gz)} gzipped, over its budget of ${fmt(e.budget)}`);
  if (e.pure) {
    const foreign = inputs.filter((i) => i.includes('node_modules/') || /dist\/chunks\/(?!core-)/.test(i));
    if (foreign.length) problems.push(`${e.name} pulls in ${foreign.map((i) => relative(root, join(root, i))).join(', ')}`);
  }
  rows.push([e.name, fmt(code.length), fmt(gz), e.budget === undefined ? '' : fmt(e.budget), e.budget === undefined ? '' : over ? 'OVER' : 'ok', e.target === undefined ? '' : fmt(e.target)]);
}

// A side-effect-only import of an element entry must keep its `customElements.define`.
for (const tag of ['session-timeline', 'stitched-sessions', 'session-filter']) {
  const { code } = await bundle(`import ${JSON.stringify(join(dist, 'elements', `${tag}.js`))};`);
  const text = new TextDecoder().decode(code);
  if (!text.includes('customElements.define') || !text.includes(tag)) {
    problems.push(`import 'session-kit/${tag}' is tree-shaken away (check sideEffects in package.json)`);
  }
}

function fmt(bytes) {
  return `${(bytes / KB).toFixed(1)} KB`;
}

const head = ['entry', 'minified', 'gzipped', 'budget', '', 'target'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
console.log('(minified with esbuild, Lit and D3 bundled in; gzip level 9; 1 KB = 1024 bytes)');
for (const n of notes) console.log(`note: ${n}`);

// Where the bytes of the all-in-one entry come from (gzipped share estimated pro rata).
if (breakdown) {
  const groups = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(breakdown.bytesIn)) {
    const key = origin(input);
    groups.set(key, (groups.get(key) ?? 0) + bytesInOutput);
  }
  console.log(`\n${breakdown.name}, by origin (minified bytes; gzipped ≈ pro rata):`);
  for (const [key, bytes] of [...groups].sort((a, b) => b[1] - a[1])) {
    if (bytes < 512) continue;
    const share = bytes / breakdown.total;
    console.log(`  ${key.padEnd(60)} ${fmt(bytes).padStart(9)}  ≈${fmt(share * breakdown.gz).padStart(8)}  ${(share * 100).toFixed(0).padStart(3)} %`);
  }
}

if (problems.length) {
  for (const p of problems) console.error(`size: ${p}`);
  console.log(`size: FAIL (${problems.length} problem${problems.length > 1 ? 's' : ''})`);
  process.exit(1);
}
console.log('size: PASS');
