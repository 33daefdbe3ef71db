/**
 * Tip receipts checked on a real anvil: real native and USDC transfers by the
 * dev accounts, a look-alike "USDC" deployed beside the real one, a transfer
 * of the paused token that reverts, a transaction held back by paused mining;
 * a closed port and an HTTP server that answers garbage for a node that is down
 * or broken. A counting transport shows which checks need no request at all.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { createClient, custom, encodeFunctionData, erc20Abi, getAddress, http, type Address, type Client, type Hex } from 'viem';
import { compileContracts, devChainViemChain, devKitChain, startDevChain, waitMined, type DevChain } from '../../dev/chain/index.js';
import { toMetadataAmount } from '../messaging/amount.js';
import { chainIdOf, claimFromTransaction, decodeSymbolResult, ReceiptCache, verifyOptionsFor, verifyReceipt, type ReceiptCheck, type TransferClaim, type VerifyOptions } from './verify-receipt.js';

let chain: DevChain;
let client: Client;
/** Every method the verifier asked the node for, in order. */
const asked: string[] = [];
let options: VerifyOptions;
const fresh = (): VerifyOptions => ({ ...options, cache: new ReceiptCache() });

const rpc = <T>(method: string, params: unknown[] = []) => client.request({ method, params } as never) as Promise<T>;
const account = (i: number) => chain.deployment.accounts[i]!.address;
const hex = (n: bigint) => `0x${n.toString(16)}`;
const mintAbi = [{ type: 'function', name: 'mint', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }, { name: 'amount', type: 'uint256' }], outputs: [] }] as const;

/** Sends from an unlocked anvil account and waits for the receipt; gas given, so a reverting call is mined too. */
async function send(tx: { from: Address; to?: Address; value?: bigint; data?: Hex }): Promise<{ hash: Hex; contractAddress: Address | null | undefined; status: string }> {
  const hash = await rpc<Hex>('eth_sendTransaction', [{ from: tx.from, ...(tx.to ? { to: tx.to } : {}), value: hex(tx.value ?? 0n), ...(tx.data ? { data: tx.data } : {}), gas: hex(tx.to ? 200_000n : 5_000_000n) }]);
  const receipt = await waitMined(client, hash, { interval: 5 });
  return { hash, contractAddress: receipt.contractAddress, status: receipt.status };
}
const transferData = (to: Address, amount: bigint) => encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] });

/** The mined transactions the tests make claims about. */
const sent = {
  native: '' as Hex, // 1.5 ETH, account 1 → 2
  odd: '' as Hex, // 1.234567890123456789 ETH, account 1 → 3 (19 significant digits)
  usdc: '' as Hex, // 5 USDC, account 1 → 2
  fake: '' as Hex, // 5 look-alike "USDC", account 1 → 2
  fakeFrom: '' as Hex, // 7 look-alike "USDC" from account 1 → 2, signed by account 3 (transferFrom)
  paused: '' as Hex, // reverted PAUSE transfer, account 1 → 2
};
let fakeUsdc: Address;
const NATIVE = 1_500_000_000_000_000_000n;
const ODD = 1_234_567_890_123_456_789n;

before(async () => {
  chain = await startDevChain({ bulkNames: 0 });
  const node = http(chain.rpcUrl, { retryCount: 0 })({});
  client = createClient({
    chain: devChainViemChain(chain.deployment),
    transport: custom({
      request: (args: { method: string; params?: unknown }) => {
        asked.push(args.method);
        return node.request(args as never);
      },
    }),
  });
  options = verifyOptionsFor(devKitChain(chain.deployment));
  const { usdc, pausedToken } = chain.deployment.contracts;
  sent.native = (await send({ from: account(1), to: account(2), value: NATIVE })).hash;
  sent.odd = (await send({ from: account(1), to: account(3), value: ODD })).hash;
  sent.usdc = (await send({ from: account(1), to: usdc, data: transferData(account(2), 5_000_000n) })).hash;
  const paused = await send({ from: account(1), to: pausedToken, data: transferData(account(2), 1n) });
  assert.equal(paused.status, 'reverted', 'the paused token refuses transfers');
  sent.paused = paused.hash;
  // A second DevUSDC: same code, same symbol "USDC", another address.
  const deployed = await send({ from: account(0), data: compileContracts().DevUSDC.bytecode as Hex });
  fakeUsdc = getAddress(deployed.contractAddress!);
  await send({ from: account(0), to: fakeUsdc, data: encodeFunctionData({ abi: mintAbi, functionName: 'mint', args: [account(1), 100_000_000n] }) });
  sent.fake = (await send({ from: account(1), to: fakeUsdc, data: transferData(account(2), 5_000_000n) })).hash;
  await send({ from: account(1), to: fakeUsdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [account(3), 7_000_000n] }) });
  sent.fakeFrom = (await send({ from: account(3), to: fakeUsdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [account(1), account(2), 7_000_000n] }) })).hash;
});
after(() => chain?.close());
afterEach(() => rpc('evm_setAutomine', [true]));

