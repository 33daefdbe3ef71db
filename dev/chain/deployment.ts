// Types only: no runtime code and no node imports, so browser code can import this file.
import type { Address } from 'viem';

export interface DeploymentContracts {
  /** DevUniversalResolver (ENS UniversalResolver stand-in). */
  ensUniversalResolver: Address;
  /** Canonical Multicall3 address (0xcA11bde05977b3631167028862bE2a173976CA11). */
  multicall3: Address;
  /** "USD Coin (dev)", symbol USDC, 6 decimals. */
  usdc: Address;
  /** "Paused Token", symbol PAUSE, 18 decimals; every transfer reverts. */
  pausedToken: Address;
  /** Plain contract with receive(). */
  donationBox: Address;
  /** HostileTokenFactory: makes ERC-20s with whatever symbol() and decimals() a test asks for. */
  hostileTokens: Address;
  /**
   * DevSmartAccount: an ERC-1271 account owned by `smartAccountOwner`. Its `isValidSignature(hash,
   * sig)` accepts the owner's ECDSA signature over `hash` itself, so the owner's `personal_sign` of
   * a text is valid for `hashMessage(text)` (what XMTP asks the account to check).
   */
  smartAccount: Address;
}

export interface DeploymentAccount {
  /** anvil dev account index (0 = deployer). */
  index: number;
  /** checksummed */
  address: Address;
  /** verified primary ENS name (reverse record whose forward address matches), if any */
  name?: string;
}

export interface Deployment {
  chainId: number;
  rpcUrl: string;
  contracts: DeploymentContracts;
  /** anvil dev accounts 0..9 */
  accounts: DeploymentAccount[];
  /** hand-made forward names -> address (alice.eth, bob.eth, carol.eth, broken.eth, donation.eth) */
  names: Record<string, Address>;
  /** account whose reverse record claims a name that does not point back to it; null when not seeded */
  spoof: { address: Address; claimedName: string } | null;
  /** bulk names fan001.eth ... with verified reverse records */
  bulk: { address: Address; name: string }[];
  /** `contracts.smartAccount`'s owner: anvil dev account 8, whose signatures the account accepts. */
  smartAccountOwner: Address;
}
