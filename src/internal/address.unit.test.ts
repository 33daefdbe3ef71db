import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToHex, getAddress, keccak256 as viemKeccak } from 'viem';
import { shortAddress, toChecksumAddress } from './address.js';
import { keccak256 } from './keccak.js';

test('keccak256 matches viem for empty, short, block-edge and multi-block input', () => {
  for (const length of [0, 1, 3, 135, 136, 137, 272, 1000]) {
    const data = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
    assert.equal(bytesToHex(keccak256(data)), viemKeccak(data), `length ${length}`);
  }
});

test('checksums 200 pseudo-random addresses exactly like viem getAddress', () => {
  let seed = 7n;
  for (let i = 0; i < 200; i++) {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 160n) - 1n);
    const lower = `0x${seed.toString(16).padStart(40, '0')}`;
    assert.equal(toChecksumAddress(lower), getAddress(lower));
    assert.equal(toChecksumAddress(lower.toUpperCase().replace('0X', '0x')), getAddress(lower));
  }
});

test('rejects malformed addresses and wrong checksums', () => {
  const good = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
  assert.equal(toChecksumAddress(good), good);
  for (const bad of ['', '0x123', 'hello', `${good}00`, good.slice(2), '0xZZaeb6053F3E94C9b9A09f33669435E7Ef1BeAed', good.replace('aA', 'aa').replace('F3', 'f3')]) {
    assert.equal(toChecksumAddress(bad), null, bad);
  }
  assert.equal(toChecksumAddress(`  ${good}  `), good, 'surrounding space is trimmed');
  assert.equal(toChecksumAddress(null), null);
});

test('shortAddress keeps 0x + 4 and the last 4 characters', () => {
  assert.equal(shortAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'), '0x5aAe…eAed');
});
