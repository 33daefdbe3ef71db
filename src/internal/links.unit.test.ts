import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { explorerAddressUrl, explorerTxUrl, githubLink, safeLink, safeUrl, twitterLink } from './links.js';

const HASH = `0x${'ab'.repeat(32)}`;
const ADDRESS = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

test('links: https with a host only, at most 2,048 characters', () => {
  assert.equal(safeLink('https://alice.example.org'), 'https://alice.example.org/');
  assert.equal(safeLink('  https://alice.example.org/a b  '), 'https://alice.example.org/a%20b');
  assert.equal(safeUrl('https://alice.example.org/x')?.host, 'alice.example.org');
  for (const bad of ['http://alice.example.org', 'javascript:alert(1)', 'data:text/html,x', 'alice.example.org', 'https://', '//alice.example.org', `https://a.example/${'x'.repeat(2048)}`, 42, null, undefined]) {
    assert.equal(safeLink(bad), null, String(bad).slice(0, 40));
  }
});

test('an X handle links to x.com, with or without its @', () => {
  assert.deepEqual(twitterLink('@alice_dev'), { href: 'https://x.com/alice_dev', handle: 'alice_dev' });
  assert.deepEqual(twitterLink('alice_dev'), { href: 'https://x.com/alice_dev', handle: 'alice_dev' });
  for (const bad of ['alice dev', '', '@', '@@alice', 'a'.repeat(16), 'alice/../evil', 'alice.dev']) assert.equal(twitterLink(bad), null, bad);
});

test('a GitHub name links to github.com, with or without an @ (the @ is not part of the name)', () => {
  assert.deepEqual(githubLink('alice-dev'), { href: 'https://github.com/alice-dev', handle: 'alice-dev' });
  // The bug this copy fixes: the badge's own copy refused `@alice-dev`, a common way to write it.
  assert.deepEqual(githubLink('@alice-dev'), { href: 'https://github.com/alice-dev', handle: 'alice-dev' });
  for (const bad of ['../evil', '-alice', '', '@', '@@alice', 'a'.repeat(40), 'alice_dev', 'alice dev', 'alice/evil']) assert.equal(githubLink(bad), null, bad);
});

test('property: a handle link always stays on its site, at the profile of the handle it shows', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 50 }), (value) => {
      for (const [make, site] of [
        [twitterLink, 'x.com'],
        [githubLink, 'github.com'],
      ] as const) {
        const link = make(value);
        if (!link) continue;
        const url = new URL(link.href);
        assert.equal(url.host, site);
        assert.equal(url.pathname, `/${link.handle}`);
        assert.equal(link.href, `https://${site}/${link.handle}`);
      }
    }),
    { numRuns: 2000 },
  );
});

test('explorer links: an https explorer, a well-formed hash or address, trailing slashes folded', () => {
  assert.equal(explorerTxUrl('https://basescan.org', HASH), `https://basescan.org/tx/${HASH}`);
  assert.equal(explorerTxUrl('https://explorer.invalid/', HASH), `https://explorer.invalid/tx/${HASH}`);
  assert.equal(explorerTxUrl('https://scan.example/chain/8453///', HASH), `https://scan.example/chain/8453/tx/${HASH}`);
  assert.equal(explorerAddressUrl('https://etherscan.io/', ADDRESS), `https://etherscan.io/address/${ADDRESS}`);
  // Explorers that are not plain https bases.
  for (const explorer of ['http://etherscan.io', 'javascript:alert(1)//', 'etherscan.io', '', undefined, null, 'https://user@evil.example', 'https://etherscan.io/?q=', 'https://etherscan.io/#x']) {
    assert.equal(explorerTxUrl(explorer, HASH), null, String(explorer));
    assert.equal(explorerAddressUrl(explorer, ADDRESS), null, String(explorer));
  }
  // What goes after the base must be exactly a hash or an address (a chat message's receipt is remote text).
  for (const hash of ['0x1234', `${HASH}/../../evil`, `${HASH}?x=1`, HASH.slice(2), `0x${'g'.repeat(64)}`]) assert.equal(explorerTxUrl('https://basescan.org', hash), null, hash);
  for (const address of ['0x1234', `${ADDRESS}#x`, ADDRESS.slice(2)]) assert.equal(explorerAddressUrl('https://basescan.org', address), null, address);
});
