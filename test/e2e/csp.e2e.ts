/**
 * The blog page under the strict Content-Security-Policy the README asks
 * sites to use (no 'unsafe-inline', no 'unsafe-eval'; 'wasm-unsafe-eval'
 * only for the chat engine). Any violation fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startDemo, type Demo } from '../../dev/demo/server.js';
import { startXmtpNode, type XmtpNode } from '../../dev/xmtp-node/index.js';
import { devLensAccounts, startLensServer, type LensServer } from '../support/lens-server.js';
import { launchChromium } from '../support/browser.js';

let chain: DevChain;
let node: XmtpNode;
let lens: LensServer;
let demo: Demo;
let browser: Browser;

/** The policy from the README, for a kit served from `cdn`, talking to `rpc` and `xmtp`. */
export function strictPolicy({ cdn, rpc, xmtp, lens }: { cdn: string; rpc: string; xmtp?: string; lens?: string }): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${cdn} 'wasm-unsafe-eval'`,
    `worker-src blob: ${cdn}`,
    `connect-src ${cdn} ${rpc}${xmtp ? ` ${xmtp}` : ''}${lens ? ` ${new URL(lens).origin}` : ''}`,
    "img-src 'self' data: https:",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

before(async () => {
  chain = await startDevChain({ bulkNames: 0 });
  node = await startXmtpNode({});
  lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
  // The CDN origin is only known once it listens: start once to learn the ports, then serve with the policy.
  const probe = await startDemo({ chain });
  const { cdnUrl } = probe;
  const cdnPort = Number(new URL(cdnUrl).port);
  await probe.close();
  demo = await startDemo({ chain, xmtpUrl: node.url, lensUrl: lens.url, cdnPort, pageHeaders: { 'content-security-policy': strictPolicy({ cdn: cdnUrl, rpc: chain.rpcUrl, xmtp: node.url, lens: lens.url }) } });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await demo?.close();
  await node?.close();
  await lens?.close();
  await chain?.close();
});

test('the blog page runs under the strict policy with no violation: load, connect, tip panel, chat engine (wasm, blob worker, gRPC-web)', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const consoleCsp: string[] = [];
  page.on('console', (m) => /Content.Security.Policy/i.test(m.text()) && consoleCsp.push(m.text()));
  const response = await page.goto(demo.pageUrl);
  assert.match(response!.headers()['content-security-policy'], /script-src 'self' http:\/\/127\.0\.0\.1:\d+ 'wasm-unsafe-eval'/);
  await page.waitForFunction(() => customElements.get('mask-tip'));
  const alice = chain.deployment.accounts[1].address;
  await page.locator('#tip').getByRole('button', { name: 'Tip' }).first().click();
  await page.locator('#me').getByText(`${alice.slice(0, 6)}…${alice.slice(-4)}`).waitFor();
  await page.keyboard.press('Escape'); // close the tip panel the click opened
  await page.locator('#chat').getByRole('button', { name: 'Open chat' }).click();
  // Register with XMTP: the SDK's worker starts from a blob: bootstrap, instantiates the wasm
  // ('wasm-unsafe-eval') and talks gRPC-web to the node (connect-src).
  await page.locator('#chat').getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 30_000 });
  await page.waitForFunction(() => {
    const root = document.querySelector('#chat')?.shadowRoot;
    return !!root?.querySelector('[part~="input"], [part~="invitation"]');
  }, null, { timeout: 60_000 });
  assert.ok(node.requestLog.some((r) => r.method.endsWith('PublishIdentityUpdate')), 'the chat registered through the node');
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), []);
  assert.deepEqual(consoleCsp, []);
  await page.close();
});
