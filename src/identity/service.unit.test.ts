/**
 * The identity service without a page, against the real local infrastructure:
 * the dev chain (ENS UniversalResolver stand-in, seeded names), the local Lens
 * API stand-in and the local XMTP node. Requests are counted at `fetch`. The
 * service gets its port (`IdentityEnv`), not a `Kit`: the configuration as the
 * kit would resolve it and real viem clients.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { devKitChain, startDevChain, type DevChain } from '../../dev/chain/index.js';
import { BROKEN_AVATAR, LOOKALIKE_NAMES, SEED_PROFILES } from '../../dev/chain/seed-data.js';
import { startXmtpNode, type XmtpNode } from '../../dev/xmtp-node/index.js';
import { devLensAccounts, startLensServer, type LensServer } from '../../test/support/lens-server.js';
import { registerXmtpInbox } from '../../test/support/xmtp-inbox.js';
import type { Client } from 'viem';
import { findChain, type ChainConfig } from '../config/chains.js';
import { resolveConfig, type ConfigInput } from '../config/config.js';
import { KitError } from '../internal/errors.js';
import { createChainClient } from '../wallet/clients.js';
import { createIdentityService, type IdentityEnv } from './service.js';
import type { IdentityService } from './types.js';

let chain: DevChain;
let lens: LensServer;
let xmtp: XmtpNode;
const calls = new Map<string, number>();
const realFetch = globalThis.fetch;

const account = (i: number) => chain.deployment.accounts[i].address;
const count = (url: string) => calls.get(url) ?? 0;

function devChain(): ChainConfig {
  return devKitChain(chain.deployment, { usdc: false });
}

/** A port on the local infrastructure: one viem client per chain (JSON-RPC batching on), as a kit keeps them. */
function env(extra: ConfigInput = {}, parent: IdentityEnv | null = null): IdentityEnv {
  const config = resolveConfig({ chains: [devChain()], ensChain: chain.chainId, lensApiUrl: lens.url, xmtp: { env: 'local', apiUrl: xmtp.url }, ...extra });
  const clients = new Map<number, Client>();
  return {
    config,
    parent,
    chain: (ref) => findChain(config.chains, ref ?? config.defaultChain),
    client: async (c) => {
      if (!clients.has(c.id)) clients.set(c.id, createChainClient(c, { batch: true }));
      return clients.get(c.id)!;
    },
  };
}

const service = async (e = env()): Promise<IdentityService> => createIdentityService(e);

before(async () => {
  chain = await startDevChain();
  [lens, xmtp] = await Promise.all([startLensServer({ accounts: devLensAccounts(chain.deployment) }), startXmtpNode()]);
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const base = [chain.rpcUrl, lens.url, xmtp.url].find((b) => url.startsWith(b)) ?? url;
    calls.set(base, (calls.get(base) ?? 0) + 1);
    return realFetch(input, init);
  };
});

after(async () => {
  globalThis.fetch = realFetch;
  await Promise.allSettled([chain?.close(), lens?.close(), xmtp?.close()]);
});

beforeEach(() => calls.clear());

describe('lookup (ENS)', () => {
  test('a verified primary name, its avatar and its text records', async () => {
    const alice = SEED_PROFILES[0];
    const identity = await (await service()).lookup(account(1));
    assert.equal(identity.address, account(1));
    assert.equal(identity.name, 'alice.eth');
    assert.equal(identity.nameSource, 'ens');
    assert.equal(identity.verified, true);
    assert.equal(identity.unverifiedName, null);
    assert.equal(identity.avatar, alice.texts.avatar);
    assert.deepEqual(identity.texts, {
      description: alice.texts.description,
      url: alice.texts.url,
      'com.twitter': alice.texts['com.twitter'],
      'com.github': alice.texts['com.github'],
    });
    assert.equal(identity.lens, null, 'a Lens account Alice only manages is not her identity');
    assert.equal(identity.failures, undefined);
  });

  test('a spoofed reverse record stays unverified: no name, the claim kept aside', async () => {
    const identity = await (await service()).lookup(chain.deployment.spoof!.address);
    assert.equal(identity.name, null);
    assert.equal(identity.verified, false);
    assert.equal(identity.unverifiedName, 'alice.eth');
    assert.equal(identity.avatar, null, 'the claimed name’s avatar is not borrowed');
    assert.deepEqual(identity.texts, {});
  });

  test('an address with no name', async () => {
    const identity = await (await service()).lookup(account(5));
    assert.deepEqual(
      { name: identity.name, unverifiedName: identity.unverifiedName, avatar: identity.avatar, lens: identity.lens },
      { name: null, unverifiedName: null, avatar: null, lens: null },
    );
  });

  test('a well-formed data: avatar is passed on even when it will not decode (the element falls back)', async () => {
    const identity = await (await service()).lookup(account(6));
    assert.equal(identity.name, 'broken.eth');
    assert.equal(identity.avatar, BROKEN_AVATAR);
  });

  test('lower-case input gives the checksummed address', async () => {
    const identity = await (await service()).lookup(account(2).toLowerCase() as `0x${string}`);
    assert.equal(identity.address, account(2));
    assert.equal(identity.name, 'bob.eth');
  });

  test('no ENS on the ENS chain: no name, no error', async () => {
    const chainWithoutEns = { ...devChain(), contracts: { multicall3: chain.deployment.contracts.multicall3 } };
    const identity = await (await service(env({ chains: [chainWithoutEns] }))).lookup(account(1));
    assert.equal(identity.name, null);
    assert.equal(identity.failures, undefined);
  });
});

