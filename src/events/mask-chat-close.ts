/** Fired by `<mask-chat>` when its panel closes (launcher, Esc, `close()` or `toggle()`). */
export class MaskChatCloseEvent extends Event {
  static readonly type = 'mask-chat-close';
  constructor() {
    super(MaskChatCloseEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-chat-close': MaskChatCloseEvent;
  }
}
