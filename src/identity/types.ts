import type { MaskErrorCode } from '../events/error-codes.js';
import type { Address } from '../internal/address.js';
import type { Sentence } from '../internal/errors.js';
import type { ShownName } from './shown.js';

export type { ShownName } from './shown.js';

/** Where a name or profile came from. */
export type IdentitySource = 'ens' | 'lens' | (string & {});

/** What the kit knows about an address. Every text field is remote text: render it as text. */
export interface Identity {
  /** Checksummed. */
  address: Address;
  /**
   * The primary name to display: an ENS reverse name whose forward record
   * points back to `address` (verified), or the address's Lens handle.
   */
  name: string | null;
  nameSource: IdentitySource | null;
  /** True when `name` was verified by forward resolution. */
  verified: boolean;
  /**
   * A reverse name that did NOT verify (a spoof or a stale record); never displayed as the name.
   * An empty string when the claimed name is not even a valid (ENSIP-15 normalised) name.
   */
  unverifiedName: string | null;
  /** A safe avatar URL (`data:` or `https:`), or null. */
  avatar: string | null;
  /** ENS text records that were asked for (`description`, `url`, `com.twitter`, `com.github`). */
  texts: Record<string, string>;
  /**
   * The address's Lens account. `account` is the account's own address (a smart account on Lens
   * Chain); `address` above is its owner, the wallet a tip to the handle goes to.
   */
  lens: { handle: string; name: string | null; bio: string | null; picture: string | null; url: string | null; account?: string | null } | null;
  /**
   * Names on other platforms (Farcaster, Basenames, Linea…) as a profile aggregator (web3.bio)
   * reports them, each with its platform and the source that said so. Never verified by the kit:
   * shown as "reported by", never as the badge's name.
   */
  profiles?: IdentityProfile[];
  /** Social links the source marks verified (a signed proof), each with who verified it. */
  links?: IdentityLink[];
  /**
   * Sources that could not answer this time (network down, API error). What
   * they would have added is missing; the result is not cached for long.
   */
  failures?: IdentityFailure[];
}

/** A name on another platform, as a source reports it. Remote text: render it as text. */
export interface IdentityProfile {
  /** `farcaster`, `basenames`, `linea`… (as the source names it). */
  platform: string;
  name: string;
  displayName: string | null;
  avatar: string | null;
  /** The source that reported it (`web3bio`). */
  source: IdentitySource;
}

/** A social link a source marks verified. */
export interface IdentityLink {
  /** `twitter`, `github`… */
  platform: string;
  handle: string;
  /** An `https:` link, or null. */
  url: string | null;
  /** Who verified it (`nextid`, `keybase`…). */
  verifiedBy: string[];
  source: IdentitySource;
}

/** One credential behind a trust signal. Remote text: render it as text. */
export interface TrustCredential {
  /** Who issued it (`dentity`, `human-passport`, `slowmist`, `farcaster-spam`…). */
  issuer: string;
  /** The issuer's label (`Humanity Verified`), or null. */
  label: string | null;
  /** An `https:` page about it, or null. */
  link: string | null;
}

/**
 * What a credential source (web3.bio's `/credential/`) says about an address: verified human,
 * flagged as risky (hacked, hacker, DMCA) or as spam. Signals to show, never to hide or block on.
 */
export interface Trust {
  human: TrustCredential[];
  risky: TrustCredential[];
  spam: TrustCredential[];
  /** The source that said so (`web3bio`). */
  source: IdentitySource;
}

/** A source that failed during a lookup. */
export interface IdentityFailure {
  source: IdentitySource;
  code: MaskErrorCode;
  /** What went wrong, in the page's language. */
  message: string;
  /** The same as a message key and values, for an element to say in its own language (built-in sources). */
  sentence?: Sentence;
}

/** The result of resolving a name to an address. */
export interface NameResolution {
  /** The name as normalised (ENSIP-15) or the Lens handle as `lens/handle`. */
  name: string;
  address: Address;
  source: IdentitySource;
}

/**
 * A pluggable identity source a host can add (`kit.identity().then(s => s.addResolver(...))`).
 * A resolver whose `id` is `ens` or `lens` replaces that built-in source (an
 * `{ id: 'lens' }` with no methods turns Lens off); any other id adds a source
 * whose answers fill what ENS and Lens left empty.
 */
export interface IdentityResolver {
  id: IdentitySource;
  /** Resolves a name this resolver understands; returns undefined for names it does not handle. */
  resolveName?(name: string, signal?: AbortSignal): Promise<Address | null | undefined>;
  /** Adds what it knows about an address. */
  lookup?(address: Address, signal?: AbortSignal): Promise<Partial<Identity> | null>;
  /** What it knows about the address's trust (only the `web3bio` source, or a host resolver replacing it). */
  trust?(address: Address): Promise<Omit<Trust, 'source'> | null>;
}

/**
 * The page's identity service (one per kit configuration, shared by every
 * widget): cached, de-duplicating, batched lookups. Loaded lazily.
 */
export interface IdentityService {
  /**
   * Resolves an ENS name or Lens handle (`alice.eth`, `lens/stani`, `stani.lens`)
   * to an address. Throws a `KitError` with code `invalid-name` (fails ENSIP-15
   * normalisation or is not a name) or `resolution-failed` (no address / RPC error).
   * `fresh: true` skips the cache (used just before signing).
   */
  resolveName(name: string, options?: { fresh?: boolean; signal?: AbortSignal }): Promise<NameResolution>;
  /** Everything known about `address` (cached and de-duplicated across widgets), from every source but the on-demand ones. */
  lookup(address: Address, options?: { fresh?: boolean; signal?: AbortSignal }): Promise<Identity>;
  /**
   * What the on-demand source (web3.bio) reports about `address`: names on other platforms and
   * proof-verified links, asked only when someone looks (an open card), batched with other lookups
   * asked at the same time. null when that source is off; a source that fails is in `failures`.
   */
  elsewhere?(address: Address, options?: { fresh?: boolean; signal?: AbortSignal }): Promise<Identity | null>;
  /**
   * Trust signals for `address` from the credential source (web3.bio), asked only when a widget
   * needs them (an open card, a tip's recipient, a chat request): null when that source is off.
   * Throws a `KitError` (`resolution-failed`) when it does not answer within a few seconds.
   */
  trust(address: Address, options?: { fresh?: boolean; signal?: AbortSignal }): Promise<Trust | null>;
  /** Adds a host resolver. */
  addResolver(resolver: IdentityResolver): void;
  /**
   * Whether `address` can receive XMTP messages (it has an XMTP inbox), asked
   * with one batched `GetInboxIds` call to the configured XMTP API, without
   * loading the XMTP engine. Throws a `KitError` (`node-unreachable`) when the
   * API does not answer.
   */
  canMessage(address: Address, options?: { fresh?: boolean; signal?: AbortSignal }): Promise<boolean>;
  /**
   * Notes that the page shows `name` as the verified name of `address` (a
   * badge's name, a tip's recipient, a chat peer). One list per page, shared
   * by every kit under the same root kit; cheap (no look-alike work happens here).
   */
  noteShown(name: string, address: Address): void;
  /**
   * The other names shown on the page that read like `name` (same Unicode
   * confusable skeleton, UTS #39, plus case, digit and diacritic folding) and
   * belong to an address other than `address`: `a1ice.eth` next to `alice.eth`.
   * Loads the look-alike check (its own chunk) on first use.
   */
  lookalikes(name: string, address: Address): Promise<ShownName[]>;
  /** Calls `listener` whenever a new name is shown on the page; returns the function that stops it. */
  onShown(listener: () => void): () => void;
}
