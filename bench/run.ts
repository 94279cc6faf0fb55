/**
 * `npm run bench [-- suite ...]`: runs each benchmark suite in its own Node process (so one
 * suite's heap never weighs on the next) and lets it print its table. Suites are the
 * `bench/<name>.bench.ts` files; with no argument every suite runs.
 * Figures go in BENCHMARKS.md with the command that produced them.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = args.filter((a) => !all.includes(a));
if (unknown.length) {
  console.error(`unknown benchmark suite ${unknown.join(', ')}; suites: ${all.join(', ')}`);
  process.exit(2);
}
const quick = process.argv.includes('--quick');
let failed = 0;
for (const suite of args.length ? args : all) {
  console.log(`\n## ${suite}\n`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', '--max-old-space-size=20000', join(here, `${suite}.bench.ts`), ...(quick ? ['--quick'] : [])],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
