/**
 * Another revision of this repository, checked out in a temporary git worktree that shares
 * this checkout's node_modules: for the side-by-side tools (`timeline-ab.ts`,
 * `timeline-pixels.ts`), which build that revision's bench page next to this one's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root as here } from './browser.js';

export interface Revision {
  /** The short commit hash. */
  readonly commit: string;
  /** The worktree's directory. */
  readonly tree: string;
  /** Removes the worktree. */
  remove(): void;
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: here, encoding: 'utf8' }).trim();

/** Checks `revision` (anything `git rev-parse` takes) out in a temporary worktree. */
export function checkout(revision: string): Revision {
  const commit = git('rev-parse', '--short', revision);
  const tree = mkdtempSync(join(tmpdir(), 'session-kit-rev-'));
  git('worktree', 'add', '--detach', tree, commit);
  symlinkSync(join(here, 'node_modules'), join(tree, 'node_modules'));
  return {
    commit,
    tree,
    remove() {
      git('worktree', 'remove', '--force', tree);
      rmSync(tree, { recursive: true, force: true });
    },
  };
}
