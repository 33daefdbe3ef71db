export interface MaskChatConversationOpenDetail {
  /** The XMTP conversation id. */
  conversationId: string;
  /** The other member's address (checksummed) for a DM; null for a group. */
  peerAddress: string | null;
}

/** Fired by `<mask-chat>` when its inbox shows a conversation (a row opened, "New conversation", or `openConversation()`). */
export class MaskChatConversationOpenEvent extends Event {
  static readonly type = 'mask-chat-conversation-open';
  readonly #detail: MaskChatConversationOpenDetail;
  constructor(detail: MaskChatConversationOpenDetail) {
    super(MaskChatConversationOpenEvent.type, { bubbles: true, composed: true });
    this.#detail = { ...detail };
  }
  get detail(): MaskChatConversationOpenDetail {
    return { ...this.#detail };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-chat-conversation-open': MaskChatConversationOpenEvent;
  }
}
