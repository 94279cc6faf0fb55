#!/usr/bin/env node
// `npm run test:pack` (after `npm run build`): what a user installs, used as a user would.
//
// 1. `npm pack` the package and check the tarball's files (dist, types, custom-elements.json;
//    no sources or tests);
// 2. install the tarball into a scratch directory (`--prefer-offline`: Lit and D3 come from
//    the npm cache when they are there);
// 3. type-check a small TypeScript file against the installed package (`HTMLElementTagNameMap`,
//    typed events, every entry's types);
// 4. serve the scratch directory and open, in headless Chromium, a plain page whose
//    `<script type="module">` imports each entry through an import map built from the
//    installed packages' `exports` (no bundler): each element must upgrade, render text in
//    its shadow root, and the page must raise no error;
// 5. the same for the README's no-bundler quick start: the ```html block after the
//    `<!-- npm run test:pack loads this exact page` comment, saved as it is (its own import map
//    pointing into node_modules), must render its elements with no error or failed request.
//
// Prints `pack: PASS` or `pack: FAIL (...)`, and exits non-zero on failure. KEEP=1 keeps the
// scratch directory. CHROME_PATH overrides /usr/bin/chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p));
const failures = [];
const fail = (msg) => {
  failures.push(msg);
  console.error(`  FAIL ${msg}`);
};
const ok = (msg) => console.log(`  ok   ${msg}`);
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'custom-elements.json'))) {
  console.error('pack: dist/ or custom-elements.json is missing: run `npm run build` first');
  console.log('pack: FAIL (not built)');
  process.exit(1);
}
if (!chromium) {
  console.error('pack: needs Chromium: `apt-get install -y chromium` (or set CHROME_PATH)');
  console.log('pack: FAIL (no Chromium)');
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'session-kit-pack-'));
let server;
let browser;
try {
  // --- 1. pack ---------------------------------------------------------------------------
  console.log(`pack: npm pack into ${scratch}`);
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', scratch], root));
  const files = info.files.map((f) => f.path);
  const tarball = join(scratch, info.filename);
  console.log(`  ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(1)} KB packed, ${(info.unpackedSize / 1024).toFixed(1)} KB unpacked`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const wanted = ['package.json', 'README.md', 'custom-elements.json'];
  for (const entry of Object.values(pkg.exports)) {
    if (typeof entry === 'string') wanted.push(entry.replace(/^\.\//, ''));
    else for (const p of Object.values(entry)) wanted.push(p.replace(/^\.\//, ''));
  }
  const missing = [...new Set(wanted)].filter((f) => !files.includes(f));
  missing.length ? fail(`tarball lacks ${missing.join(', ')}`) : ok('tarball has every file named in exports, and custom-elements.json');
  const stray = files.filter((f) => /^(src|test|stories|bench|demo)\//.test(f) || /\.test\./.test(f) || f.startsWith('dist/types/test-support'));
  stray.length ? fail(`tarball has files users do not need: ${stray.slice(0, 5).join(', ')}`) : ok('tarball has no sources, tests or stories');

  // --- 2. install ------------------------------------------------------------------------
  const app = join(scratch, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-check-app', private: true, type: 'module' }, null, 2));
  console.log('pack: npm install the tarball (prefer offline)');
  run('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], app);
  const installed = JSON.parse(readFileSync(join(app, 'node_modules/session-kit/package.json'), 'utf8'));
  ok(`installed session-kit@${installed.version} with ${readdirSync(join(app, 'node_modules')).length} top-level packages`);
  existsSync(join(app, 'node_modules/react')) ? fail('react was installed: it must be an optional peer dependency') : ok('react not installed (optional peer)');

  // --- 3. types --------------------------------------------------------------------------
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: false, types: [] },
      files: ['check.ts'],
    }),
  );
  writeFileSync(
    join(app, 'check.ts'),
    `import { SessionTimeline, StitchedSessions, SessionFilterElement, deriveSessions as rootDerive, createFilterIndex as rootIndex } from 'session-kit';
import { deriveSessions, type SessionModel } from 'session-kit/core';
import { createFilterIndex, type FilterIndex } from 'session-kit/filter';
import 'session-kit/session-timeline';
import 'session-kit/stitched-sessions';
import 'session-kit/session-filter';

const timeline: SessionTimeline = document.createElement('session-timeline');
const stitched: StitchedSessions = document.createElement('stitched-sessions');
const filter: SessionFilterElement = document.createElement('session-filter');
const model: SessionModel = deriveSessions([]);
timeline.model = model;
timeline.deviceId = 'd1';
stitched.groupBy = 'user';
filter.model = model;
const index: FilterIndex | undefined = filter.filterIndex;
timeline.addEventListener('session-select', (e) => e.detail.session.id.toUpperCase());
timeline.addEventListener('event-select', (e) => e.detail.event.type);
stitched.addEventListener('device-select', (e) => e.detail.deviceIds.length);
// @ts-expect-error a typo in a property name is an error
timeline.deviceID = 'd1';
void [rootDerive, rootIndex, createFilterIndex, index];
`,
  );
  const tsc = join(root, 'node_modules/.bin/tsc');
  try {
    run(tsc, ['-p', join(app, 'tsconfig.json')], app);
    ok('types: elements from createElement, typed events and every non-React entry type-check (strict, no skipLibCheck)');
  } catch (e) {
    fail(`types do not check:\n${e.stdout || e.message}`);
  }

  // The React entry's types, with @types/react as a React user has it.
  run('npm', ['install', '@types/react@19', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock'], app);
  writeFileSync(
    join(app, 'react-check.ts'),
    `import { createElement } from 'react';
import { SessionTimeline, StitchedSessions, SessionFilter } from 'session-kit/react';

createElement(SessionTimeline, { deviceId: 'd1', timeZone: 'UTC', onSessionSelect: (e) => e.detail.session.id, onRangeSelect: (e) => e.detail.end - e.detail.start });
createElement(StitchedSessions, { groupBy: 'user', onDeviceSelect: (e) => e.detail.deviceIds.join(), onStitchedSelect: (e) => e.detail.stitched.id });
createElement(SessionFilter, { onFilterChange: (e) => e.currentTarget.query });
// @ts-expect-error event props are typed: a RangeSelectEvent has no session
createElement(SessionTimeline, { onRangeSelect: (e) => e.detail.session });
`,
  );
  try {
    run(tsc, ['--target', 'ES2022', '--module', 'ESNext', '--moduleResolution', 'Bundler', '--lib', 'ES2023,DOM,DOM.Iterable', '--strict', '--noEmit', '--types', 'react', join(app, 'react-check.ts')], app);
    ok('types: session-kit/react wrappers with typed on… event props type-check against @types/react');
  } catch (e) {
    fail(`session-kit/react types do not check:\n${e.stdout || e.message}`);
  }

  // --- 4. browser ------------------------------------------------------------------------
  const imports = importMap(join(app, 'node_modules'));
  writeFileSync(join(app, 'index.html'), page(imports));
  server = await serve(app);
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  browser = await puppeteer.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const tab = await browser.newPage();
  const pageErrors = [];
  tab.on('pageerror', (e) => pageErrors.push(String(e?.message ?? e)));
  tab.on('console', (m) => m.type() === 'error' && pageErrors.push(`console.error: ${m.text()}`));
  tab.on('requestfailed', (r) => pageErrors.push(`request failed: ${r.url()}`));
  tab.on('response', (r) => r.status() >= 400 && pageErrors.push(`HTTP ${r.status()}: ${r.url()}`));
  await tab.goto(url, { waitUntil: 'load' });
  await tab.waitForFunction('window.__result !== undefined', { timeout: 30000 });
  const result = await tab.evaluate('window.__result');
  if (result.error) fail(`page script threw: ${result.error}`);
  for (const el of result.elements ?? []) {
    const what = `<${el.tag}>`;
    if (!el.defined) fail(`${what} is not defined (customElements.get)`);
    else if (!el.upgraded) fail(`${what} did not upgrade`);
    else if (!el.sameClass) fail(`${what}: the class exported by 'session-kit' is not the registered one`);
    else if (!el.text) fail(`${what} rendered no text in its shadow root`);
    else ok(`${what} upgraded and rendered: "${el.text.slice(0, 70)}${el.text.length > 70 ? '…' : ''}"`);
  }
  if (result.core) ok(`session-kit/core in the page: ${result.core}`);
  if (result.filter) ok(`session-kit/filter in the page: ${result.filter}`);
  await new Promise((r) => setTimeout(r, 300)); // late errors (resize observers, frames)
  pageErrors.length ? fail(`page errors:\n    ${pageErrors.join('\n    ')}`) : ok('no page error, failed request or console error');

  // --- 5. the README's no-bundler page -----------------------------------------------------
  const quickStart = readmePage();
  if (!quickStart) fail('README.md has no no-bundler page (a ```html block after `<!-- npm run test:pack loads this exact page`)');
  else {
    writeFileSync(join(app, 'quick-start.html'), quickStart);
    const readmeTab = await browser.newPage();
    const errors = [];
    const fetched = [];
    readmeTab.on('pageerror', (e) => errors.push(String(e?.message ?? e)));
    // The browser's own /favicon.ico request is not the page's: the snippet has no icon.
    const favicon = (url) => new URL(url).pathname === '/favicon.ico';
    readmeTab.on('console', (m) => m.type() === 'error' && !favicon(m.location()?.url ?? 'http://x/') && errors.push(`console.error: ${m.text()}`));
    readmeTab.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    readmeTab.on('response', (r) => {
      if (favicon(r.url())) return;
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
      else fetched.push(new URL(r.url()).pathname);
    });
    await readmeTab.goto(`http://127.0.0.1:${server.address().port}/quick-start.html`, { waitUntil: 'load' });
    const shown = await readmeTab.evaluate(async () => {
      const tags = [...new Set([...document.querySelectorAll('*')].map((e) => e.localName).filter((t) => t.includes('-')))];
      const out = [];
      for (const tag of tags) {
        await Promise.race([customElements.whenDefined(tag), new Promise((r) => setTimeout(r, 10000))]);
        for (const el of document.querySelectorAll(tag)) {
          await el.updateComplete;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          await el.updateComplete;
          const text = (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
          out.push({ tag, defined: !!customElements.get(tag), text });
        }
      }
      return out;
    });
    await new Promise((r) => setTimeout(r, 300));
    if (shown.length === 0) fail('README page: no custom element in the page');
    for (const el of shown) {
      if (!el.defined) fail(`README page: <${el.tag}> is not defined (an import the import map does not resolve?)`);
      else if (!/7f3a/.test(el.text)) fail(`README page: <${el.tag}> does not show the sample device 7f3a: "${el.text.slice(0, 120)}"`);
      else ok(`README page: <${el.tag}> rendered: "${el.text.slice(0, 60)}…"`);
    }
    const packages = [...new Set(fetched.map((f) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter(Boolean))].sort();
    ok(`README page fetched from ${packages.length} packages: ${packages.join(', ')}`);
    errors.length ? fail(`README page errors:\n    ${errors.join('\n    ')}`) : ok('README page: no page error, failed request or console error');
  }
} catch (e) {
  fail(`pack check crashed: ${e.stack || e}`);
} finally {
  await browser?.close();
  server?.close();
  if (process.env.KEEP) console.log(`pack: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

if (failures.length) {
  console.log(`pack: FAIL (${failures.length} problem${failures.length > 1 ? 's' : ''})`);
  process.exit(1);
}
console.log("pack: PASS (packed, installed, type-checked; the elements render from a plain module page and from the README's no-bundler page)");

// --- helpers -------------------------------------------------------------------------------

/** The README's no-bundler page: the ```html block after its `npm run test:pack` comment. */
function readmePage() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf('<!-- npm run test:pack loads this exact page');
  if (at < 0) return undefined;
  return /```html\n([\s\S]*?)\n```/.exec(readme.slice(at))?.[1];
}

/** The page: an import map, then one module script that uses every entry. */
function page(imports) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>session-kit pack check</title>
<link rel="icon" href="data:,">
<script type="importmap">${JSON.stringify({ imports }, null, 1)}</script>
</head>
<body>
<session-timeline time-zone="UTC"></session-timeline>
<stitched-sessions time-zone="UTC"></stitched-sessions>
<session-filter for="stitched"></session-filter>
<script type="module">
  import * as all from 'session-kit';
  import { deriveSessions } from 'session-kit/core';
  import { createFilterIndex } from 'session-kit/filter';
  import 'session-kit/session-timeline';
  import 'session-kit/stitched-sessions';
  import 'session-kit/session-filter';
  try {
    const t0 = Date.UTC(2026, 0, 5, 9);
    const events = [];
    for (const [d, device] of ['7f3a', 'b21c'].entries()) {
      const base = t0 + d * 3_600_000;
      events.push(
        { ts: base, type: 'app.launch', deviceId: device, userId: 'u' + d, processId: 'p' + d, resource: { 'app.version': '2.3.' + d, 'os.name': 'Android', country: 'DE' } },
        { ts: base + 1_500, type: 'view', deviceId: device, name: 'Home', duration: 4_200 },
        { ts: base + 3_000, type: 'network', deviceId: device, name: 'POST /api/checkout', duration: 1_200, attrs: { 'http.status_code': 500 } },
        { ts: base + 9_000, type: d ? 'app.background' : 'crash', deviceId: device, name: 'IllegalStateException' },
      );
    }
    const model = deriveSessions(events);
    const tags = { 'session-timeline': all.SessionTimeline, 'stitched-sessions': all.StitchedSessions, 'session-filter': all.SessionFilterElement };
    document.querySelector('stitched-sessions').id = 'stitched';
    for (const tag of Object.keys(tags)) document.querySelector(tag).model = model;
    const elements = [];
    for (const [tag, cls] of Object.entries(tags)) {
      const el = document.querySelector(tag);
      const ctor = customElements.get(tag);
      await customElements.whenDefined(tag);
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      await el.updateComplete;
      const text = (el.shadowRoot?.textContent ?? '').replace(/\\s+/g, ' ').trim();
      elements.push({ tag, defined: !!ctor, upgraded: !!ctor && el instanceof ctor, sameClass: ctor === cls, text });
    }
    const index = createFilterIndex(model);
    window.__result = {
      elements,
      core: model.sessions.length + ' sessions, ' + model.stitched.length + ' stitched sessions',
      filter: typeof index.matches === 'function' ? 'createFilterIndex works' : 'createFilterIndex returned ' + Object.keys(index),
    };
  } catch (e) {
    window.__result = { error: String(e && e.stack || e) };
  }
</script>
</body>
</html>
`;
}

/**
 * An import map for every package in `nodeModules`: the bare name to its browser ESM entry
 * (`exports` with the browser/import/default conditions, else `module`, else `main`), each
 * exact subpath of `exports` to its file, and `name/` to the package folder for the rest.
 */
function importMap(nodeModules) {
  const imports = {};
  const pick = (target) => {
    if (typeof target === 'string') return target;
    if (Array.isArray(target)) return target.map(pick).find(Boolean);
    if (target && typeof target === 'object') {
      for (const [cond, t] of Object.entries(target)) {
        if (['browser', 'import', 'module', 'default'].includes(cond)) {
          const r = pick(t);
          if (r) return r;
        }
      }
    }
    return undefined;
  };
  const names = [];
  for (const d of readdirSync(nodeModules)) {
    if (d.startsWith('.')) continue;
    if (d.startsWith('@')) for (const s of readdirSync(join(nodeModules, d))) names.push(`${d}/${s}`);
    else names.push(d);
  }
  for (const name of names) {
    const file = join(nodeModules, name, 'package.json');
    if (!existsSync(file)) continue;
    const p = JSON.parse(readFileSync(file, 'utf8'));
    const base = `/node_modules/${name}/`;
    imports[`${name}/`] = base;
    let main;
    const exp = p.exports;
    if (exp && (typeof exp === 'string' || Array.isArray(exp) || !Object.keys(exp).some((k) => k.startsWith('.')))) main = pick(exp);
    else if (exp) {
      main = pick(exp['.']);
      for (const [sub, target] of Object.entries(exp)) {
        if (sub === '.' || sub.includes('*') || sub.endsWith('/')) continue;
        const t = pick(target);
        if (t) imports[`${name}/${sub.slice(2)}`] = base + t.replace(/^\.\//, '');
      }
    }
    main ??= p.module ?? p.main ?? 'index.js';
    imports[name] = base + main.replace(/^\.\//, '');
  }
  return imports;
}

/** A static file server for `dir` on 127.0.0.1 (a free port). */
function serve(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.map': 'application/json', '.css': 'text/css' };
  const srv = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(dir + sep) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)));
}
