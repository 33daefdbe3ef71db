/**
 * The demo page does not move while the kit loads (issue 15): with the
 * documented `:not(:defined)` snippet in the page's CSS and the elements'
 * own first paint, CLS stays ≤ 0.02 at a desktop and a phone size (it was
 * 0.068 and 0.146: `<mask-tip>` grew from 0 to 42 px on upgrade, the byline
 * and the header's badge changed height). On the built dist/ (`npx rollup -c`
 * first), with the dev chain and the local Lens stand-in.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startDemo, type Demo } from '../../dev/demo/server.js';
import { startStaticServer } from '../../dev/demo/static-server.js';
import { launchChromium } from '../support/browser.js';
import { distDir } from './chat-page.js';
import { measureLayoutShift } from '../support/layout-shift.js';
import { devLensAccounts, startLensServer, type LensServer } from '../support/lens-server.js';

let chain: DevChain;
let lens: LensServer;
let demo: Demo;
let browser: Browser;

before(async () => {
  chain = await startDevChain({ bulkNames: 0 });
  lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
  demo = await startDemo({ chain, lensUrl: lens.url });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await Promise.allSettled([demo?.close(), lens?.close(), chain?.close()]);
});

for (const [label, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`the demo page moves less than CLS 0.02 while the kit loads (${label}, ${viewport.width}×${viewport.height})`, async () => {
    const run = await measureLayoutShift(browser, demo.pageUrl, viewport);
    assert.ok(run.cls <= 0.02, `CLS ${run.cls.toFixed(3)}: ${run.shifts.map((s) => `${s.value.toFixed(4)} ${s.sources.join('; ')}`).join(' | ')}`);
  });
}

/** The documented snippet (Getting started, "No layout shift"), the one the demo page uses. */
const SNIPPET = readFileSync('stories/docs/first-paint.css', 'utf8');

test('the demo page carries the documented :not(:defined) snippet', () => {
  const body = (css: string) => css.slice(css.indexOf('mask-id-badge:not(:defined)')).trim();
  assert.equal(body(readFileSync('dev/demo/demo.css', 'utf8')), body(SNIPPET));
});

test('with the snippet, every badge size and variant (with an address or not connected) and the tip keep their box when they upgrade', async () => {
  // With an address, and without one: a badge that follows the wallet shows "Not connected" in the same box.
  const cases = ['sm', 'md', 'lg'].flatMap((size) =>
    ['full', 'compact', 'avatar'].flatMap((variant) => [
      `<mask-id-badge size="${size}" variant="${variant}" address="0x70997970C51812dc3A010C7d01b50e0d17dc79C8"></mask-id-badge>`,
      `<mask-id-badge size="${size}" variant="${variant}"></mask-id-badge>`,
    ]),
  );
  cases.push('<mask-tip to="0x70997970C51812dc3A010C7d01b50e0d17dc79C8"></mask-tip>');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first paint</title>
<style>body { font: 16px/1.6 Georgia, serif; margin: 8px } div { margin: 4px 0 }</style><style>${SNIPPET}</style></head>
<body>${cases.map((c) => `<div>${c}</div>`).join('')}</body></html>`;
  const server = await startStaticServer({ root: distDir(), handle: (req, res) => (req.url === '/page.html' ? (res.writeHead(200, { 'content-type': 'text/html' }), res.end(html), true) : false) });
  const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  try {
    await page.goto(`${server.url}/page.html`);
    const boxes = () =>
      page.evaluate(() => [...document.querySelectorAll('mask-id-badge, mask-tip')].map((el) => {
        const r = el.getBoundingClientRect();
        // A tip's width is its label's, unknown before it renders: its height and place are reserved.
        const width = el.localName === 'mask-tip' ? '' : r.width.toFixed(1);
        return `${el.localName} ${el.getAttribute('size') ?? ''} ${el.getAttribute('variant') ?? ''}: ${width}×${r.height.toFixed(1)} at y ${r.top.toFixed(1)}`;
      }));
    const before = await boxes();
    await page.addScriptTag({ url: `${server.url}/mask-widgets.js`, type: 'module' });
    await page.waitForFunction(async () => {
      const kit = [...document.querySelectorAll('mask-id-badge, mask-tip')] as (HTMLElement & { updateComplete?: Promise<unknown> })[];
      if (!kit.every((el) => el.shadowRoot)) return false;
      await Promise.all(kit.map((el) => el.updateComplete));
      return true;
    });
    assert.deepEqual(await boxes(), before, 'first paint (defined) vs the snippet (undefined)');
  } finally {
    await page.close();
    await server.close();
  }
});
