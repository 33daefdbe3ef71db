import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { amountFromMetadata, toMetadataAmount } from './amount.js';

const back = (m: { amount: number; decimals: number }, decimals: number): bigint => BigInt(m.amount) * 10n ** BigInt(decimals - m.decimals);

test('a native amount above 2^53 wei travels exactly as a safe number', () => {
  const wei = 1_500_000_000_000_000_000n; // 1.5 ETH
  assert.ok(wei > BigInt(Number.MAX_SAFE_INTEGER));
  const m = toMetadataAmount(wei, 18);
  assert.deepEqual(m, { amount: 1_500_000_000_000_000, decimals: 15, exact: true });
  assert.ok(Number.isSafeInteger(m.amount));
  assert.equal(back(m, 18), wei);
  // What the receiver reads back, through JSON as the wire does.
  const received = JSON.parse(JSON.stringify(m)) as { amount: unknown; decimals: number };
  assert.equal(amountFromMetadata(received.amount), '1500000000000000');
  assert.equal(received.decimals, 15);
});

test('small amounts are left as they are', () => {
  assert.deepEqual(toMetadataAmount(1_000_000n, 6), { amount: 1_000_000, decimals: 6, exact: true });
  assert.deepEqual(toMetadataAmount(0n, 18), { amount: 0, decimals: 18, exact: true });
  assert.deepEqual(toMetadataAmount(BigInt(Number.MAX_SAFE_INTEGER), 18), { amount: Number.MAX_SAFE_INTEGER, decimals: 18, exact: true });
});

test('too many significant digits: rounded to 15, flagged inexact', () => {
  const m = toMetadataAmount(1_234_567_890_123_456_789n, 18);
  assert.equal(m.exact, false);
  assert.ok(Number.isSafeInteger(m.amount));
  assert.deepEqual(m, { amount: 123_456_789_012_346, decimals: 14, exact: false });
});

test('property: up to 15 significant digits always round-trip exactly; any amount stays a safe integer when it fits the scale', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (significant, zeros, decimals) => {
      const amount = significant * 10n ** BigInt(Math.min(zeros, decimals));
      const m = toMetadataAmount(amount, decimals);
      assert.ok(m.exact);
      assert.ok(Number.isSafeInteger(m.amount));
      assert.equal(back(m, decimals), amount);
      assert.equal(amountFromMetadata(JSON.parse(JSON.stringify(m.amount))), m.amount.toString());
    }),
  );
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), fc.integer({ min: 25, max: 40 }), (amount, decimals) => {
      const m = toMetadataAmount(amount, decimals);
      assert.ok(Number.isSafeInteger(m.amount));
      const restored = back(m, decimals);
      const diff = restored > amount ? restored - amount : amount - restored;
      // Off by at most half a unit of the 15th significant digit.
      assert.ok(diff * 10n ** 14n <= amount || diff === 0n);
    }),
  );
});

test('received amounts: integers exactly, other clients’ numbers as written, junk as null', () => {
  assert.equal(amountFromMetadata(1.5e21), '1500000000000000000000');
  assert.equal(amountFromMetadata(1500000), '1500000');
  assert.equal(amountFromMetadata('000120'), '120');
  assert.equal(amountFromMetadata(0.25), '0.25');
  assert.equal(amountFromMetadata(undefined), null);
  assert.equal(amountFromMetadata(Number.NaN), null);
  assert.equal(amountFromMetadata(-1), null);
  assert.equal(amountFromMetadata('abc'), null);
});
