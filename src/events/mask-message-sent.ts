export interface MaskMessageDetail {
  /** The XMTP message id. */
  id: string;
  conversationId: string;
  /** `text`, `reply`, `transaction` or `unknown`. */
  kind: string;
  /** The text (remote text when received: render it as text). */
  text: string;
  /** Nanoseconds since the epoch, as a decimal string. */
  sentAtNs: string;
}

/** Fired by `<mask-chat>` when the network accepted a message the visitor sent. */
export class MaskMessageSentEvent extends Event {
  static readonly type = 'mask-message-sent';
  readonly #detail: MaskMessageDetail;
  constructor(detail: MaskMessageDetail) {
    super(MaskMessageSentEvent.type, { bubbles: true, composed: true });
    this.#detail = { ...detail };
  }
  get detail(): MaskMessageDetail {
    return { ...this.#detail };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-message-sent': MaskMessageSentEvent;
  }
}
