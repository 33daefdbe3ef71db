import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useMemoryStorage } from '../../test/support/memory-storage.js';
import { LastReadStore } from './last-read.js';

const storage = useMemoryStorage();

test('marks persist per inbox and only move forward (nanoseconds compared as numbers)', () => {
  const a = new LastReadStore('inbox-a');
  assert.equal(a.mark('c1', '1700000000000000000'), true);
  assert.equal(a.mark('c1', '999999999999999999'), false, 'a shorter (smaller) value does not move the mark back');
  assert.equal(a.mark('c1', '1700000000000000001'), true);
  assert.deepEqual(new LastReadStore('inbox-a').all, { c1: '1700000000000000001' });
  assert.deepEqual(new LastReadStore('inbox-b').all, {}, 'another inbox has its own marks');
});

test('stored values are checked: junk and non-decimal marks are dropped; bad input is refused', () => {
  storage().setItem('mask-widgets:read:x', JSON.stringify({ ok: '123', bad: '12a', obj: { a: 1 }, neg: '-5' }));
  const store = new LastReadStore('x');
  assert.deepEqual(store.all, { ok: '123' });
  assert.equal(store.mark('c', 'NaN'), false);
  storage().setItem('mask-widgets:read:y', '{not json');
  assert.deepEqual(new LastReadStore('y').all, {});
});

test('a storage that throws keeps the marks for the page', () => {
  storage().failing = true;
  const store = new LastReadStore('z');
  assert.equal(store.mark('c', '5'), true);
  assert.equal(store.get('c'), '5');
});
