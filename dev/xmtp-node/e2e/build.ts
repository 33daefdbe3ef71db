// Bundles the harness page with esbuild so the SDK finds its worker and its wasm.
//
// @xmtp/browser-sdk starts its workers with `new Worker(new URL("./workers/client",
// import.meta.url), { type: "module" })` (no `.js`), and the wasm-bindgen glue loads
// `new URL('bindings_wasm_bg.wasm', import.meta.url)`. So:
//   1. the worker files are bundled as entry points of their own (they import
//      @xmtp/wasm-bindings, which must be bundled with them, not copied),
//   2. the SDK's worker URLs are rewritten to the emitted file names (`./workers/client.js`),
//   3. the .wasm is copied next to the worker bundle, where the glue inside it looks (and next to
//      the page's bundle, for the SDK functions that run the wasm on the page's thread).
// Everything stays relative to import.meta.url, so the folder can be served from any base.

import { build, type Plugin } from 'esbuild';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const WORKERS = ['client', 'opfs'] as const;

/** Rewrites `new URL("./workers/<name>", import.meta.url)` to point at `<name>.js`. */
export function rewriteWorkerUrls(code: string): { code: string; count: number } {
  let count = 0;
  const out = code.replace(
    /new URL\((["'])\.\/workers\/(client|opfs)\1\s*,\s*import\.meta\.url\)/g,
    (_m, quote: string, name: string) => {
      count++;
      return `new URL(${quote}./workers/${name}.js${quote},import.meta.url)`;
    },
  );
  return { code: out, count };
}

const workerUrlPlugin: Plugin = {
  name: 'xmtp-worker-urls',
  setup(b) {
    b.onLoad({ filter: /[\\/]@xmtp[\\/]browser-sdk[\\/]dist[\\/]index\.js$/ }, async (args) => {
      const { code, count } = rewriteWorkerUrls(await fs.readFile(args.path, 'utf8'));
      if (count !== WORKERS.length) {
        throw new Error(`expected ${WORKERS.length} worker URLs in ${args.path}, found ${count}: the SDK changed`);
      }
      return { contents: code, loader: 'js' };
    });
  },
};

export interface HarnessBuild {
  dir: string;
  cleanup(): Promise<void>;
}

/** Builds the harness into a fresh temporary directory (about 1-2 s). */
export async function buildHarness(): Promise<HarnessBuild> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xmtp-harness-'));
  const sdkDist = path.dirname(require.resolve('@xmtp/browser-sdk'));
  const wasm = path.join(path.dirname(require.resolve('@xmtp/wasm-bindings')), 'bindings_wasm_bg.wasm');
  await build({
    entryPoints: {
      harness: path.join(here, 'harness.ts'),
      ...Object.fromEntries(WORKERS.map((w) => [`workers/${w}`, path.join(sdkDist, 'workers', `${w}.js`)])),
    },
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
    plugins: [workerUrlPlugin],
  });
  await fs.copyFile(wasm, path.join(dir, 'workers', 'bindings_wasm_bg.wasm'));
  // And beside the page's bundle: the SDK's encryptAttachment/decryptAttachment run the wasm on the
  // calling thread (the attachment interop test uses them as the reference).
  await fs.copyFile(wasm, path.join(dir, 'bindings_wasm_bg.wasm'));
  await fs.writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>xmtp harness</title><link rel="icon" href="data:,"><script type="module" src="./harness.js"></script>\n',
  );
  return { dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}
