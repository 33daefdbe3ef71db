/**
 * viem clients, loaded lazily (its own chunk): `createClient` with per-action
 * imports elsewhere keeps what a page downloads to what it uses.
 */
import { createClient, http, type Chain, type Client } from 'viem';
import type { ChainConfig } from '../config/chains.js';

/** A viem `Chain` from our plain configuration. */
export function toViemChain(chain: ChainConfig): Chain {
  const contracts: Record<string, { address: `0x${string}` }> = {};
  if (chain.contracts?.ensUniversalResolver) contracts.ensUniversalResolver = { address: chain.contracts.ensUniversalResolver };
  if (chain.contracts?.multicall3) contracts.multicall3 = { address: chain.contracts.multicall3 };
  return {
    id: chain.id,
    name: chain.name,
    nativeCurrency: chain.nativeCurrency,
    rpcUrls: { default: { http: chain.rpcUrls } },
    blockExplorers: chain.blockExplorer ? { default: { name: chain.name, url: chain.blockExplorer } } : undefined,
    contracts,
  } as Chain;
}

/** A read client: JSON-RPC batching and multicall batching on unless `batch` is false. */
export function createChainClient(chain: ChainConfig, options: { batch: boolean }): Client {
  const viemChain = toViemChain(chain);
  return createClient({
    chain: viemChain,
    transport: http(chain.rpcUrls[0], { batch: options.batch ? { wait: 16 } : false, retryCount: 1 }),
    batch: options.batch && viemChain.contracts?.multicall3 ? { multicall: { wait: 16 } } : undefined,
  });
}
