/**
 * Waits until `ok()` holds, checking every 20 ms, for what happens in its own time (a
 * fetch, a worker). Counts its checks rather than reading the clock: it is a deadline for
 * a stuck test, never a measure of speed (that is `npm run bench`'s job).
 */
export async function until(ok: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  for (let waited = 0; !(await ok()); waited += 20) {
    if (waited >= ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
