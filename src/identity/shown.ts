/**
 * The names the kit has shown on this page as verified (a badge's name, a tip's
 * recipient, a chat peer's name), each with the address it belongs to, so a
 * badge card or a tip panel can warn that the name in front of the visitor
 * reads like another one shown a few lines away that belongs to someone else.
 *
 * Noting a name is a map insert (hundreds of badges note theirs); the
 * skeletons are computed only when somebody asks for look-alikes, with the
 * look-alike module (and its table) loaded then. One registry per page (per
 * root kit, see `service.ts`). Pure, no DOM.
 */
import type { Address } from '../internal/address.js';
import { safeText } from './safe.js';

/** A name shown on the page and the address it belongs to. */
export interface ShownName {
  name: string;
  address: Address;
}

/** Most names kept; the oldest go first (a long chat session cannot grow this without bound). */
const MAX_NAMES = 5_000;

interface Entry extends ShownName {
  skeleton?: string;
}

let lookalikeModule: Promise<typeof import('./lookalike.js')> | undefined;

function loadLookalike(): Promise<typeof import('./lookalike.js')> {
  lookalikeModule ??= import('./lookalike.js').catch((error: unknown) => {
    lookalikeModule = undefined;
    throw error;
  });
  return lookalikeModule;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export class ShownNames {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<() => void>();

  /** Notes that `name` was shown as `address`'s verified name. New names tell the watchers. */
  note(name: string, address: Address): void {
    const text = safeText(name, 255);
    if (!text || typeof address !== 'string' || !ADDRESS.test(address)) return;
    const key = `${text}\n${address.toLowerCase()}`;
    if (this.#entries.has(key)) return;
    this.#entries.set(key, { name: text, address });
    if (this.#entries.size > MAX_NAMES) this.#entries.delete(this.#entries.keys().next().value as string);
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch {
        // A watcher's failure is its own.
      }
    }
  }

  /**
   * Other names shown on the page that read like `name` (same confusable
   * skeleton, different text) and belong to a different address than `address`.
   */
  async lookalikes(name: string, address: Address): Promise<ShownName[]> {
    const text = safeText(name, 255);
    if (!text || typeof address !== 'string') return [];
    const { skeleton } = await loadLookalike();
    const own = skeleton(text);
    const self = address.toLowerCase();
    const found: ShownName[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.name === text || entry.address.toLowerCase() === self) continue;
      entry.skeleton ??= skeleton(entry.name);
      if (entry.skeleton === own) found.push({ name: entry.name, address: entry.address });
    }
    return found;
  }

  /** Calls `listener` whenever a new name is noted; returns the function that stops it. */
  watch(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
