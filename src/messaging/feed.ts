/**
 * One conversation as the UI follows it: a de-duplicated message list, paging
 * back through history, catching up after a reconnect, and optimistic sends
 * (shown at once as sending, then sent or failed). Shared by every chat on
 * the page that shows the conversation. It runs on whatever engine the page's
 * messaging context holds now, read through a getter: the feed knows nothing
 * of `Messaging`, which routes live messages to it with `accept`.
 */
import { MessageList } from './message-list.js';
import { pausedVersionIn } from './paused.js';
import { EngineError, isEngineError, type ChatMessage, type ConsentValue, type ConversationInfo, type Engine, type EngineItem, type OutgoingAttachment, type OutgoingTransaction } from './types.js';

/** Messages per page of history. */
const PAGE = 30;

/** One conversation as the UI follows it. Fires `change` and `messages` (new ones, for announcements). */
export class ConversationFeed extends EventTarget {
  readonly list = new MessageList();
  /** No older history to load. */
  complete = false;
  loadingOlder = false;
  #loaded = false;
  /** Idempotency keys of messages sent from this page. */
  readonly #keys = new Map<string, string>();
  readonly #engine: () => Engine | null;
  info: ConversationInfo;

  /** `engine`: the client this conversation runs on now (null while there is none, e.g. after an account change). */
  constructor(engine: () => Engine | null, info: ConversationInfo) {
    super();
    this.#engine = engine;
    this.info = info;
  }

  get id(): string {
    return this.info.id;
  }

  /** Adds items; emits the new messages (not updates) once. */
  accept(items: readonly EngineItem[], live: boolean): void {
    const added = this.list.add(items);
    this.dispatchEvent(new Event('change'));
    if (added.length) this.dispatchEvent(new CustomEvent<{ messages: ChatMessage[]; live: boolean }>('messages', { detail: { messages: added, live } }));
  }

