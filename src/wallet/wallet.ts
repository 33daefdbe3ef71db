import { toChecksumAddress, type Address } from '../internal/address.js';
import type { ChainConfig } from '../config/chains.js';
import type { EIP1193Provider, EIP6963AnnounceEvent, WalletInfo, WalletOption } from './eip1193.js';
import { KitError, toWalletError } from './errors.js';

export type WalletStatus = 'disconnected' | 'connecting' | 'connected';

const STORAGE_KEY = 'mask-widgets:wallet';
const INJECTED_ICON =
  'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"%3E%3Crect width="24" height="24" rx="6" fill="%23888"/%3E%3C/svg%3E';

/**
 * The page's wallet connection: discovery (EIP-6963, then `window.ethereum`),
 * connect / disconnect, account and chain tracking, chain switching.
 * Knows nothing about the DOM beyond `window` events. Fires `change`.
 */
export class WalletService extends EventTarget {
  status: WalletStatus = 'disconnected';
  account: Address | null = null;
  chainId: number | null = null;
  /** The wallet in use, once connected (or while connecting). */
  current: WalletOption | null = null;
  /** The last connection error, cleared by the next attempt. */
  error: KitError | null = null;

  #options = new Map<string, WalletOption>();
  #discovering = false;
  #listeners: Array<[string, (...args: never[]) => void]> = [];

  /** Wallets found so far (EIP-6963 first, then the legacy injected one). */
  get wallets(): WalletOption[] {
    const list = [...this.#options.values()];
    const announced = list.filter((w) => w.source !== 'injected');
    // Show the legacy `window.ethereum` only when it is not already announced.
    const injected = list.filter((w) => w.source === 'injected' && !announced.some((a) => a.provider === w.provider));
    return [...announced, ...injected];
  }

  /** Starts EIP-6963 discovery. Safe to call more than once. */
  discover(): void {
    if (this.#discovering || typeof window === 'undefined') return;
    this.#discovering = true;
    window.addEventListener('eip6963:announceProvider', this.#onAnnounce as EventListener);
    window.dispatchEvent(new Event('eip6963:requestProvider'));
    const injected = (window as { ethereum?: EIP1193Provider }).ethereum;
    if (injected && typeof injected.request === 'function') {
      this.#options.set('injected', {
        info: { uuid: 'injected', name: 'Browser wallet', icon: INJECTED_ICON, rdns: 'injected' },
        provider: injected,
        source: 'injected',
      });
    }
  }

  #onAnnounce = (event: EIP6963AnnounceEvent): void => {
    const { info, provider } = event.detail ?? {};
    if (!info?.uuid || typeof provider?.request !== 'function') return;
    this.#options.set(info.uuid, { info: sanitizeInfo(info), provider, source: 'eip6963' });
    this.#emit();
    void this.#maybeResume(info.rdns);
  };

  /** Adopts a provider the host already has (a host-managed wallet). */
  async useProvider(provider: EIP1193Provider, info: Partial<WalletInfo> = {}): Promise<void> {
    const option: WalletOption = {
      info: sanitizeInfo({ uuid: 'host', name: 'Site wallet', icon: INJECTED_ICON, rdns: 'host', ...info }),
      provider,
      source: 'host',
    };
    this.#options.set(option.info.uuid, option);
    // Adopt silently: a host wallet that is already connected needs no prompt.
    const accounts = (await provider.request({ method: 'eth_accounts' }).catch(() => [])) as string[];
    if (accounts?.length) await this.#attach(option, accounts);
    else this.#emit();
  }

  /** Asks `option`'s wallet for accounts (`eth_requestAccounts`). */
  async connect(option: WalletOption): Promise<Address> {
    this.#detach();
    this.current = option;
    this.status = 'connecting';
    this.error = null;
    this.#emit();
    try {
      const accounts = (await option.provider.request({ method: 'eth_requestAccounts' })) as string[];
      if (!accounts?.length) throw new KitError('user-rejected', { key: 'error.userRejected' });
      await this.#attach(option, accounts);
      try {
        localStorage.setItem(STORAGE_KEY, option.info.rdns);
      } catch {
        /* storage may be blocked; reconnecting on reload is a nicety */
      }
      return this.account as Address;
    } catch (error) {
      this.#detach();
      this.error = toWalletError(error);
      this.#emit();
      throw this.error;
    }
  }

