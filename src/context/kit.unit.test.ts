import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CHAINS, findChain, KitConfigError } from '../config/chains.js';
import type { KitError } from '../internal/errors.js';
import { Kit } from './kit.js';

test('defaults: five public chains, Ethereum for ENS, production XMTP', () => {
  const kit = new Kit();
  assert.deepEqual(kit.config.chains.map((c) => c.key), ['ethereum', 'base', 'optimism', 'arbitrum', 'polygon']);
  assert.equal(kit.config.defaultChain, 1);
  assert.equal(kit.config.ensChain, 1);
  assert.equal(kit.config.xmtp.env, 'production');
  assert.equal(kit.chain()?.key, 'ethereum');
});

test('chains are found by id, hex id, key or name, case-insensitively', () => {
  assert.equal(findChain(DEFAULT_CHAINS, 8453)?.key, 'base');
  assert.equal(findChain(DEFAULT_CHAINS, '0x2105')?.key, 'base');
  assert.equal(findChain(DEFAULT_CHAINS, 'BASE')?.id, 8453);
  assert.equal(findChain(DEFAULT_CHAINS, 'op mainnet')?.id, 10);
  assert.equal(findChain(DEFAULT_CHAINS, 'nope'), undefined);
  assert.equal(findChain(DEFAULT_CHAINS, ''), undefined);
});

test('configure picks chains, RPC overrides and defaults', () => {
  const kit = new Kit();
  kit.configure({ chains: ['base', 10], rpc: { base: 'https://rpc.example/base' }, defaultChain: 'optimism' });
  assert.deepEqual(kit.config.chains.map((c) => c.id), [8453, 10]);
  assert.equal(kit.chain('base')?.rpcUrls[0], 'https://rpc.example/base');
  assert.equal(kit.config.defaultChain, 10);
  // ENS chain fell back to the first configured chain: mainnet is not configured.
  assert.equal(kit.config.ensChain, 8453);
});

test('custom chains need an id and an RPC URL', () => {
  const kit = new Kit();
  kit.configure({ chains: [{ id: 31337, name: 'Local', rpcUrls: ['http://127.0.0.1:8545'] }] });
  assert.equal(kit.chain()?.name, 'Local');
  assert.throws(() => kit.configure({ chains: [{ id: 5 }] }), /needs at least one RPC URL/);
  assert.throws(() => kit.configure({ chains: [{ id: -1, rpcUrls: ['http://x'] }] }), /not a positive integer/);
});

test('invalid input throws a KitConfigError and keeps the previous configuration', () => {
  const kit = new Kit({ config: { chains: ['base'] } });
  const before = kit.config;
  for (const bad of [
    { chains: ['basee'] },
    { chains: [] },
    { defaultChain: 'polygon' },
    { rpc: { polygon: 'https://x' } },
    { xmtp: { env: 'staging' as never } },
    { lensApiUrl: 'javascript:alert(1)' },
  ]) {
    assert.throws(() => kit.configure(bad), KitConfigError, JSON.stringify(bad));
    assert.equal(kit.config, before, 'configuration unchanged after a rejected configure()');
  }
});

test('a child kit inherits, overrides, follows its parent and shares the wallet', () => {
  const parent = new Kit({ config: { chains: ['ethereum', 'base'] } });
  const child = new Kit({ parent, config: { defaultChain: 'base' } });
  assert.equal(child.wallet, parent.wallet);
  assert.equal(child.config.defaultChain, 8453);
  assert.equal(parent.config.defaultChain, 1);
  let changes = 0;
  child.addEventListener('change', () => changes++);
  parent.configure({ lensApiUrl: 'https://lens.example/graphql' });
  assert.equal(child.config.lensApiUrl, 'https://lens.example/graphql');
  assert.equal(child.config.defaultChain, 8453, 'own value still wins');
  assert.ok(changes >= 1);
  child.dispose();
  parent.configure({ lensApiUrl: 'https://other.example/graphql' });
  assert.equal(child.config.lensApiUrl, 'https://lens.example/graphql', 'a disposed child no longer follows');
  child.attach();
  child.attach();
  assert.equal(child.config.lensApiUrl, 'https://other.example/graphql', 're-attaching catches up with the parent');
  changes = 0;
  parent.configure({ lensApiUrl: 'https://third.example/graphql' });
  assert.equal(changes, 1, 'attach() is idempotent: one listener, one change');
});

test('wrongChain is true only when connected on an unconfigured chain', () => {
  const kit = new Kit({ config: { chains: ['base'] } });
  assert.equal(kit.wrongChain, false);
  kit.wallet.status = 'connected';
  kit.wallet.chainId = 1;
  assert.equal(kit.wrongChain, true);
  kit.wallet.chainId = 8453;
  assert.equal(kit.wrongChain, false);
});

test('connect: the kit opens no UI; it uses the flow handed to it (or its parent), else a fallback, else a clear error', async () => {
  const root = new Kit();
  await assert.rejects(root.connect(), (e: KitError) => e.code === 'invalid-config' && /useConnector/.test(e.message));
  const asked: Array<[Kit, string]> = [];
  const flow = (name: string) => async (kit: Kit) => {
    asked.push([kit, name]);
    return '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
  };
  assert.equal(await root.connect(undefined, flow('fallback')), '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  root.useConnector(flow('root'));
  const child = new Kit({ parent: root });
  await child.connect(undefined, flow('fallback'));
  child.useConnector(flow('child'));
  await child.connect();
  child.useConnector(null);
  await child.connect();
  assert.deepEqual(asked, [
    [root, 'fallback'],
    [child, 'root'],
    [child, 'child'],
    [child, 'root'],
  ]);
});

test('attach(parent): a child kit follows a new parent (a provider learns the one around it once connected)', () => {
  const page = new Kit();
  const outer = new Kit({ parent: page, config: { chains: ['base', 'optimism'], defaultChain: 'optimism' } });
  const inner = new Kit({ parent: page, config: { xmtp: { env: 'dev' } } });
  assert.equal(inner.config.defaultChain, 1);
  let changes = 0;
  inner.addEventListener('change', () => changes++);
  inner.attach(outer);
  assert.equal(inner.parent, outer);
  assert.deepEqual(inner.config.chains.map((c) => c.key), ['base', 'optimism']);
  assert.equal(inner.config.defaultChain, 10);
  assert.equal(inner.config.xmtp.env, 'dev');
  assert.ok(changes > 0);
  outer.configure({ defaultChain: 'base' });
  assert.equal(inner.config.defaultChain, 8453, 'follows the new parent');
  page.configure({ lensApiUrl: 'https://lens.example/graphql' });
  assert.equal(inner.config.lensApiUrl, 'https://lens.example/graphql', 'through it, the page');
});
