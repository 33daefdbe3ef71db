/**
 * An in-memory `localStorage` for node unit tests (Node has none): `useMemoryStorage()` installs a
 * fresh one before each test and returns a getter for it. `failing` makes every call throw, like a
 * sandboxed frame's storage.
 */
import { beforeEach } from 'node:test';

export class MemoryStorage {
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

/** A fresh `MemoryStorage` as `globalThis.localStorage` before each test; the getter returns the current one. */
export function useMemoryStorage(): () => MemoryStorage {
  let storage = new MemoryStorage();
  beforeEach(() => {
    storage = new MemoryStorage();
    Object.assign(globalThis, { localStorage: storage });
  });
  return () => storage;
}
