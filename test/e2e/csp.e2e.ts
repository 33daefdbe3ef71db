/**
 * The blog page under the strict Content-Security-Policy the README asks
 * sites to use (no 'unsafe-inline', no 'unsafe-eval'; 'wasm-unsafe-eval'
 * only for the chat engine). Any violation fails the test.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startDemo, type Demo } from '../../dev/demo/server.js';
import { startUploadServer, type UploadServer } from '../../dev/upload-server.js';
import { startXmtpNode, type XmtpNode } from '../../dev/xmtp-node/index.js';
import { devLensAccounts, startLensServer, type LensServer } from '../support/lens-server.js';
import { devWeb3bioIdentities, startWeb3bioServer, type Web3bioServer } from '../support/web3bio-server.js';
import { launchChromium } from '../support/browser.js';
import { tipFiveUsdc } from '../support/usdc-tip.js';
import { until } from './chat-page.js';

let chain: DevChain;
let node: XmtpNode;
let lens: LensServer;
let web3bio: Web3bioServer;
let demo: Demo;
let browser: Browser;
let uploads: UploadServer;

/** The policy from the README, for a kit served from `cdn`, talking to `rpc` and `xmtp`. */
export function strictPolicy({ cdn, rpc, xmtp, lens, web3bio, storage }: { cdn: string; rpc: string; xmtp?: string; lens?: string; web3bio?: string; storage?: string }): string {
  return [
    "default-src 'none'",
    `script-src 'self' ${cdn} 'wasm-unsafe-eval'`,
    `worker-src blob: ${cdn}`,
    `connect-src ${cdn} ${rpc}${xmtp ? ` ${xmtp}` : ''}${lens ? ` ${new URL(lens).origin}` : ''}${web3bio ? ` ${new URL(web3bio).origin}` : ''}${storage ? ` ${storage}` : ''}`,
    // blob: for attachments (decrypted images are shown from blob: URLs); the storage origin is in connect-src.
    `img-src 'self' data: https:${storage ? ' blob:' : ''}`,
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

before(async () => {
  chain = await startDevChain({ bulkNames: 0 });
  node = await startXmtpNode({});
  lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
  // web3.bio is on by default: the page lists it in connect-src as the README says (here its local stand-in).
  web3bio = await startWeb3bioServer({ identities: devWeb3bioIdentities(chain.deployment) });
  uploads = await startUploadServer();
  // The CDN origin is only known once it listens: start once to learn the ports, then serve with the policy.
  const probe = await startDemo({ chain });
  const { cdnUrl } = probe;
  const cdnPort = Number(new URL(cdnUrl).port);
  await probe.close();
  demo = await startDemo({
    chain,
    xmtpUrl: node.url,
    lensUrl: lens.url,
    web3bioUrl: web3bio.url,
    uploadUrl: uploads.uploadUrl,
    uploadOrigin: uploads.url,
    // Small enough that the test's image travels as a remote attachment (encrypted, stored, fetched).
    attachmentsMaxInline: 10,
    cdnPort,
    pageHeaders: { 'content-security-policy': strictPolicy({ cdn: cdnUrl, rpc: chain.rpcUrl, xmtp: node.url, lens: lens.url, web3bio: web3bio.url, storage: uploads.url }) },
  });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await demo?.close();
  await node?.close();
  await lens?.close();
  await web3bio?.close();
  await uploads?.close();
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
  assert.ok(web3bio.requests.some((p) => p.startsWith('/credential/')), 'the tip panel asked web3.bio about its recipient (connect-src)');
  assert.deepEqual(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), []);
  assert.deepEqual(consoleCsp, []);
  await page.close();
});

/** A visitor of the blog page as dev account `account`, with every CSP violation (and console report) recorded. */
async function visit(account: number): Promise<{ context: BrowserContext; page: Page; violations: () => Promise<string[]> }> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const reported: string[] = [];
  // Violations inside the XMTP worker do not reach the document's listener; Chromium logs them.
  // The attachment crypto worker must start under the policy too (its main-thread fallback says so in the console).
  page.on('console', (m) => /Content.Security.Policy|crypto worker could not start/i.test(m.text()) && reported.push(m.text()));
  page.on('pageerror', (e) => reported.push(String(e)));
  await page.goto(`${demo.pageUrl}?account=${account}`);
  await page.waitForFunction(() => customElements.get('mask-tip') && customElements.get('mask-chat'));
  return { context, page, violations: async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...reported] };
}

