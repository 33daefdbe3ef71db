// VerifySmartContractWalletSignatures against the dev chain: the node calls the account's
// `isValidSignature(hash, signature)` (ERC-1271) on the chain named by the CAIP-10 account id, at
// the block asked for or the newest one, and answers as libxmtp's validation service does.
// node --import tsx --test dev/xmtp-node/scw.test.ts

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createWalletClient, hashMessage, hexToBytes, http, type Address, type Hex } from 'viem';
import { devChainViemChain, startDevChain, type DevChain } from '../chain/index.js';
import { startXmtpNode, type XmtpNode } from './index.js';
import { identity, toBigInt } from './proto.js';
import { bytes, IDENTITY, ok } from './test-helpers.js';

type Sig = { accountId: string; signature: Uint8Array; hash: Uint8Array; blockNumber?: bigint };

describe('smart-contract wallet signatures (ERC-1271 on the dev chain)', { timeout: 120_000 }, () => {
  let chain: DevChain;
  let node: XmtpNode;
  let account: Address;
  let owner: Address;
  let deployedAt: bigint;
  const text = 'XMTP : Authenticate to inbox\n\nInbox ID: 0123\nCurrent time: 2026-12-06T10:00:00.000Z';

  const sign = (who: Address, message: string): Promise<Hex> =>
    createWalletClient({ chain: devChainViemChain(chain.deployment), transport: http(chain.rpcUrl), account: who }).signMessage({ message });

  async function verify(signatures: Sig[]) {
    const req = identity.VerifySmartContractWalletSignaturesRequest.encode(
      identity.VerifySmartContractWalletSignaturesRequest.fromPartial({
        signatures: signatures.map((s) => ({ ...s, blockNumber: s.blockNumber?.toString() })),
      }),
    ).finish();
    const res = await ok(node.url, `${IDENTITY}/VerifySmartContractWalletSignatures`, req, identity.VerifySmartContractWalletSignaturesResponse);
    return res.responses.map((r) => ({ isValid: r.isValid, blockNumber: r.blockNumber === undefined ? undefined : toBigInt(r.blockNumber), error: r.error }));
  }

  before(async () => {
    chain = await startDevChain({ seed: false });
    node = await startXmtpNode({ chains: { [chain.chainId]: chain.rpcUrl }, historyPort: false });
    account = chain.deployment.contracts.smartAccount;
    owner = chain.deployment.smartAccountOwner;
    const res = await fetch(chain.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
    });
    deployedAt = BigInt(((await res.json()) as { result: string }).result);
  });
  after(async () => {
    await node?.close();
    await chain?.close();
  });

  const id = (address: string, chainId: number | string = chain.chainId) => `eip155:${chainId}:${address.toLowerCase()}`;

  it("is valid for the owner's personal_sign of the text, checked against hashMessage(text), with the block it was checked at", async () => {
    const [answer] = await verify([{ accountId: id(account), signature: hexToBytes(await sign(owner, text)), hash: hexToBytes(hashMessage(text)) }]);
    assert.equal(answer!.isValid, true, answer!.error);
    assert.equal(answer!.error, undefined);
    assert.ok(answer!.blockNumber !== undefined && answer!.blockNumber >= deployedAt, `block number ${answer!.blockNumber} (account deployed by ${deployedAt})`);
  });

  it('is invalid for anyone else’s signature, another text’s hash, or an address with no code; the block is still reported', async () => {
    const byOwner = hexToBytes(await sign(owner, text));
    const hash = hexToBytes(hashMessage(text));
    const someone = chain.deployment.accounts[2]!.address;
    const answers = await verify([
      { accountId: id(account), signature: hexToBytes(await sign(someone, text)), hash },
      { accountId: id(account), signature: byOwner, hash: hexToBytes(hashMessage('another text')) },
      { accountId: id(account), signature: byOwner.slice(0, 64), hash },
      // An EOA (no code): isValidSignature answers nothing.
      { accountId: id(owner), signature: byOwner, hash },
    ]);
    for (const [i, a] of answers.entries()) {
      assert.equal(a.isValid, false, `signature ${i}`);
      assert.equal(a.error, undefined, `signature ${i}: a clean "no", not an error`);
      assert.ok(a.blockNumber !== undefined, `signature ${i}: block number`);
    }
  });

  it('checks at the block asked for: before the account existed the same signature is not valid', async () => {
    const signature = hexToBytes(await sign(owner, text));
    const hash = hexToBytes(hashMessage(text));
    const [then, now] = await verify([
      { accountId: id(account), signature, hash, blockNumber: 0n },
      { accountId: id(account), signature, hash, blockNumber: deployedAt },
    ]);
    assert.deepEqual(then, { isValid: false, blockNumber: 0n, error: undefined });
    assert.deepEqual(now, { isValid: true, blockNumber: deployedAt, error: undefined });
  });

  it('a chain the node has no RPC for, a malformed account id or hash: is_valid false with the validation service’s error, no block', async () => {
    const signature = hexToBytes(await sign(owner, text));
    const hash = hexToBytes(hashMessage(text));
    const answers = await verify([
      { accountId: id(account, 1), signature, hash },
      { accountId: `eip155:${chain.chainId}`, signature, hash },
      { accountId: id(account), signature, hash: bytes(31) },
      { accountId: id('0x1234'), signature, hash },
    ]);
    assert.deepEqual(answers, [
      { isValid: false, blockNumber: undefined, error: 'Signature(VerifierError(NoVerifier("eip155:1")))' },
      { isValid: false, blockNumber: undefined, error: 'Deserialization(InvalidAccountId)' },
      { isValid: false, blockNumber: undefined, error: 'Deserialization(InvalidHash)' },
      { isValid: false, blockNumber: undefined, error: 'Signature(VerifierError(FromHex(InvalidStringLength)))' },
    ]);
  });

  it('an RPC that does not answer is an error answer, not a failed call; chains can be added later', async () => {
    const other = await startXmtpNode({ chains: { 'eip155:31337': 'http://127.0.0.1:9' }, historyPort: false });
    try {
      const signature = hexToBytes(await sign(owner, text));
      const hash = hexToBytes(hashMessage(text));
      const req = identity.VerifySmartContractWalletSignaturesRequest.encode(
        identity.VerifySmartContractWalletSignaturesRequest.fromPartial({ signatures: [{ accountId: id(account, 31337), signature, hash }] }),
      ).finish();
      const ask = async () => (await ok(other.url, `${IDENTITY}/VerifySmartContractWalletSignatures`, req, identity.VerifySmartContractWalletSignaturesResponse)).responses[0]!;
      const down = await ask();
      assert.equal(down.isValid, false);
      assert.match(down.error ?? '', /^Signature\(VerifierError\(Provider\(/);
      assert.equal(chain.chainId, 31337);
      other.scw.addChain(chain.chainId, chain.rpcUrl);
      assert.deepEqual(other.scw.chains, ['eip155:31337']);
      assert.equal((await ask()).isValid, true);
    } finally {
      await other.close();
    }
  });
});
