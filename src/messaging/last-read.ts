/**
 * When the visitor last read each conversation, per XMTP inbox, in this
 * browser's localStorage (`mask-widgets:read:<inbox id>` → `{conversation id: ns}`).
 * The inbox counts as unread the messages from others sent after it. Stored
 * values are checked (decimal nanoseconds only); a storage that throws
 * (private mode, a sandboxed frame) leaves the marks in memory for the page.
 */
import type { LastRead } from './types.js';

const NS = /^\d{1,25}$/;
/** At most this many conversations are remembered (the oldest marks go first). */
const MAX = 5000;

const greater = (a: string, b: string): boolean => (a.length !== b.length ? a.length > b.length : a > b);

export class LastReadStore {
  readonly #key: string;
  #marks: Record<string, string> = {};

  constructor(inboxId: string) {
    this.#key = `mask-widgets:read:${inboxId}`;
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(this.#key) ?? '{}');
      if (parsed && typeof parsed === 'object') {
        for (const [id, ns] of Object.entries(parsed as Record<string, unknown>)) if (typeof ns === 'string' && NS.test(ns)) this.#marks[id] = ns;
      }
    } catch {
      // Unreadable or not JSON: start afresh.
    }
  }

  get all(): LastRead {
    return { ...this.#marks };
  }

  get(id: string): string | undefined {
    return this.#marks[id];
  }

  /** Marks `id` read up to `ns` (never moves back). True when the mark moved. */
  mark(id: string, ns: string): boolean {
    if (!NS.test(ns) || (this.#marks[id] && !greater(ns, this.#marks[id]))) return false;
    this.#marks[id] = ns;
    const ids = Object.keys(this.#marks);
    if (ids.length > MAX) {
      ids.sort((a, b) => (greater(this.#marks[a], this.#marks[b]) ? 1 : -1));
      for (const old of ids.slice(0, ids.length - MAX)) delete this.#marks[old];
    }
    try {
      localStorage.setItem(this.#key, JSON.stringify(this.#marks));
    } catch {
      // Full or unavailable: kept for this page.
    }
    return true;
  }
}
