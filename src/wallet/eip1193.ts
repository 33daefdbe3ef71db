/** The slice of EIP-1193 the kit relies on. */
export interface EIP1193Provider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on?(event: string, listener: (...args: never[]) => void): unknown;
  removeListener?(event: string, listener: (...args: never[]) => void): unknown;
}

/** EIP-6963 provider info. */
export interface WalletInfo {
  uuid: string;
  name: string;
  /** A data: URI (EIP-6963 requires it); anything else is not displayed. */
  icon: string;
  rdns: string;
}

export interface WalletOption {
  info: WalletInfo;
  provider: EIP1193Provider;
  /** How the kit found it. */
  source: 'eip6963' | 'injected' | 'host';
}

export interface EIP6963AnnounceEvent extends Event {
  detail: { info: WalletInfo; provider: EIP1193Provider };
}
