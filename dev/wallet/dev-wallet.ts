// Browser code (no node imports): an EIP-1193 dev wallet backed by anvil's unlocked accounts.
// For local demos and tests only; never part of dist/.
import type { Address, EIP1193Provider } from 'viem';

export interface DevWalletInfo {
  uuid: string;
  name: string;
  /** data: URI */
  icon: string;
  rdns: string;
}

export interface DevWalletOptions {
  /** chainId -> JSON-RPC URL */
  chains: Record<number, string>;
  /** chain selected at start (may be one without an RPC URL: requests needing the RPC then fail with 4901) */
  chainId: number;
  /** selected account; default: first of `accounts`, else first of eth_accounts of the current RPC */
  account?: Address;
  /** accounts the wallet holds (informational; setAccount accepts any address) */
  accounts?: Address[];
  /** default "Mask Dev Wallet" */
  name?: string;
  /** default "dev.mask-widgets.wallet" */
  rdns?: string;
  /** data: URI; default a small SVG */
  icon?: string;
  /**
   * Like real wallets, run eth_estimateGas before eth_sendTransaction (when no gas is given) and fail
   * with the node's error (e.g. code 3 "execution reverted: <reason>") instead of mining a reverting
   * transaction. Default true; false forwards eth_sendTransaction as is (anvil then mines it as reverted).
   */
  simulate?: boolean;
  /**
   * Remember the connection across reloads, like real wallets: after `eth_requestAccounts`,
   * `eth_accounts` answers with the last connected account on the next page load too, until
   * `disconnect()` or `wallet_revokePermissions`. `true` keeps it in `localStorage`; the entry
   * is per configured `account`, so pages that pick different accounts do not share it.
   */
  persist?: boolean | { storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>; key?: string };
  /**
   * Smart accounts the wallet fronts, like a smart-wallet app does: contract address -> owner
   * address (an account the RPC signs for, e.g. an anvil dev account). When the selected account is
   * one of these contracts, `personal_sign`, `eth_sign` and `eth_signTypedData*` are signed by its
   * owner (the contract's ERC-1271 `isValidSignature` checks them: the dev chain's DevSmartAccount
   * accepts its owner's signature over the hash it is given). Transactions from a smart account are
   * not supported (they fail with 4200).
   */
  smartAccounts?: Record<Address, Address>;
}

/** The error shape wallets throw (EIP-1193 ProviderRpcError). */
export interface DevWalletError extends Error {
  code: number;
  data?: unknown;
}

export interface DevWalletCall {
  method: string;
  params: unknown;
}

export interface DevWallet extends EIP1193Provider {
  readonly info: DevWalletInfo;
  /** The next request (optionally: the next one of `method`) fails with `code` (default 4001). Calls queue up. */
  rejectNext(method?: string, code?: number): void;
  /** While on, wallet_switchEthereumChain fails with -32603 even for known chains. */
  failChainSwitch(on: boolean): void;
  /** Selects another account; emits accountsChanged([address]) when connected and the account changes. */
  setAccount(address: Address): void;
  /** Selects another chain (known or not); emits chainChanged(hex) when it changes. */
  setChain(chainId: number): void;
  /** Forgets the connection; emits accountsChanged([]). */
  disconnect(): void;
  /** Every request made, in order (including rejected ones). */
  readonly calls: DevWalletCall[];
  readonly connected: boolean;
  readonly chainId: number;
  readonly account: Address | undefined;
  /** chainId -> RPC URL, including chains added with wallet_addEthereumChain */
  readonly chains: Readonly<Record<number, string>>;
}

const DEFAULT_ICON =
  'data:image/svg+xml;base64,' +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">' +
      '<rect width="32" height="32" rx="8" fill="#1c68f3"/>' +
      '<path d="M8 11h16v12H8z" fill="none" stroke="#fff" stroke-width="2"/>' +
      '<circle cx="20" cy="17" r="2" fill="#fff"/></svg>',
  );

const MESSAGES: Record<number, string> = {
  4001: 'User rejected the request.',
  4100: 'The requested account and/or method has not been authorized by the user.',
  4200: 'The requested method is not supported by this Ethereum provider.',
  4900: 'The provider is disconnected from all chains.',
  4901: 'The provider is disconnected from the specified chain.',
  4902: 'Unrecognized chain ID.',
  [-32602]: 'Invalid method parameters.',
  [-32603]: 'Internal JSON-RPC error.',
};

/** Methods that need a connected account, as in real wallets. */
const NEEDS_AUTH = new Set([
  'personal_sign',
  'eth_sign',
  'eth_signTypedData',
  'eth_signTypedData_v3',
  'eth_signTypedData_v4',
  'eth_sendTransaction',
  'eth_signTransaction',
]);

