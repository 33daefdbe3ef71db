/**
 * Read receipts end to end: two visitors (the built kit in Chromium, the
 * real `@xmtp/browser-sdk` on the local node), alice and bob, in a DM. A
 * conversation viewed sends XMTP's read receipt (`xmtp.org/readReceipt`); the
 * other side shows "Seen" under their last message it covers. A host turns
 * sending off with `read-receipts="off"`.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();

describe('<mask-chat>: read receipts between two wallets', { timeout: 600_000 }, () => {
  let alice: Visitor;
  let bob: Visitor;
  /** The delivery line under alice's message with this text. */
  const stateOf = (text: string) => alice.chat.locator('[part~="bubble"]', { has: alice.page.locator('[part~="text"]', { hasText: text }) }).locator('[part~="delivery"]').innerText();

  test('read-receipts="off": bob reads and replies, alice’s message stays "Sent"', async () => {
    alice = await suite.visit('alice', suite.site.url({ account: 1, peer: suite.address(2) }));
    bob = await suite.visit('bob', suite.site.url({ account: 2, peer: suite.address(1), attrs: { mode: 'inline', 'read-receipts': 'off' } }));
    await alice.openChat();
    await alice.connect();
    await alice.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await alice.chat.getByText(/is not on XMTP yet/).first().waitFor({ timeout: 60_000 });
    await bob.enableChat({ expectSignature: true });
    await alice.chat.locator('[part~="composer"]').waitFor({ timeout: 60_000 });
    await alice.send('hello bob');
    await until('bob to see it', async () => (await bob.bubbles()).includes('hello bob'), 30_000);
    await bob.send('hi alice');
    await until('alice to get the reply', async () => (await alice.bubbles()).includes('hi alice'), 30_000);
    // Two of alice's looks at the receipt times (every 3 s while her last message is not seen).
    await alice.page.waitForTimeout(7000);
    assert.equal(await stateOf('hello bob'), 'Sent');
  });

  test('on (the default): bob views the conversation, alice sees "Seen" under her last message he read', async () => {
    await alice.send('are you there?');
    await until('bob (off) to see it', async () => (await bob.bubbles()).includes('are you there?'), 30_000);
    // Bob's page again without the attribute: the conversation viewed sends the receipt.
    await bob.goto(suite.site.url({ account: 2, peer: suite.address(1), attrs: { mode: 'inline' } }));
    await bob.connect();
    await until('bob’s conversation', async () => (await bob.bubbles()).includes('are you there?'), 60_000);
    await until('"Seen" under alice’s last message', async () => (await stateOf('are you there?')) === 'Seen', 30_000);
    assert.equal(await stateOf('hello bob'), 'Sent', 'only the last message bob read says Seen');
    assert.equal(await alice.chat.getByText('Seen', { exact: true }).count(), 1);
    assert.deepEqual(await alice.axe(), [], 'axe: Seen');
    assert.deepEqual([...alice.errors, ...bob.errors], []);
  });
});