describe('lookup (Lens)', () => {
  test('ENS name and Lens profile together', async () => {
    const identity = await (await service()).lookup(account(3));
    assert.equal(identity.name, 'carol.eth', 'a verified ENS name comes first');
    assert.deepEqual(identity.lens, {
      handle: 'lens/carol',
      name: 'Carol',
      bio: 'Carol posts on Lens and chats over XMTP.',
      picture: devLensAccounts(chain.deployment)[0].picture,
      url: 'https://hey.xyz/u/carol',
      account: '0x1e45000000000000000000000000000000000003',
    });
    assert.equal(identity.avatar, SEED_PROFILES[2].texts.avatar, 'the ENS avatar comes first');
  });

  test('a Lens-only address shows its Lens handle', async () => {
    const identity = await (await service()).lookup(account(7));
    assert.equal(identity.name, 'lens/stani');
    assert.equal(identity.nameSource, 'lens');
    assert.equal(identity.verified, true);
    assert.match(identity.avatar ?? '', /^data:image\/svg\+xml;base64,/);
  });

  test('the Lens API failing leaves ENS answers, reports the failure, and is not cached', async () => {
    const s = await service();
    lens.failNext(1);
    const first = await s.lookup(account(3));
    assert.equal(first.name, 'carol.eth');
    assert.equal(first.lens, null);
    assert.deepEqual(first.failures?.map((f) => [f.source, f.code]), [['lens', 'resolution-failed']]);
    assert.match(first.failures![0].message, /Lens API did not answer/);
    assert.equal(first.failures![0].sentence?.key, 'badge.lensFailed', 'the element says it in its own language');
    const second = await s.lookup(account(3));
    assert.equal(second.lens?.handle, 'lens/carol', 'asked again rather than reusing the failed answer');
  });
});

describe('resolveName', () => {
  test('ENS names are normalised (ENSIP-15) and resolved', async () => {
    const s = await service();
    assert.deepEqual(await s.resolveName('alice.eth'), { name: 'alice.eth', address: account(1), source: 'ens' });
    assert.deepEqual(await s.resolveName('  Alice.ETH '), { name: 'alice.eth', address: account(1), source: 'ens' });
  });

  test('Lens handles in both spellings resolve to the owner wallet', async () => {
    const s = await service();
    assert.deepEqual(await s.resolveName('lens/stani'), { name: 'lens/stani', address: account(7), source: 'lens' });
    assert.deepEqual(await s.resolveName('stani.lens'), { name: 'lens/stani', address: account(7), source: 'lens' });
  });

  test('bad names are invalid-name; unknown names are resolution-failed', async () => {
    const s = await service();
    for (const bad of ['not a name!!', '', 'a..eth', 'lens/UPPER CASE', 'bad\u0000.eth', 'x'.repeat(300)]) {
      await assert.rejects(s.resolveName(bad), (e: KitError) => e instanceof KitError && e.code === 'invalid-name', JSON.stringify(bad));
    }
    await assert.rejects(s.resolveName('nobody.eth'), (e: KitError) => e.code === 'resolution-failed' && e.sentence?.key === 'badge.noAddress' && /nobody\.eth does not point to an address/.test(e.message));
    await assert.rejects(s.resolveName('lens/nobody'), (e: KitError) => e.code === 'resolution-failed');
  });

  test('an unreachable RPC is rpc-error', async () => {
    const down = { ...devChain(), rpcUrls: ['http://127.0.0.1:9/'] };
    const s = await service(env({ chains: [down] }));
    await assert.rejects(s.resolveName('alice.eth'), (e: KitError) => e.code === 'rpc-error');
    const identity = await s.lookup(account(1));
    assert.deepEqual(identity.failures?.map((f) => f.code), ['rpc-error']);
  });
});

