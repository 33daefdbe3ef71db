/**
 * The chat scale harness, node side: bundles `chat-scale-page.ts` (the real
 * chat UI, messaging context, feed paging and message list over the FIXTURE
 * engine) with esbuild, serves it, and measures a page in Chromium.
 * `serveBundle` does the same for any browser entry (the tab relay tests).
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

/** Bundles a browser entry (from source, with esbuild) into a page of its own and serves it: `url` is the page. */
export async function serveBundle(entry: string, title: string, style = ''): Promise<{ url: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mask-chat-bundle-'));
  await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    outdir: dir,
    entryNames: 'page',
    tsconfig: 'tsconfig.json',
    conditions: ['browser', 'production'],
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title}</title>
<style>${style}</style></head>
<body><main><h1>${title}</h1></main><script type="module" src="./page.js"></script></body>
</html>`,
  );
  const server = await startStaticServer({ root: dir });
  return {
    url: `${server.url}/index.html`,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startScaleHarness(): Promise<ScaleHarness> {
  const page = await serveBundle(join(import.meta.dirname, 'chat-scale-page.ts'), 'Chat scale harness', 'body { font: 14px system-ui; margin: 0 } main { max-width: 480px; margin: 8px auto }');
  return { url: (count) => `${page.url}?count=${count}`, close: page.close };
}

interface HarnessApi {
  countNodes(): { nodes: number; elements: number };
  loaded(): number;
  complete(): boolean;
  loadAll(): Promise<number>;
}
const api = (page: Page) => ({
  /** Every node of the document, shadow roots included (`chat-scale-page.ts`), and its elements alone. */
  countNodes: () => page.evaluate(() => (window as unknown as { harness: HarnessApi }).harness.countNodes()),
  loaded: () => page.evaluate(() => (window as unknown as { harness: HarnessApi }).harness.loaded()),
  loadAll: () => page.evaluate(() => (window as unknown as { harness: HarnessApi }).harness.loadAll()),
});

export type ScalePage = Awaited<ReturnType<typeof openScale>>;

/** Opens the harness with `count` messages, waits for the first page of history. */
export async function openScale(browser: Browser, harness: ScaleHarness, count: number) {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(harness.url(count));
  await page.locator('#chat [part~="bubble"]').first().waitFor({ timeout: 30_000 });
  return { page, errors, ...api(page) };
}

/** Jumps to the top of a fully loaded conversation (a scrollbar drag) until the first message and the start note show. */
export async function scrollToTop(h: ScalePage): Promise<void> {
  const scroller = h.page.locator('#chat [part~="messages"]');
  const first = h.page.locator('#chat [part~="text"]', { hasText: /^Message 1(:|$)/ });
  // Each jump moves the window by its estimate of the row height; a few land it at the very top.
  for (let i = 0; i < 20 && !(await first.count()); i++) {
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  await first.waitFor({ timeout: 10_000 });
  await h.page.locator('#chat').getByText('This is the beginning of your conversation.').waitFor();
}

/** `dom_nodes_10k`: the larger node count (all nodes, `countNodes`) of the bottom and the very top with `count` messages loaded. */
export async function measureDomNodes(
  browser: Browser,
  harness: ScaleHarness,
  count = 10_000,
): Promise<{ loaded: number; nodes: number; elements: number; bottom: number; top: number }> {
  const h = await openScale(browser, harness, count);
  try {
    const loaded = await h.loadAll();
    const bottom = await h.countNodes();
    await scrollToTop(h);
    const top = await h.countNodes();
    return { loaded, nodes: Math.max(bottom.nodes, top.nodes), elements: Math.max(bottom.elements, top.elements), bottom: bottom.nodes, top: top.nodes };
  } finally {
    await h.page.close();
  }
}
