import type { ChatMessage, ChatReactionEvent, DeliveryState, EngineItem } from './types.js';

/** Orders two nanosecond timestamps given as decimal strings. */
export function compareNs(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

const order = (a: ChatMessage, b: ChatMessage): number => compareNs(a.sentAtNs, b.sentAtNs) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A conversation's messages, oldest first, de-duplicated by message id
 * whatever the source (history pages, the live stream, a resync, an
 * optimistic send). Reactions are folded into the message they point at,
 * in time order, so an add then a remove leaves nothing.
 */
export class MessageList {
  readonly #byId = new Map<string, ChatMessage>();
  readonly #reactions = new Map<string, ChatReactionEvent>();
  #items: ChatMessage[] = [];

  get items(): readonly ChatMessage[] {
    return this.#items;
  }
  get size(): number {
    return this.#items.length;
  }
  get(id: string): ChatMessage | undefined {
    return this.#byId.get(id);
  }
  get oldest(): ChatMessage | undefined {
    return this.#items[0];
  }
  /** The newest message that the network has (not a local one still sending). */
  get newestSent(): ChatMessage | undefined {
    for (let i = this.#items.length - 1; i >= 0; i--) if (this.#items[i].delivery === 'sent') return this.#items[i];
    return undefined;
  }

  /**
   * Adds or updates items; returns the messages that were new (not updates),
   * so a caller can announce or count them exactly once.
   */
  add(items: readonly EngineItem[]): ChatMessage[] {
    const added: ChatMessage[] = [];
    const touched = new Set<string>();
    for (const item of items) {
      if (item.kind === 'reaction') {
        if (this.#reactions.has(item.id)) continue;
        this.#reactions.set(item.id, item);
        touched.add(item.reference);
        continue;
      }
      const known = this.#byId.get(item.id);
      if (known) {
        // The network's copy of a message we showed optimistically: keep one, mark it
        // sent, and take the network's time (ours came from this browser's clock).
        if (item.delivery === 'sent' && (known.delivery !== 'sent' || known.sentAtNs !== item.sentAtNs)) {
          this.#replace(known, { ...known, delivery: 'sent', sentAtNs: item.sentAtNs });
        }
        continue;
      }
      const message = { ...item, reactions: [] };
      this.#byId.set(message.id, message);
      this.#insert(message);
      added.push(message);
      touched.add(message.id);
    }
    for (const id of touched) this.#fold(id);
    return added;
  }

  /** Drops a message (a failed one that was sent again under another id). */
  remove(id: string): void {
    const known = this.#byId.get(id);
    if (!known) return;
    this.#byId.delete(id);
    this.#items = this.#items.filter((m) => m !== known);
  }

  /** Sets a message's delivery state (optimistic send). */
  setDelivery(id: string, delivery: DeliveryState): void {
    const known = this.#byId.get(id);
    if (known && known.delivery !== delivery) this.#replace(known, { ...known, delivery });
  }

  #insert(message: ChatMessage): void {
    const items = this.#items;
    // New messages usually go last, older pages first: check the ends before searching.
    if (!items.length || order(items[items.length - 1], message) <= 0) {
      items.push(message);
      return;
    }
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(items[mid], message) <= 0) lo = mid + 1;
      else hi = mid;
    }
    items.splice(lo, 0, message);
  }

  #replace(old: ChatMessage, next: ChatMessage): void {
    this.#byId.set(next.id, next);
    const index = this.#items.indexOf(old);
    if (index < 0) return;
    if (order(old, next) === 0) {
      // Immutable update, so renderers keyed on the object see the change.
      this.#items = [...this.#items.slice(0, index), next, ...this.#items.slice(index + 1)];
    } else {
      this.#items.splice(index, 1);
      this.#items = [...this.#items];
      this.#insert(next);
    }
  }

  #fold(id: string): void {
    const target = this.#byId.get(id);
    if (!target) return;
    const events = [...this.#reactions.values()].filter((r) => r.reference === id).sort((a, b) => compareNs(a.sentAtNs, b.sentAtNs));
    const set = new Map<string, { emoji: string; senderInboxId: string }>();
    for (const e of events) {
      const key = `${e.senderInboxId}\u0000${e.emoji}`;
      if (e.removed) set.delete(key);
      else set.set(key, { emoji: e.emoji, senderInboxId: e.senderInboxId });
    }
    const reactions = [...set.values()];
    if (reactions.length || target.reactions.length) this.#replace(target, { ...target, reactions });
  }
}