describe('cache and batching', () => {
  test('concurrent lookups of one address share one answer', async () => {
    const s = await service();
    const answers = await Promise.all(Array.from({ length: 20 }, () => s.lookup(account(2))));
    assert.ok(answers.every((a) => a === answers[0]));
    assert.equal(count(lens.url), 1);
    assert.ok(count(chain.rpcUrl) <= 2, `rpc requests: ${count(chain.rpcUrl)}`);
    await s.lookup(account(2));
    assert.ok(count(chain.rpcUrl) <= 2, 'cached');
  });

  test('100 distinct seeded addresses: at most 3 RPC requests and 2 Lens requests', async () => {
    const s = await service();
    const identities = await Promise.all(chain.deployment.bulk.map((b) => s.lookup(b.address)));
    identities.forEach((identity, i) => assert.equal(identity.name, chain.deployment.bulk[i].name));
    assert.ok(count(chain.rpcUrl) <= 3, `rpc requests: ${count(chain.rpcUrl)}`);
    assert.ok(count(lens.url) <= 2, `lens requests: ${count(lens.url)}`);
  });

  test('fresh skips the cache; an aborted caller does not cancel the shared lookup', async () => {
    const s = await service();
    await s.lookup(account(1));
    const before = count(chain.rpcUrl);
    await s.lookup(account(1), { fresh: true });
    assert.ok(count(chain.rpcUrl) > before);
    const controller = new AbortController();
    const aborted = s.lookup(account(9), { signal: controller.signal });
    const other = s.lookup(account(9));
    controller.abort();
    await assert.rejects(aborted);
    assert.equal((await other).address, account(9));
  });
});

describe('host resolvers', () => {
  test('fill what ENS and Lens left empty, survive configure(), and can replace a built-in', async () => {
    const k = env();
    (await service(k)).addResolver({
      id: 'forum',
      lookup: async (address) => (address === account(5) ? { name: 'five', avatar: 'javascript:alert(1)', texts: { description: 'Five\u0007' } } : null),
      resolveName: async (name) => (name === 'five@forum' ? account(5) : undefined),
    });
    const s = await service(k); // a new service for the same kit (what configure() makes)
    const five = await s.lookup(account(5));
    assert.equal(five.name, 'five');
    assert.equal(five.nameSource, 'forum');
    assert.equal(five.verified, false);
    assert.equal(five.avatar, null, 'unsafe URLs are dropped');
    assert.equal(five.texts.description, 'Five');
    assert.equal((await s.lookup(account(1))).name, 'alice.eth', 'host answers never override ENS');
    assert.deepEqual(await s.resolveName('five@forum'), { name: 'five@forum', address: account(5), source: 'forum' });

    calls.clear();
    s.addResolver({ id: 'lens' }); // Lens off
    const carol = await s.lookup(account(3));
    assert.equal(carol.lens, null);
    assert.equal(count(lens.url), 0);
  });
});

describe('canMessage (XMTP GetInboxIds)', () => {
  test('true for an address with an inbox, false otherwise, in one batched call', async () => {
    await registerXmtpInbox(xmtp.url, account(3));
    const s = await service();
    calls.clear();
    const [carol, nobody, again] = await Promise.all([s.canMessage(account(3)), s.canMessage(account(5)), s.canMessage(account(3))]);
    assert.deepEqual([carol, nobody, again], [true, false, true]);
    assert.equal(count(xmtp.url), 1);
    const getInboxIds = xmtp.requestLog.filter((e) => /GetInboxIds/.test(JSON.stringify(e)));
    assert.ok(getInboxIds.length >= 1);
  });

  test('an unreachable node is node-unreachable', async () => {
    const s = await service(env({ xmtp: { env: 'local', apiUrl: 'http://127.0.0.1:9' } }));
    await assert.rejects(s.canMessage(account(3)), (e: KitError) => e.code === 'node-unreachable' && e.sentence?.key === 'badge.xmtpFailed' && /XMTP network did not answer/.test(e.message));
  });
});

describe('names shown on the page (look-alikes)', () => {
  test('seeded look-alikes of alice.eth resolve to addresses of their own and are found against the names shown', async () => {
    const parent = env();
    const child = env({}, parent);
    const s = await service(parent);
    s.noteShown('alice.eth', account(1));
    s.noteShown('bob.eth', account(2));
    for (const lookalike of LOOKALIKE_NAMES) {
      const resolved = await s.resolveName(lookalike.name);
      assert.deepEqual([resolved.name, resolved.address], [lookalike.name, lookalike.address]);
      // A child kit (a <mask-provider> subtree) sees the page's list.
      assert.deepEqual(await (await service(child)).lookalikes(resolved.name, resolved.address), [{ name: 'alice.eth', address: account(1) }]);
    }
    assert.deepEqual(await s.lookalikes('bob.eth', account(3)), [], 'the same name');
    assert.deepEqual(await s.lookalikes('carol.eth', account(3)), [], 'nothing like it');
    // configure() makes a new service; the page still shows what it showed.
    assert.equal((await (await service(parent)).lookalikes('a1ice.eth', LOOKALIKE_NAMES[0].address)).length, 1);
    // Another page (another root kit) has its own list.
    assert.deepEqual(await (await service()).lookalikes('a1ice.eth', LOOKALIKE_NAMES[0].address), []);
  });

  test('watchers hear about new names until they stop', async () => {
    const s = await service();
    let heard = 0;
    const stop = s.onShown(() => heard++);
    s.noteShown('alice.eth', account(1));
    s.noteShown('alice.eth', account(1));
    stop();
    s.noteShown('bob.eth', account(2));
    assert.equal(heard, 1);
  });
});
