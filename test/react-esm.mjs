// A web-test-runner plugin that serves React as ES modules. React 19 ships CommonJS only, which
// a browser cannot import; test/react.test.ts (and src/react.ts through it) import `react` and
// `react-dom/client`. esbuild bundles React once (development build, one copy shared by every
// specifier), and each specifier gets a small module re-exporting its names.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPECIFIERS = { react: 'React', 'react/jsx-runtime': 'JSXRuntime', 'react-dom': 'ReactDOM', 'react-dom/client': 'ReactDOMClient' };
const PREFIX = '/__react-esm/';
const identifier = /^[A-Za-z_$][\w$]*$/;

let shared;
const sharedBundle = () =>
  (shared ??= build({
    stdin: {
      contents: Object.entries(SPECIFIERS)
        .map(([spec, name]) => `import * as ${name} from ${JSON.stringify(spec)}; export { ${name} };`)
        .join('\n'),
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"development"' },
  }).then((r) => r.outputFiles[0].text));

/**
 * The names CommonJS `require(spec)` exports, read in a child process: React's development
 * build touches `console` when it loads, which must not happen inside the runner's own console.
 */
const exportNames = (spec) =>
  JSON.parse(execFileSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(spec)}))))`], { cwd: root, encoding: 'utf8' }));

/** `export const { a, b } = React;` for the names `require(spec)` has, and its default. */
function facade(spec) {
  const name = SPECIFIERS[spec];
  const names = exportNames(spec).filter((k) => k !== 'default' && identifier.test(k));
  return `import { ${name} as m } from '${PREFIX}shared.js';
export default m.default ?? m;
export const { ${names.join(', ')} } = m;
`;
}

export function reactEsm() {
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (source in SPECIFIERS) return `${PREFIX}${source}.js`;
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return undefined;
      const spec = context.path.slice(PREFIX.length).replace(/\.js$/, '');
      if (spec === 'shared') return { body: await sharedBundle(), type: 'js' };
      if (spec in SPECIFIERS) return { body: facade(spec), type: 'js' };
      return undefined;
    },
  };
}
