import type { MaskTipRequestDetail } from './mask-tip-request.js';

export interface MaskTipSentDetail extends MaskTipRequestDetail {
  /** The transaction hash the wallet returned. */
  hash: `0x${string}`;
}

/** Fired by `<mask-tip>` when the wallet has sent the transaction (not yet confirmed). */
export class MaskTipSentEvent extends Event {
  static readonly type = 'mask-tip-sent';
  readonly hash: `0x${string}`;
  readonly #detail: MaskTipSentDetail;
  constructor(detail: MaskTipSentDetail) {
    super(MaskTipSentEvent.type, { bubbles: true, composed: true });
    this.hash = detail.hash;
    this.#detail = { ...detail };
  }
  /** The hash plus everything `mask-tip-request` carried (recipient, amount, token, chain, note). */
  get detail(): MaskTipSentDetail {
    return { ...this.#detail };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-tip-sent': MaskTipSentEvent;
  }
}
