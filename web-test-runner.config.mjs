import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { defaultReporter } from '@web/test-runner';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
import { countReporter } from './test/support/count-reporter.mjs';

// Browser tests: element and context tests in real Chromium against the dev
// chain (and dev XMTP node) that `test/with-infra.ts` starts and describes
// in MASK_TEST_ENV. Run through `npm run test:browser`.
const env = process.env.MASK_TEST_ENV ?? '{}';
// eventemitter3's ES module wrapper imports its CommonJS file's default export, which only
// bundlers provide; without this, ox's index (so viem's ENSIP-15 `normalize`) fails to load here
// and every non-ASCII name would look invalid in browser tests.
const commonjs = fromRollup(rollupCommonjs);

// `new Worker(new URL('./x.js', import.meta.url))` in src/ names the compiled file (what bundlers and
// the npm build see); here the source is TypeScript, so a request for a missing src/**/*.js that has
// a .ts beside it is answered with the .ts (which the esbuild plugin compiles), e.g. the attachment
// crypto worker.
const tsForJs = async (context, next) => {
  const path = context.path;
  if (path.startsWith('/src/') && path.endsWith('.js')) {
    const file = fileURLToPath(new URL(`.${path}`, import.meta.url));
    if (!existsSync(file) && existsSync(file.replace(/\.js$/, '.ts'))) context.url = context.url.replace(/\.js(?=$|\?)/, '.ts');
  }
  return next();
};

export default {
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts', '!**/*.unit.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  middleware: [tsForJs],
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  browserStartTimeout: 60_000,
  plugins: [commonjs({ include: ['**/node_modules/eventemitter3/**'], strictRequires: false }), esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [playwrightLauncher({ launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS } })],
  testFramework: { config: { timeout: 30_000 } },
  testRunnerHtml: (framework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><script>window.__MASK_TEST_ENV__ = ${env.replace(/</g, '\\u003c')};</script></head>
  <body><script type="module" src="${framework}"></script></body>
</html>`,
  reporters: [defaultReporter(), countReporter(process.env.MASK_WTR_COUNTS)],
};
