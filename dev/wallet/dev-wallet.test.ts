// node --import tsx --test dev/wallet/dev-wallet.test.ts
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import {
  createPublicClient,
  encodeFunctionData,
  erc20Abi,
  http,
  stringToHex,
  verifyMessage,
  verifyTypedData,
  type Address,
  type Hex,
  type PublicClient,
} from 'viem';
import { devChainViemChain, startDevChain, waitMined, type DevChain } from '../chain/index.js';
import { buildDevWallet } from './build.js';

interface Outcome {
  ok: boolean;
  result?: unknown;
  code?: number;
  message?: string;
  data?: unknown;
}

/** Calls window.maskDevWallet.request in the page and returns the result or the error's code/message. */
function req(page: Page, method: string, params?: unknown): Promise<Outcome> {
  return page.evaluate(
    async ({ method, params }) => {
      try {
        return { ok: true, result: await window.maskDevWallet!.request({ method, params } as never) };
      } catch (e) {
        const err = e as { code?: number; message?: string; data?: unknown };
        return { ok: false, code: err.code, message: err.message, data: err.data };
      }
    },
    { method, params },
  );
}

function events(page: Page): Promise<[string, unknown][]> {
  return page.evaluate(() => (window as unknown as { __events: [string, unknown][] }).__events.splice(0));
}

