import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { clip, detailText, displayLink, ellipsize, linkPieces, splitLongRuns, stripBidiControls } from './text.js';


test('bidi embeddings, overrides and isolates are dropped; implicit marks stay', () => {
  assert.equal(stripBidiControls('invoice_\u202Efdp.exe'), 'invoice_fdp.exe');
  assert.equal(stripBidiControls('\u2066a\u2069\u2067b\u2069\u2068c\u2069\u202Ad\u202C\u202Be\u202C\u202Df'), 'abcdef');
  assert.equal(stripBidiControls('left\u200Eright\u200F'), 'left\u200Eright\u200F');
});

test('clip never cuts a surrogate pair; ellipsize marks the cut', () => {
  assert.equal(clip('ab😀c', 3), 'ab');
  assert.equal(clip('ab😀c', 4), 'ab😀');
  assert.equal(clip('abc', 5), 'abc');
  assert.equal(ellipsize('abcdef', 4), 'abc…');
  assert.equal(ellipsize('abc', 4), 'abc');
});

test('a link shows the host the browser will open, in punycode', () => {
  assert.deepEqual(displayLink('https://good.example/page?x=1#top'), { href: 'https://good.example/page?x=1#top', label: 'https://good.example/page?x=1#top', host: 'good.example' });
  assert.match(displayLink('https://аррle.com/login')?.label ?? '', /^https:\/\/xn--[a-z0-9-]+\.com\/login$/);
  assert.equal(displayLink('https://ｇｏｏｄ.example/')?.host, 'good.example');
  assert.equal(displayLink('https://good。example/')?.host, 'good.example');
  assert.equal(displayLink('https://good.example/')?.label, 'https://good.example');
  // A readable path, unless decoding would show something invisible.
  assert.equal(displayLink('https://ja.example/%E6%97%A5%E6%9C%AC')?.label, 'https://ja.example/日本');
  assert.equal(displayLink('https://good.example/%E2%80%AEexe.txt')?.label, 'https://good.example/%E2%80%AEexe.txt');
  assert.equal(displayLink('https://good.example/%E2%80%8Bx')?.label, 'https://good.example/%E2%80%8Bx');
});

test('user-info, bidi tricks and other schemes are not links', () => {
  assert.equal(displayLink('https://good.example@evil.example/'), null);
  assert.equal(displayLink('https://good.example:pw@evil.example/'), null);
  // A backslash is a slash to the URL parser: this one really opens good.example, and says so.
  assert.equal(displayLink('https://good.example\\@evil.example/')?.label, 'https://good.example/@evil.example/');
  assert.equal(displayLink('https://evil.example/\u202Egnp.exe'), null);
  assert.equal(displayLink('http://good.example/'), null);
  assert.equal(displayLink('javascript:alert(1)'), null);
  assert.equal(displayLink('https://' + 'a'.repeat(5000)), null);
});

test('message text splits into text and links that cannot lie', () => {
  assert.deepEqual(linkPieces('see https://good.example/a, then'), [
    { kind: 'text', text: 'see ' },
    { kind: 'link', href: 'https://good.example/a', label: 'https://good.example/a' },
    { kind: 'text', text: ', then' },
  ]);
  assert.deepEqual(linkPieces('https://good.example@evil.example/'), [{ kind: 'text', text: 'https://good.example@evil.example/' }]);
  assert.deepEqual(linkPieces(''), [{ kind: 'text', text: '' }]);
  assert.deepEqual(linkPieces('a\u202Eb'), [{ kind: 'text', text: 'ab' }]);
});

test('long unbroken runs stand alone; the pieces always join back to the text', () => {
  const long = 'x'.repeat(65);
  assert.deepEqual(splitLongRuns(`a ${long} b`), [
    { text: 'a ', long: false },
    { text: long, long: true },
    { text: ' b', long: false },
  ]);
  assert.deepEqual(splitLongRuns('short words only'), [{ text: 'short words only', long: false }]);
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
      const pieces = splitLongRuns(s, 8);
      assert.equal(pieces.map((p) => p.text).join(''), s);
      for (const p of pieces) if (!p.long) assert.ok(!/\S{9}/.test(p.text));
      const links = linkPieces(s);
      for (const p of links) if (p.kind === 'link') assert.ok(p.label.startsWith(`https://${new URL(p.href).host}`));
    }),
    { numRuns: 500 },
  );
});

test('a megabyte is handled in one linear pass', () => {
  const big = 'https://good.example/' + '.'.repeat(1_000_000);
  assert.equal(linkPieces(big).length >= 1, true);
  assert.equal(splitLongRuns('ab'.repeat(500_000)).length, 1);
});

test('a detail set before a sentence’s own stop, `({detail}).`, loses its final stop (issue 15: “(HTTP request failed.).”)', () => {
  assert.equal(detailText('HTTP request failed.'), 'HTTP request failed');
  assert.equal(detailText(' fetch failed '), 'fetch failed');
  assert.equal(detailText('接続できません。'), '接続できません');
  assert.equal(detailText('cut…'), 'cut…', 'an ellipsis says something was cut: it stays');
  assert.equal(detailText('wait...'), 'wait...');
});