  /** The newest page, pulled from the network first. */
  async loadInitial(): Promise<void> {
    if (this.#loaded) return;
    this.#loaded = true;
    const items = await this.#requireEngine().messages(this.id, { limit: PAGE, sync: true });
    this.complete = items.filter((i) => i.kind !== 'reaction').length < PAGE;
    this.accept(items, false);
  }

  /** The page before the oldest message shown. */
  async loadOlder(): Promise<void> {
    const engine = this.#engine();
    if (this.complete || this.loadingOlder || !engine) return;
    const oldest = this.list.oldest;
    this.loadingOlder = true;
    this.dispatchEvent(new Event('change'));
    try {
      const items = await engine.messages(this.id, { limit: PAGE, ...(oldest ? { beforeNs: oldest.sentAtNs } : {}) });
      if (items.filter((i) => i.kind !== 'reaction').length < PAGE) this.complete = true;
      this.accept(items, false);
    } finally {
      this.loadingOlder = false;
      this.dispatchEvent(new Event('change'));
    }
  }

  /**
   * Everything newer than what is shown (after a reconnect, a wake-up or going
   * online): pages back from the newest until a page overlaps what is known.
   * No timestamp cursor: a message of ours stamped by this browser's clock
   * must not hide a peer's message stamped by the network.
   */
  async catchUp(): Promise<void> {
    const engine = this.#engine();
    if (!engine || !this.#loaded) return;
    let before: string | undefined;
    for (let round = 0; round < 50; round++) {
      const items = await engine.messages(this.id, { limit: 100, sync: round === 0, ...(before ? { beforeNs: before } : {}) });
      const messages = items.filter((i) => i.kind !== 'reaction');
      const fresh = messages.filter((m) => !this.list.get(m.id));
      this.accept(items, true);
      if (messages.length < 100 || fresh.length < messages.length) return;
      before = messages[messages.length - 1].sentAtNs;
    }
  }

  /** Optimistic send: shown at once as sending, then sent or failed (retry with `retry`). */
  async sendText(text: string, replyTo?: string): Promise<string> {
    const engine = this.#requireEngine();
    const key = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const id = await engine.prepareText(this.id, text, replyTo, key).catch((error: unknown) => {
      if (this.#notePaused(error)) this.dispatchEvent(new Event('change'));
      throw error;
    });
    this.#keys.set(id, key);
    this.accept([this.#local(id, text, replyTo)], false);
    await this.#publish(id);
    return id;
  }

  async sendTransaction(tx: OutgoingTransaction): Promise<string> {
    const engine = this.#requireEngine();
    const id = await engine.prepareTransaction(this.id, tx);
    this.accept(
      [
        {
          ...this.#local(id, ''),
          kind: 'transaction',
          transaction: {
            networkId: tx.networkId,
            hash: tx.hash,
            amount: tx.amount !== undefined ? String(tx.amount) : null,
            decimals: tx.decimals ?? null,
            currency: tx.currency ?? null,
            from: tx.from ?? null,
            to: tx.to ?? null,
          },
        },
      ],
      false,
    );
    await this.#publish(id);
    return id;
  }

  /** An attachment, shown at once as sending (a remote one is already encrypted and stored). */
  async sendAttachment(attachment: OutgoingAttachment): Promise<string> {
    const engine = this.#requireEngine();
    const id = await engine.prepareAttachment(this.id, attachment);
    const shown =
      attachment.kind === 'inline'
        ? { filename: attachment.filename, mimeType: attachment.mimeType, size: attachment.data.length, data: attachment.data }
        : { filename: attachment.filename, mimeType: attachment.mimeType, size: attachment.ref.contentLength, remote: attachment.ref };
    this.accept([{ ...this.#local(id, attachment.filename), kind: 'attachment', attachment: shown }], false);
    await this.#publish(id);
    return id;
  }

  async react(message: ChatMessage, emoji: string): Promise<void> {
    const engine = this.#requireEngine();
    const mine = message.reactions.some((r) => r.emoji === emoji && r.senderInboxId === engine.inboxId);
    const id = await engine.prepareReaction(this.id, message.id, message.senderInboxId, emoji, mine);
    this.accept([{ kind: 'reaction', id, conversationId: this.id, senderInboxId: engine.inboxId, sentAtNs: nowNs(), reference: message.id, emoji, removed: mine }], false);
    await engine.publish(this.id);
  }

  /**
   * Sends a failed message again. The SDK does not publish a failed message a
   * second time, so the text is prepared again under the same idempotency key
   * (same id when the SDK can reuse it; otherwise the failed copy is replaced).
   * Returns the id the message has now.
   */
  async retry(id: string): Promise<string> {
    const message = this.list.get(id);
    if (!message) return id;
    this.list.setDelivery(id, 'sending');
    this.dispatchEvent(new Event('change'));
    if (message.kind !== 'text' && message.kind !== 'reply') {
      await this.#publish(id);
      return id;
    }
    const engine = this.#requireEngine();
    const key = this.#keys.get(id) ?? id;
    let next: string;
    try {
      next = await engine.prepareText(this.id, message.text, message.replyTo?.id, key);
    } catch (error) {
      this.list.setDelivery(id, 'failed');
      this.#notePaused(error);
      this.dispatchEvent(new Event('change'));
      throw error;
    }
    if (next !== id) {
      this.list.remove(id);
      this.#keys.set(next, key);
      this.accept([{ ...message, id: next, delivery: 'sending' }], false);
    }
    await this.#publish(next);
    return next;
  }

  /** A send refused because the group is paused for this client's version: the conversation says so from now on. */
  #notePaused(error: unknown): boolean {
    const version = isEngineError(error) && error.code === 'conversation-paused' ? pausedVersionIn(error.message) : null;
    if (!version || this.info.pausedForVersion === version) return false;
    this.info = { ...this.info, pausedForVersion: version };
    return true;
  }

  async setConsent(consent: ConsentValue): Promise<void> {
    await this.#requireEngine().setConsent(this.id, consent);
    this.info = { ...this.info, consent };
    this.dispatchEvent(new Event('change'));
  }

  #requireEngine(): Engine {
    const engine = this.#engine();
    if (!engine) throw new EngineError('unknown', 'The chat is not ready.');
    return engine;
  }

  #local(id: string, text: string, replyTo?: string): ChatMessage {
    const engine = this.#requireEngine();
    const quoted = replyTo ? this.list.get(replyTo) : undefined;
    return {
      id,
      conversationId: this.id,
      senderInboxId: engine.inboxId,
      sentAtNs: nowNs(),
      kind: replyTo ? 'reply' : 'text',
      text,
      ...(replyTo ? { replyTo: { id: replyTo, text: quoted?.text ?? null } } : {}),
      reactions: [],
      delivery: 'sending',
    };
  }

  #publishing: Promise<void> | null = null;
  #nextPublish: Promise<void> | null = null;

  /**
   * One publish at a time per conversation. A message prepared while one runs
   * joins the next, which sends everything prepared meanwhile in one call (a
   * burst of messages costs a few publishes, not one each).
   */
  #flush(): Promise<void> {
    if (!this.#publishing) {
      this.#publishing = this.#requireEngine()
        .publish(this.id)
        .finally(() => (this.#publishing = null));
      return this.#publishing;
    }
    this.#nextPublish ??= this.#publishing
      .catch(() => {})
      .then(() => {
        this.#nextPublish = null;
        return this.#flush();
      });
    return this.#nextPublish;
  }

  /** Marks every message still sending as not sent (the network stopped taking messages). */
  failPending(): void {
    let changed = false;
    for (const m of this.list.items) {
      if (m.delivery !== 'sending') continue;
      this.list.setDelivery(m.id, 'failed');
      changed = true;
    }
    if (changed) this.dispatchEvent(new Event('change'));
  }

  async #publish(id: string): Promise<void> {
    try {
      await this.#flush();
      this.list.setDelivery(id, 'sent');
    } catch (error) {
      this.list.setDelivery(id, 'failed');
      this.#notePaused(error);
      throw error;
    } finally {
      this.dispatchEvent(new Event('change'));
    }
  }
}

const nowNs = (): string => `${Date.now()}000000`;
