/**
 * SPA hosts add, remove and re-add widgets all the time (framework re-renders,
 * Turbo-style body swaps). 1,000 rounds of create/connect/remove must leave no
 * listener on window, document or the page's kit, and no running timer; and a
 * body swap must leave working widgets.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, CDPSession } from 'playwright-core';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { launchChromium } from '../support/browser.js';

let cdn: StaticServer;
let site: StaticServer;
let browser: Browser;

// Counts timers that are scheduled and not yet run or cleared; installed before the kit loads.
const TIMER_PROBE = `
  (() => {
    const live = new Set();
    const st = window.setTimeout, ct = window.clearTimeout, si = window.setInterval, ci = window.clearInterval;
    window.setTimeout = (fn, ms, ...a) => { const id = st(() => { live.delete(id); typeof fn === 'function' ? fn(...a) : 0; }, ms); live.add(id); return id; };
    window.clearTimeout = (id) => { live.delete(id); ct(id); };
    window.setInterval = (fn, ms, ...a) => { const id = si(fn, ms, ...a); live.add(id); return id; };
    window.clearInterval = (id) => { live.delete(id); ci(id); };
    window.__liveTimers = () => live.size;
  })();`;

before(async () => {
  cdn = await startStaticServer({ root: 'dist', cors: true });
  site = await startStaticServer({
    root: 'dist',
    handle: (req, res) => {
      if (!req.url?.startsWith('/spa.html')) return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="en"><title>spa</title>
        <script>${TIMER_PROBE}</script>
        <script type="module" src="${cdn.url}/mask-widgets.js"></script><main id="app"></main>`);
      return true;
    },
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await Promise.all([cdn?.close(), site?.close()]);
});

async function listenerCount(cdp: CDPSession, expression: string): Promise<number> {
  const { result } = await cdp.send('Runtime.evaluate', { expression, objectGroup: 'probe' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'probe' });
  return listeners.length;
}

test('1,000 create/remove rounds of every element leave no listener and no timer behind', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${site.url}/spa.html`);
  await page.waitForFunction(() => customElements.get('mask-chat') && window.MaskWidgets && !Array.isArray(window.MaskWidgets));
  const cdp = await page.context().newCDPSession(page);
  const probes = { window: 'window', document: 'document', kit: 'window.MaskWidgets.kit', wallet: 'window.MaskWidgets.kit.wallet' };
  const count = async () => {
    const out: Record<string, number> = {};
    for (const [name, expression] of Object.entries(probes)) out[name] = await listenerCount(cdp, expression);
    return out;
  };

  // Warm up once (first use may install page-wide listeners by design), then take the baseline.
  const churn = (rounds: number) =>
    page.evaluate(async (n) => {
      const app = document.getElementById('app')!;
      for (let i = 0; i < n; i++) {
        app.innerHTML = `<mask-id-badge address="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"></mask-id-badge>
          <mask-tip to="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"></mask-tip>
          <mask-chat mode="inline"></mask-chat>
          <mask-provider chains="base"><mask-id-badge></mask-id-badge></mask-provider>`;
        await Promise.all([...app.querySelectorAll('*')].map((el) => (el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete));
        app.replaceChildren();
      }
    }, rounds);
  await churn(5);
  await page.waitForTimeout(2500);
  const baseline = await count();
  const timersBefore = await page.evaluate(() => (window as unknown as { __liveTimers(): number }).__liveTimers());

  await churn(1000);
  await page.waitForTimeout(2500); // let short-lived timers (e.g. "copied" feedback) run out
  const afterChurn = await count();
  const timersAfter = await page.evaluate(() => (window as unknown as { __liveTimers(): number }).__liveTimers());

  assert.deepEqual(afterChurn, baseline, 'listeners on window, document, the kit and the wallet');
  assert.equal(timersAfter, timersBefore, 'live timers');
  assert.deepEqual(errors, []);
  await page.close();
});

test('after a Turbo-style body swap the new widgets render and share the wallet state', async () => {
  const page = await browser.newPage();
  await page.goto(`${site.url}/spa.html`);
  await page.waitForFunction(() => customElements.get('mask-id-badge'));
  await page.evaluate(() => {
    const body = document.createElement('body');
    body.innerHTML = '<mask-id-badge address="0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"></mask-id-badge><mask-chat></mask-chat>';
    document.body.replaceWith(body);
  });
  await page.locator('mask-id-badge').getByText('0x5aAe…eAed').waitFor();
  await page.locator('mask-chat').getByRole('button', { name: 'Open chat' }).waitFor();
  await page.close();
});
