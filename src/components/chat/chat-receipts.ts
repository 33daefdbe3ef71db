/**
 * Read receipts (XMTP's `xmtp.org/readReceipt`, SDK 7.1.0 `sendReadReceipt()`
 * and `lastReadTimes()`): the chat sends one when a conversation is viewed
 * (the panel open, the page visible) and its newest message is someone
 * else's, once per such message; and it shows "Seen" under the visitor's last
 * message that another member's receipt covers. A host turns sending off with
 * `read-receipts="off"` on `<mask-chat>` (read here, in the lazy chunk); the
 * other side's receipts are still shown.
 *
 * Others' receipts arrive through the live stream into the client's
 * database, which the stream hands nothing for (they are not messages): the
 * times are read again when the conversation changes and, while the
 * visitor's last message is not seen yet, every few seconds (a local read,
 * no network). Part of the chat's lazy chunk.
 */
import type { ConversationFeed } from '../../messaging/feed.js';
import type { Engine } from '../../messaging/types.js';

/** How often the times are read again while the visitor's last message is not seen yet (ms). */
const POLL_MS = 3000;
/** A receipt goes out once no new message has arrived for this long (ms). */
const QUIET_MS = 1500;

export class ReadReceipts {
  readonly #engine: () => Engine | null | undefined;
  readonly #update: () => void;
  /** The newest message acknowledged, by conversation. */
  readonly #sent = new Map<string, string>();
  /** The latest receipt of another member, by conversation (ns). */
  readonly #read = new Map<string, string>();
  #timer: ReturnType<typeof setInterval> | null = null;
  readonly #debounce = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #inFlight = new Set<string>();
  #polled: string | null = null;

  constructor(engine: () => Engine | null | undefined, update: () => void) {
    this.#engine = engine;
    this.#update = update;
  }

  /**
   * The conversation is on screen: acknowledges its newest message when it is someone else's. Debounced:
   * a receipt is a publish, and a burst of incoming messages (a busy group, or a flood) must cost one
   * receipt once it quiets down, not one per message (each publish waits behind the stream's work in the
   * SDK's worker). At most one receipt per conversation is in flight.
   */
  viewed(feed: ConversationFeed, me: string | undefined, enabled: boolean): void {
    if (!enabled) return;
    clearTimeout(this.#debounce.get(feed.id));
    this.#debounce.set(
      feed.id,
      setTimeout(() => {
        this.#debounce.delete(feed.id);
        this.#acknowledge(feed, me);
      }, QUIET_MS),
    );
  }

  #acknowledge(feed: ConversationFeed, me: string | undefined): void {
    const engine = this.#engine();
    const newest = feed.list.items[feed.list.items.length - 1];
    if (!engine || !newest || newest.senderInboxId === me || newest.delivery !== 'sent') return;
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return;
    if (this.#sent.get(feed.id) === newest.id || this.#inFlight.has(feed.id)) return;
    this.#sent.set(feed.id, newest.id);
    this.#inFlight.add(feed.id);
    engine
      .sendReadReceipt(feed.id)
      .catch(() => this.#sent.delete(feed.id))
      .finally(() => {
        this.#inFlight.delete(feed.id);
        // Newer messages arrived while it was sent: acknowledge the newest once more.
        if (this.#sent.get(feed.id) !== feed.list.items[feed.list.items.length - 1]?.id) this.viewed(feed, me, true);
      });
  }

  /** Reads the other members' receipt times of the conversation again. */
  async refresh(feed: ConversationFeed, me: string | undefined): Promise<void> {
    const engine = this.#engine();
    if (!engine) return;
    try {
      const times = await engine.lastReadTimes(feed.id);
      let latest = '0';
      for (const [inbox, ns] of Object.entries(times)) if (inbox !== me && later(ns, latest)) latest = ns;
      if (latest !== (this.#read.get(feed.id) ?? '0')) {
        this.#read.set(feed.id, latest);
        this.#update();
      }
    } catch {
      // No "Seen" is shown; nothing else depends on it.
    }
  }

  /** Keeps reading the times while `feed` is shown and its last own message is not seen (null: stop). */
  follow(feed: ConversationFeed | null, me: () => string | undefined): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#polled = feed?.id ?? null;
    if (!feed) return;
    void this.refresh(feed, me());
    this.#timer = setInterval(() => {
      if (this.#polled !== feed.id) return;
      const mine = lastOwn(feed, me());
      if (mine && this.seenId(feed, me()) !== mine.id) void this.refresh(feed, me());
    }, POLL_MS);
  }

  /** The visitor's last message another member has read (it shows "Seen"), if any. */
  seenId(feed: ConversationFeed | null, me: string | undefined): string | null {
    if (!feed) return null;
    const read = this.#read.get(feed.id);
    if (!read || read === '0') return null;
    const items = feed.list.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const m = items[i];
      if (m.senderInboxId === me && m.kind !== 'update' && m.delivery === 'sent' && !later(m.sentAtNs, read)) return m.id;
    }
    return null;
  }
}

function lastOwn(feed: ConversationFeed, me: string | undefined) {
  const items = feed.list.items;
  for (let i = items.length - 1; i >= 0; i--) if (items[i].senderInboxId === me) return items[i];
  return null;
}

/** `a` is after `b` (ns as decimal strings). */
function later(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}
