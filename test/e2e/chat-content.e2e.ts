/**
 * `<mask-chat>` content end to end: replies, reactions and tips in the
 * conversation, between two visitors on the built kit (`MASK_DIST`, default
 * `dist/`), the local XMTP node and the dev chain. The tip is real: the
 * page's `<mask-tip>` opens for the peer from the chat's header, the dev
 * wallet sends it, the dev chain mines it, and both sides show the receipt.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatSuite, until, type Visitor } from './chat-page.js';

const suite = chatSuite();
const { visit, address } = suite;

async function balance(who: string): Promise<bigint> {
  const res = await fetch(suite.chain.rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [who, 'latest'] }) });
  return BigInt(((await res.json()) as { result: string }).result);
}

/** The bubble whose own text (not a quote) is exactly `text`. */
const bubble = (v: Visitor, text: string) => v.chat.locator('[part~="bubble"]').filter({ has: v.page.locator('[part~="text"]', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });

describe('replies, reactions and tips in the conversation', { timeout: 300_000 }, () => {
  let alice: Visitor;
  let bob: Visitor;

  test('both visitors enable chat and exchange a message', async () => {
    alice = await visit('alice', suite.site.url({ account: 1, peer: address(2) }));
    bob = await visit('bob', suite.site.url({ account: 2, peer: address(1) }));
    // Bob first: Alice is not on XMTP yet, so his chat waits for her (and looks again by itself).
    await bob.openChat();
    await bob.connect();
    await bob.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    await bob.chat.getByText(/is not on XMTP yet/).first().waitFor({ timeout: 30_000 });
    await alice.enableChat({ expectSignature: true });
    await alice.chat.getByText(/Say hello to/).waitFor({ timeout: 30_000 });
    await bob.chat.locator('[part~="composer"]').waitFor({ timeout: 30_000 });
    await alice.send('what is the plan?');
    await until('bob to receive the question', async () => (await bob.bubbles()).includes('what is the plan?'), 30_000);
  });

  test('a reply sent from one page shows what it replies to on the other', async () => {
    const question = bubble(bob, 'what is the plan?');
    await question.getByRole('button', { name: 'Reply' }).click();
    await bob.chat.locator('[part~="replying"]').getByText('Replying to “what is the plan?”').waitFor();
    await bob.send('ship it friday');
    for (const v of [bob, alice]) {
      const reply = bubble(v, 'ship it friday');
      await reply.waitFor({ timeout: 30_000 });
      assert.equal(await reply.locator('[part~="quote"]').innerText(), 'what is the plan?', `${v.name}: the reply quotes the question`);
    }
    assert.equal(await bob.chat.locator('[part~="replying"]').count(), 0, 'the reply banner closed after sending');
  });

  test('a reaction sent from one page shows on the target message on the other', async () => {
    const reply = bubble(alice, 'ship it friday');
    await reply.locator('[part~="delivery"]').or(reply.getByRole('button', { name: 'React with 👍' })).first().waitFor();
    await reply.getByRole('button', { name: 'React with 👍' }).click();
    for (const v of [alice, bob]) {
      await until(`${v.name} to show 👍 on the reply`, async () => (await bubble(v, 'ship it friday').locator('[part~="reactions"]').innerText().catch(() => '')).includes('👍'), 30_000);
      assert.equal(await bubble(v, 'what is the plan?').locator('[part~="reactions"]').count(), 0, `${v.name}: only the target carries the reaction`);
    }
    // Reacting again with the same emoji takes it back, on both sides.
    await bubble(alice, 'ship it friday').getByRole('button', { name: 'React with 👍' }).click();
    for (const v of [alice, bob]) {
      await until(`${v.name} to drop the 👍`, async () => (await bubble(v, 'ship it friday').locator('[part~="reactions"]').count()) === 0, 30_000);
    }
    for (const v of [alice, bob]) assert.deepEqual(await v.axe(), [], `axe: ${v.name} with a reply`);
  });

  test('tip in the conversation shows a receipt on both sides', async () => {
    // The host page has a <mask-tip>; the chat's header asks it to open for the peer.
    await alice.page.evaluate(() => {
      const tip = document.createElement('mask-tip');
      tip.id = 'tip';
      document.body.append(tip);
      (window as unknown as { tips: unknown[] }).tips = [];
      document.addEventListener('mask-tip-confirmed', (e) => {
        const d = (e as Event & { detail: { hash: string; amount: bigint; to: string } }).detail;
        (window as unknown as { tips: unknown[] }).tips.push({ hash: d.hash, amount: String(d.amount), to: d.to });
      });
    });
    const before = await balance(address(2));
    await alice.chat.getByRole('button', { name: 'Tip', exact: true }).click();
    const panel = alice.page.locator('#tip').getByRole('dialog');
    await panel.waitFor({ timeout: 30_000 });
    await panel.getByText(address(2)).first().waitFor({ timeout: 30_000 });
    // 1.5 ETH = 1.5e18 wei, above 2^53: its amount must still reach the receipt.
    await panel.getByLabel('Amount in ETH').fill('1.5');
    await panel.getByLabel('Note (optional)').fill('thanks for the plan');
    await panel.getByRole('button', { name: 'Send 1.5 ETH' }).click();
    type Tip = { hash: string; amount: string; to: string };
    const tips = (await until(
      'the tip to confirm',
      async () => {
        const list = await alice.page.evaluate(() => (window as unknown as { tips: Tip[] }).tips);
        return list.length ? list : null;
      },
      60_000,
    )) as Tip[];
    assert.equal(tips.length, 1);
    assert.equal(tips[0].to.toLowerCase(), address(2).toLowerCase(), 'the tip went to the peer');
    assert.equal(tips[0].amount, '1500000000000000000');
    const after = await balance(address(2));
    assert.equal(after - before, 1_500_000_000_000_000_000n, 'the peer received 1.5 ETH on the dev chain');
    const hash = tips[0].hash;
    await panel.getByRole('button', { name: 'Done' }).click();

    for (const v of [alice, bob]) {
      const receipt = v.chat.locator('[part~="receipt"]');
      await receipt.waitFor({ timeout: 30_000 });
      assert.equal(await receipt.count(), 1, `${v.name}: one receipt`);
      assert.equal((await receipt.locator('[part~="receipt-amount"]').innerText()).trim(), '1.5 ETH', `${v.name}: amount and token`);
      const code = receipt.locator('code');
      const link = receipt.locator('a[part~="receipt-link"]');
      if (await link.count()) assert.ok((await link.getAttribute('href'))?.endsWith(`/tx/${hash}`));
      else assert.equal(await code.getAttribute('title'), hash, `${v.name}: the transaction hash`);
      // The note goes with it, as a reply to the receipt.
      const note = bubble(v, 'thanks for the plan');
      await note.waitFor({ timeout: 30_000 });
      assert.equal(await note.locator('[part~="quote"]').innerText(), 'Tip sent', `${v.name}: the note quotes the tip`);
    }
    assert.equal(await bob.chat.locator('[part~="bubble-theirs"] [part~="receipt"]').count(), 1, 'bob sees it as from alice');
    for (const v of [alice, bob]) {
      assert.deepEqual(await v.axe(), [], `axe: ${v.name} with a tip receipt`);
      assert.deepEqual(v.errors, []);
    }
  });
});
