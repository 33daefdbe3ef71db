import { DEFAULT_CONFIG, resolveConfig, type ConfigInput, type KitConfig } from '../config/config.js';
import { findChain, type ChainConfig } from '../config/chains.js';
import type { IdentityService } from '../identity/types.js';
import type { Address } from '../internal/address.js';
import { KitError } from '../internal/errors.js';
import type { EIP1193Provider, WalletInfo } from '../wallet/eip1193.js';
import { WalletService } from '../wallet/wallet.js';

export type { KitConfig, XmtpEnv } from '../config/config.js';

/** What a host may pass to `configure()` / `<mask-provider>`. Everything is optional. */
export interface KitConfigInput extends ConfigInput {
  /** A wallet the host already manages; the kit adopts it instead of asking the user to connect again. */
  provider?: EIP1193Provider;
  providerInfo?: Partial<WalletInfo>;
}

/**
 * A connect flow: asks the visitor to connect a wallet to `kit`, resolves with
 * the account, rejects with a `KitError` when the visitor gives up; `report`
 * hears each failed attempt. The kit opens no UI itself: the entry hands it one
 * (`kit.useConnector(...)`; the kit's own is the connect dialog).
 */
export type Connector = (kit: Kit, report: (error: KitError) => void) => Promise<Address>;

/**
 * One configuration plus the page's wallet. The page has one root kit; a
 * `<mask-provider>` makes a child kit that inherits from its parent, overrides
 * configuration for its subtree, and shares the same wallet connection.
 * Fires `change` whenever configuration or wallet state changes.
 */
export class Kit extends EventTarget {
  readonly wallet: WalletService;
  config: KitConfig;
  #parent: Kit | null;
  #own: KitConfigInput = {};
  #clients = new Map<string, Promise<unknown>>();
  #identity: Promise<IdentityService> | undefined;
  #connector: Connector | null = null;

  constructor(options: { parent?: Kit | null; wallet?: WalletService; config?: KitConfigInput } = {}) {
    super();
    this.#parent = options.parent ?? null;
    this.wallet = options.wallet ?? this.#parent?.wallet ?? new WalletService();
    this.config = resolveConfig({}, this.#parent?.config);
    this.attach();
    if (options.config) this.configure(options.config);
  }

  /**
   * Merges `input` into this kit's configuration. Invalid input throws a
   * `KitConfigError` and leaves the previous configuration in place.
   */
  configure(input: KitConfigInput): void {
    const { provider, providerInfo, ...rest } = input;
    const next = { ...this.#own, ...rest, xmtp: { ...this.#own.xmtp, ...rest.xmtp } };
    this.config = this.#resolve(next);
    this.#own = next;
    this.#clients.clear();
    this.#identity = undefined;
    if (provider) void this.wallet.useProvider(provider, providerInfo);
    this.#forward();
  }

  /** A configured chain by id, key or name; the default chain when `ref` is empty. */
  chain(ref?: number | string | null): ChainConfig | undefined {
    return findChain(this.config.chains, ref === undefined || ref === null || ref === '' ? this.config.defaultChain : ref);
  }

  /** True when a wallet is connected on a chain this kit is not configured for. */
  get wrongChain(): boolean {
    return this.wallet.status === 'connected' && this.wallet.chainId !== null && !this.chain(this.wallet.chainId);
  }

  /** The language widgets render in. */
  get lang(): string {
    return this.config.lang || document.documentElement.lang || navigator.language || 'en';
  }

  /**
   * A viem client for `chain`, created on first use (viem loads lazily, in its
   * own chunk). JSON-RPC batching and multicall are on unless `batch: false`.
   */
  client(chain: ChainConfig, options: { batch?: boolean } = {}): Promise<import('viem').Client> {
    const batch = options.batch ?? true;
    const key = `${chain.id}|${chain.rpcUrls[0]}|${batch}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = import('../wallet/clients.js').then((m) => m.createChainClient(chain, { batch }));
      this.#clients.set(key, client);
    }
    return client as Promise<import('viem').Client>;
  }

  /** The kit this one inherits configuration from (`<mask-provider>` nests), or null for a root kit. */
  get parent(): Kit | null {
    return this.#parent;
  }

  /**
   * Hands the kit a connect flow (the entry gives the root kit the connect
   * dialog). Child kits use their parent's unless they have their own; null
   * goes back to inheriting.
   */
  useConnector(connector: Connector | null): void {
    this.#connector = connector;
  }

  /** The connect flow in effect: this kit's, else the nearest parent's. */
  get connector(): Connector | null {
    return this.#connector ?? this.#parent?.connector ?? null;
  }

  /**
   * Asks the visitor to connect a wallet through the kit's connect flow
   * (`fallback` when it has none); resolves with the account, rejects with a
   * `KitError` when the visitor gives up, or with `invalid-config` when the kit
   * has no flow at all. `report` hears each failed attempt.
   */
  async connect(report: (error: KitError) => void = () => {}, fallback?: Connector): Promise<Address> {
    if (this.wallet.status === 'connected' && this.wallet.account) return this.wallet.account;
    const connector = this.connector ?? fallback;
    if (!connector) throw new KitError('invalid-config', 'No connect flow: kit.useConnector(flow)');
    return connector(this, report);
  }

  /**
   * The identity service for this kit's configuration (ENS, Lens, host
   * resolvers), loaded on first use and shared by every widget under this kit.
   */
  identity(): Promise<IdentityService> {
    this.#identity ??= import('../identity/service.js').then((m) => m.createIdentityService(this));
    return this.#identity;
  }

  /**
   * Follows the parent's configuration and the wallet again (after `dispose()`),
   * and `parent` instead of the current one when given (a `<mask-provider>`
   * learns which provider encloses it only once it is in the document).
   * Idempotent. `<mask-provider>` calls it when connected.
   */
  attach(parent?: Kit): void {
    this.dispose();
    if (parent && parent !== this) this.#parent = parent;
    this.wallet.addEventListener('change', this.#forward);
    this.#parent?.addEventListener('change', this.#onParentChange);
    this.#onParentChange();
  }

  /** Stops following the parent and the wallet, so a removed provider leaves nothing behind. */
  dispose(): void {
    this.#parent?.removeEventListener('change', this.#onParentChange);
    this.wallet.removeEventListener('change', this.#forward);
  }

  #onParentChange = (): void => {
    // Re-resolve so inherited values follow the parent; our own values still win. A parent
    // whose configuration no longer admits ours (a chain it dropped) leaves ours as it was
    // rather than throwing inside the parent's event (or a provider's update).
    try {
      this.config = this.#resolve(this.#own);
    } catch {
      // The previous configuration stays; configure() reports our own input when it is set.
    }
    this.#forward();
  };

  #forward = (): void => {
    this.dispatchEvent(new Event('change'));
  };

  #resolve(input: KitConfigInput): KitConfig {
    return resolveConfig(input, this.#parent?.config ?? DEFAULT_CONFIG);
  }
}
