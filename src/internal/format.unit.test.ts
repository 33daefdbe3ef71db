import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatDecimal, formatNumber, formatRelative, formatUnits } from './format.js';

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

test('formatUnits refuses numbers no token has, instead of padding a string to their size', () => {
  assert.throws(() => formatUnits(1n, 1_000_000_000, 'en'), RangeError);
  assert.throws(() => formatUnits(1n, -1, 'en'), RangeError);
  assert.throws(() => formatUnits(1n, 1.5, 'en'), RangeError);
  assert.throws(() => formatUnits('9'.repeat(1000), 6, 'en'), RangeError);
  assert.equal(formatUnits(1n, 255, 'en'), `0.${'0'.repeat(254)}1`);
});
