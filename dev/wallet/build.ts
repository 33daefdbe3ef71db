// Node-only: bundles dev/wallet/install.ts into one browser script (IIFE) with esbuild.
// CLI: node --import tsx dev/wallet/build.ts <outFile>
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const DEV_WALLET_ENTRY = join(here, 'install.ts');

/** Bundles the dev wallet installer to `outFile`; resolves with the absolute path and size. */
export async function buildDevWallet(outFile: string): Promise<{ outFile: string; bytes: number }> {
  const out = resolve(outFile);
  mkdirSync(dirname(out), { recursive: true });
  await build({
    entryPoints: [DEV_WALLET_ENTRY],
    outfile: out,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: '/* mask-widgets dev wallet: for local demos and tests only, never ship */' },
  });
  return { outFile: out, bytes: statSync(out).size };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node --import tsx dev/wallet/build.ts <outFile>');
    process.exit(2);
  }
  const { outFile, bytes } = await buildDevWallet(target);
  console.log(`${outFile} (${bytes} bytes)`);
}
