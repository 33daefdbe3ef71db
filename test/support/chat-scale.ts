/**
 * The chat scale harness, node side: bundles `chat-scale-page.ts` (the real
 * chat UI, messaging context, feed paging and message list over the FIXTURE
 * engine) with esbuild, serves it, and measures a page in Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { startStaticServer } from '../../dev/demo/static-server.js';

export interface ScaleHarness {
  url(count: number): string;
  close(): Promise<void>;
}

export async function startScaleHarness(): Promise<ScaleHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'mask-chat-scale-'));
  await build({
    entryPoints: [join(import.meta.dirname, 'chat-scale-page.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: dir,
    tsconfig: 'tsconfig.json',
    conditions: ['browser', 'production'],
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Chat scale harness</title>
<style>body { font: 14px system-ui; margin: 0 } main { max-width: 480px; margin: 8px auto }</style></head>
<body><main><h1>Chat scale harness</h1></main><script type="module" src="./chat-scale-page.js"></script></body>
</html>`,
  );
  const server = await startStaticServer({ root: dir });
  return {
    url: (count) => `${server.url}/index.html?count=${count}`,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface HarnessApi {
  countNodes(elementsOnly: boolean): number;
  loaded(): number;
  complete(): boolean;
  loadAll(): Promise<number>;
}
const api = (page: Page) => ({
  countNodes: (elementsOnly = true) => page.evaluate((e) => (window as unknown as { harness: HarnessApi }).harness.countNodes(e), elementsOnly),
  loaded: () => page.evaluate(() => (window as unknown as { harness: HarnessApi }).harness.loaded()),
  loadAll: () => page.evaluate(() => (window as unknown as { harness: HarnessApi }).harness.loadAll()),
});

/** Opens the harness with `count` messages, waits for the first page of history. */
export async function openScale(browser: Browser, harness: ScaleHarness, count: number) {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(harness.url(count));
  await page.locator('#chat [part~="bubble"]').first().waitFor({ timeout: 30_000 });
  return { page, errors, ...api(page) };
}

/** `dom_nodes_10k`: elements in the document (shadow roots included) with `count` messages loaded. */
export async function measureDomNodes(browser: Browser, harness: ScaleHarness, count = 10_000): Promise<{ loaded: number; elements: number; nodes: number }> {
  const h = await openScale(browser, harness, count);
  try {
    const loaded = await h.loadAll();
    await h.page.waitForTimeout(100);
    return { loaded, elements: await h.countNodes(true), nodes: await h.countNodes(false) };
  } finally {
    await h.page.close();
  }
}
