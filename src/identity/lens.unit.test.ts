/**
 * Lens text and usernames (issue 11, item 4): display text loses direction
 * marks, overrides and zero-width characters; a `username` is a verified
 * handle only when it is one Lens would issue. Pure parts first, then the
 * resolver against the local Lens API stand-in with hostile profiles.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startLensServer, type LensServer } from '../../test/support/lens-server.js';
import type { Address } from '../internal/address.js';
import { lensResolver, lensText, lensUsername } from './lens.js';

describe('lensText', () => {
  test('drops direction marks, embeddings, overrides, isolates and zero-width characters', () => {
    assert.equal(lensText('Al\u200eice\u200f'), 'Alice');
    assert.equal(lensText('\u202eecilA\u202c'), 'ecilA');
    assert.equal(lensText('\u2066Alice\u2069 \u2067x\u2069 \u2068y\u2069 \u202a\u202b\u202dz'), 'Alice x y z');
    assert.equal(lensText('A\u200bl\u200ci\u200dc\u2060e\ufeff'), 'Alice');
    assert.equal(lensText('\u061cArabic letter mark'), 'Arabic letter mark');
    assert.equal(lensText('\u200d\u200d'), '');
  });

  test('keeps emoji sequences (their joiner draws one picture) and ordinary text', () => {
    assert.equal(lensText('Dev 👩‍💻'), 'Dev 👩‍💻');
    assert.equal(lensText('👩🏽‍💻 and 🏳️‍🌈'), '👩🏽‍💻 and 🏳️‍🌈');
    assert.equal(lensText('x\u200d👩'), 'x👩', 'a joiner after a letter is not part of an emoji');
    assert.equal(lensText('Line one\nline two'), 'Line one\nline two');
    assert.equal(lensText('مرحبا'), 'مرحبا');
    assert.equal(lensText(null), null);
    assert.equal(lensText(42), null);
  });
});

describe('lensUsername', () => {
  test('a username Lens would issue: charset a-z 0-9 - _, not starting with - or _, value = namespace/localName', () => {
    assert.equal(lensUsername({ localName: 'stani', value: 'lens/stani' }), 'lens/stani');
    assert.equal(lensUsername({ localName: 'fan_001-x', value: 'lens/fan_001-x' }), 'lens/fan_001-x');
    assert.equal(lensUsername({ localName: 'stani' }), 'lens/stani', 'no value: the global namespace');
    assert.equal(lensUsername({ localName: 'bob', value: 'orb/bob' }), 'orb/bob', 'another namespace');
  });

  test('anything else is not a username', () => {
    for (const username of [
      { localName: 'Stani', value: 'lens/Stani' },
      { localName: '_stani', value: 'lens/_stani' },
      { localName: '-stani', value: 'lens/-stani' },
      { localName: 'st\u200bani', value: 'lens/st\u200bani' },
      { localName: 'st\u0430ni', value: 'lens/st\u0430ni' },
      { localName: 'stani\u202e', value: 'lens/stani\u202e' },
      { localName: 'sta ni', value: 'lens/sta ni' },
      { localName: 'stani', value: 'lens/stani\u200e' },
      { localName: 'stani', value: 'lens/alice' },
      { localName: 'stani', value: 'stani' },
      { localName: 'stani', value: 'lens//stani' },
      { localName: 'stani', value: '<b>lens</b>/stani' },
      { localName: 'stani', value: 42 as unknown as string },
      { localName: '', value: 'lens/' },
      { localName: 'a'.repeat(64), value: `lens/${'a'.repeat(64)}` },
      null,
      undefined,
    ]) {
      assert.equal(lensUsername(username), null, JSON.stringify(username));
    }
  });
});

describe('lookup against the Lens API stand-in, with hostile profiles', () => {
  let lens: LensServer;
  const owner = (i: number) => `0x${'00'.repeat(19)}${i.toString(16).padStart(2, '0')}` as Address;
  const account = (i: number) => `0x1e45${'00'.repeat(17)}${i.toString(16).padStart(2, '0')}`;
  before(async () => {
    lens = await startLensServer({
      accounts: [
        { address: account(1), owner: owner(1), localName: 'alice', name: 'Al\u200fice \u202eevil\u202c', bio: 'Bio\u200b with\u2066 marks\u2069 👩‍💻', picture: null },
        { address: account(2), owner: owner(2), localName: 'ali\u200bce', name: 'Not Alice', bio: null, picture: null },
        { address: account(3), owner: owner(3), localName: 'Alice', name: null, bio: null, picture: null },
        { address: account(4), owner: owner(4), localName: '\u202eecila', name: null, bio: null, picture: null },
      ],
    });
  });
  after(() => lens.close());

  const resolver = () => lensResolver({ config: { lensApiUrl: lens.url } });

  test('a valid username is the verified name; its display text is clean', async () => {
    const found = await resolver().lookup!(owner(1));
    assert.equal(found?.name, 'lens/alice');
    assert.equal(found?.verified, true);
    assert.equal(found?.lens?.name, 'Alice evil');
    assert.equal(found?.lens?.bio, 'Bio with marks 👩‍💻');
    assert.equal(found?.lens?.url, 'https://hey.xyz/u/alice');
  });

  test('a username outside Lens’s charset is shown as text in the Lens section, never as a verified handle', async () => {
    for (const i of [2, 3, 4]) {
      const found = await resolver().lookup!(owner(i));
      assert.ok(found, `account ${i}`);
      assert.equal(found.name, undefined, `account ${i}: no name`);
      assert.equal(found.verified, undefined, `account ${i}: not verified`);
      assert.equal(found.lens?.url, null, `account ${i}: no profile link`);
      assert.doesNotMatch(found.lens!.handle, /[\u200b\u202e]/, `account ${i}: text without invisible characters`);
    }
    assert.equal((await resolver().lookup!(owner(2)))?.lens?.handle, 'lens/alice');
    assert.equal((await resolver().lookup!(owner(3)))?.lens?.handle, 'lens/Alice');
  });
});
