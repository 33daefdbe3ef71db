/**
 * The tip's receipt watcher against a real anvil: mined at once (automine), and
 * with mining paused so the wallet can speed up or cancel the transaction before
 * a block includes it, as a real mempool allows.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import { createClient, custom, http, type Client, type Hex } from 'viem';
import { startDevChain, type DevChain } from '../../dev/chain/index.js';
import { makeHostileTokens } from '../../dev/chain/records.js';
import { CancelledError, readTokenInfo, WatchTimeoutError, waitForReceipt } from './tip-chain.js';

let chain: DevChain;
let client: Client;
/** Every method the watcher asked the node for, in order. */
const asked: string[] = [];
const rpc = <T>(method: string, params: unknown[] = []) => client.request({ method, params } as never) as Promise<T>;
const account = (i: number) => chain.deployment.accounts[i]!.address;
const gwei = (n: number) => `0x${(BigInt(n) * 1_000_000_000n).toString(16)}`;

before(async () => {
  chain = await startDevChain({ seed: false });
  const node = http(chain.rpcUrl, { retryCount: 0 })({});
  client = createClient({
    transport: custom({
      request: (args: { method: string; params?: unknown }) => {
        asked.push(args.method);
        return node.request(args as never);
      },
    }),
  });
});
after(() => chain?.close());
afterEach(() => rpc('evm_setAutomine', [true]));

/** Resolves once the watcher has looked the pending transaction up and had its answer (it asked twice). */
async function watcherSawPending(): Promise<void> {
  const start = asked.length;
  while (asked.slice(start).filter((m) => m === 'eth_getTransactionByHash').length < 2) await new Promise((r) => setTimeout(r, 5));
}

/** Sends from an unlocked anvil account with legacy pricing, so a replacement can outbid it. */
function send(from: string, to: string, value: bigint, nonce: number, gasPriceGwei: number): Promise<Hex> {
  return rpc<Hex>('eth_sendTransaction', [{ from, to, value: `0x${value.toString(16)}`, nonce: `0x${nonce.toString(16)}`, gasPrice: gwei(gasPriceGwei), gas: '0x5208' }]);
}

describe('waitForReceipt', () => {
  test('a transaction mined at once (automine) resolves with its receipt', async () => {
    const nonce = Number(BigInt(await rpc<Hex>('eth_getTransactionCount', [account(1), 'latest'])));
    const hash = await send(account(1), account(2), 1234n, nonce, 10);
    const receipt = await waitForReceipt(client, hash, { pollingInterval: 10 });
    assert.equal(receipt.status, 'success');
    assert.equal(receipt.transactionHash, hash);
    assert.equal(receipt.replacedBy, undefined);
    assert.equal(typeof receipt.blockNumber, 'bigint');
    assert.equal((receipt.raw as { transactionHash: Hex }).transactionHash, hash, 'the raw receipt is viem-formatted');
  });

  test('sped up in the wallet: follows the replacement and reports its hash', async () => {
    await rpc('evm_setAutomine', [false]);
    const nonce = Number(BigInt(await rpc<Hex>('eth_getTransactionCount', [account(3), 'latest'])));
    const original = await send(account(3), account(4), 5000n, nonce, 10);
    const watching = waitForReceipt(client, original, { pollingInterval: 10, timeout: 20_000 });
    await watcherSawPending();
    const faster = await send(account(3), account(4), 5000n, nonce, 30);
    assert.notEqual(faster, original);
    await rpc('evm_mine');
    const receipt = await watching;
    assert.equal(receipt.status, 'success');
    assert.equal(receipt.replacedBy, faster);
    assert.equal(receipt.transactionHash, faster);
  });

  test('cancelled in the wallet (zero-value send to self, same nonce): CancelledError', async () => {
    await rpc('evm_setAutomine', [false]);
    const nonce = Number(BigInt(await rpc<Hex>('eth_getTransactionCount', [account(5), 'latest'])));
    const original = await send(account(5), account(6), 7000n, nonce, 10);
    const watching = waitForReceipt(client, original, { pollingInterval: 10, timeout: 20_000 });
    await watcherSawPending();
    await send(account(5), account(5), 0n, nonce, 30);
    await rpc('evm_mine');
    await assert.rejects(watching, CancelledError);
  });

  test('never mined: WatchTimeoutError after the timeout, no receipt invented', async () => {
    await rpc('evm_setAutomine', [false]);
    const nonce = Number(BigInt(await rpc<Hex>('eth_getTransactionCount', [account(7), 'latest'])));
    const hash = await send(account(7), account(8), 1n, nonce, 10);
    await assert.rejects(waitForReceipt(client, hash, { pollingInterval: 10, timeout: 300 }), WatchTimeoutError);
    await rpc('evm_mine');
    assert.equal((await waitForReceipt(client, hash, { pollingInterval: 10 })).status, 'success', 'mined later, it is found');
  });
});

describe('readTokenInfo', () => {
  test('a token’s hostile symbol: controls and direction marks dropped, cut at 16 characters with “…”, never half an emoji; decimals past 255 refused', async () => {
    const [markup, emoji, short, invisible, huge] = await makeHostileTokens(chain.deployment, [
      { symbol: '<img src=x onerror=alert(1)>', decimals: 18 },
      { symbol: `\u202e${'😀'.repeat(20)}`, decimals: 6 },
      { symbol: ' US\u200bDC\u0000 ', decimals: 6 },
      { symbol: '\u200b\u202e\u0007', decimals: 0 },
      { symbol: 'BIG', decimals: 1_000_000_000n },
    ]);
    assert.deepEqual(await readTokenInfo(client, markup!), { symbol: '<img src=x oner…', decimals: 18 });
    assert.deepEqual(await readTokenInfo(client, emoji!), { symbol: `${'😀'.repeat(15)}…`, decimals: 6 });
    assert.deepEqual(await readTokenInfo(client, short!), { symbol: 'USDC', decimals: 6 });
    assert.deepEqual(await readTokenInfo(client, invisible!), { symbol: null, decimals: 0 });
    await assert.rejects(readTokenInfo(client, huge!), /bad decimals/);
  });
});