const typedData = {
  domain: { name: 'Mask Widgets', version: '1', chainId: 31337 },
  types: {
    Tip: [
      { name: 'to', type: 'address' },
      { name: 'amount', type: 'uint256' },
      { name: 'note', type: 'string' },
    ],
  },
  primaryType: 'Tip',
  message: { to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', amount: '42', note: 'thanks' },
} as const;

describe('dev wallet in Chromium', () => {
  let chain: DevChain;
  let chain2: DevChain;
  let client: PublicClient;
  let server: Server;
  let browser: Browser;
  let page: Page;
  let origin: string;
  let acct: Address[];
  const dir = mkdtempSync(join(tmpdir(), 'mask-devwallet-'));
  const pageErrors: string[] = [];

  before(async () => {
    [chain, chain2] = await Promise.all([
      startDevChain({ bulkNames: 0 }),
      startDevChain({ chainId: 31338, seed: false }),
    ]);
    acct = chain.deployment.accounts.map((a) => a.address);
    client = createPublicClient({ chain: devChainViemChain(chain.deployment), transport: http(chain.rpcUrl) });
    const { outFile } = await buildDevWallet(join(dir, 'dev-wallet.js'));
    const bundle = readFileSync(outFile);
    const config = { chains: { [chain.chainId]: chain.rpcUrl }, chainId: chain.chainId };
    const pages: Record<string, string> = {
      '/': `<!doctype html><title>dev wallet</title>
<script>window.__MASK_DEV__ = ${JSON.stringify(config)};
window.__events = [];
window.__announced = [];
window.addEventListener('eip6963:announceProvider', (e) => window.__announced.push(e.detail));
window.addEventListener('mask-dev-wallet:ready', (e) => {
  for (const name of ['accountsChanged', 'chainChanged', 'connect']) e.detail.on(name, (v) => window.__events.push([name, v]));
});</script>
<script src="/dev-wallet.js"></script>`,
      '/json.html': `<!doctype html><title>json config</title>
<script type="application/json" id="mask-dev-wallet">${JSON.stringify({ ...config, account: acct[3], name: 'JSON Wallet' })}</script>
<script src="/dev-wallet.js"></script>`,
    };
    server = createServer((reqMsg, res) => {
      const path = new URL(reqMsg.url ?? '/', 'http://x').pathname;
      if (path === '/dev-wallet.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      } else if (pages[path]) {
        res.writeHead(200, { 'content-type': 'text/html' }).end(pages[path]);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: findChromium({ install: false }), args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => !!window.maskDevWallet);
  });

  after(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await Promise.all([chain?.close(), chain2?.close()]);
    for (const c of [chain, chain2]) {
      if (!c) continue;
      assert.throws(() => process.kill(c.pid, 0), 'anvil still running after close()');
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('EIP-6963: announced at load and again on eip6963:requestProvider', async () => {
    const r = await page.evaluate(() => {
      const w = window as unknown as { __announced: { info: Record<string, string>; provider: unknown }[] };
      const atLoad = w.__announced.length;
      window.dispatchEvent(new Event('eip6963:requestProvider'));
      const afterRequest = w.__announced.length;
      const last = w.__announced[w.__announced.length - 1]!;
      window.maskDevWalletUnannounce!();
      window.dispatchEvent(new Event('eip6963:requestProvider'));
      return {
        atLoad,
        afterRequest,
        afterUnsubscribe: w.__announced.length,
        info: last.info,
        same: last.provider === window.maskDevWallet,
        frozen: Object.isFrozen(last.info),
      };
    });
    assert.equal(r.atLoad, 1);
    assert.equal(r.afterRequest, 2);
    assert.equal(r.afterUnsubscribe, 2, 'unsubscribe must stop the announcements');
    assert.equal(r.same, true);
    assert.equal(r.frozen, true);
    assert.equal(r.info.name, 'Mask Dev Wallet');
    assert.equal(r.info.rdns, 'dev.mask-widgets.wallet');
    assert.match(r.info.uuid!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(r.info.icon!, /^data:image\/svg\+xml;base64,/);
  });

  test('signing before connecting fails with 4100; eth_accounts is empty', async () => {
    assert.deepEqual(await req(page, 'eth_accounts'), { ok: true, result: [] });
    const r = await req(page, 'personal_sign', [stringToHex('hi'), acct[0]]);
    assert.equal(r.ok, false);
    assert.equal(r.code, 4100);
  });

  test('eth_requestAccounts connects with the first eth_accounts account', async () => {
    assert.deepEqual(await req(page, 'eth_chainId'), { ok: true, result: '0x7a69' });
    const r = await req(page, 'eth_requestAccounts');
    assert.equal(r.ok, true);
    assert.deepEqual((r.result as string[]).map((a) => a.toLowerCase()), [acct[0]!.toLowerCase()]);
    assert.deepEqual(await req(page, 'eth_accounts'), r);
    assert.equal(await page.evaluate(() => window.maskDevWallet!.connected), true);
    const ev = await events(page);
    assert.deepEqual(ev.map((e) => e[0]), ['connect', 'accountsChanged']);
  });

  test('personal_sign returns a signature viem verifies', async () => {
    const message = 'Sign in to Mask widgets (dev)';
    const r = await req(page, 'personal_sign', [stringToHex(message), acct[0]]);
    assert.equal(r.ok, true, r.message);
    const signature = r.result as Hex;
    assert.equal(await verifyMessage({ address: acct[0]!, message, signature }), true);
    assert.equal(await verifyMessage({ address: acct[1]!, message, signature }), false);
    // signing for an account that is not the connected one is refused
    const other = await req(page, 'personal_sign', [stringToHex(message), acct[1]]);
    assert.equal(other.code, 4100);
  });

  test('eth_signTypedData_v4 returns a signature viem verifies', async () => {
    const r = await req(page, 'eth_signTypedData_v4', [acct[0], JSON.stringify(typedData)]);
    assert.equal(r.ok, true, r.message);
    const ok = await verifyTypedData({
      address: acct[0]!,
      ...typedData,
      message: { ...typedData.message, amount: 42n },
      signature: r.result as Hex,
    });
    assert.equal(ok, true);
  });

  test('eth_sendTransaction moves ETH on anvil', async () => {
    const to = '0x00000000000000000000000000000000000C0FFE';
    const before = await client.getBalance({ address: to });
    const r = await req(page, 'eth_sendTransaction', [{ from: acct[0], to, value: '0x2386f26fc10000' }]);
    assert.equal(r.ok, true, r.message);
    const receipt = await waitMined(client, r.result as Hex);
    assert.equal(receipt.status, 'success');
    assert.equal(receipt.from.toLowerCase(), acct[0]!.toLowerCase());
    assert.equal((await client.getBalance({ address: to })) - before, 10_000_000_000_000_000n);
  });

  test('a reverting transaction is refused before sending, with the revert reason', async () => {
    const nonce = await client.getTransactionCount({ address: acct[0]! });
    const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [acct[2]!, 1n] });
    const r = await req(page, 'eth_sendTransaction', [{ from: acct[0], to: chain.deployment.contracts.pausedToken, data }]);
    assert.equal(r.ok, false);
    assert.equal(typeof r.code, 'number');
    assert.match(r.message!, /PausedToken: transfers are paused/);
    assert.equal(await client.getTransactionCount({ address: acct[0]! }), nonce, 'nothing was sent');
  });

  test('rejectNext: 4001 "User rejected the request." once, then requests work', async () => {
    await page.evaluate(() => window.maskDevWallet!.rejectNext());
    assert.deepEqual(await req(page, 'eth_chainId'), { ok: false, code: 4001, message: 'User rejected the request.', data: undefined });
    assert.deepEqual(await req(page, 'eth_chainId'), { ok: true, result: '0x7a69' });

    // method-scoped: other methods pass, the named one fails once
    await page.evaluate(() => window.maskDevWallet!.rejectNext('personal_sign'));
    assert.equal((await req(page, 'eth_blockNumber')).ok, true);
    const sign = await req(page, 'personal_sign', [stringToHex('x'), acct[0]]);
    assert.equal(sign.code, 4001);
    assert.equal((await req(page, 'personal_sign', [stringToHex('x'), acct[0]])).ok, true);

    // custom code
    await page.evaluate(() => window.maskDevWallet!.rejectNext('eth_sendTransaction', 4100));
    const tx = await req(page, 'eth_sendTransaction', [{ from: acct[0], to: acct[1], value: '0x1' }]);
    assert.equal(tx.code, 4100);
  });

  test('switching to an unknown chain fails with 4902; failChainSwitch gives -32603', async () => {
    const unknown = await req(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a6a' }]);
    assert.equal(unknown.code, 4902);
    await page.evaluate(() => window.maskDevWallet!.failChainSwitch(true));
    const failed = await req(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a69' }]);
    assert.equal(failed.code, -32603);
    await page.evaluate(() => window.maskDevWallet!.failChainSwitch(false));
    assert.deepEqual(await req(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a69' }]), { ok: true, result: null });
    assert.deepEqual(await events(page), [], 'no chainChanged when the chain stays the same');
  });

  test('wallet_addEthereumChain then switch works and emits chainChanged; requests go to the new RPC', async () => {
    const added = await req(page, 'wallet_addEthereumChain', [
      {
        chainId: '0x7a6a',
        chainName: 'Mask Dev Chain 2',
        rpcUrls: [chain2.rpcUrl],
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
      },
    ]);
    assert.deepEqual(added, { ok: true, result: null });
    assert.deepEqual(await req(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a6a' }]), { ok: true, result: null });
    assert.deepEqual(await events(page), [['chainChanged', '0x7a6a']]);
    assert.deepEqual(await req(page, 'eth_chainId'), { ok: true, result: '0x7a6a' });
    // forwarded calls are answered by the second anvil: the ETH sent on chain 1 is not there
    const coffee = '0x00000000000000000000000000000000000C0FFE';
    assert.deepEqual(await req(page, 'eth_getBalance', [coffee, 'latest']), { ok: true, result: '0x0' });
    assert.ok((await client.getBalance({ address: coffee })) > 0n, 'chain 1 has the balance');
    assert.deepEqual(await req(page, 'wallet_switchEthereumChain', [{ chainId: '0x7a69' }]), { ok: true, result: null });
    assert.deepEqual(await events(page), [['chainChanged', '0x7a69']]);
  });

  test('setAccount emits accountsChanged; setChain emits chainChanged; disconnect emits accountsChanged([])', async () => {
    await page.evaluate((a) => window.maskDevWallet!.setAccount(a), acct[1]!);
    assert.deepEqual(await events(page), [['accountsChanged', [acct[1]]]]);
    assert.deepEqual(await req(page, 'eth_accounts'), { ok: true, result: [acct[1]] });
    const sig = await req(page, 'personal_sign', [stringToHex('from alice'), acct[1]]);
    assert.equal(await verifyMessage({ address: acct[1]!, message: 'from alice', signature: sig.result as Hex }), true);

    await page.evaluate(() => window.maskDevWallet!.setChain(1));
    assert.deepEqual(await events(page), [['chainChanged', '0x1']]);
    assert.equal((await req(page, 'eth_blockNumber')).code, 4901, 'no RPC for chain 1');
    await page.evaluate((id) => window.maskDevWallet!.setChain(id), chain.chainId);
    assert.deepEqual(await events(page), [['chainChanged', '0x7a69']]);

    await page.evaluate(() => window.maskDevWallet!.disconnect());
    assert.deepEqual(await events(page), [['accountsChanged', []]]);
    assert.deepEqual(await req(page, 'eth_accounts'), { ok: true, result: [] });
    assert.equal(await page.evaluate(() => window.maskDevWallet!.connected), false);
  });

  test('calls records every request (tests can count personal_sign)', async () => {
    const r = await page.evaluate(() => {
      const calls = window.maskDevWallet!.calls;
      return { signs: calls.filter((c) => c.method === 'personal_sign').length, total: calls.length, first: calls[0] };
    });
    // 4100 before connect, 1 verified, 1 refused (other account), rejectNext, 1 after it, 1 as alice
    assert.equal(r.signs, 6);
    assert.ok(r.total > 20);
    assert.deepEqual(r.first, { method: 'eth_accounts', params: undefined });
  });

  test('smartAccounts: the contract is the account; its owner signs, and the contract (ERC-1271) accepts the signature', async () => {
    const contract = chain.deployment.contracts.smartAccount;
    const owner = chain.deployment.smartAccountOwner;
    const p2 = await browser.newPage();
    try {
      await p2.goto(`${origin}/`);
      await p2.waitForFunction(() => !!window.maskDevWallet);
      await p2.evaluate(
        ({ config, contract, owner }) => {
          window.maskDevWallet = window.MaskDevWallet!.createDevWallet({ ...config, account: contract, smartAccounts: { [contract]: owner } });
        },
        { config: { chains: { [chain.chainId]: chain.rpcUrl }, chainId: chain.chainId }, contract, owner },
      );
      assert.deepEqual(await req(p2, 'eth_requestAccounts'), { ok: true, result: [contract] });
      const message = 'XMTP : Authenticate to inbox';
      const r = await req(p2, 'personal_sign', [stringToHex(message), contract.toLowerCase()]);
      assert.equal(r.ok, true, r.message);
      assert.equal(await verifyMessage({ address: owner, message, signature: r.result as Hex }), true, 'signed by the owner');
      // viem's verifyMessage checks a contract account through ERC-1271 (isValidSignature(hashMessage(message), sig)).
      assert.equal(await client.verifyMessage({ address: contract, message, signature: r.result as Hex }), true, 'valid for the contract');
      assert.equal(await client.verifyMessage({ address: contract, message: 'other', signature: r.result as Hex }), false);
      const tx = await req(p2, 'eth_sendTransaction', [{ from: contract, to: acct[1], value: '0x1' }]);
      assert.equal(tx.code, 4200);
    } finally {
      await p2.close();
    }
  });

  test('config from <script type="application/json" id="mask-dev-wallet">', async () => {
    const p2 = await browser.newPage();
    try {
      await p2.goto(`${origin}/json.html`);
      await p2.waitForFunction(() => !!window.maskDevWallet);
      assert.equal(await p2.evaluate(() => window.maskDevWallet!.info.name), 'JSON Wallet');
      const r = await req(p2, 'eth_requestAccounts');
      assert.deepEqual(r, { ok: true, result: [acct[3]] });
    } finally {
      await p2.close();
    }
    assert.deepEqual(pageErrors, []);
  });
});