/** A claim about `hash`: by default the 1.5 ETH tip as the kit's sender writes its metadata. */
function claim(overrides: Partial<TransferClaim> = {}): TransferClaim {
  const { amount, decimals } = toMetadataAmount(NATIVE, 18);
  return { hash: sent.native, from: account(1), to: account(2), amount: BigInt(amount), decimals, currency: 'ETH', ...overrides };
}
const usdcClaim = (overrides: Partial<TransferClaim> = {}) => claim({ hash: sent.usdc, amount: 5_000_000n, decimals: 6, currency: 'USDC', ...overrides });

/** The check and how many requests it made. */
async function check(c: TransferClaim, opts: VerifyOptions = fresh(), on: Client = client): Promise<{ result: ReceiptCheck; requests: number }> {
  const start = asked.length;
  const result = await verifyReceipt(on, c, opts);
  return { result, requests: asked.length - start };
}

describe('verifyReceipt: what the chain confirms', () => {
  test('a native tip as the message states it: confirmed with the chain’s values', async () => {
    const { result, requests } = await check(claim());
    assert.deepEqual(result, { status: 'confirmed', token: { kind: 'native', symbol: 'ETH', decimals: 18 }, from: account(1), to: account(2), amount: NATIVE, blockNumber: (result as { blockNumber: bigint }).blockNumber });
    assert.equal(typeof (result as { blockNumber: unknown }).blockNumber, 'bigint');
    assert.equal(requests, 2, 'the transaction and its receipt');
  });

  test('the same value written other ways: base units, lower-case currency and addresses, a fraction another client sent', async () => {
    for (const c of [
      claim({ amount: NATIVE, decimals: null }),
      claim({ amount: 15n, decimals: 1, currency: 'eth', from: account(1).toLowerCase(), to: account(2).toUpperCase().replace('0X', '0x') }),
      claimFromTransaction({ hash: sent.native, amount: '1.5', decimals: 0, currency: 'ETH', from: account(1), to: account(2) }),
    ]) {
      assert.equal((await check(c)).result.status, 'confirmed', JSON.stringify(c, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
    }
  });

  test('a USDC tip: confirmed as the configured token', async () => {
    const { result } = await check(usdcClaim());
    assert.deepEqual(result, { status: 'confirmed', token: { kind: 'erc20', address: chain.deployment.contracts.usdc, symbol: 'USDC', decimals: 6, listed: true }, from: account(1), to: account(2), amount: 5_000_000n, blockNumber: (result as { blockNumber: bigint }).blockNumber });
  });

  test('amounts the kit’s sender rounds to 15 significant digits still match; one unit off in the 15th does not', async () => {
    const metadata = toMetadataAmount(ODD, 18);
    assert.equal(metadata.exact, false, 'this amount is rounded on the way');
    const rounded = claim({ hash: sent.odd, to: account(3), amount: BigInt(metadata.amount), decimals: metadata.decimals });
    const { result } = await check(rounded);
    assert.equal(result.status, 'confirmed');
    assert.equal((result as { amount: bigint }).amount, ODD, 'the chain’s exact amount, to show');
    assert.equal((await check({ ...rounded, amount: rounded.amount! + 1n })).result.status, 'mismatch');
    assert.equal((await check(claim({ hash: sent.odd, to: account(3), amount: ODD, decimals: null }))).result.status, 'confirmed', 'exact base units');
  });

  test('a token the kit has no configuration for: confirmed by its on-chain symbol, marked unlisted', async () => {
    const { result } = await check(usdcClaim({ hash: sent.fake }), { ...fresh(), tokens: {} });
    assert.equal(result.status, 'confirmed');
    assert.deepEqual((result as { token: unknown }).token, { kind: 'erc20', address: fakeUsdc, symbol: 'USDC', decimals: 6, listed: false });
  });
});

describe('verifyReceipt: claims the chain does not back', () => {
  test('wrong amount: mismatch with the amount the chain shows and its token', async () => {
    const { result } = await check(claim({ amount: 5n, decimals: 0 }));
    assert.deepEqual(result, { status: 'mismatch', field: 'amount', claimed: null, actual: NATIVE.toString(), token: { kind: 'native', symbol: 'ETH', decimals: 18 } });
    assert.deepEqual((await check(usdcClaim({ amount: 6_000_000n }))).result, {
      status: 'mismatch',
      field: 'amount',
      claimed: null,
      actual: '5000000',
      token: { kind: 'erc20', address: chain.deployment.contracts.usdc, symbol: 'USDC', decimals: 6, listed: true },
    });
  });

  test('wrong recipient, wrong sender: mismatch naming the chain’s address', async () => {
    assert.deepEqual((await check(claim({ to: account(5) }))).result, { status: 'mismatch', field: 'to', claimed: account(5), actual: account(2) });
    assert.deepEqual((await check(claim({ from: account(4) }))).result, { status: 'mismatch', field: 'from', claimed: account(4), actual: account(1) });
    assert.deepEqual((await check(usdcClaim({ to: account(5) }))).result, { status: 'mismatch', field: 'to', claimed: account(5), actual: account(2) });
    assert.deepEqual((await check(usdcClaim({ from: account(4) }))).result, { status: 'mismatch', field: 'from', claimed: account(4), actual: account(1) });
  });

  test('wrong token: "DAI" or "ETH" on a USDC transfer, "USDC" on an ETH one', async () => {
    const usdc = { kind: 'erc20', address: chain.deployment.contracts.usdc, symbol: 'USDC', decimals: 6, listed: true };
    assert.deepEqual((await check(usdcClaim({ currency: 'DAI' }))).result, { status: 'mismatch', field: 'token', claimed: 'DAI', actual: 'USDC', token: usdc });
    assert.deepEqual((await check(usdcClaim({ currency: 'ETH' }))).result, { status: 'mismatch', field: 'token', claimed: 'ETH', actual: 'USDC', token: usdc });
    assert.deepEqual((await check(claim({ currency: 'USDC' }))).result, { status: 'mismatch', field: 'token', claimed: 'USDC', actual: 'ETH', token: { kind: 'native', symbol: 'ETH', decimals: 18 } });
  });

  test('a look-alike "USDC" at another address is not the configured USDC', async () => {
    assert.deepEqual((await check(usdcClaim({ hash: sent.fake }))).result, {
      status: 'mismatch',
      field: 'token',
      claimed: 'USDC',
      actual: 'USDC',
      token: { kind: 'erc20', address: fakeUsdc, symbol: 'USDC', decimals: 6, listed: false },
    });
  });

  test('an unlisted token moved by someone other than the transaction’s signer: mismatch sender', async () => {
    const c = usdcClaim({ hash: sent.fakeFrom, amount: 7_000_000n });
    assert.deepEqual((await check(c, { ...fresh(), tokens: {} })).result, { status: 'mismatch', field: 'sender', claimed: account(1), actual: account(3) });
  });

  test('a reverted transaction: failed', async () => {
    const { result, requests } = await check(claim({ hash: sent.paused, currency: 'PAUSE', amount: 1n, decimals: 18 }));
    assert.deepEqual(result, { status: 'failed' });
    assert.equal(requests, 2);
  });

  test('a hash the chain has never seen: not-found', async () => {
    const { result, requests } = await check(claim({ hash: `0x${randomBytes(32).toString('hex')}` }));
    assert.deepEqual(result, { status: 'not-found' });
    assert.equal(requests, 2);
  });
});

describe('verifyReceipt: decided without a request', () => {
  test('a malformed hash is not-found', async () => {
    for (const hash of ['', '0x', 'hello', `0x${'g'.repeat(64)}`, `${sent.native} `, `${sent.native}00`, sent.native.slice(0, 65), sent.native.slice(2)]) {
      const { result, requests } = await check(claim({ hash }));
      assert.deepEqual(result, { status: 'not-found' }, hash);
      assert.equal(requests, 0, hash);
    }
  });

  test('a claim that leaves out what was sent is incomplete', async () => {
    const cases: [Partial<TransferClaim>, string][] = [
      [{ from: null }, 'from'],
      [{ to: null }, 'to'],
      [{ to: '' }, 'to'],
      [{ currency: null }, 'currency'],
      [{ amount: null }, 'amount'],
      [{ amount: 0n }, 'amount'],
    ];
    for (const [overrides, missing] of cases) {
      const { result, requests } = await check(claim(overrides));
      assert.deepEqual(result, { status: 'incomplete', missing }, missing);
      assert.equal(requests, 0);
    }
  });

  test('values that cannot be what they claim to be: mismatch with no actual value', async () => {
    const before = asked.length;
    assert.deepEqual((await check(claim({ to: 'bob.eth' }))).result, { status: 'mismatch', field: 'to', claimed: 'bob.eth', actual: null });
    assert.deepEqual((await check(claim({ from: '0x1234' }))).result, { status: 'mismatch', field: 'from', claimed: '0x1234', actual: null });
    assert.deepEqual((await check(claim({ amount: -1n }))).result, { status: 'mismatch', field: 'amount', claimed: null, actual: null });
    assert.deepEqual((await check(claim({ decimals: -1 }))).result, { status: 'mismatch', field: 'amount', claimed: null, actual: null });
    assert.deepEqual((await check(claim({ currency: 'X'.repeat(33) }))).result, { status: 'mismatch', field: 'token', claimed: 'X'.repeat(33), actual: null });
    const long = (await check(claim({ to: `\u202e${'a'.repeat(500)}` }))).result as { claimed: string };
    assert.equal(long.claimed, 'a'.repeat(80), 'claimed text is bounded and stripped of direction marks');
    assert.equal(asked.length, before, 'no request');
  });

  test('a claimed sender that is not the message author’s address: mismatch sender', async () => {
    const { result, requests } = await check(claim(), { ...fresh(), senderAddresses: [account(4)] });
    assert.deepEqual(result, { status: 'mismatch', field: 'sender', claimed: account(1), actual: null });
    assert.equal(requests, 0);
    assert.equal((await check(claim(), { ...fresh(), senderAddresses: [account(1).toLowerCase()] })).result.status, 'confirmed');
  });
});

describe('verifyReceipt: cache', () => {
  test('a mined transaction is asked about once; later claims about it need no request', async () => {
    const opts = fresh();
    assert.equal((await check(claim(), opts)).requests, 2);
    const again = await check(claim({ amount: 1n }), opts);
    assert.equal(again.result.status, 'mismatch');
    assert.equal(again.requests, 0);
    assert.equal((await check(claim(), opts)).requests, 0);
  });

  test('the same hash looked up twice at once: one lookup', async () => {
    const opts = fresh();
    const start = asked.length;
    const [a, b] = await Promise.all([verifyReceipt(client, claim(), opts), verifyReceipt(client, claim({ to: account(5) }), opts)]);
    assert.equal(a.status, 'confirmed');
    assert.equal(b.status, 'mismatch');
    assert.equal(asked.length - start, 2);
  });

  test('not-found is kept for notFoundMs only, then asked again', async () => {
    let now = 1_000;
    const opts = { ...options, cache: new ReceiptCache({ notFoundMs: 30_000, now: () => now }) };
    const c = claim({ hash: `0x${randomBytes(32).toString('hex')}` });
    assert.deepEqual(await check(c, opts), { result: { status: 'not-found' }, requests: 2 });
    now += 29_999;
    assert.deepEqual(await check(c, opts), { result: { status: 'not-found' }, requests: 0 });
    now += 1;
    assert.deepEqual(await check(c, opts), { result: { status: 'not-found' }, requests: 2 });
  });

  test('cache: null keeps nothing', async () => {
    assert.equal((await check(claim(), { ...options, cache: null })).requests, 2);
    assert.equal((await check(claim(), { ...options, cache: null })).requests, 2);
  });

  test('a transaction not mined yet is pending, and not kept: mined, it is confirmed', async () => {
    await rpc('evm_setAutomine', [false]);
    const hash = await rpc<Hex>('eth_sendTransaction', [{ from: account(4), to: account(5), value: hex(42n), gas: '0x5208' }]);
    const opts = fresh();
    const c = claim({ hash, from: account(4), to: account(5), amount: 42n, decimals: null });
    assert.deepEqual((await check(c, opts)).result, { status: 'pending' });
    await rpc('evm_mine');
    const { result, requests } = await check(c, opts);
    assert.equal(result.status, 'confirmed');
    assert.equal(requests, 2, 'asked again');
  });
});

/** An HTTP server on a free port that answers every request with `answer(method)`. */
async function garbageNode(answer: (body: { id: unknown; method: string }) => { status?: number; body: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      let parsed: { id: unknown; method: string } | { id: unknown; method: string }[];
      try {
        parsed = JSON.parse(data);
      } catch {
        parsed = { id: null, method: '' };
      }
      const one = Array.isArray(parsed) ? parsed[0]! : parsed;
      const out = answer(one);
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
      res.end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())) };
}
const clientAt = (url: string) => createClient({ chain: devChainViemChain(chain.deployment), transport: http(url, { retryCount: 0 }) });
const reply = (id: unknown, result: unknown) => ({ body: JSON.stringify({ jsonrpc: '2.0', id, result }) });

