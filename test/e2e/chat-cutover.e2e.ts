/**
 * The XMTP network moves to its decentralised version (D14N): the local node plays node-go's cutover
 * (`faults.cutover()`: queries answered, publishes and streams refused with node-go's messages). The
 * chat must say so in a sentence, emit `network-moved`, keep the history readable, and stop
 * retrying its stream; a cutover time published ahead is told to the site's owner in the console. Real SDK, local node, Chromium, the built dist/.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();
const { visit, address } = suite;
const STREAMS = /Subscribe(Group|Welcome)Messages$/;

describe('the network moves to XMTP D14N mid-conversation', { timeout: 240_000 }, () => {
  let alice: Visitor;
  let bob: Visitor;

  test('two visitors exchange messages before the cutover', async () => {
    alice = await visit('alice', suite.site.url({ account: 1, peer: address(2) }));
    bob = await visit('bob', suite.site.url({ account: 2, peer: address(1) }));
    // Alice registers first (Bob is not on XMTP yet), then Bob; Alice's chat notices by itself.
    await alice.openChat();
    await alice.connect();
    await alice.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await alice.chat.locator('[part~="error"]').getByText(/is not on XMTP yet/).waitFor({ timeout: 60_000 });
    await bob.enableChat({ expectSignature: true });
    await alice.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    await alice.send('before the move');
    await until('bob to receive it', async () => (await bob.bubbles()).includes('before the move'), 30_000);
  });

  test('a cutover published ahead is told to the site owner in the console; the chat works until it comes', async () => {
    const at = Date.now() + 3_600_000;
    suite.node.faults.cutover(BigInt(at) * 1_000_000n);
    const warnings: string[] = [];
    bob.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await bob.page.reload();
    await bob.enableChat({ expectSignature: false });
    const mark = suite.log.length;
    await until('the console to name the cutover time', async () => warnings.some((w) => w.includes(new Date(at).toISOString())), 60_000).catch((error: Error) => {
      const asked = suite.log.slice(mark).filter((e) => e.method.endsWith('FetchD14nCutover')).length;
      throw new Error(`${error.message}; FetchD14nCutover calls since the reload: ${asked}; warnings: ${JSON.stringify(warnings.slice(-3))}`);
    });
    assert.match(warnings.find((w) => w.includes('stops taking messages'))!, /set xmtp\.env and xmtp\.gatewayHost/);
    await bob.send('an hour before the move');
    await until('alice to receive it', async () => (await alice.bubbles()).includes('an hour before the move'), 30_000);
    assert.equal(await bob.chat.locator('[part~="error"]').count(), 0, 'no sentence yet');
    suite.node.faults.cutover(null);
  });

  test('at the cutover: a send says the network moved (network-moved), the history stays readable, and the stream is not retried', async () => {
    suite.node.faults.cutover();
    await alice.send('after the move');
    const error = alice.chat.locator('[part~="error"]');
    await error.getByText(/XMTP has moved to its new network/).waitFor({ timeout: 120_000 });
    assert.match(await error.innerText(), /Your conversations can still be read here/);
    assert.ok((await alice.events()).some((e) => e.type === 'mask-error' && e.code === 'network-moved'), 'mask-error network-moved');
    assert.ok((await alice.bubbles()).includes('before the move'), 'the history is still shown');
    assert.ok(!(await bob.bubbles()).includes('after the move'), 'nothing was delivered after the cutover');
    assert.deepEqual(await alice.axe(), [], 'axe: network moved');

    // The stream gave up: over the next 6 s (four of the SDK's 1.5 s retry delays) no new stream is opened.
    const mark = suite.log.length;
    await alice.page.waitForTimeout(6000);
    const reopened = suite.log.slice(mark).filter((e) => STREAMS.test(e.method) && e.client?.includes('mask-widgets'));
    assert.ok(reopened.length <= 2, `streams opened after the cutover: ${reopened.length}`);
  });

  test('after a reload under the cutover, the history is still readable', async () => {
    await bob.page.reload();
    await bob.enableChat({ expectSignature: false });
    await until('bob to show the history', async () => (await bob.bubbles()).includes('before the move'), 60_000);
    await bob.chat.locator('[part~="error"]').getByText(/XMTP has moved to its new network/).waitFor({ timeout: 60_000 });
    assert.equal(await bob.chat.locator('[part~="status"]').innerText(), 'Read only');
  });
});
