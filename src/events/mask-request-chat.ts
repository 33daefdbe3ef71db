export interface MaskRequestChatDetail {
  /** The peer to talk to (checksummed when it came from the kit). */
  address: `0x${string}` | null;
  /** The verified name shown for it, if any (display only: the address is the peer). */
  name: string | null;
}

/**
 * Asks the page's `<mask-chat>` to open a conversation with a peer (fired by
 * a `<mask-id-badge>` card's "Message" action). Cancelable: the `<mask-chat>`
 * that answers calls `preventDefault()`, so the asker knows someone did.
 */
export class MaskRequestChatEvent extends Event {
  static readonly type = 'mask-request-chat';
  readonly address: `0x${string}` | null;
  readonly name: string | null;
  constructor(detail: MaskRequestChatDetail) {
    super(MaskRequestChatEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.address = detail.address;
    this.name = detail.name;
  }
  get detail(): MaskRequestChatDetail {
    return { address: this.address, name: this.name };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-request-chat': MaskRequestChatEvent;
  }
}
