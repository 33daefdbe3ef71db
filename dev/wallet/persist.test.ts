// node --import tsx --test dev/wallet/persist.test.ts
// The dev wallet remembers its connection across page loads (the `persist` option), like real
// wallets: a new wallet on the same storage answers eth_accounts with the last connected account.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Address } from 'viem';
import { createDevWallet, type DevWalletOptions } from './dev-wallet.js';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;

/** A Storage stand-in: what a page's localStorage keeps between loads. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

/** A "page load": a new wallet over the same storage. No RPC is needed for what is tested here. */
const load = (storage: ReturnType<typeof memoryStorage> | null, extra: Partial<DevWalletOptions> = {}) =>
  createDevWallet({ chains: { 31337: 'http://127.0.0.1:9' }, chainId: 31337, account: ALICE, ...(storage ? { persist: { storage } } : {}), ...extra });

const accounts = (w: ReturnType<typeof load>) => w.request({ method: 'eth_accounts' });

describe('dev wallet: the connection survives a reload with persist', () => {
  test('without persist, a reload forgets the connection', async () => {
    const first = load(null);
    await first.request({ method: 'eth_requestAccounts' });
    assert.deepEqual(await accounts(first), [ALICE]);
    assert.deepEqual(await accounts(load(null)), []);
  });

  test('with persist, eth_accounts answers the last connected account after a reload, and signing needs no new connect', async () => {
    const storage = memoryStorage();
    assert.deepEqual(await accounts(load(storage)), [], 'never connected: nothing to remember');
    await load(storage).request({ method: 'eth_requestAccounts' });
    const reloaded = load(storage);
    assert.equal(reloaded.connected, true);
    assert.deepEqual(await accounts(reloaded), [ALICE]);
  });

  test('an account switch while connected is what the next load remembers', async () => {
    const storage = memoryStorage();
    const w = load(storage);
    await w.request({ method: 'eth_requestAccounts' });
    w.setAccount(BOB);
    assert.deepEqual(await accounts(load(storage)), [BOB]);
  });

  test('disconnect() and wallet_revokePermissions forget it', async () => {
    const storage = memoryStorage();
    const w = load(storage);
    await w.request({ method: 'eth_requestAccounts' });
    w.disconnect();
    assert.deepEqual(await accounts(load(storage)), []);
    const again = load(storage);
    await again.request({ method: 'eth_requestAccounts' });
    await again.request({ method: 'wallet_revokePermissions', params: [{ eth_accounts: {} }] });
    assert.deepEqual(await accounts(load(storage)), []);
  });

  test('pages that pick another account keep their own connection', async () => {
    const storage = memoryStorage();
    await load(storage).request({ method: 'eth_requestAccounts' });
    assert.deepEqual(await accounts(load(storage, { account: BOB })), [], "bob's page was never connected");
    assert.deepEqual(await accounts(load(storage)), [ALICE]);
  });

  test('a stored value that is not an address is ignored', async () => {
    const storage = memoryStorage();
    await load(storage).request({ method: 'eth_requestAccounts' });
    for (const key of storage.map.keys()) storage.map.set(key, '<script>alert(1)</script>');
    assert.deepEqual(await accounts(load(storage)), []);
  });
});
