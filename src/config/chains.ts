/**
 * Chain configuration as plain data. Nothing here imports viem: the entry stays
 * small, and viem chain objects are built lazily in `wallet/clients.ts`. It sits
 * in `config/` (below the services) because the kit's configuration and every
 * service's port name chains; a service reads them, it does not own them.
 */
export interface TokenConfig {
  address: `0x${string}`;
  symbol?: string;
  decimals?: number;
}

export interface ChainConfig {
  id: number;
  /** Short lower-case key used in attributes: `chain="base"`. */
  key: string;
  name: string;
  rpcUrls: string[];
  nativeCurrency: { name: string; symbol: string; decimals: number };
  blockExplorer?: string;
  contracts?: {
    ensUniversalResolver?: `0x${string}`;
    multicall3?: `0x${string}`;
  };
  /** Tokens addressable by symbol: `token="USDC"`. */
  tokens?: Record<string, TokenConfig>;
}

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const;
const ETH = { name: 'Ether', symbol: 'ETH', decimals: 18 };

/** Public defaults. Hosts should pass their own RPC URLs for production traffic. */
export const DEFAULT_CHAINS: readonly ChainConfig[] = [
  {
    id: 1,
    key: 'ethereum',
    name: 'Ethereum',
    rpcUrls: ['https://eth.merkle.io'],
    nativeCurrency: ETH,
    blockExplorer: 'https://etherscan.io',
    contracts: {
      ensUniversalResolver: '0xeEeEEEeE14D718C2B47D9923Deab1335E144EeEe',
      multicall3: MULTICALL3,
    },
    tokens: { USDC: { address: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', symbol: 'USDC', decimals: 6 } },
  },
  {
    id: 8453,
    key: 'base',
    name: 'Base',
    rpcUrls: ['https://mainnet.base.org'],
    nativeCurrency: ETH,
    blockExplorer: 'https://basescan.org',
    contracts: { multicall3: MULTICALL3 },
    tokens: { USDC: { address: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913', symbol: 'USDC', decimals: 6 } },
  },
  {
    id: 10,
    key: 'optimism',
    name: 'OP Mainnet',
    rpcUrls: ['https://mainnet.optimism.io'],
    nativeCurrency: ETH,
    blockExplorer: 'https://optimistic.etherscan.io',
    contracts: { multicall3: MULTICALL3 },
    tokens: { USDC: { address: '0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85', symbol: 'USDC', decimals: 6 } },
  },
  {
    id: 42161,
    key: 'arbitrum',
    name: 'Arbitrum One',
    rpcUrls: ['https://arb1.arbitrum.io/rpc'],
    nativeCurrency: ETH,
    blockExplorer: 'https://arbiscan.io',
    contracts: { multicall3: MULTICALL3 },
    tokens: { USDC: { address: '0xaf88d065e77c8cC2239327C5EDb3A432268e5831', symbol: 'USDC', decimals: 6 } },
  },
  {
    id: 137,
    key: 'polygon',
    name: 'Polygon',
    rpcUrls: ['https://polygon-rpc.com'],
    nativeCurrency: { name: 'POL', symbol: 'POL', decimals: 18 },
    blockExplorer: 'https://polygonscan.com',
    contracts: { multicall3: MULTICALL3 },
    tokens: { USDC: { address: '0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359', symbol: 'USDC', decimals: 6 } },
  },
];

/** What a host may pass for a chain: an id, a key/name, or a (partial) object with an id. */
export type ChainInput = number | string | (Partial<ChainConfig> & { id: number });

/** Finds a chain by id (number or decimal/hex string), key or name, case-insensitively. */
export function findChain(chains: readonly ChainConfig[], ref: number | string | null | undefined): ChainConfig | undefined {
  if (ref === null || ref === undefined) return undefined;
  const text = String(ref).trim();
  if (!text) return undefined;
  const id = /^(0x[0-9a-f]+|\d+)$/i.test(text) ? Number(text) : NaN;
  const lower = text.toLowerCase();
  return chains.find((c) => c.id === id || c.key === lower || c.name.toLowerCase() === lower);
}

/**
 * Builds the chain list from host input. Unknown references throw a
 * `KitConfigError` naming the culprit, so a typo never silently drops a chain.
 */
export function buildChains(input: readonly ChainInput[], known: readonly ChainConfig[] = DEFAULT_CHAINS): ChainConfig[] {
  return input.map((item) => {
    if (typeof item === 'object') {
      const base = findChain(known, item.id);
      const merged = { ...base, ...item } as Partial<ChainConfig>;
      if (!Number.isSafeInteger(merged.id) || (merged.id ?? 0) <= 0) throw new KitConfigError(`Chain id “${String(item.id)}” is not a positive integer.`);
      if (!merged.rpcUrls?.length) throw new KitConfigError(`Chain ${merged.id} needs at least one RPC URL.`);
      return {
        key: String(merged.id),
        name: `Chain ${merged.id}`,
        nativeCurrency: ETH,
        ...merged,
      } as ChainConfig;
    }
    const found = findChain(known, item);
    if (!found) throw new KitConfigError(`Unknown chain “${String(item)}”. Use a chain id or one of: ${known.map((c) => c.key).join(', ')}.`);
    return found;
  });
}

export class KitConfigError extends Error {
  readonly code = 'invalid-config' as const;
}
