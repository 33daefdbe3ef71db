// Node-only, TEST ONLY: bundles `paused-admin.ts` with esbuild into a temporary folder, beside a
// copy of @xmtp/wasm-bindings' wasm whose libxmtp version strings read 1.12.0 instead of 1.11.0
// (same length, so nothing else moves). See paused-admin.ts for why.
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const KIT_XMTP_VERSION = '1.11.0';
export const NEWER_XMTP_VERSION = '1.12.0';

export async function buildPausedAdmin(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'paused-admin-'));
  await build({
    entryPoints: { admin: path.join(here, 'paused-admin.ts') },
    outdir: dir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'warning',
  });
  const wasm = await fs.readFile(path.join(path.dirname(require.resolve('@xmtp/wasm-bindings')), 'bindings_wasm_bg.wasm'));
  const from = Buffer.from(KIT_XMTP_VERSION);
  let count = 0;
  for (let i = wasm.indexOf(from); i >= 0; i = wasm.indexOf(from, i + from.length)) {
    Buffer.from(NEWER_XMTP_VERSION).copy(wasm, i);
    count++;
  }
  if (count === 0) throw new Error(`no "${KIT_XMTP_VERSION}" in the wasm: the bindings changed`);
  await fs.writeFile(path.join(dir, 'bindings_wasm_bg.wasm'), wasm);
  await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>paused admin</title><link rel="icon" href="data:,"><script type="module" src="./admin.js"></script>\n');
  return { dir, cleanup: () => fs.rm(dir, { recursive: true, force: true }) };
}
