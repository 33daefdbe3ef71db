/**
 * Who the chat is with, end to end: the built kit in Chromium, the real
 * `@xmtp/browser-sdk` on the local node, names from the dev chain's ENS
 * (alice.eth, bob.eth, carol.eth are dev accounts 1–3, forward and reverse).
 * The visitor is alice. Sentences name the peer by their verified name
 * ("carol.eth is not on XMTP yet"); a DM's header is the peer's badge (name,
 * short address, copy, card); in a group each run of messages shows its
 * sender, by verified name or else short address.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStaticServer, type StaticServer } from '../../dev/demo/static-server.js';
import { User } from '../../dev/xmtp-node/e2e/browser.js';
import { buildHarness, type HarnessBuild } from '../../dev/xmtp-node/e2e/build.js';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();

describe('<mask-chat>: verified names in the header, the sentences and a group’s senders', { timeout: 600_000 }, () => {
  let build: HarnessBuild;
  let statics: StaticServer;
  let bob: User;
  let dave: User;
  let daveAddress = '';
  let visitor: Visitor;
  const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

  before(async () => {
    build = await buildHarness();
    statics = await startStaticServer({ root: build.dir });
    // bob.eth is dev account 2: a raw client signing with the dev chain's unlocked account.
    bob = await User.inBrowser(suite.browser, 'bob', `${statics.url}/index.html`);
    await bob.call('create', { apiUrl: suite.node.url, wallet: { rpcUrl: suite.chain.rpcUrl, address: suite.address(2) }, appVersion: 'identity-bob/1' });
    dave = await User.inBrowser(suite.browser, 'dave', `${statics.url}/index.html`);
    daveAddress = (await dave.call('create', { apiUrl: suite.node.url, privateKey: await dave.call('newPrivateKey'), appVersion: 'identity-dave/1' })).address;
  });

  after(async () => {
    await Promise.allSettled([bob?.close(), dave?.close()]);
    await statics?.close();
    await build?.cleanup();
  });

  test('someone not on XMTP is named by their verified name', async () => {
    visitor = await suite.visit('alice', suite.site.url({ account: 1, peer: suite.address(3) }));
    await visitor.openChat();
    await visitor.connect();
    await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await visitor.chat.getByText('carol.eth is not on XMTP yet', { exact: false }).waitFor({ timeout: 60_000 });
    assert.ok((await visitor.events()).some((e) => e.type === 'mask-error' && e.code === 'peer-not-reachable'));
  });

  test('a DM’s header is the peer’s badge; the greeting uses the verified name', async () => {
    await visitor.goto(suite.site.url({ account: 1, peer: suite.address(2) }));
    await visitor.openChat();
    await visitor.connect();
    await visitor.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    const badge = visitor.chat.locator('[part~="peer-badge"]');
    await badge.locator('[part~="name"]', { hasText: 'bob.eth' }).waitFor({ timeout: 30_000 });
    assert.equal(await badge.locator('[part~="address"]').innerText(), short(suite.address(2)));
    assert.equal(await badge.locator('[part~="copy-button"]').count(), 1, 'the address can be copied');
    await visitor.chat.getByText('Say hello to bob.eth.', { exact: false }).waitFor();
    assert.equal(await visitor.chat.getByRole('log', { name: 'Conversation with bob.eth' }).count(), 1);
    // The badge's card opens from the header.
    await badge.locator('[part~="trigger"]').click();
    await badge.locator('[part~="card"]').waitFor();
    assert.deepEqual(await visitor.axe(), [], 'axe: the DM header with its card');
    await visitor.page.keyboard.press('Escape');
  });

  test('a group: each run of messages shows its sender, verified name or short address', async () => {
    const group = await bob.call('createGroupWithAddresses', [suite.address(1), daveAddress], 'Grant reviewers');
    await bob.call('sendMany', group, ['The second round opens next week.', 'Reviews are due by Friday.']);
    await dave.call('syncAll');
    await dave.call('send', group, 'Count me in.');
    await visitor.goto(suite.site.url({ account: 1 }));
    await visitor.openChat();
    await visitor.connect();
    await visitor.chat.getByRole('tab', { name: /^Requests/ }).click({ timeout: 60_000 });
    await visitor.chat.locator('[part~="inbox-row"]', { hasText: 'Grant reviewers' }).locator('button.open').click({ timeout: 30_000 });
    await until('three messages', async () => (await visitor.bubbles()).length === 3, 30_000);
    await until('both senders named', async () => (await visitor.chat.locator('[part~="sender"]').allInnerTexts()).join('|').toLowerCase() === `bob.eth|${short(daveAddress)}`.toLowerCase(), 30_000).catch(async (error) => {
      throw new Error(`${String(error)}; senders shown: ${(await visitor.chat.locator('[part~="sender"]').allInnerTexts()).join('|')}`);
    });
    assert.equal(await visitor.chat.locator('[part~="peer-name"]').innerText(), 'Grant reviewers');
    assert.equal(await visitor.chat.locator('[part~="bubble"][aria-label^="bob.eth"]').count(), 2, 'bob’s two messages are labelled with his name');
    assert.deepEqual(await visitor.axe(), [], 'axe: a group conversation');
    assert.deepEqual(visitor.errors, []);
  });
});
