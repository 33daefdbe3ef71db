export interface MaskWalletChangeDetail {
  /** The connected account (checksummed), or null when disconnected. */
  account: string | null;
  /** The wallet's current chain id, or null when disconnected. */
  chainId: number | null;
}

/**
 * Fired on `document` (and on each `<mask-provider>`) when the shared wallet
 * connects, disconnects, switches account or switches chain.
 */
export class MaskWalletChangeEvent extends Event {
  static readonly type = 'mask-wallet-change';
  readonly account: string | null;
  readonly chainId: number | null;
  constructor(detail: MaskWalletChangeDetail) {
    super(MaskWalletChangeEvent.type, { bubbles: true, composed: true });
    this.account = detail.account;
    this.chainId = detail.chainId;
  }
  get detail(): MaskWalletChangeDetail {
    return { account: this.account, chainId: this.chainId };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-wallet-change': MaskWalletChangeEvent;
  }
}