describe('verifyReceipt: a node that is down or broken', () => {
  test('nothing listens on the port: unavailable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await verifyReceipt(clientAt(`http://127.0.0.1:${port}`), claim(), fresh());
    assert.equal(result.status, 'unavailable');
    assert.ok((result as { reason: string }).reason.length > 0 && (result as { reason: string }).reason.length <= 120);
  });

  test('HTTP 500, a body that is not JSON, results of the wrong shape or for another hash: unavailable', async () => {
    const real = { tx: await rpc<Record<string, unknown>>('eth_getTransactionByHash', [sent.native]), receipt: await rpc<Record<string, unknown>>('eth_getTransactionReceipt', [sent.native]) };
    const other = `0x${'ab'.repeat(32)}`;
    const answers: [string, (b: { id: unknown; method: string }) => { status?: number; body: string }][] = [
      ['HTTP 500', () => ({ status: 500, body: 'Internal Server Error' })],
      ['not JSON', () => ({ body: '<html>hello</html>' })],
      ['a string result', (b) => reply(b.id, 'banana')],
      ['a receipt without its transaction', (b) => reply(b.id, b.method === 'eth_getTransactionReceipt' ? real.receipt : null)],
      ['a transaction for another hash', (b) => reply(b.id, b.method === 'eth_getTransactionReceipt' ? real.receipt : { ...real.tx, hash: other })],
      ['a receipt with no status', (b) => reply(b.id, b.method === 'eth_getTransactionReceipt' ? { ...real.receipt, status: undefined } : real.tx)],
      ['a value that is not a quantity', (b) => reply(b.id, b.method === 'eth_getTransactionReceipt' ? real.receipt : { ...real.tx, value: '1.5' })],
      ['logs that are not a list', (b) => reply(b.id, b.method === 'eth_getTransactionReceipt' ? { ...real.receipt, logs: 'none' } : real.tx)],
    ];
    for (const [what, answer] of answers) {
      const node = await garbageNode(answer);
      try {
        const result = await verifyReceipt(clientAt(node.url), claim(), fresh());
        assert.equal(result.status, 'unavailable', what);
      } finally {
        await node.close();
      }
    }
    // The real answers replayed through the same server are confirmed: the server is not what fails.
    const node = await garbageNode((b) => reply(b.id, b.method === 'eth_getTransactionReceipt' ? real.receipt : real.tx));
    try {
      assert.equal((await verifyReceipt(clientAt(node.url), claim(), fresh())).status, 'confirmed');
    } finally {
      await node.close();
    }
  });

  test('an unlisted token whose node fails while its symbol is read: unavailable, and nothing wrong is kept', async () => {
    const real = { tx: await rpc<unknown>('eth_getTransactionByHash', [sent.fake]), receipt: await rpc<unknown>('eth_getTransactionReceipt', [sent.fake]) };
    let calls = true;
    const node = await garbageNode((b) => (b.method === 'eth_call' ? (calls ? { status: 503, body: 'busy' } : { body: 'x' }) : reply(b.id, b.method === 'eth_getTransactionReceipt' ? real.receipt : real.tx)));
    try {
      const opts = { ...fresh(), tokens: {} };
      assert.equal((await verifyReceipt(clientAt(node.url), usdcClaim({ hash: sent.fake }), opts)).status, 'unavailable');
      calls = false;
      assert.equal((await verifyReceipt(clientAt(node.url), usdcClaim({ hash: sent.fake }), opts)).status, 'unavailable');
      // The real node answers the calls: the same cache now confirms.
      assert.equal((await verifyReceipt(client, usdcClaim({ hash: sent.fake }), opts)).status, 'confirmed');
    } finally {
      await node.close();
    }
  });
});

