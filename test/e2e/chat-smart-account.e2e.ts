/**
 * A smart account (ERC-1271) holds an XMTP inbox through `<mask-chat>`: the built kit in
 * Chromium, the real `@xmtp/browser-sdk` on the local node, the dev chain's DevSmartAccount.
 * The visitor's wallet is the contract; its owner (dev account 8) signs, like a smart-wallet app.
 * The kit sees code at the address (`eth_getCode` through the wallet) and registers with an SCW
 * signer on the wallet's chain; the node checks the signature with `isValidSignature` on the dev
 * chain. Then the smart account and an EOA (bob, dev account 2, also through the kit) chat.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startXmtpNode } from '../../dev/xmtp-node/index.js';
import { chatSuite, until, type Visitor } from './chat-page.js';

const VERIFY = 'xmtp.identity.api.v1.IdentityApi/VerifySmartContractWalletSignatures';

const suite = chatSuite();

describe('<mask-chat> with a smart-account wallet (ERC-1271)', { timeout: 300_000 }, () => {
  let sam: Visitor;
  let bob: Visitor;
  const contract = () => suite.chain.deployment.contracts.smartAccount;

  test('the smart account registers with one signature by its owner, checked on chain by the node', async () => {
    sam = await suite.visit('sam', suite.site.url({ account: 'smart', peer: suite.address(2) }));
    await sam.openChat();
    await sam.connect();
    await sam.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
    // Bob is not on XMTP yet: the registration went through, and the chat says so.
    await sam.chat.locator('[part~="error"]').getByText(/is not on XMTP yet/).waitFor({ timeout: 60_000 });
    assert.equal(await sam.signatures(), 1, 'one signature registers the smart account');
    const signed = await sam.page.evaluate(() => window.maskDevWallet!.calls.find((c) => c.method === 'personal_sign')!.params as string[]);
    assert.equal(signed[1]!.toLowerCase(), contract().toLowerCase(), 'the kit asks the wallet to sign as the smart account');

    // The node was asked, and said yes, at a block of the dev chain.
    const checks = suite.log.filter((e) => e.method.endsWith(VERIFY));
    assert.ok(checks.length >= 1 && checks.every((e) => e.status === 0), `VerifySmartContractWalletSignatures calls: ${JSON.stringify(checks.map((e) => e.status))}`);
    const inboxId = suite.node.store.inboxIdFor(contract().toLowerCase());
    assert.ok(inboxId, 'the node lists an inbox for the smart account');
    const created = suite.node.store.identityUpdatesAfter(inboxId, 0)[0]!.update.actions.find((a) => a.createInbox)!.createInbox!;
    assert.equal(created.initialIdentifier, contract().toLowerCase());
    const erc1271 = created.initialIdentifierSignature?.erc6492;
    assert.ok(erc1271, `the inbox was created with a smart-contract wallet signature, not ${JSON.stringify(Object.keys(created.initialIdentifierSignature ?? {}))}`);
    assert.equal(erc1271.accountId, `eip155:${suite.chain.chainId}:${contract().toLowerCase()}`);
    assert.ok(Number(erc1271.blockNumber.toString()) > 0, 'the block it was verified at is recorded');
    assert.deepEqual(sam.errors, []);
  });

  test('the smart account and an EOA message each other both ways', async () => {
    bob = await suite.visit('bob', suite.site.url({ account: 2, peer: contract() }));
    // Bob's kit finds the smart account on XMTP (its client verifies the ERC-1271 signature too).
    await bob.enableChat({ expectSignature: true });
    await sam.chat.getByText(/Say hello to/).waitFor({ timeout: 60_000 });
    await sam.send('hello from a smart account');
    await until('bob to receive the smart account’s message', async () => (await bob.bubbles()).includes('hello from a smart account'), 60_000);
    await bob.send('hi, contract wallet');
    await until('the smart account to receive bob’s reply', async () => (await sam.bubbles()).includes('hi, contract wallet'), 60_000);
    for (const v of [sam, bob]) {
      assert.deepEqual(await v.bubbles(), ['hello from a smart account', 'hi, contract wallet'], `${v.name} shows each message once, in order`);
      assert.deepEqual(v.errors, []);
    }
    // The test page points the Lens API at a closed port: the header's Lens lookup fails (resolution-failed), unrelated to XMTP.
    const errors = (await sam.events()).filter((e) => e.type === 'mask-error' && e.code !== 'resolution-failed').map((e) => e.code);
    assert.deepEqual(errors, ['peer-not-reachable'], 'the only chat error the smart account saw was bob not being on XMTP yet');
  });

  test('a reload resumes the smart account’s installation without a new signature', async () => {
    await sam.goto(suite.site.url({ account: 'smart', peer: suite.address(2) }));
    await sam.openChat();
    await sam.connect();
    await until('the conversation to come back', async () => (await sam.bubbles()).includes('hi, contract wallet'), 60_000);
    assert.equal(await sam.signatures(), 0, 'no signature after a reload');
    assert.deepEqual(sam.errors, []);
  });

  test('a network that cannot check the account’s chain refuses it: a sentence that says so, mask-error signature-invalid, and no raw SDK text', async () => {
    // A node that knows no chain answers every ERC-1271 check "no verifier for eip155:31337", as the real network does for a chain it does not serve.
    const blind = await startXmtpNode({ historyPort: false });
    try {
      const visitor = await suite.visit('sam-elsewhere', suite.site.url({ account: 'smart', peer: suite.address(2), xmtpUrl: blind.url }));
      await visitor.openChat();
      await visitor.connect();
      await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).click({ timeout: 60_000 });
      const sentence = visitor.chat.locator('[part~="error"]');
      await sentence.getByText(`Your wallet is a smart account (a contract on chain ${suite.chain.chainId})`, { exact: false }).waitFor({ timeout: 90_000 });
      assert.doesNotMatch(await sentence.innerText(), /SignatureError|validation failed/, 'the SDK’s words stay out of the sentence');
      assert.ok((await visitor.events()).some((e) => e.type === 'mask-error' && e.code === 'signature-invalid'));
      assert.ok(blind.requestLog.some((e) => e.method.endsWith(VERIFY)), 'the node was asked');
      assert.equal(blind.store.inboxIdFor(contract().toLowerCase()), undefined, 'no inbox was created');
      // The sign button stays: another wallet, or the same one once the site points at a network that can check it.
      assert.equal(await visitor.chat.getByRole('button', { name: 'Sign to enable chat' }).count(), 1);
      assert.deepEqual(await visitor.axe(), [], 'axe: the refused smart account');
      assert.deepEqual(visitor.errors, []);
    } finally {
      await blind.close();
    }
  });
});