  /** Forgets the connection (wallets have no standard "disconnect" request). */
  disconnect(): void {
    this.#detach();
    this.error = null;
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* ignore */
    }
    this.#emit();
  }

  /**
   * Switches the wallet to `chain`, adding it first when the wallet does not
   * know it (error 4902).
   */
  async switchChain(chain: ChainConfig): Promise<void> {
    const provider = this.#requireProvider();
    // Lazy: only a tip or the connect dialog on the wrong network needs it.
    const { switchChain } = await import('./switch-chain.js');
    this.#setChain(await switchChain(provider, chain));
  }

  request(args: { method: string; params?: unknown }): Promise<unknown> {
    return this.#requireProvider().request(args);
  }

  #requireProvider(): EIP1193Provider {
    if (this.status !== 'connected' || !this.current) throw new KitError('not-connected', { key: 'error.notConnected' });
    return this.current.provider;
  }

  async #maybeResume(rdns: string): Promise<void> {
    let remembered: string | null = null;
    try {
      remembered = localStorage.getItem(STORAGE_KEY);
    } catch {
      return;
    }
    if (remembered !== rdns || this.status !== 'disconnected') return;
    const option = this.wallets.find((w) => w.info.rdns === rdns);
    if (!option) return;
    const accounts = (await option.provider.request({ method: 'eth_accounts' }).catch(() => [])) as string[];
    if (accounts?.length && this.status === 'disconnected') await this.#attach(option, accounts);
  }

  async #attach(option: WalletOption, accounts: string[]): Promise<void> {
    this.#detach();
    this.current = option;
    this.account = toChecksumAddress(accounts[0]);
    this.#setChain(await option.provider.request({ method: 'eth_chainId' }).catch(() => null), false);
    this.status = this.account ? 'connected' : 'disconnected';
    const on = (event: string, fn: (...args: never[]) => void): void => {
      option.provider.on?.(event, fn);
      this.#listeners.push([event, fn]);
    };
    on('accountsChanged', ((list: string[]) => {
      const next = toChecksumAddress(list?.[0]);
      if (!next) {
        this.disconnect();
        return;
      }
      this.account = next;
      this.#emit();
    }) as (...args: never[]) => void);
    on('chainChanged', ((id: string) => this.#setChain(id)) as (...args: never[]) => void);
    on('disconnect', (() => this.disconnect()) as (...args: never[]) => void);
    this.#emit();
  }

  #detach(): void {
    const provider = this.current?.provider;
    for (const [event, fn] of this.#listeners) provider?.removeListener?.(event, fn);
    this.#listeners = [];
    this.current = null;
    this.account = null;
    this.chainId = null;
    this.status = 'disconnected';
  }

  #setChain(value: unknown, emit = true): void {
    const id = typeof value === 'string' ? Number.parseInt(value, value.startsWith('0x') ? 16 : 10) : Number(value);
    const next = Number.isSafeInteger(id) && id > 0 ? id : null;
    if (next === this.chainId) return;
    this.chainId = next;
    if (emit) this.#emit();
  }

  #emit(): void {
    this.dispatchEvent(new Event('change'));
  }
}

/** Keeps only what is safe to show: text fields as strings, and a data: icon. */
function sanitizeInfo(info: WalletInfo): WalletInfo {
  const icon = typeof info.icon === 'string' && info.icon.startsWith('data:image/') ? info.icon : INJECTED_ICON;
  return {
    uuid: String(info.uuid),
    name: String(info.name || 'Wallet').slice(0, 64),
    icon,
    rdns: String(info.rdns || info.uuid),
  };
}
