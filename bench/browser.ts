/**
 * Shared plumbing of the browser benchmarks (timeline, stitched): builds bench pages with
 * Vite's programmatic `build` (production mode, minified, no library config) into a
 * temporary directory, serves it on a free port, and drives headless Chromium through
 * puppeteer-core (Debian's /usr/bin/chromium, or CHROME_PATH; nothing is downloaded).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { build } from 'vite';

/** This checkout's root directory. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface BenchSite {
  readonly url: (page: string) => string;
  close(): Promise<void>;
}

/**
 * Builds `bench/pages/<name>.html` for each name and serves the result.
 * @param from the checkout to build from (another revision's, for a side-by-side run); this one by default
 */
export async function serveBenchPages(names: readonly string[], from = root): Promise<BenchSite> {
  const outDir = mkdtempSync(join(tmpdir(), 'session-kit-bench-'));
  await build({
    configFile: false,
    root: from,
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: process.env.BENCH_MINIFY !== '0',
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      rolldownOptions: { input: Object.fromEntries(names.map((n) => [n, join(from, 'bench/pages', `${n}.html`)])) },
    },
  });
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^[/\\]+/, '');
    const file = join(outDir, path);
    if (!file.startsWith(outDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (page) => `http://127.0.0.1:${port}/bench/pages/${page}.html`,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

const CHROME = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));

export async function launchChromium(): Promise<Browser> {
  if (!CHROME) throw new Error('no Chromium found: install chromium or set CHROME_PATH');
  return puppeteer.launch({
    executablePath: CHROME,
    protocolTimeout: 0,
    defaultViewport: { width: 1400, height: 1000, deviceScaleFactor: 1 },
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--window-size=1400,1000',
      '--js-flags=--expose-gc --max-old-space-size=12000',
    ],
  });
}

/** Opens a bench page and waits until its module has set `document.title = 'ready'`. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  [page error] ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') console.error(`  [page ${m.type()}] ${m.text()}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => document.title === 'ready', { timeout: 30_000 });
  return page;
}

export class TimedOut extends Error {}

/**
 * Calls `window.bench[fn](...args)` in the page, giving up after `timeoutMs`. A page that
 * overran is closed (it may be stuck in a long task): open a new one afterwards.
 */
export async function call<T>(page: Page, fn: string, args: unknown[], timeoutMs = 600_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut(`${fn} took more than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return (await Promise.race([
      page.evaluate((f, a) => (globalThis as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[f]!(...a), fn, args),
      timeout,
    ])) as T;
  } catch (e) {
    if (e instanceof TimedOut) await closeHard(page);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

/** Closes a page even when its renderer is busy (no beforeunload, bounded wait). */
export async function closeHard(page: Page): Promise<void> {
  await Promise.race([page.close({ runBeforeUnload: false }).catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
}

export const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined || n === null || Number.isNaN(n) ? 'n/a' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
