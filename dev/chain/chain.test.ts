// node --import tsx --test dev/chain/chain.test.ts
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  decodeErrorResult,
  erc20Abi,
  getAddress,
  hashMessage,
  http,
  parseAbi,
  parseEther,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { normalize } from 'viem/ens';
import { BROKEN_AVATAR, SEED_PROFILES, USDC_MINT, PAUSE_MINT } from './seed-data.js';
import { devChainViemChain, startDevChain, waitMined, type DevChain } from './index.js';
import { makeHostileTokens, writeNameRecords, writeRepeatText } from './records.js';

const reverseAbi = parseAbi([
  'function reverseWithGateways(bytes reverseName, uint256 coinType, string[] gateways) view returns (string resolvedName, address resolver, address reverseResolver)',
  'error ReverseAddressMismatch(string primary, bytes primaryAddress)',
  'error ResolverNotFound(bytes name)',
]);
const erc1271Abi = parseAbi(['function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)']);
const donationAbi = parseAbi(['function totalDonated() view returns (uint256)']);
const pausedAbi = parseAbi(['function transfer(address to, uint256 value) returns (bool)']);

function revertedError(err: unknown): ContractFunctionRevertedError {
  assert.ok(err instanceof BaseError, `expected a viem BaseError, got ${String(err)}`);
  const cause = err.walk((e) => e instanceof ContractFunctionRevertedError);
  assert.ok(cause instanceof ContractFunctionRevertedError, `no ContractFunctionRevertedError in ${err.message}`);
  return cause;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('dev chain', () => {
  let chain: DevChain;
  let client: PublicClient;
  let acct: Address[];
  const dir = mkdtempSync(join(tmpdir(), 'mask-devchain-'));
  const deploymentFile = join(dir, 'deployment.json');

  before(async () => {
    chain = await startDevChain({ deploymentFile });
    client = createPublicClient({ chain: devChainViemChain(chain.deployment), transport: http(chain.rpcUrl) });
    acct = chain.deployment.accounts.map((a) => a.address);
  });

  after(async () => {
    if (chain) {
      await chain.close();
      assert.equal(isAlive(chain.pid), false, 'anvil still alive after close()');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('starts, answers the chain id, writes the deployment file', async (t) => {
    // Start-up time is reported, not asserted: a timed test fails on a busy machine, not on slow code.
    t.diagnostic(`startup ${chain.startupMs} ms (first chain in this process, includes compile)`);
    assert.ok(chain.startupMs > 0);
    assert.equal(await client.getChainId(), 31337);
    assert.equal(chain.chainId, 31337);
    assert.match(chain.rpcUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(chain.port, 8545);
    const onDisk = JSON.parse(readFileSync(deploymentFile, 'utf8'));
    assert.deepEqual(onDisk, chain.deployment);
    assert.equal(chain.deployment.accounts.length, 10);
    for (const a of chain.deployment.accounts) assert.equal(a.address, getAddress(a.address));
    assert.equal(chain.deployment.contracts.multicall3, '0xcA11bde05977b3631167028862bE2a173976CA11');
    assert.equal(chain.deployment.bulk.length, 100);
    assert.equal(chain.deployment.bulk[0]!.name, 'fan001.eth');
    assert.equal(chain.deployment.bulk[99]!.name, 'fan100.eth');
    assert.deepEqual(chain.deployment.spoof, { address: acct[4], claimedName: 'alice.eth' });
  });

  test('getEnsAddress resolves seeded names (addr(bytes32) and addr(bytes32,uint256))', async () => {
    assert.equal(await client.getEnsAddress({ name: normalize('alice.eth') }), acct[1]);
    assert.equal(await client.getEnsAddress({ name: normalize('bob.eth') }), acct[2]);
    assert.equal(await client.getEnsAddress({ name: normalize('Carol.eth') }), acct[3]);
    // addr(bytes32,uint256) returns bytes: viem hands them back lowercase (as on mainnet).
    assert.equal(await client.getEnsAddress({ name: 'alice.eth', coinType: 60n }), acct[1]!.toLowerCase());
    assert.equal(await client.getEnsAddress({ name: 'donation.eth' }), chain.deployment.contracts.donationBox);
    assert.equal(chain.deployment.names['alice.eth'], acct[1]);
  });

  test('getEnsName: verified primary names, null for an address without one', async () => {
    assert.equal(await client.getEnsName({ address: acct[1]! }), 'alice.eth');
    assert.equal(await client.getEnsName({ address: acct[2]! }), 'bob.eth');
    assert.equal(await client.getEnsName({ address: acct[6]! }), 'broken.eth');
    assert.equal(await client.getEnsName({ address: acct[5]! }), null);
    assert.equal(await client.getEnsName({ address: acct[0]! }), null);
    assert.equal(chain.deployment.accounts[1]!.name, 'alice.eth');
    assert.equal(chain.deployment.accounts[4]!.name, undefined);
  });

  test('spoofed reverse record behaves like mainnet: null, or ReverseAddressMismatch when strict', async () => {
    const spoof = chain.deployment.spoof!;
    assert.equal(await client.getEnsName({ address: spoof.address }), null);
    const err = await client.getEnsName({ address: spoof.address, strict: true }).then(
      () => assert.fail('strict getEnsName should throw'),
      (e: unknown) => e,
    );
    const reverted = revertedError(err);
    assert.equal(reverted.data?.errorName, 'ReverseAddressMismatch');
    assert.deepEqual(reverted.data?.args, ['alice.eth', acct[1]!.toLowerCase()]);
    // A caller holding only the raw revert data can decode the claimed name too.
    assert.ok(reverted.raw, 'revert data missing');
    const decoded = decodeErrorResult({ abi: reverseAbi, data: reverted.raw });
    assert.equal(decoded.errorName, 'ReverseAddressMismatch');
    assert.equal(decoded.args[0], spoof.claimedName);
    assert.equal(getAddress(decoded.args[1] as Address), acct[1]);
    // mallory's claimed name is not its own: no forward record for mallory.eth either.
    assert.equal(await client.getEnsAddress({ name: 'mallory.eth' }), null);
  });

  test('getEnsText and getEnsAvatar return the seeded records', async () => {
    const alice = SEED_PROFILES[0]!;
    assert.equal(await client.getEnsText({ name: 'alice.eth', key: 'description' }), alice.texts.description);
    assert.equal(await client.getEnsText({ name: 'alice.eth', key: 'url' }), 'https://alice.example.org');
    assert.equal(await client.getEnsText({ name: 'bob.eth', key: 'com.github' }), 'bob-dev');
    assert.equal(await client.getEnsText({ name: 'alice.eth', key: 'no.such.key' }), null);
    const avatar = await client.getEnsAvatar({ name: 'alice.eth' });
    assert.equal(avatar, alice.texts.avatar);
    assert.match(avatar!, /^data:image\/svg\+xml;base64,/);
    assert.notEqual(await client.getEnsAvatar({ name: 'bob.eth' }), avatar);
    assert.equal(await client.getEnsAvatar({ name: 'broken.eth' }), BROKEN_AVATAR);
    assert.equal(await client.getEnsAvatar({ name: 'fan042.eth' }), await client.getEnsAvatar({ name: 'fan001.eth' }));
  });

  test('records written at run time: hostile names and texts as given, a 1 MB text computed when read', async () => {
    const addr = getAddress('0x0000000000000000000000000000000000057113');
    const name = 'rt-\u202etxet.eth';
    await writeNameRecords(chain.deployment, [
      { name, addr, texts: { description: '<img src=x onerror=alert(1)>\u0000' } },
      { name: 'rt-plain.eth', addr: acct[9]!, setReverse: false, texts: { url: 'javascript:alert(1)' } },
    ]);
    assert.equal(await client.getEnsText({ name, key: 'description' }), '<img src=x onerror=alert(1)>\u0000');
    assert.equal(await client.getEnsAddress({ name: 'rt-plain.eth' }), acct[9]);
    assert.equal(await client.getEnsText({ name: 'rt-plain.eth', key: 'url' }), 'javascript:alert(1)');
    await writeRepeatText(chain.deployment, 'rt-plain.eth', 'description', 'ab', 500_000);
    const big = await client.getEnsText({ name: 'rt-plain.eth', key: 'description' });
    assert.equal(big?.length, 1_000_000);
    assert.equal(big, 'ab'.repeat(500_000));
    await writeRepeatText(chain.deployment, 'rt-plain.eth', 'description', 'ab', 0);
    assert.equal(await client.getEnsText({ name: 'rt-plain.eth', key: 'description' }), null, 'count 0 removes the computed record');
  });

  test('hostile tokens: symbol() and decimals() answer what was asked, even past uint8; transfers succeed', async () => {
    const [a, b] = await makeHostileTokens(chain.deployment, [
      { symbol: '<img src=x onerror=alert(1)>\u202e', decimals: 1_000_000_000n },
      { symbol: 'USDC', decimals: 6 },
    ]);
    const abi = parseAbi(['function symbol() view returns (string)', 'function decimals() view returns (uint256)', 'function balanceOf(address) view returns (uint256)']);
    assert.equal(await client.readContract({ address: a!, abi, functionName: 'symbol' }), '<img src=x onerror=alert(1)>\u202e');
    assert.equal(await client.readContract({ address: a!, abi, functionName: 'decimals' }), 1_000_000_000n);
    assert.equal(await client.readContract({ address: b!, abi, functionName: 'decimals' }), 6n);
    assert.ok((await client.readContract({ address: b!, abi, functionName: 'balanceOf', args: [acct[5]!] })) > 10n ** 70n);
    const gas = await client.estimateContractGas({ address: b!, abi: erc20Abi, functionName: 'transfer', args: [acct[2]!, 1n], account: acct[5]! });
    assert.ok(gas > 0n);
  });

  test('unknown names resolve to null (ResolverNotFound underneath)', async () => {
    assert.equal(await client.getEnsAddress({ name: 'nobody.eth' }), null);
    assert.equal(await client.getEnsText({ name: 'nobody.eth', key: 'avatar' }), null);
    assert.equal(await client.getEnsAvatar({ name: 'nobody.eth' }), null);
    const err = await client.getEnsAddress({ name: 'nobody.eth', strict: true }).then(
      () => assert.fail('strict getEnsAddress should throw'),
      (e: unknown) => e,
    );
    assert.equal(revertedError(err).data?.errorName, 'ResolverNotFound');
  });

  test('USDC has 6 decimals and seeded balances', async () => {
    const usdc = chain.deployment.contracts.usdc;
    assert.equal(await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'decimals' }), 6);
    assert.equal(await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'symbol' }), 'USDC');
    assert.equal(await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'name' }), 'USD Coin (dev)');
    for (const i of [0, 1, 5]) {
      const bal = await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [acct[i]!] });
      assert.equal(bal, 1_000_000_000_000n);
    }
    assert.equal(USDC_MINT.amount, 1_000_000_000_000n);
    const none = await client.readContract({ address: usdc, abi: erc20Abi, functionName: 'balanceOf', args: [acct[6]!] });
    assert.equal(none, 0n);
  });

  test('PausedToken transfer reverts with its reason; balances stay', async () => {
    const token = chain.deployment.contracts.pausedToken;
    assert.equal(await client.readContract({ address: token, abi: erc20Abi, functionName: 'symbol' }), 'PAUSE');
    assert.equal(await client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }), 18);
    const before = await client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [acct[1]!] });
    assert.equal(before, PAUSE_MINT.amount);
    const err = await client
      .simulateContract({ address: token, abi: pausedAbi, functionName: 'transfer', args: [acct[2]!, 1n], account: acct[1]! })
      .then(
        () => assert.fail('transfer should revert'),
        (e: unknown) => e,
      );
    assert.equal(revertedError(err).reason, 'PausedToken: transfers are paused');
    // Gas estimation (what a wallet does before sending) fails with the reason too.
    await assert.rejects(
      client.estimateContractGas({ address: token, abi: pausedAbi, functionName: 'transfer', args: [acct[2]!, 1n], account: acct[1]! }),
      /PausedToken: transfers are paused/,
    );
    // Sent anyway, anvil mines the transaction as reverted.
    const wallet = createWalletClient({ chain: devChainViemChain(chain.deployment), transport: http(chain.rpcUrl), account: acct[1]! });
    const hash = await wallet.writeContract({ address: token, abi: pausedAbi, functionName: 'transfer', args: [acct[2]!, 1n] });
    assert.equal((await waitMined(client, hash)).status, 'reverted');
    const afterBal = await client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [acct[1]!] });
    assert.equal(afterBal, before);
  });

  test('DonationBox has code and accepts ETH', async () => {
    const box = chain.deployment.contracts.donationBox;
    const code = await client.getCode({ address: box });
    assert.ok(code && code.length > 2, 'DonationBox has no code');
    const wallet = createWalletClient({ chain: devChainViemChain(chain.deployment), transport: http(chain.rpcUrl), account: acct[2]! });
    const hash = await wallet.sendTransaction({ to: box, value: parseEther('1.5') });
    const receipt = await waitMined(client, hash);
    assert.equal(receipt.status, 'success');
    assert.equal(await client.getBalance({ address: box }), parseEther('1.5'));
    assert.equal(await client.readContract({ address: box, abi: donationAbi, functionName: 'totalDonated' }), parseEther('1.5'));
  });

  test('DevSmartAccount (ERC-1271): accepts its owner\'s personal_sign for hashMessage(text), nothing else', async () => {
    const account = chain.deployment.contracts.smartAccount;
    const owner = chain.deployment.smartAccountOwner;
    assert.equal(owner, acct[8]);
    const code = await client.getCode({ address: account });
    assert.ok(code && code.length > 2, 'DevSmartAccount has no code');
    const check = (hash: Hex, signature: Hex) =>
      client.readContract({ address: account, abi: erc1271Abi, functionName: 'isValidSignature', args: [hash, signature] });
    const text = 'XMTP : Authenticate to inbox\n\nInbox ID: 1234';
    const sign = (who: Address, message: string) =>
      createWalletClient({ chain: devChainViemChain(chain.deployment), transport: http(chain.rpcUrl), account: who }).signMessage({ message });
    const byOwner = await sign(owner, text);
    assert.equal(await check(hashMessage(text), byOwner), '0x1626ba7e', 'the owner\'s signature is valid');
    assert.equal(await check(hashMessage('another text'), byOwner), '0xffffffff', 'for another hash it is not');
    assert.equal(await check(hashMessage(text), await sign(acct[2]!, text)), '0xffffffff', 'someone else\'s signature is not');
    assert.equal(await check(hashMessage(text), byOwner.slice(0, -2) as Hex), '0xffffffff', 'a 64-byte signature is not');
    // The malleable twin (s -> n - s, v flipped) recovers the same owner but is refused.
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = BigInt(`0x${byOwner.slice(66, 130)}`);
    const v = parseInt(byOwner.slice(130, 132), 16);
    const twin = `${byOwner.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}` as Hex;
    assert.equal(await check(hashMessage(text), twin), '0xffffffff', 'the malleable twin is not');
  });

  test('multicall3 at the canonical address: 100 reverse lookups in one call', async () => {
    const { bulk, contracts } = chain.deployment;
    const code = await client.getCode({ address: contracts.multicall3 });
    assert.ok(code && code.length > 2, 'no code at the Multicall3 address');
    const mcBlock = await client.readContract({
      address: contracts.multicall3,
      abi: parseAbi(['function getBlockNumber() view returns (uint256)']),
      functionName: 'getBlockNumber',
    });
    // anvil runs eth_call in the context of the next block
    assert.ok(mcBlock >= (await client.getBlockNumber()) && mcBlock > 0n, `getBlockNumber() = ${mcBlock}`);
    const ethBal = await client.readContract({
      address: contracts.multicall3,
      abi: parseAbi(['function getEthBalance(address) view returns (uint256)']),
      functionName: 'getEthBalance',
      args: [acct[9]!],
    });
    assert.equal(ethBal, await client.getBalance({ address: acct[9]! }));
    assert.ok(ethBal > 0n);

    const results = await client.multicall({
      allowFailure: false,
      contracts: bulk.map((b) => ({
        address: contracts.ensUniversalResolver,
        abi: reverseAbi,
        functionName: 'reverseWithGateways' as const,
        args: [b.address, 60n, ['x-batch-gateway:true']] as const,
      })),
    });
    assert.deepEqual(
      results.map((r) => r[0]),
      bulk.map((b) => b.name),
    );

    // viem's transparent batching: 100 getEnsName calls become very few eth_calls to Multicall3.
    const ethCalls: { to?: string }[] = [];
    const batched = createPublicClient({
      chain: devChainViemChain(chain.deployment),
      batch: { multicall: { batchSize: 100_000, wait: 20 } },
      transport: http(chain.rpcUrl, {
        onFetchRequest: (_req, init) => {
          const body = JSON.parse(String(init.body)) as { method: string; params: [{ to?: string }] };
          if (body.method === 'eth_call') ethCalls.push(body.params[0]);
        },
      }),
    });
    const names = await Promise.all([
      ...bulk.map((b) => batched.getEnsName({ address: b.address })),
      batched.getEnsName({ address: acct[5]! }),
      batched.getEnsName({ address: chain.deployment.spoof!.address }),
    ]);
    assert.deepEqual(names, [...bulk.map((b) => b.name), null, null]);
    assert.ok(ethCalls.length >= 1 && ethCalls.length <= 2, `expected 1-2 eth_calls, got ${ethCalls.length}`);
    for (const c of ethCalls) assert.equal(getAddress(c.to!), contracts.multicall3);
  });

  test('two chains at once on different ports; close() leaves no anvil process', async (t) => {
    const second = await startDevChain({ chainId: 31338, bulkNames: 3 });
    let closed = false;
    t.after(async () => {
      if (!closed) await second.close();
    });
    t.diagnostic(`second chain startup ${second.startupMs} ms (solc output cached)`);
    assert.notEqual(second.port, chain.port);
    assert.notEqual(second.pid, chain.pid);
    const client2 = createPublicClient({ chain: devChainViemChain(second.deployment), transport: http(second.rpcUrl) });
    assert.equal(await client2.getChainId(), 31338);
    assert.equal(await client.getChainId(), 31337);
    assert.deepEqual(
      second.deployment.bulk.map((b) => b.name),
      ['fan001.eth', 'fan002.eth', 'fan003.eth'],
    );
    assert.equal(await client2.getEnsName({ address: second.deployment.accounts[3]!.address }), 'carol.eth');
    // State is independent: a transfer on the second chain does not touch the first.
    const wallet2 = createWalletClient({ chain: devChainViemChain(second.deployment), transport: http(second.rpcUrl), account: acct[7]! });
    const sink = '0x000000000000000000000000000000000000dEaD' as const;
    await waitMined(client2, await wallet2.sendTransaction({ to: sink, value: 123n }));
    assert.equal(await client2.getBalance({ address: sink }), 123n);
    assert.equal(await client.getBalance({ address: sink }), 0n);

    assert.equal(isAlive(second.pid), true);
    await second.close();
    closed = true;
    assert.equal(isAlive(second.pid), false, 'anvil process still exists after close()');
    assert.equal(isAlive(-second.pid), false, 'anvil process group still exists after close()');
    await assert.rejects(client2.getChainId());
    await second.close(); // idempotent
  });
});
