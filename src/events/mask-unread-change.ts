export interface MaskUnreadChangeDetail {
  /** Unread messages: across the inbox's chats (each conversation counts at most 99), or the single conversation's while the chat is closed. */
  total: number;
}

/** Fired by `<mask-chat>` when its unread total changes (the number on the launcher). */
export class MaskUnreadChangeEvent extends Event {
  static readonly type = 'mask-unread-change';
  readonly #detail: MaskUnreadChangeDetail;
  constructor(detail: MaskUnreadChangeDetail) {
    super(MaskUnreadChangeEvent.type, { bubbles: true, composed: true });
    this.#detail = { ...detail };
  }
  get detail(): MaskUnreadChangeDetail {
    return { ...this.#detail };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-unread-change': MaskUnreadChangeEvent;
  }
}