export function walletError(code: number, message?: string, data?: unknown): DevWalletError {
  const err = new Error(message ?? MESSAGES[code] ?? `Dev wallet error ${code}`) as DevWalletError;
  err.name = 'ProviderRpcError';
  err.code = code;
  if (data !== undefined) err.data = data;
  return err;
}

function toHexChainId(id: number): `0x${string}` {
  return `0x${id.toString(16)}`;
}

function parseChainId(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^0x[0-9a-fA-F]+$/.test(value)) return Number.parseInt(value, 16);
  throw walletError(-32602, `Invalid chainId: ${JSON.stringify(value)} (expected a 0x-prefixed hex string)`);
}

function randomUuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  c.getRandomValues(b);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const sameAddress = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

type Listener = (...args: never[]) => void;

export function createDevWallet(opts: DevWalletOptions): DevWallet {
  const chains = new Map<number, string>();
  for (const [id, url] of Object.entries(opts.chains)) chains.set(Number(id), url);
  let chainId = opts.chainId;
  let account: Address | undefined = opts.account ?? opts.accounts?.[0];
  let connected = false;
  let switchFails = false;
  const simulate = opts.simulate ?? true;
  const rejections: { method?: string; code: number }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const calls: DevWalletCall[] = [];
  let rpcId = 0;
  const owners = new Map(Object.entries(opts.smartAccounts ?? {}).map(([contract, owner]) => [contract.toLowerCase(), owner]));
  /** The key that signs for `address`: its owner when it is a smart account, else itself. */
  const signerFor = (address: unknown): unknown => (typeof address === 'string' && owners.get(address.toLowerCase())) || address;

  // The remembered connection (opts.persist): the account last connected, per configured account.
  const store = opts.persist ? (opts.persist === true ? (globalThis.localStorage as Storage | undefined) : opts.persist.storage) : undefined;
  const storeKey = (opts.persist && opts.persist !== true && opts.persist.key) || `mask-dev-wallet:connection:${(opts.account ?? 'default').toLowerCase()}`;
  const remember = (): void => {
    try {
      if (connected && account) store?.setItem(storeKey, account);
      else store?.removeItem(storeKey);
    } catch {
      /* storage may be blocked: the connection is then forgotten on reload */
    }
  };
  try {
    const saved = store?.getItem(storeKey);
    if (saved && /^0x[0-9a-fA-F]{40}$/.test(saved)) {
      account = saved as Address;
      connected = true;
    }
  } catch {
    /* as above */
  }

  const info: DevWalletInfo = Object.freeze({
    uuid: randomUuid(),
    name: opts.name ?? 'Mask Dev Wallet',
    icon: opts.icon ?? DEFAULT_ICON,
    rdns: opts.rdns ?? 'dev.mask-widgets.wallet',
  });

  function emit(event: string, ...args: unknown[]): void {
    for (const fn of [...(listeners.get(event) ?? [])]) {
      try {
        (fn as (...a: unknown[]) => void)(...args);
      } catch (err) {
        // A listener's bug must not break the wallet; surface it like an unhandled error.
        setTimeout(() => {
          throw err;
        });
      }
    }
  }

  async function rpc(method: string, params: unknown): Promise<unknown> {
    const url = chains.get(chainId);
    if (!url) throw walletError(4901, `The provider is disconnected from chain ${chainId} (no RPC URL known).`);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params: params ?? [] }),
      });
    } catch (err) {
      throw walletError(-32603, `Internal JSON-RPC error: ${url} unreachable (${String(err)})`);
    }
    let body: { result?: unknown; error?: { code: number; message: string; data?: unknown } };
    try {
      body = await res.json();
    } catch {
      throw walletError(-32603, `Internal JSON-RPC error: HTTP ${res.status} from ${url}`);
    }
    if (body.error) throw walletError(body.error.code, body.error.message, body.error.data);
    return body.result;
  }

  async function ensureAccount(): Promise<Address> {
    if (!account) {
      const list = (await rpc('eth_accounts', [])) as Address[];
      if (!list?.length) throw walletError(-32603, 'The dev chain has no unlocked accounts.');
      account = list[0]!;
    }
    return account;
  }

  function connectedAccounts(): Address[] {
    return connected && account ? [account] : [];
  }

  function switchChain(next: number): void {
    if (next === chainId) return;
    chainId = next;
    emit('chainChanged', toHexChainId(next));
  }

  function checkSigner(address: unknown): void {
    if (typeof address !== 'string' || !sameAddress(address, account)) {
      throw walletError(4100, `The requested account ${String(address)} has not been authorized by the user.`);
    }
  }

  async function handle(method: string, params: unknown): Promise<unknown> {
    const p = Array.isArray(params) ? (params as unknown[]) : [];
    if (NEEDS_AUTH.has(method) && !connected) throw walletError(4100);

    switch (method) {
      case 'eth_requestAccounts': {
        await ensureAccount();
        const wasConnected = connected;
        connected = true;
        remember();
        if (!wasConnected) {
          emit('connect', { chainId: toHexChainId(chainId) });
          emit('accountsChanged', connectedAccounts());
        }
        return connectedAccounts();
      }
      case 'eth_accounts':
        return connectedAccounts();
      case 'eth_chainId':
        return toHexChainId(chainId);
      case 'net_version':
        return String(chainId);
      case 'wallet_requestPermissions': {
        await handle('eth_requestAccounts', []);
        return [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: connectedAccounts() }] }];
      }
      case 'wallet_getPermissions':
        return connected
          ? [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: connectedAccounts() }] }]
          : [];
      case 'wallet_revokePermissions':
        disconnect();
        return null;
      case 'wallet_switchEthereumChain': {
        const target = parseChainId((p[0] as { chainId?: unknown } | undefined)?.chainId);
        if (switchFails) throw walletError(-32603, 'Internal JSON-RPC error: chain switch failed (dev wallet failChainSwitch).');
        if (!chains.has(target)) {
          throw walletError(
            4902,
            `Unrecognized chain ID "${toHexChainId(target)}". Try adding the chain using wallet_addEthereumChain first.`,
          );
        }
        switchChain(target);
        return null;
      }
      case 'wallet_addEthereumChain': {
        const param = p[0] as { chainId?: unknown; rpcUrls?: unknown } | undefined;
        const id = parseChainId(param?.chainId);
        const url = Array.isArray(param?.rpcUrls) ? param.rpcUrls[0] : undefined;
        if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
          throw walletError(-32602, 'Invalid parameters: rpcUrls[0] must be an http(s) URL.');
        }
        chains.set(id, url);
        return null;
      }
      case 'personal_sign':
        checkSigner(p[1]);
        return rpc(method, [p[0], signerFor(p[1]), ...p.slice(2)]);
      case 'eth_sign':
      case 'eth_signTypedData':
      case 'eth_signTypedData_v3':
      case 'eth_signTypedData_v4':
        checkSigner(p[0]);
        return rpc(method, [signerFor(p[0]), ...p.slice(1)]);
      case 'eth_sendTransaction':
      case 'eth_signTransaction': {
        const tx = { ...((p[0] ?? {}) as Record<string, unknown>) };
        tx.from ??= account;
        checkSigner(tx.from);
        if (signerFor(tx.from) !== tx.from) throw walletError(4200, 'The dev wallet does not send transactions from a smart account.');
        if (method === 'eth_sendTransaction' && simulate && tx.gas === undefined) {
          // Fails with the node's error (code 3, "execution reverted: <reason>") for a reverting call.
          const estimate = { ...tx };
          delete estimate.gas;
          tx.gas = await rpc('eth_estimateGas', [estimate]);
        }
        return rpc(method, [tx, ...p.slice(1)]);
      }
      default:
        return rpc(method, params);
    }
  }

  function disconnect(): void {
    const was = connected;
    connected = false;
    remember();
    if (was) emit('accountsChanged', []);
  }

  const wallet = {
    info,
    async request(args: { method: string; params?: unknown }): Promise<unknown> {
      if (!args || typeof args.method !== 'string') throw walletError(-32602, 'Invalid request: method must be a string.');
      const { method, params } = args;
      calls.push({ method, params });
      const i = rejections.findIndex((r) => r.method === undefined || r.method === method);
      if (i >= 0) {
        const [r] = rejections.splice(i, 1);
        throw walletError(r!.code);
      }
      return handle(method, params);
    },
    on(event: string, fn: Listener): void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
    },
    removeListener(event: string, fn: Listener): void {
      listeners.get(event)?.delete(fn);
    },
    rejectNext(method?: string, code = 4001): void {
      rejections.push(method === undefined ? { code } : { method, code });
    },
    failChainSwitch(on: boolean): void {
      switchFails = on;
    },
    setAccount(address: Address): void {
      const changed = !sameAddress(address, account);
      account = address;
      remember();
      if (connected && changed) emit('accountsChanged', [address]);
    },
    setChain(id: number): void {
      switchChain(id);
    },
    disconnect,
    calls,
    get connected() {
      return connected;
    },
    get chainId() {
      return chainId;
    },
    get account() {
      return account;
    },
    get chains() {
      return Object.fromEntries(chains) as Record<number, string>;
    },
  };
  // The request function is generic over viem's typed method list; at run time it is one function.
  return wallet as unknown as DevWallet;
}

/**
 * EIP-6963: announces the wallet now and again on every `eip6963:requestProvider`.
 * Returns a function that stops answering requests.
 */
export function announceDevWallet(wallet: DevWallet): () => void {
  const detail = Object.freeze({ info: Object.freeze({ ...wallet.info }), provider: wallet });
  const announce = (): void => {
    window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
  };
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
  return () => window.removeEventListener('eip6963:requestProvider', announce);
}
