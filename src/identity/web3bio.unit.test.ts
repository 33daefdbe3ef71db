/**
 * The web3.bio source in the identity service, against the real dev chain
 * (ENS), the local Lens stand-in and the local web3.bio stand-in
 * (`test/support/web3bio-server.ts`, the API's public response shapes).
 * Requests are counted at the stand-ins.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Client } from 'viem';
import { devKitChain, startDevChain, type DevChain } from '../../dev/chain/index.js';
import { devLensAccounts, startLensServer, type LensServer } from '../../test/support/lens-server.js';
import { devWeb3bioIdentities, startWeb3bioServer, type Web3bioServer } from '../../test/support/web3bio-server.js';
import { findChain } from '../config/chains.js';
import { resolveConfig, type ConfigInput } from '../config/config.js';
import { KitError } from '../internal/errors.js';
import { createChainClient } from '../wallet/clients.js';
import { createIdentityService, SOURCE_TIMEOUT_MS, type IdentityEnv } from './service.js';

let chain: DevChain;
let lens: LensServer;
let web3bio: Web3bioServer;
/** A TCP port that accepts connections and never answers (a hung API). */
let silent: Server;
let silentUrl: string;

const account = (i: number) => chain.deployment.accounts[i].address;

function env(extra: ConfigInput = {}): IdentityEnv {
  const config = resolveConfig({ chains: [devKitChain(chain.deployment, { usdc: false })], ensChain: chain.chainId, lensApiUrl: lens.url, web3bioApiUrl: web3bio.url, ...extra });
  const clients = new Map<number, Client>();
  return {
    config,
    parent: null,
    chain: (ref) => findChain(config.chains, ref ?? config.defaultChain),
    client: async (c) => {
      if (!clients.has(c.id)) clients.set(c.id, createChainClient(c, { batch: true }));
      return clients.get(c.id)!;
    },
  };
}

before(async () => {
  chain = await startDevChain();
  [lens, web3bio] = await Promise.all([startLensServer({ accounts: devLensAccounts(chain.deployment) }), startWeb3bioServer({ identities: devWeb3bioIdentities(chain.deployment) })]);
  silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
});

after(async () => {
  await Promise.allSettled([chain?.close(), lens?.close(), web3bio?.close(), new Promise((r) => silent?.close(r))]);
});

