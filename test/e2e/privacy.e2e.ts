/**
 * Privacy by default: a page that only shows widgets contacts nobody but its
 * own origin and the kit's until the visitor interacts or a badge scrolls into
 * view, and web3.bio (on by default) hears of an address only when someone opens
 * its card (read from the browser's network log, not from our own code).
 * The default `https://api.web3.bio` is answered by the local stand-in.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { devKitChain, startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { launchChromium } from '../support/browser.js';
import { devWeb3bioIdentities, startWeb3bioServer, type Web3bioServer } from '../support/web3bio-server.js';

const WEB3BIO = 'https://api.web3.bio';

let chain: DevChain;
let cdn: StaticServer;
let site: StaticServer;
let browser: Browser;
let web3bio: Web3bioServer;

before(async () => {
  chain = await startDevChain({ bulkNames: 0 });
  web3bio = await startWeb3bioServer({ identities: devWeb3bioIdentities(chain.deployment) });
  cdn = await startStaticServer({ root: 'dist', cors: true, precompressed: true });
  const { deployment } = chain;
  const config = {
    chains: [devKitChain(deployment, { usdc: false })],
    defaultChain: chain.chainId,
    ensChain: chain.chainId,
    lensApiUrl: 'https://lens.invalid/graphql',
    xmtp: { env: 'local', apiUrl: 'http://127.0.0.1:9/' },
  };
  const badges = deployment.accounts.slice(1, 4).map((a) => `<mask-id-badge address="${a.address}"></mask-id-badge>`).join('');
  site = await startStaticServer({
    root: 'dist',
    handle: (req, res) => {
      if (!req.url?.startsWith('/page.html')) return false;
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html lang="en"><title>privacy</title>
        <script type="application/json" id="cfg">${JSON.stringify(config)}</script>
        <script type="module">window.MaskWidgets = [['configure', JSON.parse(document.getElementById('cfg').textContent)]];</script>
        <script type="module" src="${cdn.url}/mask-widgets.js"></script>
        <main><h1>An article</h1><mask-tip to="${deployment.accounts[1].address}"></mask-tip><mask-chat></mask-chat>
        <div style="height: 4000px">Long text…</div><section id="comments">${badges}</section></main>`);
      return true;
    },
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await Promise.all([cdn?.close(), site?.close(), web3bio?.close()]);
  await chain?.close();
});

function record(page: Page): string[] {
  const origins: string[] = [];
  page.on('request', (r) => origins.push(new URL(r.url()).origin));
  return origins;
}

/** The page's requests to the default web3.bio API, answered by the stand-in. */
async function web3bioRequests(page: Page): Promise<string[]> {
  const paths: string[] = [];
  await page.route(`${WEB3BIO}/**`, async (route) => {
    const url = new URL(route.request().url());
    paths.push(decodeURIComponent(url.pathname));
    await route.fulfill({ response: await route.fetch({ url: `${web3bio.url}${url.pathname}${url.search}` }) });
  });
  return paths;
}

test('no third-party request before interaction; lookups start only when badges scroll into view', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const origins = record(page);
  await page.goto(`${site.url}/page.html`);
  await page.waitForFunction(() => customElements.get('mask-id-badge') && customElements.get('mask-chat'));
  await page.waitForTimeout(2000);
  const allowed = new Set([site.url, cdn.url]);
  assert.deepEqual([...new Set(origins)].filter((o) => !allowed.has(o)), [], 'only the page and the kit origin before interaction');

  await page.locator('#comments').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('#comments mask-id-badge')].every((b) => b.shadowRoot?.textContent?.includes('.eth')), null, { timeout: 15_000 });
  assert.ok(origins.includes(new URL(chain.rpcUrl).origin), 'scrolling the badges into view resolved them over the RPC');
  await page.close();
});

test('web3.bio (on by default) hears of an address only when its card opens, and of no other', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const asked = await web3bioRequests(page);
  await page.goto(`${site.url}/page.html`);
  await page.locator('#comments').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('#comments mask-id-badge')].every((b) => b.shadowRoot?.textContent?.includes('.eth')), null, { timeout: 15_000 });
  await page.waitForTimeout(1000);
  assert.deepEqual([...asked], [], 'badges at rest: nothing');

  const carol = chain.deployment.accounts[3].address;
  await page.locator(`#comments mask-id-badge[address="${carol}"]`).locator('[part~="trigger"]').click();
  const card = page.locator(`#comments mask-id-badge[address="${carol}"]`).locator('[part~="card"]');
  await card.locator('[part~="trust-human"]').waitFor({ timeout: 15_000 });
  await card.locator('[part~="profiles"]').waitFor({ timeout: 15_000 });
  assert.match(await card.locator('[part~="profiles"]').innerText(), /carol\.base\.eth/);
  assert.deepEqual(
    asked.map((p) => p.replace(carol.toLowerCase(), 'CAROL')).sort(),
    ['/credential/CAROL', '/profile/batch/universal/["ethereum,CAROL"]'],
    'one batch and one credential request, about the opened card only',
  );
  await page.close();
});
