/** Fired by `<mask-chat>` when its panel opens (launcher click, `show()` or `toggle()`). */
export class MaskChatOpenEvent extends Event {
  static readonly type = 'mask-chat-open';
  constructor() {
    super(MaskChatOpenEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-chat-open': MaskChatOpenEvent;
  }
}