test('under the policy, two visitors: the badge resolves, a USDC tip confirms on the dev chain, a chat message reaches the other', async () => {
  const [alice, bob] = [await visit(1), await visit(2)];
  try {
    const { accounts } = chain.deployment;
    // The author badge (Bob, seen from Alice's page) resolves its verified ENS name through the RPC the policy allows.
    await alice.page.locator('#author').getByText('bob.eth').waitFor({ timeout: 30_000 });

    // Tip: 5 USDC from Alice to the author, confirmed on the dev chain.
    await alice.page.evaluate(() => {
      (window as unknown as { confirmed: string[] }).confirmed = [];
      document.addEventListener('mask-tip-confirmed', (e) => (window as unknown as { confirmed: string[] }).confirmed.push((e as Event & { detail: { hash: string } }).detail.hash));
    });
    const panel = await tipFiveUsdc(alice.page, chain, accounts[2].address, async () => {
      const [hash] = (await until('the tip to confirm', () => alice.page.evaluate(() => ((window as unknown as { confirmed: string[] }).confirmed.length ? (window as unknown as { confirmed: string[] }).confirmed : null)), 60_000)) as string[];
      assert.match(hash, /^0x[0-9a-f]{64}$/);
    });
    await panel.getByRole('button', { name: 'Done' }).click();

    // Chat: both register (each context is a new installation); Alice's message reaches Bob's context.
    const chat = (v: { page: Page }) => v.page.locator('#chat');
    const enable = async (v: { page: Page }) => {
      await chat(v).getByRole('button', { name: /^Open chat/ }).click();
      const connect = chat(v).getByRole('button', { name: 'Connect wallet' });
      const sign = chat(v).getByRole('button', { name: 'Sign to enable chat' });
      await connect.or(sign).first().waitFor({ timeout: 30_000 });
      if (await connect.isVisible()) await connect.click();
      await sign.click({ timeout: 60_000 });
    };
    await enable(bob);
    await enable(alice);
    for (const v of [alice, bob]) await chat(v).locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    const input = chat(alice).getByRole('textbox', { name: /^Message/ });
    await input.fill('hello from a strict page');
    await input.press('Enter');
    await until('Bob to receive the message', async () => (await chat(bob).locator('[part~="bubble"] [part~="text"]').allInnerTexts()).includes('hello from a strict page'), 60_000);

    // An image (issue 14): encrypted on Alice's page, stored (connect-src), sent; Bob's page fetches, checks,
    // decrypts and shows it from a blob: URL (img-src blob:), all under the policy.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    await chat(alice).locator('[part~="attach-button"] input[type=file]').setInputFiles({ name: 'strict.png', mimeType: 'image/png', buffer: png });
    await chat(alice).locator('[part~="attachment-send"]').click();
    for (const v of [alice, bob]) {
      const img = chat(v).getByRole('img', { name: 'Image: strict.png' });
      await img.waitFor({ timeout: 60_000 });
      await until('the image to decode', () => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 1), 30_000);
      assert.match((await img.getAttribute('src')) ?? '', /^blob:/);
    }
    assert.equal(uploads.count(), 1, 'the image went through the store');

    assert.deepEqual(await alice.violations(), [], 'no violation on Alice\'s page');
    assert.deepEqual(await bob.violations(), [], 'no violation on Bob\'s page');
  } finally {
    await alice.context.close();
    await bob.context.close();
  }
});
