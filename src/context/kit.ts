import type { IdentityService } from '../identity/types.js';
import type { Address } from '../internal/address.js';
import { buildChains, DEFAULT_CHAINS, findChain, KitConfigError, type ChainConfig, type ChainInput } from '../wallet/chains.js';
import type { EIP1193Provider, WalletInfo } from '../wallet/eip1193.js';
import type { KitError } from '../wallet/errors.js';
import { WalletService } from '../wallet/wallet.js';

export type XmtpEnv = 'local' | 'dev' | 'production';

/** The resolved configuration every widget reads. */
export interface KitConfig {
  chains: ChainConfig[];
  /** Chain used when a widget names none (id). */
  defaultChain: number;
  /** Chain whose ENS registry resolves names (id). */
  ensChain: number;
  xmtp: { env: XmtpEnv; apiUrl?: string; engineUrl?: string };
  lensApiUrl: string;
  ipfsGateway: string;
  /** BCP 47 language; empty = the document's or the browser's. */
  lang: string;
}

/** What a host may pass to `configure()` / `<mask-provider>`. Everything is optional. */
export interface KitConfigInput {
  chains?: ChainInput[];
  /** RPC URL overrides by chain id or key: `{ base: 'https://…' }`. */
  rpc?: Record<string, string>;
  defaultChain?: number | string;
  ensChain?: number | string;
  /**
   * `engineUrl`: where to load the prebuilt chat engine from (`mask-widgets-engine.js` of the CDN
   * build, resolved against the page) instead of from your bundle; for bundlers that cannot bundle
   * the XMTP SDK's worker and wasm.
   */
  xmtp?: { env?: XmtpEnv; apiUrl?: string; engineUrl?: string };
  lensApiUrl?: string;
  ipfsGateway?: string;
  lang?: string;
  /** A wallet the host already manages; the kit adopts it instead of asking the user to connect again. */
  provider?: EIP1193Provider;
  providerInfo?: Partial<WalletInfo>;
}

const XMTP_ENVS: readonly XmtpEnv[] = ['local', 'dev', 'production'];

const DEFAULTS: KitConfig = {
  chains: [...DEFAULT_CHAINS],
  defaultChain: 1,
  ensChain: 1,
  xmtp: { env: 'production' },
  lensApiUrl: 'https://api.lens.xyz/graphql',
  ipfsGateway: 'https://ipfs.io/ipfs/',
  lang: '',
};

/**
 * One configuration plus the page's wallet. The page has one root kit; a
 * `<mask-provider>` makes a child kit that inherits from its parent, overrides
 * configuration for its subtree, and shares the same wallet connection.
 * Fires `change` whenever configuration or wallet state changes.
 */
export class Kit extends EventTarget {
  readonly wallet: WalletService;
  readonly parent: Kit | null;
  config: KitConfig;
  #own: KitConfigInput = {};
  #clients = new Map<string, Promise<unknown>>();
  #identity: Promise<IdentityService> | undefined;

  constructor(options: { parent?: Kit | null; wallet?: WalletService; config?: KitConfigInput } = {}) {
    super();
    this.parent = options.parent ?? null;
    this.wallet = options.wallet ?? this.parent?.wallet ?? new WalletService();
    this.config = this.#resolve({});
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

  /**
   * Opens the shared connect dialog; resolves with the account, rejects with a
   * `KitError` when the visitor gives up. `report` hears each failed attempt.
   */
  async connect(report?: (error: KitError) => void): Promise<Address> {
    if (this.wallet.status === 'connected' && this.wallet.account) return this.wallet.account;
    const { openConnectDialog } = await import('../components/connect/open-connect-dialog.js');
    return openConnectDialog(this, report);
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
   * Follows the parent's configuration and the wallet again (after `dispose()`).
   * Idempotent. `<mask-provider>` calls it when connected.
   */
  attach(): void {
    this.wallet.addEventListener('change', this.#forward);
    this.parent?.addEventListener('change', this.#onParentChange);
    this.#onParentChange();
  }

  /** Stops following the parent and the wallet, so a removed provider leaves nothing behind. */
  dispose(): void {
    this.parent?.removeEventListener('change', this.#onParentChange);
    this.wallet.removeEventListener('change', this.#forward);
  }

  #onParentChange = (): void => {
    // Re-resolve so inherited values follow the parent; our own values still win.
    this.config = this.#resolve(this.#own);
    this.#forward();
  };

  #forward = (): void => {
    this.dispatchEvent(new Event('change'));
  };

  #resolve(input: KitConfigInput): KitConfig {
    const base = this.parent?.config ?? DEFAULTS;
    let chains = input.chains ? buildChains(input.chains, [...base.chains, ...DEFAULT_CHAINS]) : base.chains;
    if (input.rpc) {
      chains = chains.map((c) => {
        const url = input.rpc?.[c.key] ?? input.rpc?.[String(c.id)];
        return url ? { ...c, rpcUrls: [url] } : c;
      });
      for (const ref of Object.keys(input.rpc)) {
        if (!findChain(chains, ref)) throw new KitConfigError(`RPC URL given for “${ref}”, which is not a configured chain.`);
      }
    }
    const pick = (ref: number | string | undefined, fallback: number): number => {
      if (ref === undefined || ref === '') return findChain(chains, fallback) ? fallback : chains[0].id;
      const found = findChain(chains, ref);
      if (!found) throw new KitConfigError(`“${String(ref)}” is not one of the configured chains (${chains.map((c) => c.key).join(', ')}).`);
      return found.id;
    };
    if (!chains.length) throw new KitConfigError('At least one chain must be configured.');
    const xmtp = { ...base.xmtp, ...input.xmtp };
    if (!XMTP_ENVS.includes(xmtp.env)) throw new KitConfigError(`XMTP env must be one of ${XMTP_ENVS.join(', ')}.`);
    for (const url of [xmtp.apiUrl, input.lensApiUrl, input.ipfsGateway]) {
      if (url !== undefined && !/^https?:\/\//.test(url)) throw new KitConfigError(`“${url}” is not an http(s) URL.`);
    }
    return {
      chains,
      defaultChain: pick(input.defaultChain, base.defaultChain),
      ensChain: pick(input.ensChain, base.ensChain),
      xmtp,
      lensApiUrl: input.lensApiUrl ?? base.lensApiUrl,
      ipfsGateway: input.ipfsGateway ?? base.ipfsGateway,
      lang: input.lang ?? base.lang,
    };
  }
}
