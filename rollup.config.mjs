import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';
import esbuild from 'rollup-plugin-esbuild';
import { precompress } from './scripts/build/compress-plugin.mjs';
import { classicLoader, integrity } from './scripts/build/distribution-plugin.mjs';
import { cleanOutput } from './scripts/build/clean-plugin.mjs';
import { minifyCss } from './scripts/build/minify-css-plugin.mjs';
import { chunkManifest } from './scripts/build/manifest-plugin.mjs';
import { sharedEsbuildHelpers } from './scripts/build/shared-helpers-plugin.mjs';
import { workerAssets } from './scripts/build/worker-plugin.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * One ES module entry (`dist/mask-widgets.js`, stable name) plus hashed lazy
 * chunks. Every URL is relative to the chunk itself, so `dist/` can be served
 * from any base path.
 */
export default {
  // The chat engine (the XMTP SDK side) is also an entry with a stable name, so an app that installs the
  // package can point `xmtp.engineUrl` at `mask-widgets-engine.js` when its bundler cannot bundle the
  // SDK's worker and wasm. The kit's own entry still loads it with import() when a chat opens.
  // `mask-widgets-attachments.js` is the CDN build's `mask-widgets/attachments` (encrypt/decrypt pair).
  input: {
    'mask-widgets': 'src/mask-widgets.ts',
    'mask-widgets-engine': 'src/messaging/engine.ts',
    'mask-widgets-attachments': 'src/attachments/index.ts',
  },
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    assetFileNames: 'assets/[name]-[hash][extname]',
    sourcemap: true,
  },
  plugins: [
    cleanOutput(),
    // XMTP's worker and wasm: bundled as a chunk and an asset, URLs relative to each chunk.
    workerAssets({ createWorker: new URL('./src/messaging/create-worker.ts', import.meta.url).pathname }),
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    commonjs(),
    minifyCss(),
    esbuild({
      target: 'es2022',
      tsconfig: 'tsconfig.json',
      define: { __MASK_VERSION__: JSON.stringify(version) },
    }),
    sharedEsbuildHelpers({ target: 'es2022' }),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    chunkManifest(),
    classicLoader(),
    precompress(),
    integrity(),
  ],
  onwarn(warning, warn) {
    // viem ships `/*#__PURE__*/` annotations rollup cannot place; harmless.
    if (warning.code === 'INVALID_ANNOTATION' || warning.code === 'THIS_IS_UNDEFINED') return;
    warn(warning);
  },
};
