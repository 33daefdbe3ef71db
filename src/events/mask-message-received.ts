import type { MaskMessageDetail } from './mask-message-sent.js';

/** Fired by `<mask-chat>` once per new message from the peer that arrives live (not for history). */
export class MaskMessageReceivedEvent extends Event {
  static readonly type = 'mask-message-received';
  readonly #detail: MaskMessageDetail;
  constructor(detail: MaskMessageDetail) {
    super(MaskMessageReceivedEvent.type, { bubbles: true, composed: true });
    this.#detail = { ...detail };
  }
  get detail(): MaskMessageDetail {
    return { ...this.#detail };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-message-received': MaskMessageReceivedEvent;
  }
}
