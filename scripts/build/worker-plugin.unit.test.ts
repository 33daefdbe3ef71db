import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { workerAssets } from './worker-plugin.mjs';

test('bundles the real @xmtp/browser-sdk: workers become chunks, the wasm an asset, every URL relative', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mask-worker-plugin-'));
  try {
    const entry = join(dir, 'entry.js');
    const fs = await import('node:fs');
    fs.writeFileSync(entry, "export { Client } from '@xmtp/browser-sdk';\n");
    const bundle = await rollup({
      input: entry,
      onwarn: () => {},
      plugins: [
        workerAssets({ createWorker: join(process.cwd(), 'src/messaging/create-worker.ts') }),
        nodeResolve({ browser: true, exportConditions: ['browser', 'production'], rootDir: process.cwd(), modulePaths: [join(process.cwd(), 'node_modules')] }),
        esbuild({ target: 'es2022' }),
      ],
    });
    const { output } = await bundle.write({ dir: join(dir, 'out'), format: 'es', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' });
    await bundle.close();
    const files = output.map((o) => o.fileName);
    const worker = files.find((f) => /^chunks\/worker-client-.*\.js$/.test(f));
    const opfs = files.find((f) => /^chunks\/worker-opfs-.*\.js$/.test(f));
    const wasm = files.find((f) => /^assets\/bindings_wasm_bg-.*\.wasm$/.test(f));
    assert.ok(worker && opfs && wasm, `worker chunks and wasm asset emitted: ${files.join(', ')}`);
    const all = output.filter((o) => o.type === 'chunk').map((o) => o.code).join('\n');
    // (assert.ok, not assert.match: a failing match would print megabytes of bundle)
    assert.ok(!/new URL\(["']\.\/workers\/(client|opfs)["']/.test(all), 'no extension-less worker URL left');
    assert.ok(!/new URL\(["']bindings_wasm_bg\.wasm["']/.test(all), 'no unbundled wasm URL left');
    assert.ok(/createWorker\(new URL\(["'](\.\.\/)?chunks\/worker-client-[\w-]+\.js["'], import\.meta\.url\)\.href, \{type:"module"\}\)/.test(all), 'worker created from a chunk URL relative to the chunk');
    assert.ok(/new URL\(new URL\(["'](\.\.\/)*assets\/bindings_wasm_bg-[\w-]+\.wasm["'], import\.meta\.url\)\.href\)/.test(all), 'wasm URL relative to the chunk');
    const wasmBytes = readFileSync(join(dir, 'out', wasm!));
    assert.equal(wasmBytes.subarray(0, 4).toString('hex'), '0061736d', 'a real wasm module');
    assert.ok(existsSync(join(dir, 'out', worker!)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
