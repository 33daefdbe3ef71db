/**
 * The identity service's pure parts: what remote values may become (image
 * URLs, links, text), what a name is, the GetInboxIds wire format, the
 * batcher; and the local Lens stand-in the other tests rely on.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { normalize } from 'viem/ens';
import { startLensServer, type LensServer } from '../../test/support/lens-server.js';
import { batcher } from './batch.js';
import fc from 'fast-check';
import { normalizeAscii, parseName } from './names.js';
import { safeImage, safeText } from './safe.js';
import { decodeGetInboxIds, encodeGetInboxIds, frame, readFields, unframe, writeBytes, writeString } from './xmtp-reach.js';

const GATEWAY = 'https://gateway.example/ipfs/';
const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';

describe('safe values', () => {
  test('avatars: data:image, https and ipfs (through the gateway) only', () => {
    assert.equal(safeImage('data:image/png;base64,AAAA', GATEWAY), 'data:image/png;base64,AAAA');
    assert.equal(safeImage('data:image/svg+xml;charset=utf-8,%3Csvg%3E', GATEWAY), 'data:image/svg+xml;charset=utf-8,%3Csvg%3E');
    assert.equal(safeImage('https://img.example/a.png', GATEWAY), 'https://img.example/a.png');
    assert.equal(safeImage(`ipfs://${CID}`, GATEWAY), `${GATEWAY}${CID}`);
    assert.equal(safeImage(`ipfs://ipfs/${CID}/avatar.png`, 'https://gw.example/ipfs'), `https://gw.example/ipfs/${CID}/avatar.png`);
    for (const bad of [
      'http://img.example/a.png',
      'javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'eip155:1/erc721:0xb47e3cd837dDF8e4c57F05d70Ab865de6e193BBB/0',
      'ipfs://not a cid',
      'ipfs://../../etc',
      `data:image/png;base64,${'A'.repeat(300_000)}`,
      '//img.example/a.png',
      42,
      null,
    ]) {
      assert.equal(safeImage(bad, GATEWAY), null, String(bad).slice(0, 40));
    }
  });

  test('text: no control or bidi-override characters, capped', () => {
    assert.equal(safeText('  hello\u0007 \u202eworld '), 'hello world');
    assert.equal(safeText('a\nb'), 'a\nb');
    assert.equal(safeText('x'.repeat(600))?.length, 500);
    assert.equal(safeText('   '), null);
    assert.equal(safeText({}), null);
  });
});

describe('names', () => {
  test('ENS names normalise; Lens handles in two spellings; the rest is invalid', async () => {
    assert.deepEqual(await parseName('Alice.ETH', normalize), { kind: 'ens', name: 'alice.eth' });
    assert.deepEqual(await parseName('lens/Stani', normalize), { kind: 'lens', handle: 'stani' });
    assert.deepEqual(await parseName('stani.lens', normalize), { kind: 'lens', handle: 'stani' });
    for (const bad of ['not a name!!', '', '.', 'a..eth', 'lens/', 'lens/a b', 'x\u200d\u200d.eth', 'a'.repeat(256)]) {
      assert.deepEqual(await parseName(bad, normalize), { kind: 'invalid' }, JSON.stringify(bad));
    }
  });

  test('the ASCII fast path gives exactly what viem’s normalize gives, or steps aside', () => {
    const agrees = (name: string) => {
      const quick = normalizeAscii(name);
      if (quick === undefined) return true;
      return quick === normalize(name);
    };
    for (const name of ['alice.eth', 'ALICE.ETH', 'fan-001.eth', '123.eth', 'a', 'xn--ls8h.eth', 'a--b.eth', '-a.eth', 'a-.eth', 'a_b.eth', '$a.eth', 'é.eth', '💩.eth']) {
      assert.ok(agrees(name), name);
    }
    assert.equal(normalizeAscii('Fan-001.ETH'), 'fan-001.eth');
    for (const aside of ['xn--ls8h.eth', 'a--b.eth', '-a.eth', 'a_b.eth', 'é.eth', 'a..eth', '']) assert.equal(normalizeAscii(aside), undefined, aside);
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9.-]{1,40}$/), agrees), { numRuns: 2000 });
  });
});

describe('GetInboxIds wire format', () => {
  test('request and response round-trip through gRPC-web frames', () => {
    const request = encodeGetInboxIds(['0xabc', '0xdef']);
    const fields = readFields(new Uint8Array(request)).get(1)!;
    assert.equal(fields.length, 2);
    const first = readFields(fields[0] as Uint8Array);
    assert.equal(new TextDecoder().decode(first.get(1)![0] as Uint8Array), '0xabc');
    assert.equal(first.get(2)![0], 1, 'IDENTIFIER_KIND_ETHEREUM');

    // A response as the node writes it: one data frame, then the trailer frame.
    const response: number[] = [];
    for (const [identifier, inbox] of [['0xabc', 'f00d'], ['0xdef', '']] as const) {
      const item: number[] = [];
      writeString(item, 1, identifier);
      if (inbox) writeString(item, 2, inbox);
      writeBytes(response, 1, item);
    }
    const trailer = new TextEncoder().encode('grpc-status:0\r\ngrpc-message:\r\n');
    const body = new Uint8Array([...frame(response), 0x80, 0, 0, 0, trailer.length, ...trailer]);
    const { messages, status } = unframe(body, new Headers());
    assert.equal(status, 0);
    assert.deepEqual([...decodeGetInboxIds(messages[0])], [['0xabc', 'f00d'], ['0xdef', null]]);

    const error = new TextEncoder().encode('grpc-status:14\r\ngrpc-message:down%20for%20now\r\n');
    assert.deepEqual(unframe(new Uint8Array([0x80, 0, 0, 0, error.length, ...error]), new Headers()), { messages: [], status: 14, message: 'down for now' });
    assert.equal(unframe(new Uint8Array(), new Headers({ 'grpc-status': '12' })).status, 12, 'trailers-only answers carry the status in headers');
  });
});

describe('batcher', () => {
  test('one call per window, at most `max` keys each, duplicates shared', async () => {
    const seen: string[][] = [];
    const ask = batcher<string, string>(async (keys) => {
      seen.push(keys);
      return new Map(keys.map((k) => [k, k.toUpperCase()]));
    }, { wait: 5, max: 3 });
    const answers = await Promise.all(['a', 'b', 'a', 'c', 'd'].map(ask));
    assert.deepEqual(answers, ['A', 'B', 'A', 'C', 'D']);
    assert.deepEqual(seen, [['a', 'b'], ['c', 'd']]);
  });
});

describe('local Lens API stand-in', () => {
  let lens: LensServer;
  const owner = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  before(async () => {
    lens = await startLensServer({ accounts: [{ address: '0x1e45000000000000000000000000000000000001', owner, localName: 'alice', name: 'Alice', bio: null, picture: null }] });
  });
  after(() => lens.close());
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(lens.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> } };
  };

  test('answers account and accountsAvailable with the real response shapes', async () => {
    const { body } = await ask(
      `query Q($u: String!, $o: EvmAddress!) {
        byName: account(request: { username: { localName: $u } }) { __typename address owner username { value localName } metadata { name bio picture } }
        mine: accountsAvailable(request: { managedBy: $o, includeOwned: true }) { items { __typename ... on AccountOwned { account { address } } } pageInfo { prev next } }
        none: account(request: { username: { localName: "nobody" } }) { address }
      }`,
      { u: 'alice', o: owner.toLowerCase() },
    );
    assert.deepEqual(body, {
      data: {
        byName: { __typename: 'Account', address: '0x1E45000000000000000000000000000000000001', owner, username: { value: 'lens/alice', localName: 'alice' }, metadata: { name: 'Alice', bio: null, picture: null } },
        mine: { items: [{ __typename: 'AccountOwned', account: { address: '0x1E45000000000000000000000000000000000001' } }], pageInfo: { prev: null, next: null } },
        none: null,
      },
    });
  });

  test('rejects fields the schema does not have, undefined variables and bad addresses', async () => {
    const unknown = await ask('{ account(request: { username: { localName: "alice" } }) { handle } }');
    assert.equal(unknown.status, 400);
    assert.match(unknown.body.errors![0].message, /Cannot query field “handle” on type “Account”/);
    const union = await ask('query Q($o: EvmAddress!) { accountsAvailable(request: { managedBy: $o }) { items { account { address } } } }', { o: owner });
    assert.match(union.body.errors![0].message, /inline fragment/);
    const undefinedVar = await ask('{ account(request: { address: $x }) { address } }');
    assert.match(undefinedVar.body.errors![0].message, /Variable “\$x” is not defined/);
    const bad = await ask('query Q($o: EvmAddress!) { accountsAvailable(request: { managedBy: $o }) { pageInfo { next } } }', { o: 'nope' });
    assert.equal(bad.status, 200);
    assert.equal(bad.body.data!.accountsAvailable, null);
    assert.match(bad.body.errors![0].message, /Invalid EvmAddress/);
  });

  test('can fail on purpose', async () => {
    lens.failNext(1);
    assert.equal((await ask('{ account(request: { username: { localName: "alice" } }) { address } }')).status, 503);
    assert.equal((await ask('{ account(request: { username: { localName: "alice" } }) { address } }')).status, 200);
  });
});
