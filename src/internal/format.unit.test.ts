import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatDate, formatDecimal, formatNumber, formatRelative, formatUnits, unitsToDecimal } from './format.js';

test('exact amounts keep every digit; separators come from the language', () => {
  assert.equal(formatDecimal('1234567.123456789012345678', 'en'), '1,234,567.123456789012345678');
  assert.equal(formatDecimal('1234567.5', 'es'), '1.234.567,5');
  assert.equal(formatDecimal('1234', 'de'), '1.234');
  assert.equal(formatDecimal('0.000001', 'en'), '0.000001');
  assert.equal(formatDecimal('-0.5', 'en'), '-0.5');
  assert.equal(formatDecimal('not a number', 'en'), 'not a number');
  // More digits than a double holds: still exact.
  assert.equal(formatUnits(123456789012345678901234567890n, 18, 'en'), '123,456,789,012.34567890123456789');
  assert.equal(formatUnits(1500000n, 6, 'ja'), '1.5');
  assert.equal(formatUnits('1000000000000000000', 18, 'en'), '1');
  assert.equal(formatUnits(5n, 0, 'en'), '5');
});

test('base units to an exact decimal string: every digit kept, no float', () => {
  assert.equal(unitsToDecimal(1_500_000n, 6), '1.5');
  assert.equal(unitsToDecimal(1n, 18), '0.000000000000000001');
  assert.equal(unitsToDecimal(10n ** 18n, 18), '1');
  assert.equal(unitsToDecimal(0n, 6), '0');
  assert.equal(unitsToDecimal(42n, 0), '42');
  assert.equal(unitsToDecimal(-1_500_000n, 6), '-1.5');
  assert.equal(unitsToDecimal(-1n, 18), '-0.000000000000000001');
  assert.equal(unitsToDecimal('1000000000000000000', 18), '1');
  assert.equal(unitsToDecimal(2n ** 256n - 1n, 18), '115792089237316195423570985008687907853269984665640564039457.584007913129639935');
  // Not an integer: returned as it is (a receipt's amount from another client may be a fraction).
  assert.equal(unitsToDecimal('1.5', 6), '1.5');
  fc.assert(
    fc.property(fc.bigInt({ min: -(10n ** 90n), max: 10n ** 90n }), fc.integer({ min: 0, max: 80 }), (value, decimals) => {
      // Back to base units by string arithmetic only: the same number.
      const text = unitsToDecimal(value, decimals);
      const [whole, fraction = ''] = text.replace('-', '').split('.');
      const back = BigInt(whole + fraction.padEnd(decimals, '0')) * (text.startsWith('-') ? -1n : 1n);
      return back === value && !/\.\d*0$/.test(text) && /^-?\d+(\.\d+)?$/.test(text);
    }),
    { numRuns: 2000 },
  );
});

test('digits follow the language when it has its own', () => {
  const arab = formatDecimal('1234.5', 'ar-EG');
  assert.equal(arab, new Intl.NumberFormat('ar-EG').format(1234.5));
  assert.equal(formatDecimal('1234.05', 'ar-EG'), new Intl.NumberFormat('ar-EG', { minimumFractionDigits: 2 }).format(1234.05));
});

test('numbers, dates and relative times through Intl; a bad tag falls back', () => {
  assert.equal(formatNumber(12345, 'es'), '12.345');
  assert.equal(formatNumber(3, 'not a tag!!'), '3');
  const day = Date.UTC(2026, 0, 2, 12);
  assert.equal(formatDate(day, 'ja', { dateStyle: 'long', timeZone: 'UTC' }), '2026年1月2日');
  assert.equal(formatRelative(day - 5 * 60e3, 'en', day), '5 minutes ago');
  assert.equal(formatRelative(day - 24 * 3600e3, 'es', day), 'ayer');
  assert.equal(formatRelative(day + 2 * 3600e3, 'ja', day), '2 時間後');
});

test('formatUnits and unitsToDecimal refuse numbers no token has, instead of padding a string to their size', () => {
  assert.throws(() => unitsToDecimal(1n, 256), RangeError);
  assert.throws(() => unitsToDecimal(10n ** 101n, 0), RangeError);
  assert.throws(() => formatUnits(1n, 1_000_000_000, 'en'), RangeError);
  assert.throws(() => formatUnits(1n, -1, 'en'), RangeError);
  assert.throws(() => formatUnits(1n, 1.5, 'en'), RangeError);
  assert.throws(() => formatUnits('9'.repeat(1000), 6, 'en'), RangeError);
  assert.equal(formatUnits(1n, 255, 'en'), `0.${'0'.repeat(254)}1`);
});
