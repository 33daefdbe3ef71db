/**
 * The demo's own blog page (`dev/demo`, what `npm start` serves) with its chat:
 * demo account 1 reads the post of account 2 and the other way round, each in
 * a browser context of its own, and each page's `<mask-chat>` talks to the
 * post's author through the local XMTP node. The built kit (`dist/`), the dev
 * chain, the Lens stand-in and the dev wallet, as in `demo.e2e.ts`.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { startDemo, type Demo } from '../../dev/demo/server.js';
import { startXmtpNode, type XmtpNode } from '../../dev/xmtp-node/index.js';
import { devLensAccounts, startLensServer, type LensServer } from '../support/lens-server.js';
import { launchBrowser, until, Visitor } from './chat-page.js';

let chain: DevChain;
let node: XmtpNode;
let lens: LensServer;
let demo: Demo;
let browser: Browser;
const visitors: Visitor[] = [];

before(async () => {
  [chain, node, browser] = await Promise.all([startDevChain({ bulkNames: 0 }), startXmtpNode(), launchBrowser()]);
  lens = await startLensServer({ accounts: devLensAccounts(chain.deployment) });
  demo = await startDemo({ chain, lensUrl: lens.url, xmtpUrl: node.url });
});

after(async () => {
  await Promise.allSettled(visitors.map((v) => v.close()));
  await browser?.close().catch(() => {});
  await Promise.allSettled([demo?.close(), lens?.close(), node?.close(), chain?.close()]);
});

test('demo accounts 1 and 2 chat from the blog page, each with the post\'s author', { timeout: 240_000 }, async () => {
  const [one, two] = [chain.deployment.accounts[1].address, chain.deployment.accounts[2].address];
  const alice = await Visitor.open(browser, 'account 1', `${demo.pageUrl}?account=1`);
  const bob = await Visitor.open(browser, 'account 2', `${demo.pageUrl}?account=2`);
  visitors.push(alice, bob);
  // Each reader's chat is with the author of the post they read: the other demo account.
  assert.equal((await alice.chat.getAttribute('peer'))?.toLowerCase(), two.toLowerCase());
  assert.equal((await bob.chat.getAttribute('peer'))?.toLowerCase(), one.toLowerCase());

  // The launcher opens, the wallet connects, one explained signature each, then the conversation.
  await Promise.all([alice.enableChat({ expectSignature: true }), bob.enableChat({ expectSignature: true })]);
  assert.deepEqual([await alice.signatures(), await bob.signatures()], [1, 1]);

  // The page can listen to what arrives (the demo page itself does not).
  await bob.page.evaluate(() => {
    const w = window as unknown as { received: string[] };
    w.received = [];
    document.addEventListener('mask-message-received', (e) => w.received.push(e.detail.text));
  });
  await alice.send('Loved the post about wallets on every page!');
  await until('account 2 to receive it', async () => (await bob.bubbles()).includes('Loved the post about wallets on every page!'), 30_000);
  await bob.send('Thanks for reading, glad it helped.');
  await until('account 1 to receive the answer', async () => (await alice.bubbles()).includes('Thanks for reading, glad it helped.'), 30_000);

  for (const v of [alice, bob]) {
    const texts = await v.bubbles();
    assert.deepEqual(texts, ['Loved the post about wallets on every page!', 'Thanks for reading, glad it helped.'], `${v.name} shows both messages once, in order`);
    assert.deepEqual(v.errors, [], `${v.name}: no page error`);
  }
  assert.deepEqual(await bob.page.evaluate(() => (window as unknown as { received: string[] }).received), ['Loved the post about wallets on every page!']);
});