describe('verifyReceipt: properties', () => {
  const anyText = fc.oneof(fc.constant(null), fc.string({ maxLength: 90 }), fc.constantFrom<string | null>('ETH', 'eth', 'USDC', 'DAI', 'PAUSE', ''));

  test('random claims never throw, and whatever is confirmed is a transfer that was made', async () => {
    const made = () => [
      { hash: sent.native, from: account(1), to: account(2), amount: NATIVE, decimals: 18, symbol: 'ETH' },
      { hash: sent.odd, from: account(1), to: account(3), amount: ODD, decimals: 18, symbol: 'ETH' },
      { hash: sent.usdc, from: account(1), to: account(2), amount: 5_000_000n, decimals: 6, symbol: 'USDC' },
    ];
    const opts = fresh();
    const accounts = chain.deployment.accounts.slice(0, 5).map((a) => a.address);
    /** A real transfer's claim with some fields changed: most runs are close to the truth. */
    const near = fc.constantFrom(...made()).chain((m) => {
      const keep = <T>(value: T, other: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(value), weight: 5 }, { arbitrary: other, weight: 1 });
      const metadata = toMetadataAmount(m.amount, m.decimals);
      return fc.record({
        hash: keep<string>(m.hash, fc.constantFrom(...Object.values(sent))),
        from: keep<string | null>(m.from, fc.constantFrom(...accounts, m.from.toLowerCase())),
        to: keep<string | null>(m.to, fc.constantFrom(...accounts)),
        amount: keep<bigint | null>(BigInt(metadata.amount), fc.constantFrom(m.amount, BigInt(metadata.amount) + 1n, 1n)),
        decimals: keep<number | null>(metadata.decimals, fc.constantFrom(null, m.decimals, 0)),
        currency: keep<string | null>(m.symbol, fc.constantFrom('eth', 'usdc', 'DAI', 'PAUSE')),
      });
    });
    const seen = new Set<string>();
    const random = fc.record({
      hash: fc.oneof(fc.constantFrom(...Object.values(sent)), fc.stringMatching(/^0x[0-9a-f]{64}$/), fc.string({ maxLength: 70 })),
      from: fc.oneof(anyText, fc.constantFrom(...accounts)),
      to: fc.oneof(anyText, fc.constantFrom(...accounts)),
      amount: fc.oneof(fc.constant(null), fc.bigInt({ min: -10n, max: 2n ** 260n }), fc.constantFrom(NATIVE, ODD, 5_000_000n, 15n, 5n)),
      decimals: fc.oneof(fc.constant(null), fc.integer({ min: -3, max: 300 }), fc.constantFrom(0, 1, 6, 18)),
      currency: anyText,
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(random, near), async (c) => {
        const result = await verifyReceipt(client, c as TransferClaim, opts);
        seen.add(result.status);
        assert.ok(['confirmed', 'pending', 'not-found', 'failed', 'incomplete', 'mismatch'].includes(result.status), result.status);
        if (result.status === 'confirmed') {
          const scale = 10n ** BigInt(c.decimals ?? result.token.decimals);
          /** The claimed value is `amount / 10^decimals` whole tokens. */
          const claimed = (amount: bigint, decimals: number) => c.amount! * 10n ** BigInt(decimals) === amount * scale;
          const match = made().find((m) => {
            const metadata = toMetadataAmount(m.amount, m.decimals);
            return (
              m.hash === c.hash &&
              m.from.toLowerCase() === c.from?.toLowerCase() &&
              m.to.toLowerCase() === c.to?.toLowerCase() &&
              m.symbol.toLowerCase() === c.currency?.toLowerCase() &&
              m.amount === result.amount &&
              // the chain's value, or the chain's value as the kit's sender rounds it
              (claimed(m.amount, m.decimals) || c.amount! * 10n ** BigInt(metadata.decimals) === BigInt(metadata.amount) * scale)
            );
          });
          assert.ok(match, 'confirmed only what was sent');
        }
      }),
      { numRuns: 300 },
    );
    assert.ok(seen.has('confirmed') && seen.has('mismatch'), `the runs reached verdicts both ways: ${[...seen].join(', ')}`);
  });

  test('whatever JSON the node answers, the check never throws and never confirms', async () => {
    let answers: { tx: unknown; receipt: unknown } = { tx: null, receipt: null };
    const node = await garbageNode((b) => reply(b.id, b.method === 'eth_getTransactionReceipt' ? answers.receipt : answers.tx));
    const broken = clientAt(node.url);
    const logLike = fc.record({ address: fc.oneof(fc.constant(chain.deployment.contracts.usdc as string), fc.string()), topics: fc.array(fc.oneof(fc.string(), fc.constant(`0x${'0'.repeat(24)}${account(1).slice(2)}`))), data: fc.oneof(fc.string(), fc.constant(`0x${'0'.repeat(58)}4c4b40`)) });
    const shaped = fc.record({ hash: fc.constantFrom(sent.usdc, 'x'), transactionHash: fc.constantFrom(sent.usdc, 'x'), from: fc.oneof(fc.string(), fc.constant(account(1))), to: fc.oneof(fc.constant(null), fc.string()), value: fc.oneof(fc.string(), fc.constant('0x0')), status: fc.constantFrom('0x1', '0x0', 1, null), blockNumber: fc.oneof(fc.string(), fc.constant('0x5')), logs: fc.oneof(fc.array(logLike, { maxLength: 4 }), fc.jsonValue()) }, { requiredKeys: [] });
    const garbage = fc.oneof(fc.jsonValue(), shaped);
    try {
      await fc.assert(
        fc.asyncProperty(garbage, garbage, async (tx, receipt) => {
          answers = { tx, receipt };
          const result = await verifyReceipt(broken, usdcClaim({ to: account(3) }), { ...options, cache: null });
          assert.ok(['unavailable', 'not-found', 'pending', 'failed', 'mismatch'].includes(result.status), result.status);
        }),
        { numRuns: 150 },
      );
    } finally {
      await node.close();
    }
  });
});

