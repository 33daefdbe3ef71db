import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { LastReadStore } from './last-read.js';

/** An in-memory Storage (Node has none); `failing` makes every call throw, like a sandboxed frame's. */
class MemoryStorage {
  data = new Map<string, string>();
  failing = false;
  getItem(key: string): string | null {
    if (this.failing) throw new Error('SecurityError');
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.failing) throw new Error('QuotaExceededError');
    this.data.set(key, value);
  }
}
let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  Object.assign(globalThis, { localStorage: storage });
});

test('marks persist per inbox and only move forward (nanoseconds compared as numbers)', () => {
  const a = new LastReadStore('inbox-a');
  assert.equal(a.mark('c1', '1700000000000000000'), true);
  assert.equal(a.mark('c1', '999999999999999999'), false, 'a shorter (smaller) value does not move the mark back');
  assert.equal(a.mark('c1', '1700000000000000001'), true);
  assert.deepEqual(new LastReadStore('inbox-a').all, { c1: '1700000000000000001' });
  assert.deepEqual(new LastReadStore('inbox-b').all, {}, 'another inbox has its own marks');
});

test('stored values are checked: junk and non-decimal marks are dropped; bad input is refused', () => {
  storage.setItem('mask-widgets:read:x', JSON.stringify({ ok: '123', bad: '12a', obj: { a: 1 }, neg: '-5' }));
  const store = new LastReadStore('x');
  assert.deepEqual(store.all, { ok: '123' });
  assert.equal(store.mark('c', 'NaN'), false);
  storage.setItem('mask-widgets:read:y', '{not json');
  assert.deepEqual(new LastReadStore('y').all, {});
});

test('a storage that throws keeps the marks for the page', () => {
  storage.failing = true;
  const store = new LastReadStore('z');
  assert.equal(store.mark('c', '5'), true);
  assert.equal(store.get('c'), '5');
});
