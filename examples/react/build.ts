/**
 * Builds the React example with esbuild into `outDir` (index.js + index.html).
 * The kit's prebuilt CDN files go to `outDir/mask-widgets/`: esbuild cannot bundle
 * the XMTP SDK's worker and wasm, so the app sets `xmtp.engineUrl` to
 * `/mask-widgets/mask-widgets-engine.js` and the chat loads the engine from there.
 * It imports the kit by package name, exactly as an app that ran `npm install
 * mask-widgets` does (run `npm run build` first: it resolves to dist/lib).
 *   node --import tsx examples/react/build.ts <outDir>
 */
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));

export async function buildReactExample(outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'src/main.tsx')],
    outfile: join(outDir, 'index.js'),
    bundle: true,
    format: 'esm',
    splitting: false,
    target: 'es2022',
    jsx: 'automatic',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    // The kit's lazy chunks (connect dialog, identity, tip, chat) stay lazy with code splitting,
    // but one file keeps the example simple to serve; esbuild inlines dynamic imports here.
  });
  copyFileSync(join(here, 'index.html'), join(outDir, 'index.html'));
  // What an app does with `cp -r node_modules/mask-widgets/dist public/mask-widgets` (the npm build in lib/ is not needed there).
  const kitDist = join(dirname(createRequire(import.meta.url).resolve('mask-widgets/package.json')), 'dist');
  cpSync(kitDist, join(outDir, 'mask-widgets'), { recursive: true, filter: (src) => !src.startsWith(join(kitDist, 'lib')) });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildReactExample(resolve(process.argv[2] ?? join(here, 'dist')));
}
