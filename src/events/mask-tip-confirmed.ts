import type { MaskTipSentDetail } from './mask-tip-sent.js';

export interface MaskTipConfirmedDetail extends MaskTipSentDetail {
  /** viem's transaction receipt (`status: 'success'`, `blockNumber`, `gasUsed`, `logs`, …). */
  receipt: unknown;
  blockNumber: bigint;
}

/** Fired by `<mask-tip>` when the tip's transaction is mined and succeeded. */
export class MaskTipConfirmedEvent extends Event {
  static readonly type = 'mask-tip-confirmed';
  readonly hash: `0x${string}`;
  readonly receipt: unknown;
  readonly #detail: MaskTipConfirmedDetail;
  constructor(detail: MaskTipConfirmedDetail) {
    super(MaskTipConfirmedEvent.type, { bubbles: true, composed: true });
    this.hash = detail.hash;
    this.receipt = detail.receipt;
    this.#detail = { ...detail };
  }
  /** The hash, the receipt, the block, and everything `mask-tip-sent` carried. */
  get detail(): MaskTipConfirmedDetail {
    return { ...this.#detail };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-tip-confirmed': MaskTipConfirmedEvent;
  }
}