describe('helpers', () => {
  test('claimFromTransaction reads a chat receipt’s amount as an exact value', () => {
    const base = { hash: sent.native, decimals: 15, currency: 'ETH', from: account(1), to: account(2) };
    assert.deepEqual(claimFromTransaction({ ...base, amount: '1500000000000000' }), { ...base, amount: 1_500_000_000_000_000n, decimals: 15 });
    assert.deepEqual(claimFromTransaction({ ...base, amount: '0.25', decimals: 2 }), { ...base, amount: 25n, decimals: 4 });
    assert.deepEqual(claimFromTransaction({ ...base, amount: '1.5', decimals: null }), { ...base, amount: 15n, decimals: 1 });
    for (const amount of ['1e-7', '-1', '', 'NaN', null, '1'.repeat(101)]) assert.equal(claimFromTransaction({ ...base, amount }).amount, null, String(amount));
  });

  test('chainIdOf reads the network ids clients write', () => {
    assert.equal(chainIdOf('31337'), 31337);
    assert.equal(chainIdOf('eip155:8453'), 8453);
    assert.equal(chainIdOf('0x2105'), 8453);
    for (const bad of ['', '0', 'base', 'eip155:', '1e3', '-1', '9'.repeat(20), '0x']) assert.equal(chainIdOf(bad), null, bad);
  });

  test('decodeSymbolResult: ABI strings, bytes32 symbols, and what is neither', () => {
    const word = (n: number) => n.toString(16).padStart(64, '0');
    const text = (s: string) => Buffer.from(s).toString('hex').padEnd(64, '0');
    assert.equal(decodeSymbolResult(`0x${word(32)}${word(4)}${text('USDC')}`), 'USDC');
    assert.equal(decodeSymbolResult(`0x${text('MKR')}`), 'MKR');
    assert.equal(decodeSymbolResult(`0x${word(32)}${word(Buffer.byteLength('US\u202eDC'))}${text('US\u202eDC')}`), 'USDC', 'direction marks removed');
    assert.equal(decodeSymbolResult('0x'), null);
    assert.equal(decodeSymbolResult(`0x${word(32)}${word(1000)}${text('USDC')}`), null, 'length beyond the data');
    assert.equal(decodeSymbolResult(`0x${word(2 ** 40)}${word(4)}${text('USDC')}`), null, 'offset beyond the data');
    assert.equal(decodeSymbolResult(`0x${word(32)}${word(2)}${'ff'.repeat(2).padEnd(64, '0')}`), null, 'not UTF-8');
    assert.equal(decodeSymbolResult(`0x${'0'.repeat(64)}`), null, 'empty bytes32');
  });
});
