/**
 * `npm run bench:layout`: how much the demo page moves while the kit loads
 * (Cumulative Layout Shift, as Chrome's web-vitals count it: the largest
 * burst of shifts, a session window of shifts less than 1 s apart and at most
 * 5 s long, not counting shifts right after input).
 *
 * Builds the kit when `dist/` is missing (`MASK_DIST` to use another build),
 * starts the dev chain, the local Lens API stand-in and the demo's two servers
 * (page and CDN) on free ports, opens the blog page in headless Chromium at a
 * desktop size (1280×800) and a phone size (390×844) with a `layout-shift`
 * PerformanceObserver installed before anything loads, waits until every kit
 * element has upgraded and every badge on screen has settled and the page has not moved
 * for 1.5 s, prints what moved, stops everything. A measurement of this
 * machine's run, so a figure here and not a test assertion. The last line:
 *
 *   cls_desktop=A cls_mobile=B
 */
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../dev/chain/index.js';
import { startDemo, type Demo } from '../dev/demo/server.js';
import { ensureDist } from '../scripts/ensure-dist.js';
import { distDir } from '../test/e2e/chat-page.js';
import { launchChromium } from '../test/support/browser.js';
import { measureLayoutShift } from '../test/support/layout-shift.js';
import { devLensAccounts, startLensServer, type LensServer } from '../test/support/lens-server.js';

let chain: DevChain | undefined;
let lens: LensServer | undefined;
let demo: Demo | undefined;
let browser: Browser | undefined;
let failed = false;
try {
  ensureDist(distDir(), { explicit: process.env.MASK_DIST !== undefined });
  chain = await startDevChain({ bulkNames: 0 });
  lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
  demo = await startDemo({ chain, lensUrl: lens.url, distDir: distDir() });
  browser = await launchChromium();
  const result: Record<string, number> = {};
  for (const [label, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['mobile', { width: 390, height: 844 }],
  ] as const) {
    const run = await measureLayoutShift(browser, demo.pageUrl, viewport);
    result[label] = run.cls;
    console.log(`${label} ${viewport.width}×${viewport.height}: CLS ${run.cls.toFixed(3)} (${run.shifts.length} shifts)`);
    for (const s of run.shifts) console.log(`  ${Math.round(s.time)} ms  ${s.value.toFixed(4)}  ${s.sources.join('; ')}`);
  }
  console.log(`cls_desktop=${result.desktop.toFixed(3)} cls_mobile=${result.mobile.toFixed(3)}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await browser?.close().catch(() => {});
  await Promise.allSettled([demo?.close(), lens?.close(), chain?.close()]);
}
process.exit(failed ? 1 : 0);