describe('web3.bio profiles', () => {
  test('names on other platforms, each with its platform and source; only proof-verified links; the ENS name stays the name', async () => {
    const s = createIdentityService(env());
    const before = web3bio.requests.length;
    const identity = await s.lookup(account(3));
    assert.equal(identity.name, 'carol.eth');
    assert.equal(identity.nameSource, 'ens');
    assert.equal(identity.verified, true);
    assert.equal(identity.lens?.account, '0x1e45000000000000000000000000000000000003', 'the Lens account (smart account) beside its owner');
    assert.equal(identity.profiles, undefined, 'a badge at rest does not ask web3.bio');
    assert.equal(web3bio.requests.length, before);
    const more = (await s.elsewhere!(account(3)))!;
    assert.deepEqual(
      more.profiles?.map((p) => [p.platform, p.name, p.displayName, p.source]),
      [
        ['farcaster', 'carol', 'Carol 🟣', 'web3bio'],
        ['basenames', 'carol.base.eth', 'carol.base.eth', 'web3bio'],
      ],
      'ENS (the kit asks it itself) is not listed again',
    );
    assert.deepEqual(more.links, [{ platform: 'twitter', handle: 'carol_dev', url: 'https://x.com/carol_dev', verifiedBy: ['nextid'], source: 'web3bio' }]);
    assert.equal(more.failures, undefined);
    assert.equal(more.name, null, 'web3.bio names no one');
  });

  test('a name web3.bio reports is never the badge’s verified name', async () => {
    const s = createIdentityService(env());
    const identity = await s.lookup(account(9));
    assert.equal(identity.name, null);
    assert.equal(identity.verified, false);
    const more = (await s.elsewhere!(account(9)))!;
    assert.equal(more.name, null);
    assert.equal(more.verified, false);
    assert.deepEqual(more.profiles?.map((p) => p.name), ['free-airdrop']);
  });

  test('100 badges cost web3.bio nothing; 100 cards opened at once cost ceil(100 / 30) batch requests (its cap: 30 ids a request)', async () => {
    const s = createIdentityService(env());
    const before = web3bio.requests.length;
    const identities = await Promise.all(chain.deployment.bulk.map((b) => s.lookup(b.address)));
    identities.forEach((identity, i) => assert.equal(identity.name, chain.deployment.bulk[i].name));
    assert.equal(web3bio.requests.length, before);
    const more = await Promise.all(chain.deployment.bulk.map((b) => s.elsewhere!(b.address)));
    const asked = web3bio.requests.slice(before);
    assert.equal(asked.length, Math.ceil(chain.deployment.bulk.length / 30), asked.join('\n'));
    assert.ok(asked.every((p) => p.startsWith('/profile/batch/universal/')));
    assert.ok(more.every((i) => i && !i.failures));
  });

  test('web3.bio down leaves ENS and Lens answers, reports its failure in a sentence, and is not cached', async () => {
    const s = createIdentityService(env());
    web3bio.failNext(1);
    const identity = await s.lookup(account(3));
    assert.equal(identity.name, 'carol.eth');
    assert.equal(identity.lens?.handle, 'lens/carol');
    assert.equal(identity.failures, undefined);
    const first = (await s.elsewhere!(account(3)))!;
    assert.equal(first.profiles, undefined);
    assert.deepEqual(first.failures?.map((f) => [f.source, f.code, f.sentence?.key]), [['web3bio', 'resolution-failed', 'badge.web3bioFailed']]);
    assert.match(first.failures![0].message, /web3\.bio Profile API did not answer \(HTTP 503\)/);
    const second = (await s.elsewhere!(account(3)))!;
    assert.equal(second.profiles?.length, 2, 'asked again');
  });

  test(`a hung web3.bio or Lens API gives up after ${SOURCE_TIMEOUT_MS / 1000} s; the other sources' answers stay`, async () => {
    const s = createIdentityService(env({ web3bioApiUrl: silentUrl, lensApiUrl: `${silentUrl}/graphql` }));
    const [identity, more] = await Promise.all([s.lookup(account(3)), s.elsewhere!(account(3))]);
    assert.equal(identity.name, 'carol.eth');
    assert.deepEqual(
      [...identity.failures!, ...more!.failures!].map((f) => [f.source, f.sentence?.key, f.sentence?.vars?.detail]),
      [
        ['lens', 'badge.lensFailed', `no answer within ${SOURCE_TIMEOUT_MS / 1000} s`],
        ['web3bio', 'badge.web3bioFailed', `no answer within ${SOURCE_TIMEOUT_MS / 1000} s`],
      ],
    );
  });

  test('turned off (false): no request, no profiles, no trust', async () => {
    const before = web3bio.requests.length;
    const s = createIdentityService(env({ web3bioApiUrl: false }));
    const identity = await s.lookup(account(3));
    assert.equal(identity.profiles, undefined);
    assert.equal(await s.elsewhere!(account(3)), null);
    assert.equal(await s.trust(account(5)), null);
    assert.equal(web3bio.requests.length, before);
  });

  test('hostile profile text is cleaned: no control or direction characters, no unsafe links or images', async () => {
    const evil = '0x000000000000000000000000000000000000E711';
    web3bio.add([
      {
        address: evil,
        profiles: [
          {
            platform: 'farcaster',
            identity: 'ev\u202eil<img src=x onerror=alert(1)>',
            displayName: '\u0007Bad\u2066 name',
            avatar: 'javascript:alert(1)',
            links: { twitter: { link: 'javascript:alert(1)', handle: 'x\u0000y', sources: ['nextid'] } },
          },
        ],
        credentials: [{ category: 'isRisky', credentialSource: 'hacker\u202e', platform: 'ethereum', type: 'bool', value: 'true', label: '<b>Hacker</b>', description: '', link: 'http://insecure.example' }],
      },
    ]);
    const s = createIdentityService(env());
    const identity = (await s.elsewhere!(evil))!;
    assert.deepEqual(identity.profiles, [{ platform: 'farcaster', name: 'evil<img src=x onerror=alert(1)>', displayName: 'Bad name', avatar: null, source: 'web3bio' }]);
    assert.deepEqual(identity.links, [{ platform: 'twitter', handle: 'xy', url: null, verifiedBy: ['nextid'], source: 'web3bio' }]);
    const trust = await s.trust(evil);
    assert.deepEqual(trust?.risky, [{ issuer: 'hacker', label: '<b>Hacker</b>', link: null }], 'text stays text (the widgets render it as text); http: links are dropped');
  });
});

describe('web3.bio credentials (trust)', () => {
  test('verified human, flagged as risky, spam, and nothing known', async () => {
    const s = createIdentityService(env());
    assert.deepEqual(await s.trust(account(3)), { human: [{ issuer: 'dentity', label: 'Humanity Verified', link: 'https://www.dentity.com/' }], risky: [], spam: [], source: 'web3bio' });
    assert.deepEqual((await s.trust(account(5)))?.risky.map((c) => c.issuer), ['hacker']);
    assert.deepEqual((await s.trust(account(9)))?.spam.map((c) => [c.issuer, c.link]), [['farcaster-spam', 'https://github.com/warpcast/labels']]);
    assert.deepEqual(await s.trust(account(1)), { human: [], risky: [], spam: [], source: 'web3bio' }, 'a 404 is no signal, not a failure');
  });

  test('asked once per address (cached), and only when asked: a lookup never asks for credentials', async () => {
    const s = createIdentityService(env());
    const before = web3bio.requests.length;
    await s.lookup(account(5));
    assert.ok(web3bio.requests.slice(before).every((p) => !p.startsWith('/credential/')));
    await Promise.all([s.trust(account(5)), s.trust(account(5))]);
    await s.trust(account(5));
    assert.equal(web3bio.requests.slice(before).filter((p) => p.startsWith('/credential/')).length, 1);
  });

  test('down: trust() throws a KitError with a sentence; a bad address is invalid-address', async () => {
    const s = createIdentityService(env());
    web3bio.failNext(1);
    await assert.rejects(s.trust(account(2)), (e: KitError) => e instanceof KitError && e.code === 'resolution-failed' && e.sentence?.key === 'badge.web3bioFailed');
    assert.deepEqual((await s.trust(account(2)))?.risky, [], 'a failure is not cached');
    await assert.rejects(s.trust('0x123' as `0x${string}`), (e: KitError) => e.code === 'invalid-address');
  });
});
