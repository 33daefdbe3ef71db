// Browser-safe: the kit's chain configuration for a dev chain described by a Deployment.
import type { Deployment } from './deployment.js';

/**
 * What `configure({ chains: [...] })` takes for the dev chain: its RPC, the ENS
 * UniversalResolver stand-in and Multicall3, and (unless `usdc: false`) the dev
 * USDC as the token `USDC`. The demo, the e2e pages and the tests all use it.
 */
export function devKitChain(
  deployment: Pick<Deployment, 'chainId' | 'rpcUrl' | 'contracts'>,
  { key = 'dev', name = 'Mask Dev Chain', usdc = true }: { key?: string; name?: string; usdc?: boolean } = {},
) {
  const { contracts } = deployment;
  return {
    id: deployment.chainId,
    key,
    name,
    rpcUrls: [deployment.rpcUrl],
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    contracts: { ensUniversalResolver: contracts.ensUniversalResolver, multicall3: contracts.multicall3 },
    ...(usdc ? { tokens: { USDC: { address: contracts.usdc, symbol: 'USDC', decimals: 6 } } } : {}),
  };
}
