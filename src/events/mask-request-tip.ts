export interface MaskRequestTipDetail {
  /** The address to tip (checksummed when it came from the kit). */
  address: `0x${string}` | null;
  /** The verified name shown for it, if any (display only: the address is what gets tipped). */
  name: string | null;
}

/**
 * Asks the page's `<mask-tip>` to open its panel for a recipient (fired by a
 * `<mask-id-badge>` card's "Tip" action). Cancelable: the first `<mask-tip>`
 * that answers calls `preventDefault()`, so the asker knows someone did.
 */
export class MaskRequestTipEvent extends Event {
  static readonly type = 'mask-request-tip';
  readonly address: `0x${string}` | null;
  readonly name: string | null;
  constructor(detail: MaskRequestTipDetail) {
    super(MaskRequestTipEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.address = detail.address;
    this.name = detail.name;
  }
  get detail(): MaskRequestTipDetail {
    return { address: this.address, name: this.name };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-request-tip': MaskRequestTipEvent;
  }
}
