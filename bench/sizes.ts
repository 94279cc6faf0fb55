/**
 * What the Node benchmark suites share: each size is measured in a child process of the
 * suite's own file (`--size=N`), so its heap and peak RSS are its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `1,234.5`: figures as the tables print them. */
export const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * In the child (`--size=N` given), prints `measure(N)` as JSON and returns true. In the
 * parent, returns false: call {@link eachSize} then.
 */
export function runAsChild<R>(measure: (size: number) => R): boolean {
  const arg = process.argv.find((a) => a.startsWith('--size='));
  if (!arg) return false;
  process.stdout.write(JSON.stringify(measure(Number(arg.slice('--size='.length)))));
  return true;
}

/** Runs `suiteUrl` once per size in a child process and hands each row to `print`; a failed size prints a row saying so. */
export function eachSize<R>(suiteUrl: string, sizes: readonly number[], print: (row: R) => void): void {
  for (const size of sizes) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(suiteUrl), `--size=${size}`], {
      encoding: 'utf8',
      maxBuffer: 1e6,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (r.status !== 0) {
      console.log(`| ${fmt(size)} | failed (exit ${r.status ?? r.signal}) |`);
      process.exitCode = 1;
      continue;
    }
    print(JSON.parse(r.stdout) as R);
  }
}
