// Runs every test in real browsers: Debian's Chromium and Firefox ESR, driven through
// puppeteer-core (it downloads nothing). Paths can be overridden with CHROME_PATH and
// FIREFOX_PATH; BROWSERS=chromium (or firefox) runs one of them.
import { existsSync, writeFileSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { reactEsm } from './test/react-esm.mjs';

const find = (env, paths) => [process.env[env], ...paths].find((p) => p && existsSync(p));
const chromium = find('CHROME_PATH', ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']);
const firefox = find('FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox']);
const wanted = (process.env.BROWSERS ?? 'chromium,firefox').toLowerCase().split(',');

const missing = [];
if (wanted.includes('chromium') && !chromium) missing.push('chromium');
if (wanted.includes('firefox') && !firefox) missing.push('firefox-esr');
if (missing.length) {
  console.error(
    `session-kit tests need ${missing.join(' and ')}: run \`sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\` ` +
      `(or set ${missing.map((m) => (m === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH')).join(' / ')}; BROWSERS=chromium runs one browser).`,
  );
  process.exit(1);
}

const browsers = [];
if (wanted.includes('chromium')) {
  browsers.push(
    chromeLauncher({
      launchOptions: {
        executablePath: chromium,
        args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    }),
  );
}
if (wanted.includes('firefox')) {
  const ff = chromeLauncher({ launchOptions: { browser: 'firefox', executablePath: firefox, headless: true } });
  ff.name = 'Firefox';
  browsers.push(ff);
}

/** Prints one closing line, `browsers: N passed, N failed`, and leaves the counts for .ci/run. */
function totalsReporter() {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const walk = (suite) => {
        for (const t of suite.tests) t.skipped ? skipped++ : t.passed ? passed++ : failed++;
        for (const s of suite.suites) walk(s);
      };
      for (const s of sessions) {
        const failedBefore = failed;
        if (s.testResults) walk(s.testResults);
        // A file that failed to load (or threw outside any test) has an empty, not a
        // missing, testResults: count the failed session itself as one failure.
        if (!s.passed && failed === failedBefore) failed++;
      }
      writeFileSync('.wtr-summary.json', JSON.stringify({ passed, failed, skipped }));
      console.log(`\nbrowsers: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
    },
  };
}

export default {
  files: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: true,
  browsers,
  concurrency: 1,
  concurrentBrowsers: 2,
  browserStartTimeout: 120000,
  testsStartTimeout: 120000,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 20000 } },
  // React ships CommonJS only: reactEsm() serves it as ES modules to test/react.test.ts.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), reactEsm()],
  reporters: [defaultReporter(), totalsReporter()],
};
