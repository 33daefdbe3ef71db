export interface MaskTipRequestDetail {
  /** The recipient, checksummed (after name resolution). */
  to: `0x${string}`;
  /** The amount in the token's base units (exact). */
  amount: bigint;
  /** `native`, or the ERC-20 token's checksummed address. */
  token: 'native' | `0x${string}`;
  chainId: number;
  /** The token's symbol and decimals as read from the chain (to format `amount`). */
  symbol: string;
  decimals: number;
  /** The name the recipient was given as (`alice.eth`), or null for a plain address. */
  name: string | null;
  /** The visitor's optional note. */
  note: string;
}

/**
 * Fired by `<mask-tip>` after every check passed and just before the wallet is
 * asked to sign. Cancelable: `preventDefault()` stops the tip (nothing is sent
 * and the panel says so).
 */
export class MaskTipRequestEvent extends Event {
  static readonly type = 'mask-tip-request';
  readonly to: MaskTipRequestDetail['to'];
  readonly amount: bigint;
  readonly token: MaskTipRequestDetail['token'];
  readonly chainId: number;
  readonly symbol: string;
  readonly decimals: number;
  readonly name: string | null;
  readonly note: string;
  constructor(detail: MaskTipRequestDetail) {
    super(MaskTipRequestEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.to = detail.to;
    this.amount = detail.amount;
    this.token = detail.token;
    this.chainId = detail.chainId;
    this.symbol = detail.symbol;
    this.decimals = detail.decimals;
    this.name = detail.name;
    this.note = detail.note;
  }
  /** Same fields as a plain object, for hosts used to `CustomEvent.detail`. */
  get detail(): MaskTipRequestDetail {
    const { to, amount, token, chainId, symbol, decimals, name, note } = this;
    return { to, amount, token, chainId, symbol, decimals, name, note };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mask-tip-request': MaskTipRequestEvent;
  }
}
